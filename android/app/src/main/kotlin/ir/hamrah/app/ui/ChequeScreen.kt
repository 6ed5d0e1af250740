package ir.hamrah.app.ui

import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.collectAsState
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.rememberCoroutineScope
import androidx.compose.runtime.setValue
import ir.hamrah.ffi.ChequeInfo
import ir.hamrah.ffi.ChequeRegistrationState
import ir.hamrah.ffi.ReceivedChequeState
import ir.hamrah.ffi.ReceivedChequesInfo
import ir.hamrah.ffi.amountText
import ir.hamrah.kotlin.ChequeRegistrationJourney
import ir.hamrah.kotlin.HamrahClient
import ir.hamrah.kotlin.ReceivedChequeJourney
import kotlinx.coroutines.launch

/**
 * Sayad cheques (چک صیادی): the cheques received with each issuer's colour
 * code and the bounce notice, a cheque's status by Sayad ID, registering an
 * issued cheque, and answering a received one. It only lays out the core's states.
 */
@Composable
fun ChequeScreen(client: HamrahClient, back: () -> Unit) {
    var received by remember { mutableStateOf<ReceivedChequesInfo?>(null) }
    var registration by remember { mutableStateOf<ChequeRegistrationJourney?>(null) }
    var answer by remember { mutableStateOf<ReceivedChequeJourney?>(null) }
    var sayadId by remember { mutableStateOf("") }
    var error by remember { mutableStateOf<String?>(null) }
    val scope = rememberCoroutineScope()
    fun run(block: suspend () -> Unit) = scope.launch { attempt({ error = it }, block) }
    LaunchedEffect(Unit) { attempt({ error = it }) { received = client.cheques.received() } }
    Screen("چک صیادی") {
        when {
            registration != null -> registration?.let { RegistrationSteps(it) { error = it } }
            answer != null -> answer?.let { AnswerSteps(it) { error = it } }
            else -> {
                received?.let { list ->
                    if (list.hasBounced()) ErrorText("چک برگشتی: ${list.bouncedCount} فقره")
                    if (list.fromCache) ErrorText(list.error?.messageFa)
                    list.cheques.forEach { cheque -> ChequeLine(cheque) { run { answer = client.cheques.openReceived(cheque.sayadId) } } }
                }
                Field("شناسه صیادی (۱۶ رقم)", sayadId, { sayadId = it }, digits = true)
                Action("استعلام و پاسخ") { run { answer = client.cheques.openReceived(sayadId) } }
                Action("ثبت چک") { run { registration = client.cheques.register() } }
            }
        }
        ErrorText(error)
        Action("بازگشت") { registration?.close(); answer?.close(); back() }
    }
}

private fun ReceivedChequesInfo.hasBounced() = bouncedCount > 0u

@Composable
private fun ChequeLine(cheque: ChequeInfo, open: () -> Unit) {
    Line("مبلغ", amountText(cheque.amountRials).rialsFa)
    Line("صادرکننده", cheque.issuerNameFa)
    Line("وضعیت اعتباری", "${cheque.colourFa} — ${cheque.colourMeaningFa}")
    Line("سررسید", cheque.dueDateJalali)
    Line("وضعیت", cheque.statusFa)
    Action("باز کردن") { open() }
}

@Composable
private fun RegistrationSteps(journey: ChequeRegistrationJourney, onError: (String?) -> Unit) {
    val state by journey.state.collectAsState()
    val scope = rememberCoroutineScope()
    var amount by remember { mutableStateOf("") }
    var due by remember { mutableStateOf("") }
    var payee by remember { mutableStateOf("") }
    var description by remember { mutableStateOf("") }
    var pin by remember { mutableStateOf("") }
    fun run(block: suspend () -> Unit) = scope.launch { attempt(onError, block) }
    when (val s = state) {
        is ChequeRegistrationState.ChooseLeaf -> s.sayadIds.zip(s.serials).forEach { (id, serial) ->
            Action("برگ $serial") { run { journey.chooseLeaf(id) } }
        }
        is ChequeRegistrationState.EnterDetails -> {
            Field("مبلغ (ریال)", amount, { amount = it }, digits = true)
            Field("تاریخ سررسید (۱۴۰۵/۰۹/۲۰)", due, { due = it })
            Field("کد ملی گیرنده", payee, { payee = it }, digits = true)
            Field("شرح", description, { description = it })
            ProblemText(s.error)
            Action("ادامه") { run { journey.enterDetails(amount, due, listOf(payee), description) } }
        }
        is ChequeRegistrationState.Confirm -> {
            Line("مبلغ", "${s.order.amountGroupedFa} ریال (${s.order.amountWordsFa} ریال)")
            Line("سررسید", s.order.dueDateLongFa)
            Line("در وجه", s.order.payees.joinToString("، "))
            Action("درخواست رمز پویا", enabled = s.pin.secondsLeft == 0uL) { run { journey.requestPin() } }
            Field("رمز پویا", pin, { pin = it }, digits = true, secret = true)
            ProblemText(s.error)
            Action("ثبت چک") { run { journey.submit(pin) } }
            Action("اصلاح") { run { journey.edit() } }
        }
        is ChequeRegistrationState.Pending -> Line("وضعیت", "در حال ثبت…")
        is ChequeRegistrationState.Registered -> {
            Line("شماره پیگیری", s.receipt.referenceNumber)
            Line("زمان", s.receipt.atJalali)
            Line("در انتظار تأیید", s.receipt.holdersMasked.joinToString("، "))
        }
        is ChequeRegistrationState.Failed -> ErrorText(s.problem.messageFa)
    }
}

@Composable
private fun AnswerSteps(journey: ReceivedChequeJourney, onError: (String?) -> Unit) {
    val state by journey.state.collectAsState()
    val scope = rememberCoroutineScope()
    var to by remember { mutableStateOf("") }
    var pin by remember { mutableStateOf("") }
    fun run(block: suspend () -> Unit) = scope.launch { attempt(onError, block) }
    when (val s = state) {
        is ReceivedChequeState.Review -> {
            ChequeLine(s.cheque) {}
            if (s.cheque.colourWarns) ErrorText(s.cheque.colourMeaningFa)
            ProblemText(s.error)
            Action("تأیید چک") { run { journey.accept() } }
            Action("رد چک") { run { journey.refuse() } }
            Field("انتقال به کد ملی", to, { to = it }, digits = true)
            Action("انتقال") { run { journey.transferTo(to) } }
        }
        is ReceivedChequeState.ConfirmTransfer -> {
            Line("انتقال به", s.toNationalId)
            Line("مبلغ", amountText(s.cheque.amountRials).rialsFa)
            Action("درخواست رمز پویا", enabled = s.pin.secondsLeft == 0uL) { run { journey.requestPin() } }
            Field("رمز پویا", pin, { pin = it }, digits = true, secret = true)
            ProblemText(s.error)
            Action("انتقال چک") { run { journey.submitTransfer(pin) } }
        }
        is ReceivedChequeState.Pending -> Line("وضعیت", "در حال ارسال…")
        is ReceivedChequeState.Done -> {
            Line("شماره پیگیری", s.receipt.referenceNumber)
            Line("زمان", s.receipt.atJalali)
        }
        is ReceivedChequeState.Failed -> ErrorText(s.problem.messageFa)
    }
}
