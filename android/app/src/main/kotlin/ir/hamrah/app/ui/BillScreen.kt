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
import ir.hamrah.ffi.BillPaymentState
import ir.hamrah.ffi.BillSource
import ir.hamrah.ffi.PinActions
import ir.hamrah.ffi.StepView
import ir.hamrah.ffi.amountText
import ir.hamrah.kotlin.BillPaymentModel

/** Bill payment from an account or a card: each state of the core's journey is one screen. */
@Composable
fun BillScreen(model: BillPaymentModel, services: AppServices, back: () -> Unit) {
    LaunchedEffect(model) { model.open() }
    val state by model.state.collectAsState()
    val view by model.view.collectAsState()
    val busy by model.busy.collectAsState()
    val problem by model.problem.collectAsState()
    Screen("پرداخت قبض") {
        state?.let { BillSteps(model, it, view, busy, services) }
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
private fun BillSteps(model: BillPaymentModel, state: BillPaymentState, view: StepView, busy: Boolean, services: AppServices) {
    var billId by rememberSaveable { mutableStateOf("") }
    var paymentId by rememberSaveable { mutableStateOf("") }
    when (state) {
        is BillPaymentState.EnterBill -> {
            Field("شناسه قبض", billId, { billId = it }, digits = true)
            Field("شناسه پرداخت", paymentId, { paymentId = it }, digits = true)
            ProblemText(state.error)
            Action("استعلام", enabled = !busy) { model.enterBill(billId, paymentId) }
        }
        is BillPaymentState.AlreadyPaid -> {
            Line(state.bill.billTypeFa, state.bill.billerNameFa)
            Text("این قبض پیش‌تر پرداخت شده است.")
        }
        is BillPaymentState.ChooseSource -> {
            Line(state.bill.billTypeFa, state.bill.billerNameFa)
            Line("مبلغ", "${state.bill.amountGroupedFa} ریال")
            Text("${state.bill.amountWordsFa} ریال")
            state.sources.forEach { source ->
                when (source) {
                    is BillSource.Account -> Action("از ${source.labelFa}", enabled = !busy) { model.chooseSource(source.accountId) }
                    is BillSource.Card -> Action("با ${source.labelFa}", enabled = !busy) { model.chooseSource(source.cardId) }
                }
            }
            ProblemText(state.error)
        }
        is BillPaymentState.ConfirmAccount -> {
            Line("مبلغ کل", amountText(state.order.totalRials).rialsFa)
            view.pin?.let { AccountPin(model, it, busy) }
            ProblemText(state.error)
        }
        is BillPaymentState.Authorize -> {
            Line("مبلغ کل", amountText(state.order.totalRials).rialsFa)
            view.pin?.let { CardPin(model, it, busy) }
            ProblemText(state.error)
        }
        is BillPaymentState.Pending -> {
            Text("در حال پیگیری نتیجه از بانک…")
            Offered(view.resolve, busy) { model.resolve() }
        }
        is BillPaymentState.Succeeded -> view.receipt?.let { Receipt(it, services) }
        is BillPaymentState.Failed -> ProblemText(state.problem)
    }
}

/** Paying from an account: the bank's PIN for this bill, or the soft token. */
@Composable
private fun AccountPin(model: BillPaymentModel, offered: PinActions, busy: Boolean) {
    var pin by remember { mutableStateOf("") }
    Text(offered.noteFa)
    offered.payWithSoftToken?.let { Offered(it, busy) { model.confirmWithSoftToken() } }
    Offered(offered.requestPin, busy) { model.requestPin() }
    Field("رمز پویا", pin, { pin = it }, digits = true, secret = true)
    Offered(offered.payWithSmsPin, busy) {
        model.confirm(pin)
        pin = ""
    }
}

/** Paying by card: the soft token, or the SMS PIN, with CVV2 and expiry. */
@Composable
private fun CardPin(model: BillPaymentModel, offered: PinActions, busy: Boolean) {
    var pin by remember { mutableStateOf("") }
    var cvv2 by remember { mutableStateOf("") }
    var expiry by rememberSaveable { mutableStateOf("") }
    Text(offered.noteFa)
    Field("CVV2", cvv2, { cvv2 = it }, digits = true, secret = true)
    Field("تاریخ انقضا (سال‌ماه)", expiry, { expiry = it }, digits = true)
    offered.payWithSoftToken?.let {
        Offered(it, busy) {
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
