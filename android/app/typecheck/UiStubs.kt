@file:Suppress("UNUSED_PARAMETER", "unused")

package androidx.compose.ui

interface Modifier {
    companion object : Modifier
}

interface Alignment {
    interface Vertical
    interface Horizontal

    companion object {
        val CenterVertically: Vertical = object : Vertical {}
        val CenterHorizontally: Horizontal = object : Horizontal {}
        val Center: Alignment = object : Alignment {}
    }
}
