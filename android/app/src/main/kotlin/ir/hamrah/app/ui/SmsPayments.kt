package ir.hamrah.app.ui

import androidx.compose.material3.AlertDialog
import androidx.compose.material3.ButtonDefaults
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.collectAsState
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.saveable.rememberSaveable
import androidx.compose.runtime.setValue
import ir.hamrah.kotlin.SmsBankingModel
import ir.hamrah.kotlin.SmsTask

/**
 * Card to card over SMS: source card, destination and amount make one
 * transfer (its key; the fields then stay), the issuer's PIN by SMS, then
 * PIN, CVV2 and expiry. An unknown outcome offers "resolve" only.
 */
@Composable
fun SmsCardTransferSection(model: SmsBankingModel) {
    val rows by model.cardRows.collectAsState()
    val transfer by model.transfer.collectAsState()
    val unresolved by model.unresolved.collectAsState()
    val busy by model.busy.collectAsState()
    var row by rememberSaveable { mutableStateOf(0) }
    var typed by rememberSaveable { mutableStateOf("1") }
    var pan by rememberSaveable { mutableStateOf("") }
    var amount by rememberSaveable { mutableStateOf("") }
    var pin by remember { mutableStateOf("") }
    var cvv2 by remember { mutableStateOf("") }
    var expiry by rememberSaveable { mutableStateOf("") }
    val unknown = SmsTask.TRANSFER in unresolved
    SectionTitle("کارت به کارت پیامکی")
    if (transfer == null) {
        val index = RowPicker(model, "کارت مبدأ", rows, row, { row = it }, typed, { typed = it })
        Field("شماره کارت مقصد", pan, { pan = it }, digits = true)
        Field("مبلغ (ریال)", amount, { amount = it }, digits = true)
        Action("دریافت رمز پویا", enabled = !busy && index != null) {
            index?.let { model.requestTransferPin(it, pan, amount) }
        }
    } else {
        Action("دریافت دوباره رمز پویا", enabled = !busy && !unknown) { model.requestTransferPin(0u, pan, amount) }
        Field("رمز پویا", pin, { pin = it }, digits = true, secret = true)
        Field("CVV2", cvv2, { cvv2 = it }, digits = true, secret = true)
        Field("تاریخ انقضا (سال‌ماه)", expiry, { expiry = it }, digits = true)
        Action("پرداخت", enabled = !busy) {
            model.payTransfer(pin, cvv2, expiry)
            pin = ""
            cvv2 = ""
        }
        if (unknown) Action("پیگیری نتیجه", enabled = !busy) { model.resolveTransfer() }
        SecondaryAction("کارت به کارت تازه", enabled = !busy && !unknown) { model.newTransfer() }
    }
    SmsOutcome(model, SmsTask.TRANSFER)
}

/** A bill paid over SMS from an account, exactly once; resolved by its key when the outcome is unknown. */
@Composable
fun SmsBillSection(model: SmsBankingModel) {
    val rows by model.accountRows.collectAsState()
    val unresolved by model.unresolved.collectAsState()
    val busy by model.busy.collectAsState()
    var row by rememberSaveable { mutableStateOf(0) }
    var typed by rememberSaveable { mutableStateOf("1") }
    var billId by rememberSaveable { mutableStateOf("") }
    var paymentId by rememberSaveable { mutableStateOf("") }
    var amount by rememberSaveable { mutableStateOf("") }
    val unknown = SmsTask.BILL in unresolved
    SectionTitle("پرداخت قبض پیامکی")
    val index = RowPicker(model, "حساب", rows, row, { row = it }, typed, { typed = it })
    Field("شناسه قبض", billId, { billId = it }, digits = true)
    Field("شناسه پرداخت", paymentId, { paymentId = it }, digits = true)
    Field("مبلغ (ریال)", amount, { amount = it }, digits = true)
    Action("پرداخت از حساب", enabled = !busy && !unknown && index != null) {
        index?.let { model.payBill(it, billId, paymentId, amount) }
    }
    if (unknown) Action("پیگیری نتیجه", enabled = !busy) { model.resolveBill() }
    SecondaryAction("قبض تازه", enabled = !busy && !unknown) { model.newBill() }
    SmsOutcome(model, SmsTask.BILL)
}

/** Blocking a card (as lost) over SMS, after the customer confirms: it cannot be undone here. */
@Composable
fun SmsCardBlockSection(model: SmsBankingModel) {
    val rows by model.cardRows.collectAsState()
    val unresolved by model.unresolved.collectAsState()
    val busy by model.busy.collectAsState()
    var row by rememberSaveable { mutableStateOf(0) }
    var typed by rememberSaveable { mutableStateOf("1") }
    var confirming by remember { mutableStateOf(false) }
    val unknown = SmsTask.BLOCK in unresolved
    SectionTitle("مسدودسازی کارت")
    val index = RowPicker(model, "کارت", rows, row, { row = it }, typed, { typed = it })
    Action("مسدودسازی کارت", enabled = !busy && !unknown && index != null) { confirming = true }
    if (unknown) Action("پیگیری نتیجه", enabled = !busy) { model.resolveBlock() }
    if (confirming && index != null) {
        AlertDialog(
            onDismissRequest = { confirming = false },
            title = { Text("مسدودسازی کارت") },
            text = { Text("کارت ${rows.getOrElse(row) { typed }} مسدود می‌شود و دیگر با آن نمی‌توان پرداخت کرد. ادامه می‌دهید؟") },
            confirmButton = {
                TextButton(
                    onClick = {
                        confirming = false
                        model.blockCard(index)
                    },
                    colors = ButtonDefaults.textButtonColors(contentColor = MaterialTheme.colorScheme.error),
                ) { Text("مسدود شود") }
            },
            dismissButton = { TextButton(onClick = { confirming = false }) { Text("انصراف") } },
        )
    }
    SmsOutcome(model, SmsTask.BLOCK)
}
