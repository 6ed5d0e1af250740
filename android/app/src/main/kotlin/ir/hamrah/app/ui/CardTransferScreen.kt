package ir.hamrah.app.ui

import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.collectAsState
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.saveable.rememberSaveable
import androidx.compose.runtime.setValue
import ir.hamrah.ffi.CardTransferState
import ir.hamrah.ffi.StepView
import ir.hamrah.ffi.amountText
import ir.hamrah.kotlin.CardTransferModel

/**
 * Card to card: each state of the core's journey is one screen. The journey
 * lives in [model] (the Kotlin layer), so a turned phone or a return to this
 * screen finds it where it was; leaving does not end it.
 */
@Composable
fun CardTransferScreen(model: CardTransferModel, services: AppServices, back: () -> Unit) {
    LaunchedEffect(model) { model.open() }
    val state by model.state.collectAsState()
    val view by model.view.collectAsState()
    val busy by model.busy.collectAsState()
    val problem by model.problem.collectAsState()
    Screen("کارت به کارت") {
        state?.let { CardTransferSteps(model, it, view, busy, services) }
        Busy(busy)
        ProblemText(problem)
        Offered(view.cancel, busy) { model.cancel() }
        Offered(view.finish, busy) {
            model.finish()
            back()
        }
        SecondaryAction("بازگشت") { back() }
    }
}

@Composable
private fun CardTransferSteps(
    model: CardTransferModel,
    state: CardTransferState,
    view: StepView,
    busy: Boolean,
    services: AppServices,
) {
    var text by rememberSaveable(state::class.simpleName) { mutableStateOf("") }
    var pin by remember { mutableStateOf("") }
    var cvv2 by remember { mutableStateOf("") }
    var expiry by rememberSaveable { mutableStateOf("") }
    when (state) {
        is CardTransferState.ChooseSource -> state.cards.forEach { card ->
            Action(card.labelFa, enabled = !busy) { model.chooseSource(card.cardId) }
        }
        is CardTransferState.EnterDestination -> {
            Line("از کارت", state.source.labelFa)
            Field("شماره کارت مقصد", text, { text = it }, digits = true)
            ProblemText(state.error)
            Action("استعلام", enabled = !busy) { model.enterDestination(text) }
        }
        is CardTransferState.ConfirmHolder -> {
            Line("دارنده کارت", state.destination.holderName)
            Line("بانک", state.destination.bank.nameFa)
            Line("کارت مقصد", state.destination.panMasked)
            Action("تأیید", enabled = !busy) { model.confirmHolder(true) }
            SecondaryAction("اصلاح شماره کارت", enabled = !busy) { model.confirmHolder(false) }
        }
        is CardTransferState.EnterAmount -> {
            Line("سقف باقی‌مانده امروز", amountText(state.limits.dailyRemainingRials).rialsFa)
            Line("کارمزد", amountText(state.limits.feeRials).rialsFa)
            Field("مبلغ (ریال)", text, { text = it }, digits = true)
            ProblemText(state.error)
            Action("ادامه", enabled = !busy) { model.enterAmount(text) }
        }
        is CardTransferState.Authorize -> {
            Line("به", "${state.payment.destination.holderName} ${state.payment.destination.panMasked}")
            Line("مبلغ", "${state.payment.amountGroupedFa} ریال")
            Text("${state.payment.amountWordsFa} ریال")
            view.pin?.let { offered ->
                Text(offered.noteFa)
                Field("CVV2", cvv2, { cvv2 = it }, digits = true, secret = true)
                Field("تاریخ انقضا (سال‌ماه)", expiry, { expiry = it }, digits = true)
                offered.payWithSoftToken?.let { token ->
                    Offered(token, busy) {
                        model.payWithSoftToken(cvv2, expiry)
                        cvv2 = ""
                    }
                }
                Offered(offered.requestPin, busy) { model.requestPin() }
                Field("رمز پویا", pin, { pin = it }, digits = true, secret = true)
                Offered(offered.payWithSmsPin, busy) {
                    model.payWithSmsPin(pin, cvv2, expiry)
                    pin = ""
                    cvv2 = ""
                }
            }
            ProblemText(state.error)
        }
        is CardTransferState.Pending -> {
            Text("در حال پیگیری نتیجه از بانک…")
            Offered(view.resolve, busy) { model.resolve() }
        }
        is CardTransferState.Succeeded -> view.receipt?.let { Receipt(it, services) }
        is CardTransferState.Failed -> ProblemText(state.problem)
    }
}
