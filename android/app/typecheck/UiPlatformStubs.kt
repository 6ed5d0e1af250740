// Stand-ins for the Compose calls the screens make, for the type check only (README.md).
@file:Suppress("UNUSED_PARAMETER", "unused")

package androidx.compose.ui.platform

import android.content.Context
import androidx.compose.runtime.Composable

/** Compose's `LocalContext`: the screen's Android context. */
object LocalContext {
    val current: Context @Composable get() = Context()
}
