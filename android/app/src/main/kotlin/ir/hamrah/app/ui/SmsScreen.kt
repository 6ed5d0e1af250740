package ir.hamrah.app.ui

import androidx.compose.foundation.layout.Row
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.RadioButton
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.collectAsState
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.saveable.rememberSaveable
import androidx.compose.runtime.setValue
import androidx.compose.ui.Alignment
import ir.hamrah.ffi.BankChannel
import ir.hamrah.ffi.SmsReply
import ir.hamrah.ffi.SmsResult
import ir.hamrah.ffi.amountText
import ir.hamrah.ffi.persianDigits
import ir.hamrah.ffi.signedAmountText
import ir.hamrah.kotlin.SmsBankingModel
import ir.hamrah.kotlin.SmsTask

/**
 * Banking over SMS (one encrypted SMS each way) when mobile data is down.
 * The app asks for the SMS runtime permissions first (SEND_SMS, RECEIVE_SMS);
 * the PIN and CVV2 typed here are covered by the activity's FLAG_SECURE.
 */
@Composable
fun SmsScreen(model: SmsBankingModel?, services: AppServices, back: () -> Unit) {
    Screen("بانکداری پیامکی") {
        if (model == null) Text("بانکداری پیامکی هنوز آماده نیست.") else SmsBanking(model, services)
        SecondaryAction("بازگشت") { back() }
    }
}

/** On home: when the core offers SMS (no data, or HTTPS failing), the way to SMS banking. */
@Composable
fun SmsBanner(model: SmsBankingModel, open: () -> Unit) {
    val decision by model.channel.collectAsState()
    if (decision.smsOffered) {
        Text(decision.reasonFa, color = MaterialTheme.colorScheme.error)
        Action("بانکداری پیامکی") { open() }
    }
}

/**
 * On the login screen: when the core chooses SMS (data down, the SMS key agreed),
 * SMS banking without logging in, once the device's biometric prompt is passed
 * (the core asks it and words its refusal).
 */
@Composable
fun SmsLoginEntry(model: SmsBankingModel, services: AppServices) {
    val decision by model.channel.collectAsState()
    val busy by model.busy.collectAsState()
    val problem by model.problem.collectAsState()
    if (decision.channel != BankChannel.SMS) return
    Text(decision.reasonFa, color = MaterialTheme.colorScheme.error)
    Action("بانکداری پیامکی با اثر انگشت", enabled = !busy) { model.unlock(services.unlock()) }
    ProblemText(problem)
}

@Composable
private fun SmsBanking(model: SmsBankingModel, services: AppServices) {
    LaunchedEffect(model) { model.load() }
    var permitted by rememberSaveable { mutableStateOf(services.smsPermitted()) }
    val decision by model.channel.collectAsState()
    val ready by model.ready.collectAsState()
    val busy by model.busy.collectAsState()
    Line("کانال", if (decision.channel == BankChannel.SMS) "پیامک" else "اینترنت")
    Text(decision.reasonFa, style = MaterialTheme.typography.bodySmall)
    if (!permitted) {
        Text("برای بانکداری پیامکی، اجازه ارسال و دریافت پیامک لازم است.")
        Action("اجازه پیامک") { services.askSmsPermissions { permitted = it } }
        return
    }
    if (!ready) {
        Text("کلید پیامکی یک بار، با اینترنت، با بانک توافق می‌شود.")
        Action("راه‌اندازی بانکداری پیامکی", enabled = !busy) { model.setUp() }
        SmsOutcome(model, SmsTask.SET_UP)
        return
    }
    AccountQueries(model)
    SmsCardTransferSection(model)
    SmsBillSection(model)
    SmsCardBlockSection(model)
}

/** An account's balance and its last five entries, one SMS each way. */
@Composable
private fun AccountQueries(model: SmsBankingModel) {
    val rows by model.accountRows.collectAsState()
    val busy by model.busy.collectAsState()
    var row by rememberSaveable { mutableStateOf(0) }
    var typed by rememberSaveable { mutableStateOf("1") }
    SectionTitle("موجودی و گردش حساب")
    val index = RowPicker(model, "حساب", rows, row, { row = it }, typed, { typed = it })
    Action("موجودی", enabled = !busy && index != null) { index?.let(model::balance) }
    Action("پنج گردش آخر", enabled = !busy && index != null) { index?.let(model::lastFive) }
    SmsOutcome(model, SmsTask.ACCOUNT)
}

/**
 * The row of an account or card in the bank's list order (the index an SMS
 * carries): chosen from the labels the core gives, or typed (1, 2, …) when no
 * list could load; the core checks a typed row. Returns the index, or null.
 */
@Composable
fun RowPicker(
    model: SmsBankingModel,
    label: String,
    rows: List<String>,
    selected: Int,
    onSelect: (Int) -> Unit,
    typed: String,
    onType: (String) -> Unit,
): UByte? {
    if (rows.isEmpty()) {
        Field("ردیف $label (۱، ۲، …)", typed, onType, digits = true)
        ProblemText(model.rowProblem(typed))
        return model.typedRow(typed).getOrNull()
    }
    rows.forEachIndexed { row, title ->
        Row(verticalAlignment = Alignment.CenterVertically) {
            RadioButton(selected = row == selected, onClick = { onSelect(row) })
            Text(title)
        }
    }
    return selected.toUByte()
}

/** The outcome of [task]'s last exchange: the bank's answer in Persian and its figures, or the problem. */
@Composable
fun SmsOutcome(model: SmsBankingModel, task: SmsTask) {
    val last by model.task.collectAsState()
    val result by model.result.collectAsState()
    val busy by model.busy.collectAsState()
    val problem by model.problem.collectAsState()
    if (last != task) return
    Busy(busy)
    ProblemText(problem)
    result?.let { SmsFigures(it) }
}

@Composable
private fun SmsFigures(result: SmsResult) {
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
            Line("شماره پیگیری", persianDigits(reply.trace))
            Line("شماره مرجع", persianDigits(reply.reference))
        }
        is SmsReply.Bill -> {
            Line("مبلغ", amountText(reply.amountRials).rialsFa)
            Line("شماره پیگیری", persianDigits(reply.trace))
        }
        else -> {}
    }
    Text(
        "پیامک ارسالی: ${persianDigits(result.smsSent.toString())}، دریافتی: ${persianDigits(result.smsReceived.toString())}",
        style = MaterialTheme.typography.bodySmall,
    )
}
