package ir.hamrah.app.ui

import androidx.compose.foundation.layout.Row
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.RadioButton
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.DisposableEffect
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.collectAsState
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.rememberCoroutineScope
import androidx.compose.runtime.setValue
import androidx.compose.ui.Alignment
import androidx.fragment.app.FragmentActivity
import ir.hamrah.app.R
import ir.hamrah.app.platform.BiometricUnlock
import ir.hamrah.ffi.BankChannel
import ir.hamrah.ffi.ChannelDecision
import ir.hamrah.ffi.ChannelObserver
import ir.hamrah.ffi.HamrahException
import ir.hamrah.ffi.PlatformException
import ir.hamrah.ffi.SmsChannel
import ir.hamrah.ffi.SmsReply
import ir.hamrah.ffi.SmsResult
import ir.hamrah.ffi.UnlockReason
import ir.hamrah.ffi.amountText
import ir.hamrah.ffi.persianDigits
import ir.hamrah.ffi.signedAmountText
import ir.hamrah.kotlin.HamrahClient
import ir.hamrah.kotlin.ObservedState
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext

/**
 * Banking over SMS (one encrypted SMS each way) when mobile data is down.
 * The PIN and CVV2 typed here are covered by the activity's FLAG_SECURE,
 * which MainActivity sets for every screen of the app.
 */
@Composable
fun SmsScreen(client: HamrahClient, sms: SmsChannel?, back: () -> Unit) {
    Screen("بانکداری پیامکی") {
        if (sms == null) Text("بانکداری پیامکی هنوز آماده نیست.") else SmsBanking(client, sms)
        Action("بازگشت") { back() }
    }
}

/** On home: when the core offers SMS (no data, or HTTPS failing), the way to SMS banking. */
@Composable
fun SmsBanner(sms: SmsChannel?, open: () -> Unit) {
    val channel = sms ?: return
    val decision = observedChannel(channel)
    if (decision.smsOffered) {
        Text(decision.reasonFa, color = MaterialTheme.colorScheme.error)
        Action("بانکداری پیامکی") { open() }
    }
}

/**
 * On the login screen: when the core chooses SMS (data down, the SMS key agreed),
 * SMS banking without logging in (it needs no bank session: each frame is sealed
 * with the SMS key in the vault), once the device's biometric prompt is passed.
 */
@Composable
fun SmsLoginEntry(sms: SmsChannel?, activity: FragmentActivity, open: () -> Unit) {
    val channel = sms ?: return
    val decision = observedChannel(channel)
    val scope = rememberCoroutineScope()
    var refused by remember { mutableStateOf(false) }
    if (decision.channel != BankChannel.SMS) return
    Text(decision.reasonFa, color = MaterialTheme.colorScheme.error)
    Action("بانکداری پیامکی با اثر انگشت") {
        val unlock = BiometricUnlock(activity, activity.getString(R.string.cancel))
        scope.launch {
            refused = false
            // The prompt waits on the main thread for the answer: ask from a background thread.
            val passed = withContext(Dispatchers.IO) {
                try {
                    unlock.unlock(UnlockReason("بانکداری پیامکی همراه", "Hamrah SMS banking"))
                    true
                } catch (e: PlatformException) {
                    false
                }
            }
            if (passed) open() else refused = true
        }
    }
    if (refused) ErrorText("تأیید هویت انجام نشد.")
}

/** The channel the core chooses, now and at each change; the observation ends when the caller leaves. */
@Composable
private fun observedChannel(sms: SmsChannel): ChannelDecision {
    val observed = remember(sms) {
        ObservedState(sms.channel()) { publish ->
            sms.observeChannel(object : ChannelObserver {
                override fun onChannel(decision: ChannelDecision) {
                    publish(decision)
                }
            })
        }
    }
    DisposableEffect(observed) { onDispose { observed.close() } }
    val decision by observed.state.collectAsState()
    return decision
}

@Composable
private fun SmsBanking(client: HamrahClient, sms: SmsChannel) {
    val scope = rememberCoroutineScope()
    val decision = observedChannel(sms)
    var ready by remember { mutableStateOf(sms.isReady()) }
    var accounts by remember { mutableStateOf<List<String>>(emptyList()) }
    var cards by remember { mutableStateOf<List<String>>(emptyList()) }
    var error by remember { mutableStateOf<String?>(null) }
    // The rows' labels: the lists over HTTPS when they load, else those the core kept
    // the last time they did (SmsChannel.directory); with neither, rows are typed by number.
    LaunchedEffect(Unit) {
        attempt({ error = it }) {
            val kept = sms.directory()
            accounts = kept.accounts
            cards = kept.cards
        }
        try {
            accounts = client.accounts.accounts().map { it.titleFa }
            cards = cardRows(client.accounts.cards())
            error = null
        } catch (e: HamrahException) {
            // With data down (or before login) the kept labels serve: the failure matters only without them.
            if (accounts.isEmpty() && cards.isEmpty()) error = e.persian
        }
    }
    Line("کانال", if (decision.channel == BankChannel.SMS) "پیامک" else "اینترنت")
    Text(decision.reasonFa, style = MaterialTheme.typography.bodySmall)
    ErrorText(error)
    if (!ready) {
        Text("کلید پیامکی یک بار، با اینترنت، با بانک توافق می‌شود.")
        Action("راه‌اندازی بانکداری پیامکی") {
            scope.launch {
                attempt({ error = it }) {
                    sms.setUp()
                    ready = sms.isReady()
                    sms.connectivityChanged() // the decision depends on the key: re-decide, observers hear it
                }
            }
        }
    } else {
        AccountQueries(sms, accounts)
        SmsCardTransferSection(sms, cards)
        SmsBillSection(sms, accounts)
        SmsCardBlockSection(sms, cards)
    }
}

/** An account's balance and its last five entries, one SMS each way ([accounts]: the rows' labels). */
@Composable
private fun AccountQueries(sms: SmsChannel, accounts: List<String>) {
    val scope = rememberCoroutineScope()
    val outcome = remember { SmsOutcomeState() }
    var index by remember { mutableStateOf(0) }
    SectionTitle("موجودی و گردش حساب")
    RowPicker("حساب", accounts, index) { index = it }
    Action("موجودی") { scope.launch { outcome.exchange { sms.balance(index.toUByte()) } } }
    Action("پنج گردش آخر") { scope.launch { outcome.exchange { sms.lastFive(index.toUByte()) } } }
    SmsOutcome(outcome)
}

/** A section's title. */
@Composable
fun SectionTitle(title: String) {
    Text(title, style = MaterialTheme.typography.titleMedium)
}

/**
 * The row of an account or card in the bank's list order (the index an SMS
 * carries): chosen from the list, or typed (1, 2, …) when the list could not load.
 */
@Composable
fun RowPicker(label: String, rows: List<String>, selected: Int, onSelect: (Int) -> Unit) {
    if (rows.isEmpty()) {
        var typed by remember { mutableStateOf("${selected + 1}") }
        Field("ردیف $label (۱، ۲، …)", typed, { text ->
            typed = text
            text.toIntOrNull()?.takeIf { it in 1..256 }?.let { onSelect(it - 1) }
        }, digits = true)
    } else {
        rows.forEachIndexed { row, title ->
            Row(verticalAlignment = Alignment.CenterVertically) {
                RadioButton(selected = row == selected, onClick = { onSelect(row) })
                Text(title)
            }
        }
    }
}

/**
 * One SMS operation on screen: its result, its error in Persian, and whether
 * its outcome is unknown (the bank said Pending, or the reply did not arrive),
 * when the screen offers to resolve it by its key.
 */
class SmsOutcomeState {
    /** The last result. */
    var result by mutableStateOf<SmsResult?>(null)

    /** The last call's error, in Persian. */
    var error by mutableStateOf<String?>(null)

    /** The operation may have happened at the bank: resolve, never resend. */
    var unknown by mutableStateOf(false)

    /** Runs one exchange; [settles] for a payment or block, whose outcome may stay unknown. */
    suspend fun exchange(settles: Boolean = false, call: suspend () -> SmsResult) {
        error = null
        try {
            val done = call()
            result = done
            if (settles) unknown = done.reply is SmsReply.Pending
        } catch (e: HamrahException) {
            error = e.persian
            if (settles) unknown = e is HamrahException.Bank && e.code == "sms.no_reply"
        }
    }

    /** Forgets the last operation. */
    fun clear() {
        result = null
        error = null
        unknown = false
    }
}

/** The bank's answer in Persian, its figures, and (small) the SMS it took. */
@Composable
fun SmsOutcome(outcome: SmsOutcomeState) {
    ErrorText(outcome.error)
    val result = outcome.result ?: return
    Text(result.messageFa)
    when (val reply = result.reply) {
        is SmsReply.Balance -> {
            Line("موجودی", signedAmountText(reply.balanceRials).rialsFa)
            Line("قابل برداشت", amountText(reply.availableRials).rialsFa)
        }
        is SmsReply.Statement -> {
            Line("موجودی", signedAmountText(reply.balanceRials).rialsFa)
            reply.entries.forEach { Line(persianDigits(it.postedAtJalali), signedAmountText(it.amountRials).rialsFa) }
        }
        is SmsReply.Transfer -> {
            Line("مبلغ", amountText(reply.amountRials).rialsFa)
            Line("کارمزد", amountText(reply.feeRials).rialsFa)
            Line("شماره پیگیری", reply.trace)
            Line("شماره مرجع", reply.reference)
        }
        is SmsReply.Bill -> {
            Line("مبلغ", amountText(reply.amountRials).rialsFa)
            Line("شماره پیگیری", reply.trace)
        }
        else -> {}
    }
    Text("پیامک ارسالی: ${result.smsSent}، دریافتی: ${result.smsReceived}", style = MaterialTheme.typography.bodySmall)
}
