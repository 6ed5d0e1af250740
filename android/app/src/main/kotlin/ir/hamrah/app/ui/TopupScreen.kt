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
import ir.hamrah.ffi.BillSource
import ir.hamrah.ffi.TopupState
import ir.hamrah.ffi.amountText
import ir.hamrah.ffi.persianDigits
import ir.hamrah.kotlin.HamrahClient
import ir.hamrah.kotlin.TopupJourney
import kotlinx.coroutines.launch

/** Mobile top-up and internet packages (خرید شارژ و بسته اینترنت): each state of the core's journey is one screen. */
@Composable
fun TopupScreen(client: HamrahClient, back: () -> Unit) {
    var journey by remember { mutableStateOf<TopupJourney?>(null) }
    var error by remember { mutableStateOf<String?>(null) }
    LaunchedEffect(Unit) { attempt({ error = it }) { journey = client.startTopup() } }
    DisposableEffect(Unit) { onDispose { journey?.close() } }
    Screen("خرید شارژ و بسته اینترنت") {
        journey?.let { TopupSteps(it) { error = it } }
        ErrorText(error)
        Action("بازگشت") { back() }
    }
}

@Composable
private fun TopupSteps(journey: TopupJourney, onError: (String?) -> Unit) {
    val state by journey.state.collectAsState()
    val scope = rememberCoroutineScope()
    var mobile by remember { mutableStateOf("") }
    var pin by remember { mutableStateOf("") }
    var cvv2 by remember { mutableStateOf("") }
    var expiry by remember { mutableStateOf("") }
    fun run(block: suspend () -> Unit) = scope.launch { attempt(onError, block) }
    when (val s = state) {
        is TopupState.EnterMobile -> {
            s.ownMobile?.let { own -> Action("شماره خودم (${persianDigits(own)})") { run { journey.enterMobile(own) } } }
            Field("شماره همراه", mobile, { mobile = it }, digits = true)
            ProblemText(s.error)
            Action("ادامه") { run { journey.enterMobile(mobile) } }
        }
        is TopupState.ChooseProduct -> {
            Line("شماره", persianDigits(s.line.mobile))
            Line("اپراتور", s.line.operatorNameFa + if (s.line.ported) " (ترابردشده)" else "")
            // The operator comes from the prefix; another one for a number ported to it.
            s.operators.filter { it.operatorId != s.line.operatorId }.forEach { other ->
                Action("ترابرد به ${other.nameFa}") { run { journey.chooseOperator(other.operatorId) } }
            }
            s.offer?.let { offer ->
                offer.chargeAmountsRials.forEach { amount ->
                    Action("شارژ مستقیم ${amountText(amount).rialsFa}") { run { journey.chooseCharge(amount.toString()) } }
                    offer.amazingTitleFa?.let { title ->
                        Action("$title ${amountText(amount).rialsFa}") { run { journey.chooseCharge(amount.toString(), amazing = true) } }
                    }
                }
                offer.packages.forEach { p ->
                    Action("${p.titleFa}، ${persianDigits(p.durationDays.toString())} روز، ${amountText(p.priceRials).rialsFa}") {
                        run { journey.choosePackage(p.packageId) }
                    }
                }
            }
            ProblemText(s.error)
        }
        is TopupState.ChooseSource -> {
            Line(s.purchase.titleFa, "${s.purchase.amountGroupedFa} ریال (${s.purchase.amountWordsFa})")
            Line("برای", persianDigits(s.purchase.line.mobileMasked))
            s.sources.forEach { source ->
                when (source) {
                    is BillSource.Account -> Action("از ${source.titleFa}") { run { journey.chooseSource(source.accountId) } }
                    is BillSource.Card -> Action("با کارت ${source.panMasked}") { run { journey.chooseSource(source.cardId) } }
                }
            }
            ProblemText(s.error)
        }
        is TopupState.ConfirmAccount -> {
            Line(s.order.purchase.titleFa, amountText(s.order.totalRials).rialsFa)
            val ticks = remember(s.pin.requestsUsed) { journey.pinCountdown() }
            val countdown by ticks.collectAsState(initial = s.pin.secondsLeft.toLong())
            Action(if (countdown > 0) "رمز پویا ($countdown)" else "دریافت رمز پویا", enabled = countdown == 0L) {
                run { journey.requestPin() }
            }
            Field("رمز پویا", pin, { pin = it }, digits = true, secret = true)
            ProblemText(s.error)
            Action("پرداخت") { run { journey.confirm(pin) } }
            if (s.softTokenAvailable) Action("پرداخت با رمزساز") { run { journey.confirmWithSoftToken() } }
        }
        is TopupState.Authorize -> {
            Line(s.order.purchase.titleFa, amountText(s.order.totalRials).rialsFa)
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
            if (s.softTokenAvailable) Action("پرداخت با رمزساز") { run { journey.submitCardWithSoftToken(cvv2, expiry) } }
        }
        is TopupState.Pending -> Text("در حال پیگیری نتیجه از بانک…")
        is TopupState.Succeeded -> {
            Line("برای", persianDigits(s.receipt.mobileMasked))
            Line("مبلغ", amountText(s.receipt.totalDebitedRials).rialsFa)
            Line("شماره پیگیری اپراتور", persianDigits(s.receipt.operatorReference))
            Line("شماره پیگیری", persianDigits(s.receipt.traceNumber))
            Line("زمان", persianDigits(s.receipt.createdAtJalali))
        }
        is TopupState.Failed -> ProblemText(s.problem)
    }
}
