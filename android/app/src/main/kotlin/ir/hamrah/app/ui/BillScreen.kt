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
import ir.hamrah.ffi.BillPaymentState
import ir.hamrah.ffi.BillSource
import ir.hamrah.ffi.amountText
import ir.hamrah.kotlin.BillPaymentJourney
import ir.hamrah.kotlin.HamrahClient
import kotlinx.coroutines.launch

/** Bill payment: each state of the core's journey is one screen. */
@Composable
fun BillScreen(client: HamrahClient, back: () -> Unit) {
    var journey by remember { mutableStateOf<BillPaymentJourney?>(null) }
    var error by remember { mutableStateOf<String?>(null) }
    LaunchedEffect(Unit) { attempt({ error = it }) { journey = client.startBillPayment() } }
    DisposableEffect(Unit) { onDispose { journey?.close() } }
    Screen("پرداخت قبض") {
        journey?.let { BillSteps(it) { error = it } }
        ErrorText(error)
        Action("بازگشت") { back() }
    }
}

@Composable
private fun BillSteps(journey: BillPaymentJourney, onError: (String?) -> Unit) {
    val state by journey.state.collectAsState()
    val scope = rememberCoroutineScope()
    var billId by remember { mutableStateOf("") }
    var paymentId by remember { mutableStateOf("") }
    var pin by remember { mutableStateOf("") }
    var cvv2 by remember { mutableStateOf("") }
    var expiry by remember { mutableStateOf("") }
    fun run(block: suspend () -> Unit) = scope.launch { attempt(onError, block) }
    when (val s = state) {
        is BillPaymentState.EnterBill -> {
            Field("شناسه قبض", billId, { billId = it }, digits = true)
            Field("شناسه پرداخت", paymentId, { paymentId = it }, digits = true)
            ProblemText(s.error)
            Action("استعلام") { run { journey.enterBill(billId, paymentId) } }
        }
        is BillPaymentState.AlreadyPaid -> Text("این قبض پیش‌تر پرداخت شده است (${s.bill.paidAtJalali.orEmpty()}).")
        is BillPaymentState.ChooseSource -> {
            Line(s.bill.billTypeFa, "${s.bill.amountGroupedFa} ریال (${s.bill.amountWordsFa})")
            Line("صادرکننده", s.bill.billerNameFa)
            s.sources.forEach { source ->
                when (source) {
                    is BillSource.Account -> Action("از ${source.titleFa}") { run { journey.chooseSource(source.accountId) } }
                    is BillSource.Card -> Action("با کارت ${source.panMasked}") { run { journey.chooseSource(source.cardId) } }
                }
            }
            ProblemText(s.error)
        }
        is BillPaymentState.ConfirmAccount -> {
            Line("مبلغ کل", amountText(s.order.totalRials).rialsFa)
            val ticks = remember(s.pin.requestsUsed) { journey.pinCountdown() }
            val countdown by ticks.collectAsState(initial = s.pin.secondsLeft.toLong())
            Action(if (countdown > 0) "رمز پویا ($countdown)" else "دریافت رمز پویا", enabled = countdown == 0L) {
                run { journey.requestPin() }
            }
            Field("رمز پویا", pin, { pin = it }, digits = true, secret = true)
            ProblemText(s.error)
            Action("پرداخت") { run { journey.confirm(pin) } }
            Action("پرداخت با رمزساز") { run { journey.confirmWithSoftToken() } }
        }
        is BillPaymentState.Authorize -> {
            // A new countdown for each PIN issued; the core counts, the button only shows it.
            val ticks = remember(s.pin.requestsUsed) { journey.pinCountdown() }
            val countdown by ticks.collectAsState(initial = s.pin.secondsLeft.toLong())
            Action(if (countdown > 0) "رمز پویا ($countdown)" else "دریافت رمز پویا", enabled = countdown == 0L) {
                run { journey.requestPin() }
            }
            Field("رمز پویا", pin, { pin = it }, digits = true, secret = true)
            Field("CVV2", cvv2, { cvv2 = it }, digits = true, secret = true)
            Field("تاریخ انقضا (سال‌ماه)", expiry, { expiry = it }, digits = true)
            ProblemText(s.error)
            Action("پرداخت") { run { journey.submitCard(pin, cvv2, expiry) } }
        }
        is BillPaymentState.Pending -> Text("در حال پیگیری نتیجه از بانک…")
        is BillPaymentState.Succeeded -> {
            Line("شماره پیگیری", s.receipt.traceNumber)
            Line("زمان", s.receipt.paidAtJalali)
        }
        is BillPaymentState.Failed -> ProblemText(s.problem)
    }
}
