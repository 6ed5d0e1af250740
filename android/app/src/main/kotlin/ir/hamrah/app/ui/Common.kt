package ir.hamrah.app.ui

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.ColumnScope
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.heightIn
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.text.KeyboardOptions
import androidx.compose.foundation.verticalScroll
import androidx.compose.material3.Button
import androidx.compose.material3.Card
import androidx.compose.material3.CircularProgressIndicator
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.ui.Modifier
import androidx.compose.ui.graphics.Color
import androidx.compose.ui.semantics.LiveRegionMode
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.heading
import androidx.compose.ui.semantics.liveRegion
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.text.input.KeyboardType
import androidx.compose.ui.text.input.PasswordVisualTransformation
import androidx.compose.ui.text.input.VisualTransformation
import androidx.compose.ui.unit.dp
import ir.hamrah.ffi.ActionInfo
import ir.hamrah.ffi.Direction
import ir.hamrah.ffi.LocalUnlock
import ir.hamrah.ffi.ProblemInfo
import ir.hamrah.ffi.ReceiptInfo
import ir.hamrah.ffi.SessionNotice

/**
 * What a screen needs from the Android platform (implemented by MainActivity,
 * which is not part of the type check): the biometric gate, the SMS runtime
 * permissions, and the share sheet. Screens only lay out what the Kotlin
 * layer's models say; everything they show comes from the core.
 */
interface AppServices {
    /** The biometric prompt as the core's gate (quick login, SMS banking without a session). */
    fun unlock(): LocalUnlock

    /** Whether SEND_SMS and RECEIVE_SMS are granted. */
    fun smsPermitted(): Boolean

    /** Asks for SEND_SMS and RECEIVE_SMS; [done] gets whether both were granted. */
    fun askSmsPermissions(done: (Boolean) -> Unit)

    /** Opens the share sheet with [text]. */
    fun shareText(text: String)

    /** Draws [receipt] as an image and opens the share sheet with it. */
    fun shareImage(receipt: ReceiptInfo)
}

/** Buttons and rows are at least this tall (touch targets for every hand). */
private val TOUCH = 56.dp

/** A screen: a title (a heading for screen readers) and a scrolling column. */
@Composable
fun Screen(title: String, content: @Composable ColumnScope.() -> Unit) {
    Column(
        Modifier.fillMaxWidth().verticalScroll(rememberScrollState()).padding(16.dp),
        verticalArrangement = Arrangement.spacedBy(12.dp),
    ) {
        Text(title, style = MaterialTheme.typography.headlineSmall, modifier = Modifier.semantics { heading() })
        content()
    }
}

/** A section's title. */
@Composable
fun SectionTitle(title: String) {
    Text(title, style = MaterialTheme.typography.titleMedium, modifier = Modifier.semantics { heading() })
}

/** A text field; [secret] hides what is typed (passwords, PINs, CVV2). */
@Composable
fun Field(label: String, value: String, onChange: (String) -> Unit, digits: Boolean = false, secret: Boolean = false) {
    OutlinedTextField(
        value = value,
        onValueChange = onChange,
        label = { Text(label) },
        singleLine = true,
        modifier = Modifier.fillMaxWidth().heightIn(min = TOUCH),
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

/** A button with a fixed label. */
@Composable
fun Action(label: String, enabled: Boolean = true, onClick: () -> Unit) {
    Button(onClick = onClick, enabled = enabled, modifier = Modifier.fillMaxWidth().heightIn(min = TOUCH)) { Text(label) }
}

/** A secondary button. */
@Composable
fun SecondaryAction(label: String, enabled: Boolean = true, onClick: () -> Unit) {
    OutlinedButton(onClick = onClick, enabled = enabled, modifier = Modifier.fillMaxWidth().heightIn(min = TOUCH)) {
        Text(label)
    }
}

/** A button the core offers (its label, whether it may be pressed), disabled while [busy]. */
@Composable
fun Offered(action: ActionInfo?, busy: Boolean, onClick: () -> Unit) {
    val offered = action ?: return
    Button(
        onClick = onClick,
        enabled = offered.enabled && !busy,
        modifier = Modifier.fillMaxWidth().heightIn(min = TOUCH).semantics { contentDescription = offered.labelFa },
    ) { Text(offered.labelFa) }
}

/** A spinner while a call runs. */
@Composable
fun Busy(busy: Boolean) {
    if (busy) CircularProgressIndicator()
}

/** A problem in the core's words, announced by screen readers. */
@Composable
fun ProblemText(problem: ProblemInfo?) {
    val shown = problem ?: return
    Text(
        shown.messageFa,
        color = MaterialTheme.colorScheme.error,
        modifier = Modifier.semantics { liveRegion = LiveRegionMode.Polite },
    )
}

/** The core's line about the session; a warning in the error colour, announced. */
@Composable
fun NoticeText(notice: SessionNotice?) {
    val shown = notice ?: return
    Text(
        shown.textFa,
        color = if (shown.warning) MaterialTheme.colorScheme.error else MaterialTheme.colorScheme.onSurface,
        modifier = Modifier.semantics { liveRegion = LiveRegionMode.Polite },
    )
}

/** A label and its value on one row. */
@Composable
fun Line(label: String, value: String, color: Color = Color.Unspecified) {
    Row(
        Modifier.fillMaxWidth().heightIn(min = 32.dp).semantics(mergeDescendants = true) {},
        horizontalArrangement = Arrangement.SpaceBetween,
    ) {
        Text(label)
        Text(value, color = color)
    }
}

/** The colour of money out or in (the sign is in the core's text). */
@Composable
fun directionColor(direction: Direction): Color = when (direction) {
    Direction.DEBIT -> MaterialTheme.colorScheme.error
    Direction.CREDIT -> Color(0xFF1B7F3B)
}

/** A receipt from the core: its title and lines, shared as text or as an image. */
@Composable
fun Receipt(receipt: ReceiptInfo, services: AppServices) {
    Card(Modifier.fillMaxWidth()) {
        Column(Modifier.padding(16.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
            Text(receipt.titleFa, style = MaterialTheme.typography.titleMedium, modifier = Modifier.semantics { heading() })
            receipt.lines.forEach { Line(it.labelFa, it.valueFa) }
        }
    }
    SecondaryAction("اشتراک رسید به صورت متن") { services.shareText(receipt.shareTextFa) }
    SecondaryAction("اشتراک رسید به صورت تصویر") { services.shareImage(receipt) }
}
