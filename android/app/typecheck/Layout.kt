@file:Suppress("UNUSED_PARAMETER", "unused")

package androidx.compose.foundation.layout

import androidx.compose.runtime.Composable
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.unit.Dp

object Arrangement {
    interface Horizontal
    interface Vertical
    interface HorizontalOrVertical : Horizontal, Vertical

    val Top: Vertical = object : Vertical {}
    val Start: Horizontal = object : Horizontal {}
    val SpaceBetween: HorizontalOrVertical = object : HorizontalOrVertical {}
    fun spacedBy(space: Dp): HorizontalOrVertical = object : HorizontalOrVertical {}
}

interface ColumnScope {
    fun Modifier.weight(weight: Float, fill: Boolean = true): Modifier = this
}

interface RowScope {
    fun Modifier.weight(weight: Float, fill: Boolean = true): Modifier = this
}

@Composable
inline fun Column(
    modifier: Modifier = Modifier,
    verticalArrangement: Arrangement.Vertical = Arrangement.Top,
    horizontalAlignment: Alignment.Horizontal = Alignment.CenterHorizontally,
    content: @Composable ColumnScope.() -> Unit,
) = content(object : ColumnScope {})

@Composable
inline fun Row(
    modifier: Modifier = Modifier,
    horizontalArrangement: Arrangement.Horizontal = Arrangement.Start,
    verticalAlignment: Alignment.Vertical = Alignment.CenterVertically,
    content: @Composable RowScope.() -> Unit,
) = content(object : RowScope {})

fun Modifier.fillMaxWidth(fraction: Float = 1f): Modifier = this
fun Modifier.heightIn(min: Dp = Dp.Unspecified, max: Dp = Dp.Unspecified): Modifier = this
fun Modifier.padding(all: Dp): Modifier = this
