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
import ir.hamrah.ffi.ShebaTransferState
import ir.hamrah.ffi.StepView
import ir.hamrah.ffi.amountText
import ir.hamrah.kotlin.ShebaTransferModel

/** SHEBA transfer (PAYA / SATNA): each state of the core's journey is one screen. */
@Composable
fun ShebaScreen(model: ShebaTransferModel, services: AppServices, back: () -> Unit) {
    LaunchedEffect(model) { model.open() }
    val state by model.state.collectAsState()
    val view by model.view.collectAsState()
    val busy by model.busy.collectAsState()
    val problem by model.problem.collectAsState()
    Screen("انتقال شبا") {
        state?.let { ShebaSteps(model, it, view, busy, services) }
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
private fun ShebaSteps(model: ShebaTransferModel, state: ShebaTransferState, view: StepView, busy: Boolean, services: AppServices) {
    var text by rememberSaveable(state::class.simpleName) { mutableStateOf("") }
    var pin by remember { mutableStateOf("") }
    when (state) {
        is ShebaTransferState.ChooseSource -> state.accounts.forEach { account ->
            Action(account.labelFa, enabled = !busy) { model.chooseSource(account.accountId) }
        }
        is ShebaTransferState.EnterSheba -> {
            Field("شبای مقصد (IR…)", text, { text = it })
            ProblemText(state.error)
            Action("استعلام", enabled = !busy) { model.enterSheba(text) }
        }
        is ShebaTransferState.ConfirmHolder -> {
            Line("صاحب حساب", state.destination.holderName)
            Line("بانک", state.destination.bank.nameFa)
            Line("شبا", state.destination.shebaMasked)
            Action("تأیید", enabled = !busy) { model.confirmHolder(true) }
            SecondaryAction("اصلاح شبا", enabled = !busy) { model.confirmHolder(false) }
        }
        is ShebaTransferState.EnterAmount -> {
            Line("موجودی قابل برداشت", amountText(state.limits.availableRials).rialsFa)
            Field("مبلغ (ریال)", text, { text = it }, digits = true)
            ProblemText(state.error)
            Action("ادامه", enabled = !busy) { model.enterAmount(text) }
        }
        is ShebaTransferState.ChooseMethod -> state.options.forEach { option ->
            Action("${option.nameFa} — کارمزد ${amountText(option.feeRials).rialsFa}", enabled = !busy) {
                model.chooseMethod(option.method)
            }
        }
        is ShebaTransferState.Confirm -> {
            Line("به", "${state.payment.destination.holderName} ${state.payment.destination.shebaMasked}")
            Line("روش", state.payment.option.nameFa)
            Line("مبلغ", "${state.payment.amountGroupedFa} ریال")
            Text("${state.payment.amountWordsFa} ریال")
            state.payment.option.expectedSettlement?.let { Line("تسویه پیش‌بینی‌شده", it.dateLongFa) }
            view.pin?.let { offered ->
                Text(offered.noteFa)
                offered.payWithSoftToken?.let { Offered(it, busy) { model.payWithSoftToken() } }
                Offered(offered.requestPin, busy) { model.requestPin() }
                Field("رمز پویا", pin, { pin = it }, digits = true, secret = true)
                Offered(offered.payWithSmsPin, busy) {
                    model.payWithSmsPin(pin)
                    pin = ""
                }
            }
            ProblemText(state.error)
        }
        is ShebaTransferState.Pending -> {
            Text("در حال پیگیری نتیجه از بانک…")
            Offered(view.resolve, busy) { model.resolve() }
        }
        is ShebaTransferState.Succeeded -> view.receipt?.let { Receipt(it, services) }
        is ShebaTransferState.Failed -> ProblemText(state.problem)
    }
}
