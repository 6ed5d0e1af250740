package ir.hamrah.app.ui

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
import ir.hamrah.ffi.AccountTransferState
import ir.hamrah.ffi.amountText
import ir.hamrah.ffi.persianDigits
import ir.hamrah.kotlin.AccountTransferJourney
import ir.hamrah.kotlin.HamrahClient
import kotlinx.coroutines.launch

/** Transfer to an account of the bank (انتقال وجه به سپرده): each state of the core's journey is one screen. */
@Composable
fun AccountTransferScreen(client: HamrahClient, back: () -> Unit) {
    var journey by remember { mutableStateOf<AccountTransferJourney?>(null) }
    var error by remember { mutableStateOf<String?>(null) }
    LaunchedEffect(Unit) { attempt({ error = it }) { journey = client.startAccountTransfer() } }
    DisposableEffect(Unit) { onDispose { journey?.close() } }
    Screen("انتقال وجه به سپرده") {
        journey?.let { AccountTransferSteps(it) { error = it } }
        ErrorText(error)
        Action("بازگشت") { back() }
    }
}

@Composable
private fun AccountTransferSteps(journey: AccountTransferJourney, onError: (String?) -> Unit) {
    val state by journey.state.collectAsState()
    val scope = rememberCoroutineScope()
    var number by remember { mutableStateOf("") }
    var amount by remember { mutableStateOf("") }
    var description by remember { mutableStateOf("") }
    var pin by remember { mutableStateOf("") }
    fun run(block: suspend () -> Unit) = scope.launch { attempt(onError, block) }
    when (val s = state) {
        is AccountTransferState.ChooseSource -> s.accounts.forEach { account ->
            Action("${account.titleFa} (${amountText(account.availableBalanceRials).rialsFa})") {
                run { journey.chooseSource(account.accountId) }
            }
        }
        is AccountTransferState.EnterDestination -> {
            Field("شماره حساب مقصد", number, { number = it }, digits = true)
            ProblemText(s.error)
            Action("استعلام") { run { journey.enterDestination(number) } }
        }
        is AccountTransferState.ConfirmHolder -> {
            Line("صاحب حساب", s.destination.holderName)
            Line("شماره حساب", persianDigits(s.destination.accountNumberMasked))
            Line("بانک", s.destination.bank.nameFa)
            Action("تأیید") { run { journey.confirmHolder(true) } }
            Action("اصلاح شماره") { run { journey.confirmHolder(false) } }
        }
        is AccountTransferState.EnterAmount -> {
            Line("سقف هر انتقال", amountText(s.limits.maxRials).rialsFa)
            Line("موجودی قابل برداشت", amountText(s.limits.availableRials).rialsFa)
            Field("مبلغ (ریال)", amount, { amount = it }, digits = true)
            ProblemText(s.error)
            Action("ادامه") { run { journey.enterAmount(amount) } }
        }
        is AccountTransferState.Confirm -> {
            Line("به", "${s.payment.destination.holderName} (${persianDigits(s.payment.destination.accountNumberMasked)})")
            Line("مبلغ", "${s.payment.amountGroupedFa} ریال (${s.payment.amountWordsFa})")
            Line("کارمزد", amountText(s.payment.feeRials).rialsFa)
            Field("شرح (اختیاری)", description, { description = it })
            Action("ثبت شرح") { run { journey.describe(description) } }
            val ticks = remember(s.pin.requestsUsed) { journey.pinCountdown() }
            val countdown by ticks.collectAsState(initial = s.pin.secondsLeft.toLong())
            Action(if (countdown > 0) "رمز پویا ($countdown)" else "دریافت رمز پویا", enabled = countdown == 0L) {
                run { journey.requestPin() }
            }
            Field("رمز پویا", pin, { pin = it }, digits = true, secret = true)
            ProblemText(s.error)
            Action("انتقال") { run { journey.submit(pin) } }
            if (s.softTokenAvailable) Action("انتقال با رمزساز") { run { journey.submitWithSoftToken() } }
        }
        is AccountTransferState.Pending -> Text("در حال پیگیری نتیجه از بانک…")
        is AccountTransferState.Succeeded -> {
            Line("به", s.receipt.destinationHolderName)
            Line("مبلغ", amountText(s.receipt.totalDebitedRials).rialsFa)
            Line("شماره پیگیری", persianDigits(s.receipt.traceNumber))
            Line("زمان", persianDigits(s.receipt.createdAtJalali))
        }
        is AccountTransferState.Failed -> ProblemText(s.problem)
    }
}
