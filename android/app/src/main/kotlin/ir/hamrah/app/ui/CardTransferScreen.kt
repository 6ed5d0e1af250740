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
import ir.hamrah.ffi.CardTransferState
import ir.hamrah.ffi.amountText
import ir.hamrah.kotlin.CardTransferJourney
import ir.hamrah.kotlin.HamrahClient
import kotlinx.coroutines.launch

/** Card to card: each state of the core's journey is one screen. */
@Composable
fun CardTransferScreen(client: HamrahClient, back: () -> Unit) {
    var journey by remember { mutableStateOf<CardTransferJourney?>(null) }
    var error by remember { mutableStateOf<String?>(null) }
    LaunchedEffect(Unit) { attempt({ error = it }) { journey = client.startCardTransfer() } }
    DisposableEffect(Unit) { onDispose { journey?.close() } }
    Screen("کارت به کارت") {
        journey?.let { CardTransferSteps(it) { error = it } }
        ErrorText(error)
        Action("بازگشت") { back() }
    }
}

@Composable
private fun CardTransferSteps(journey: CardTransferJourney, onError: (String?) -> Unit) {
    val state by journey.state.collectAsState()
    val scope = rememberCoroutineScope()
    var text by remember(state::class) { mutableStateOf("") }
    var pin by remember { mutableStateOf("") }
    var cvv2 by remember { mutableStateOf("") }
    var expiry by remember { mutableStateOf("") }
    fun run(block: suspend () -> Unit) = scope.launch { attempt(onError, block) }
    when (val s = state) {
        is CardTransferState.ChooseSource -> s.cards.forEach { card ->
            Action("${card.bankNameFa} ${card.panMasked}") { run { journey.chooseSource(card.cardId) } }
        }
        is CardTransferState.EnterDestination -> {
            Field("شماره کارت مقصد", text, { text = it }, digits = true)
            ProblemText(s.error)
            Action("ادامه") { run { journey.enterDestination(text) } }
        }
        is CardTransferState.ConfirmHolder -> {
            Line("دارنده", s.destination.holderName)
            Line("بانک", s.destination.bank.nameFa)
            Action("تأیید") { run { journey.confirmHolder(true) } }
            Action("اصلاح") { run { journey.confirmHolder(false) } }
        }
        is CardTransferState.EnterAmount -> {
            Line("سقف باقی‌مانده امروز", amountText(s.limits.dailyRemainingRials).rialsFa)
            Field("مبلغ (ریال)", text, { text = it }, digits = true)
            ProblemText(s.error)
            Action("ادامه") { run { journey.enterAmount(text) } }
        }
        is CardTransferState.Authorize -> {
            Line("مبلغ", "${s.payment.amountGroupedFa} ریال (${s.payment.amountWordsFa})")
            Line("به", "${s.payment.destination.holderName} ${s.payment.destination.panMasked}")
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
            Action("پرداخت") { run { journey.submit(pin, cvv2, expiry) } }
            Action("پرداخت با رمز نرم‌افزاری") { run { journey.submitWithSoftToken(cvv2, expiry) } }
        }
        is CardTransferState.Pending -> Text("در حال پیگیری نتیجه از بانک…")
        is CardTransferState.Succeeded -> {
            Line("شماره پیگیری", s.receipt.traceNumber)
            Line("زمان", s.receipt.createdAtJalali)
            Line("مبلغ کسرشده", amountText(s.receipt.totalDebitedRials).rialsFa)
        }
        is CardTransferState.Failed -> ProblemText(s.problem)
    }
}
