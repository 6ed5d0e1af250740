@file:Suppress("UNUSED_PARAMETER", "unused")

package androidx.compose.material3

import androidx.compose.foundation.layout.ColumnScope
import androidx.compose.foundation.layout.RowScope
import androidx.compose.runtime.Composable
import androidx.compose.ui.Modifier
import androidx.compose.ui.graphics.Color
import androidx.compose.foundation.text.KeyboardOptions
import androidx.compose.ui.text.TextStyle
import androidx.compose.ui.text.input.VisualTransformation

class ColorScheme(val primary: Color, val onSurface: Color, val error: Color)

class Typography(
    val displaySmall: TextStyle,
    val headlineSmall: TextStyle,
    val titleMedium: TextStyle,
    val titleSmall: TextStyle,
    val bodyMedium: TextStyle,
    val bodySmall: TextStyle,
)

object MaterialTheme {
    val colorScheme: ColorScheme = ColorScheme(Color.Unspecified, Color.Unspecified, Color.Unspecified)
    val typography: Typography = TextStyle().let { Typography(it, it, it, it, it, it) }
}

@Composable fun MaterialTheme(content: @Composable () -> Unit) = content()

class ButtonColors

object ButtonDefaults {
    fun buttonColors(containerColor: Color = Color.Unspecified): ButtonColors = ButtonColors()
    fun textButtonColors(contentColor: Color = Color.Unspecified): ButtonColors = ButtonColors()
}

private object InColumn : ColumnScope

private object InRow : RowScope

@Composable
fun Text(
    text: String,
    modifier: Modifier = Modifier,
    color: Color = Color.Unspecified,
    style: TextStyle = TextStyle(),
) {}

@Composable
fun Button(
    onClick: () -> Unit,
    modifier: Modifier = Modifier,
    enabled: Boolean = true,
    colors: ButtonColors = ButtonColors(),
    content: @Composable RowScope.() -> Unit,
) = content(InRow)

@Composable
fun OutlinedButton(
    onClick: () -> Unit,
    modifier: Modifier = Modifier,
    enabled: Boolean = true,
    content: @Composable RowScope.() -> Unit,
) = content(InRow)

@Composable
fun TextButton(
    onClick: () -> Unit,
    modifier: Modifier = Modifier,
    enabled: Boolean = true,
    colors: ButtonColors = ButtonColors(),
    content: @Composable RowScope.() -> Unit,
) = content(InRow)

@Composable
fun OutlinedTextField(
    value: String,
    onValueChange: (String) -> Unit,
    modifier: Modifier = Modifier,
    enabled: Boolean = true,
    label: @Composable (() -> Unit)? = null,
    visualTransformation: VisualTransformation = VisualTransformation.None,
    keyboardOptions: KeyboardOptions = KeyboardOptions(),
    singleLine: Boolean = false,
) {}

@Composable fun Card(modifier: Modifier = Modifier, content: @Composable ColumnScope.() -> Unit) = content(InColumn)

@Composable fun CircularProgressIndicator(modifier: Modifier = Modifier) {}

@Composable fun LinearProgressIndicator(progress: () -> Float, modifier: Modifier = Modifier) {}

@Composable fun RadioButton(selected: Boolean, onClick: (() -> Unit)?, modifier: Modifier = Modifier, enabled: Boolean = true) {}

@Composable
fun AlertDialog(
    onDismissRequest: () -> Unit,
    confirmButton: @Composable () -> Unit,
    modifier: Modifier = Modifier,
    dismissButton: @Composable (() -> Unit)? = null,
    title: @Composable (() -> Unit)? = null,
    text: @Composable (() -> Unit)? = null,
) {}
