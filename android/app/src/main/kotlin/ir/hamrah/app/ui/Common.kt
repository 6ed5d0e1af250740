package ir.hamrah.app.ui

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.ColumnScope
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.text.KeyboardOptions
import androidx.compose.foundation.verticalScroll
import androidx.compose.material3.Button
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.ui.Modifier
import androidx.compose.ui.text.input.KeyboardType
import androidx.compose.ui.text.input.PasswordVisualTransformation
import androidx.compose.ui.text.input.VisualTransformation
import androidx.compose.ui.unit.dp
import ir.hamrah.ffi.HamrahException
import ir.hamrah.ffi.ProblemInfo

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

/** A screen: a title and a scrolling column. */
@Composable
fun Screen(title: String, content: @Composable ColumnScope.() -> Unit) {
    Column(
        Modifier.fillMaxWidth().verticalScroll(rememberScrollState()).padding(16.dp),
        verticalArrangement = Arrangement.spacedBy(12.dp),
    ) {
        Text(title, style = MaterialTheme.typography.headlineSmall)
        content()
    }
}

/** A text field; [secret] hides what is typed (passwords, PINs, CVV2). */
@Composable
fun Field(label: String, value: String, onChange: (String) -> Unit, digits: Boolean = false, secret: Boolean = false) {
    OutlinedTextField(
        value = value,
        onValueChange = onChange,
        label = { Text(label) },
        singleLine = true,
        modifier = Modifier.fillMaxWidth(),
        keyboardOptions = KeyboardOptions(
            keyboardType = when {
                secret && digits -> KeyboardType.NumberPassword
                secret -> KeyboardType.Password
                digits -> KeyboardType.Number
                else -> KeyboardType.Text
            },
        ),
        visualTransformation = if (secret) PasswordVisualTransformation() else VisualTransformation.None,
    )
}

/** A button. */
@Composable
fun Action(label: String, enabled: Boolean = true, onClick: () -> Unit) {
    Button(onClick = onClick, enabled = enabled, modifier = Modifier.fillMaxWidth()) { Text(label) }
}

/** A problem the core attached to the current step, or a call's error. */
@Composable
fun ErrorText(text: String?) {
    if (text != null) Text(text, color = MaterialTheme.colorScheme.error)
}

/** A step's problem, in Persian. */
@Composable
fun ProblemText(problem: ProblemInfo?) = ErrorText(problem?.messageFa)

/** A label and its value on one line. */
@Composable
fun Line(label: String, value: String) {
    Text("$label: $value")
}
