@file:Suppress("UNUSED_PARAMETER", "unused")

package androidx.compose.ui.text.input

@JvmInline value class KeyboardType(val value: Int) {
    companion object {
        val Text = KeyboardType(1)
        val Number = KeyboardType(3)
        val Password = KeyboardType(7)
        val NumberPassword = KeyboardType(8)
    }
}

interface VisualTransformation {
    companion object {
        val None: VisualTransformation = object : VisualTransformation {}
    }
}

class PasswordVisualTransformation(val mask: Char = '\u2022') : VisualTransformation
