package ir.hamrah.app.ui

import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.material3.AlertDialog
import androidx.compose.material3.Button
import androidx.compose.material3.ButtonDefaults
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.DisposableEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.rememberCoroutineScope
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import ir.hamrah.ffi.CardInfo
import ir.hamrah.ffi.SmsBillPayment
import ir.hamrah.ffi.SmsCardBlock
import ir.hamrah.ffi.SmsCardTransfer
import ir.hamrah.ffi.SmsChannel
import kotlinx.coroutines.launch

/** The cards' labels as the SMS screens show them (bank and masked PAN, as the core's directory keeps them). */
fun cardRows(cards: List<CardInfo>) = cards.map { "${it.bank.nameFa} ${it.panMasked}" }

/**
 * Card to card over SMS: source card, destination and amount, then the
 * issuer's dynamic PIN by SMS, then PIN, CVV2 and expiry. The transfer keeps
 * its key: a second submit or "resolve" never pays twice.
 */
@Composable
fun SmsCardTransferSection(sms: SmsChannel, cards: List<String>) {
    val scope = rememberCoroutineScope()
    val outcome = remember { SmsOutcomeState() }
    var index by remember { mutableStateOf(0) }
    var pan by remember { mutableStateOf("") }
    var amount by remember { mutableStateOf("") }
    var pin by remember { mutableStateOf("") }
    var cvv2 by remember { mutableStateOf("") }
    var expiry by remember { mutableStateOf("") }
    var transfer by remember { mutableStateOf<SmsCardTransfer?>(null) }
    DisposableEffect(Unit) { onDispose { transfer?.close() } }
    SectionTitle("کارت به کارت پیامکی")
    when (val current = transfer) {
        null -> {
            RowPicker("کارت مبدأ", cards, index) { index = it }
            Field("شماره کارت مقصد", pan, { pan = it }, digits = true)
            Field("مبلغ (ریال)", amount, { amount = it }, digits = true)
            Action("دریافت رمز پویا") {
                scope.launch {
                    outcome.exchange {
                        val created = sms.cardTransfer(index.toUByte(), pan, amount)
                        transfer = created
                        created.requestPin()
                    }
                }
            }
        }
        else -> {
            Action("دریافت دوباره رمز پویا", enabled = !outcome.unknown) {
                scope.launch { outcome.exchange { current.requestPin() } }
            }
            Field("رمز پویا", pin, { pin = it }, digits = true, secret = true)
            Field("CVV2", cvv2, { cvv2 = it }, digits = true, secret = true)
            Field("تاریخ انقضا (سال‌ماه)", expiry, { expiry = it }, digits = true)
            Action("پرداخت") { scope.launch { outcome.exchange(settles = true) { current.submit(pin, cvv2, expiry) } } }
            if (outcome.unknown) {
                Action("پیگیری نتیجه") { scope.launch { outcome.exchange(settles = true) { current.resolve() } } }
            }
            Action("کارت به کارت تازه") {
                current.close()
                transfer = null
                pin = ""
                cvv2 = ""
                outcome.clear()
            }
        }
    }
    SmsOutcome(outcome)
}

/** A bill paid over SMS from an account, exactly once; resolved by its key when the outcome is unknown. */
@Composable
fun SmsBillSection(sms: SmsChannel, accounts: List<String>) {
    val scope = rememberCoroutineScope()
    val outcome = remember { SmsOutcomeState() }
    var index by remember { mutableStateOf(0) }
    var billId by remember { mutableStateOf("") }
    var paymentId by remember { mutableStateOf("") }
    var amount by remember { mutableStateOf("") }
    var payment by remember { mutableStateOf<SmsBillPayment?>(null) }
    DisposableEffect(Unit) { onDispose { payment?.close() } }
    SectionTitle("پرداخت قبض پیامکی")
    RowPicker("حساب", accounts, index) { index = it }
    Field("شناسه قبض", billId, { billId = it }, digits = true)
    Field("شناسه پرداخت", paymentId, { paymentId = it }, digits = true)
    Field("مبلغ (ریال)", amount, { amount = it }, digits = true)
    // While an outcome is unknown the bill is resolved, never paid again under a new key.
    Action("پرداخت از حساب", enabled = !outcome.unknown) {
        scope.launch {
            outcome.exchange(settles = true) {
                val created = sms.billPayment(billId, paymentId, amount)
                payment?.close()
                payment = created
                created.payFromAccount(index.toUByte())
            }
        }
    }
    val current = payment
    if (outcome.unknown && current != null) {
        Action("پیگیری نتیجه") { scope.launch { outcome.exchange(settles = true) { current.resolve() } } }
    }
    SmsOutcome(outcome)
}

/** Blocking a card (as lost) over SMS, after the customer confirms: it cannot be undone here. */
@Composable
fun SmsCardBlockSection(sms: SmsChannel, cards: List<String>) {
    val scope = rememberCoroutineScope()
    val outcome = remember { SmsOutcomeState() }
    var index by remember { mutableStateOf(0) }
    var confirming by remember { mutableStateOf(false) }
    var block by remember { mutableStateOf<SmsCardBlock?>(null) }
    DisposableEffect(Unit) { onDispose { block?.close() } }
    val danger = ButtonDefaults.buttonColors(containerColor = MaterialTheme.colorScheme.error)
    SectionTitle("مسدودسازی کارت")
    RowPicker("کارت", cards, index) { index = it }
    Button(onClick = { confirming = true }, enabled = !outcome.unknown, colors = danger, modifier = Modifier.fillMaxWidth()) {
        Text("مسدودسازی کارت")
    }
    val current = block
    if (outcome.unknown && current != null) {
        Action("پیگیری نتیجه") { scope.launch { outcome.exchange(settles = true) { current.resolve() } } }
    }
    if (confirming) {
        AlertDialog(
            onDismissRequest = { confirming = false },
            title = { Text("مسدودسازی کارت") },
            text = { Text("کارت ${cards.getOrElse(index) { "ردیف ${index + 1}" }} مسدود می‌شود و دیگر با آن نمی‌توان پرداخت کرد. ادامه می‌دهید؟") },
            confirmButton = {
                TextButton(
                    onClick = {
                        confirming = false
                        scope.launch {
                            outcome.exchange(settles = true) {
                                val created = sms.cardBlock(index.toUByte())
                                block?.close()
                                block = created
                                created.submit()
                            }
                        }
                    },
                    colors = ButtonDefaults.textButtonColors(contentColor = MaterialTheme.colorScheme.error),
                ) { Text("مسدود شود") }
            },
            dismissButton = { TextButton(onClick = { confirming = false }) { Text("انصراف") } },
        )
    }
    SmsOutcome(outcome)
}
