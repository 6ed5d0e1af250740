@file:Suppress("UNUSED_PARAMETER", "unused")

package androidx.compose.ui.unit

@JvmInline value class Dp(val value: Float) {
    companion object {
        val Unspecified = Dp(Float.NaN)
    }
}

val Int.dp: Dp get() = Dp(toFloat())
