@file:Suppress("UNUSED_PARAMETER", "unused")

package androidx.compose.ui.semantics

import androidx.compose.ui.Modifier

interface SemanticsPropertyReceiver

enum class LiveRegionMode { Polite, Assertive }

fun Modifier.semantics(mergeDescendants: Boolean = false, properties: SemanticsPropertyReceiver.() -> Unit): Modifier = this
fun SemanticsPropertyReceiver.heading() {}
var SemanticsPropertyReceiver.contentDescription: String
    get() = ""
    set(value) {}
var SemanticsPropertyReceiver.liveRegion: LiveRegionMode
    get() = LiveRegionMode.Polite
    set(value) {}
