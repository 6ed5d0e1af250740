package ir.hamrah.app.ui

import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import ir.hamrah.ffi.HamrahException

// The screens of the newer services (top-up, transfers within the bank, loans, other banks'
// cards, cheques, the bank's information and the inbox) still call the bindings themselves;
// these two helpers keep them laid out the same way until each has its view model (issue 16).

/** The Persian message of any error of the core (the app never writes its own). */
val HamrahException.persian: String
    get() = when (this) {
        is HamrahException.Invalid -> messageFa
        is HamrahException.Bank -> messageFa
        is HamrahException.Network -> messageFa
        is HamrahException.SessionEnded -> messageFa
        is HamrahException.Device -> messageFa
        is HamrahException.Internal -> messageFa
    }

/** Runs a call of the core; its error, if any, goes to [onError] in Persian. */
suspend fun attempt(onError: (String?) -> Unit, block: suspend () -> Unit) {
    onError(null)
    try {
        block()
    } catch (e: HamrahException) {
        onError(e.persian)
    }
}

/** A call's error, in Persian. */
@Composable
fun ErrorText(text: String?) {
    if (text != null) Text(text, color = MaterialTheme.colorScheme.error)
}
