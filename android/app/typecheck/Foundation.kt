@file:Suppress("UNUSED_PARAMETER", "unused")

package androidx.compose.foundation

import androidx.compose.runtime.Composable
import androidx.compose.ui.Modifier

class ScrollState

@Composable fun rememberScrollState(initial: Int = 0): ScrollState = ScrollState()
fun Modifier.verticalScroll(state: ScrollState, enabled: Boolean = true): Modifier = this
