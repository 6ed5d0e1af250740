@file:Suppress("UNUSED_PARAMETER", "unused")

package androidx.compose.foundation.text

import androidx.compose.ui.text.input.KeyboardType

class KeyboardOptions(val keyboardType: KeyboardType = KeyboardType.Text)
