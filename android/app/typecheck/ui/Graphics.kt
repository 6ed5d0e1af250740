@file:Suppress("UNUSED_PARAMETER", "unused")

package androidx.compose.ui.graphics

@JvmInline value class Color(val value: ULong) {
    companion object {
        val Unspecified = Color(16uL)
    }
}

fun Color(color: Long): Color = Color(color.toULong())
