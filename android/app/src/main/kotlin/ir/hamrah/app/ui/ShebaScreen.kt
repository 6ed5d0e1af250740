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
import ir.hamrah.ffi.ShebaTransferState
import ir.hamrah.ffi.amountText
import ir.hamrah.kotlin.HamrahClient
import ir.hamrah.kotlin.ShebaTransferJourney
import kotlinx.coroutines.launch

/** SHEBA transfer (PAYA / SATNA): each state of the core's journey is one screen. */
@Composable
fun ShebaScreen(client: HamrahClient, back: () -> Unit) {
    var journey by remember { mutableStateOf<ShebaTransferJourney?>(null) }
    var error by remember { mutableStateOf<String?>(null) }
    LaunchedEffect(Unit) { attempt({ error = it }) { journey = client.startShebaTransfer() } }
    DisposableEffect(Unit) { onDispose { journey?.close() } }
    Screen("انتقال شبا") {
        journey?.let { ShebaSteps(it) { error = it } }
        ErrorText(error)
        Action("بازگشت") { back() }
    }
}

@Composable
private fun ShebaSteps(journey: ShebaTransferJourney, onError: (String?) -> Unit) {
    val state by journey.state.collectAsState()
    val scope = rememberCoroutineScope()
    var text by remember(state::class) { mutableStateOf("") }
    fun run(block: suspend () -> Unit) = scope.launch { attempt(onError, block) }
    when (val s = state) {
        is ShebaTransferState.ChooseSource -> s.accounts.forEach { account ->
            Action("${account.titleFa} ${account.shebaMasked}") { run { journey.chooseSource(account.accountId) } }
        }
        is ShebaTransferState.EnterSheba -> {
            Field("شبای مقصد", text, { text = it })
            ProblemText(s.error)
            Action("ادامه") { run { journey.enterSheba(text) } }
        }
        is ShebaTransferState.ConfirmHolder -> {
            Line("دارنده", s.destination.holderName)
            Line("بانک", s.destination.bank.nameFa)
            Action("تأیید") { run { journey.confirmHolder(true) } }
            Action("اصلاح") { run { journey.confirmHolder(false) } }
        }
        is ShebaTransferState.EnterAmount -> {
            Field("مبلغ (ریال)", text, { text = it }, digits = true)
            ProblemText(s.error)
            Action("ادامه") { run { journey.enterAmount(text) } }
        }
        is ShebaTransferState.ChooseMethod -> s.options.forEach { option ->
            Action("${option.nameFa} — کارمزد ${amountText(option.feeRials).rialsFa}") { run { journey.chooseMethod(option.method) } }
        }
        is ShebaTransferState.Confirm -> {
            Line("مبلغ", "${s.payment.amountGroupedFa} ریال (${s.payment.amountWordsFa})")
            Line("روش", s.payment.option.nameFa)
            s.payment.option.expectedSettlement?.let { Line("تسویه پیش‌بینی‌شده", it.dateLongFa) }
            // A new countdown for each PIN issued; the core counts, the button only shows it.
            val ticks = remember(s.pin.requestsUsed) { journey.pinCountdown() }
            val countdown by ticks.collectAsState(initial = s.pin.secondsLeft.toLong())
            Action(if (countdown > 0) "رمز پویا ($countdown)" else "دریافت رمز پویا", enabled = countdown == 0L) {
                run { journey.requestPin() }
            }
            Field("رمز پویا", text, { text = it }, digits = true, secret = true)
            ProblemText(s.error)
            Action("ارسال") { run { journey.submit(text) } }
            Action("ارسال با رمزساز") { run { journey.submitWithSoftToken() } }
        }
        is ShebaTransferState.Pending -> Text("در حال پیگیری نتیجه از بانک…")
        is ShebaTransferState.Succeeded -> {
            Line("شماره پیگیری", s.receipt.traceNumber)
            Line("تسویه مورد انتظار", s.receipt.expectedSettlementAtJalali)
        }
        is ShebaTransferState.Failed -> ProblemText(s.problem)
    }
}
