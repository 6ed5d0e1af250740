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
import ir.hamrah.ffi.LoanPaymentState
import ir.hamrah.ffi.LoanSourceInfo
import ir.hamrah.ffi.LoansView
import ir.hamrah.ffi.amountText
import ir.hamrah.ffi.persianDigits
import ir.hamrah.kotlin.HamrahClient
import ir.hamrah.kotlin.LoanPaymentJourney
import kotlinx.coroutines.launch

/** تسهیلات و اقساط: the customer's loans (offline, the last kept), then paying an instalment. */
@Composable
fun LoanScreen(client: HamrahClient, back: () -> Unit) {
    var view by remember { mutableStateOf<LoansView?>(null) }
    var journey by remember { mutableStateOf<LoanPaymentJourney?>(null) }
    var error by remember { mutableStateOf<String?>(null) }
    val scope = rememberCoroutineScope()
    LaunchedEffect(Unit) { attempt({ error = it }) { view = client.loans.list() } }
    DisposableEffect(Unit) { onDispose { journey?.close() } }
    Screen("تسهیلات و اقساط") {
        val current = journey
        if (current != null) {
            LoanSteps(current) { error = it }
        } else {
            view?.let { loans ->
                if (loans.offline) Text("آخرین اطلاعات دریافت‌شده (بدون اتصال)")
                loans.loans.forEach { loan ->
                    Line(loan.titleFa, persianDigits(loan.loanNumber))
                    Line("مانده", amountText(loan.remainingRials).rialsFa)
                    loan.nextDueDateJalali?.let { Line("قسط بعدی", persianDigits(it)) }
                    if (loan.overdueCount > 0u) {
                        Line("اقساط معوق", persianDigits(loan.overdueCount.toString()))
                        Line("جریمه تأخیر", amountText(loan.penaltyRials).rialsFa)
                    }
                }
            }
            Action("پرداخت قسط") { scope.launch { attempt({ error = it }) { journey = client.startLoanPayment() } } }
            Action("پرداخت قسط دیگران") {
                scope.launch { attempt({ error = it }) { journey = client.startLoanPaymentByNumber() } }
            }
        }
        ErrorText(error)
        Action("بازگشت") { back() }
    }
}

@Composable
private fun LoanSteps(journey: LoanPaymentJourney, onError: (String?) -> Unit) {
    val state by journey.state.collectAsState()
    val scope = rememberCoroutineScope()
    var number by remember { mutableStateOf("") }
    var count by remember { mutableStateOf("1") }
    var pin by remember { mutableStateOf("") }
    var cvv2 by remember { mutableStateOf("") }
    var expiry by remember { mutableStateOf("") }
    fun run(block: suspend () -> Unit) = scope.launch { attempt(onError, block) }
    when (val s = state) {
        is LoanPaymentState.ChooseLoan -> {
            s.loans.forEach { loan ->
                Action("${loan.titleFa} — ${persianDigits(loan.loanNumber)}") { run { journey.chooseLoan(loan.loanId) } }
            }
            ProblemText(s.error)
            Action("پرداخت با شماره تسهیلات") { run { journey.payByNumber() } }
        }
        is LoanPaymentState.EnterLoanNumber -> {
            Field("شماره تسهیلات", number, { number = it }, digits = true)
            ProblemText(s.error)
            Action("استعلام") { run { journey.enterLoanNumber(number) } }
        }
        is LoanPaymentState.ConfirmHolder -> {
            Line("شماره تسهیلات", persianDigits(s.loan.loanNumber))
            Line("به نام", s.loan.holderNameMasked)
            Line("بانک", s.loan.bank.nameFa)
            Action("تأیید") { run { journey.confirmHolder(true) } }
            Action("اصلاح شماره") { run { journey.confirmHolder(false) } }
        }
        is LoanPaymentState.ChooseInstalments -> {
            s.loan.due.forEach { due ->
                val penalty = if (due.penaltyRials > 0uL) " + جریمه ${amountText(due.penaltyRials).rialsFa}" else ""
                Line(
                    "قسط ${persianDigits(due.number.toString())} (${persianDigits(due.dueDateJalali)})",
                    amountText(due.amountRials).rialsFa + penalty,
                )
            }
            Field("تعداد اقساط", count, { count = it }, digits = true)
            ProblemText(s.error)
            Action("ادامه") { run { journey.chooseInstalments(count.toUIntOrNull() ?: 0u) } }
            if (s.loan.own) Action("تسویه پیش از موعد") { run { journey.requestSettlement() } }
        }
        is LoanPaymentState.ConfirmSettlement -> {
            Line("اقساط پرداخت‌نشده", amountText(s.quote.unpaidRials).rialsFa)
            Line("جریمه", amountText(s.quote.penaltyRials).rialsFa)
            Line("تخفیف سود", amountText(s.quote.discountRials).rialsFa)
            Line("مبلغ تسویه", amountText(s.quote.amountRials).rialsFa)
            Line("معتبر تا", persianDigits(s.quote.validUntilJalali))
            Action("پذیرش") { run { journey.acceptSettlement(true) } }
            Action("انصراف") { run { journey.acceptSettlement(false) } }
        }
        is LoanPaymentState.ChooseSource -> {
            Line("مبلغ", amountText(s.amountRials).rialsFa)
            s.sources.forEach { source ->
                when (source) {
                    is LoanSourceInfo.Account -> Action("از ${source.titleFa} ${source.shebaMasked}") {
                        run { journey.chooseSource(source.accountId) }
                    }
                    is LoanSourceInfo.Card -> Action("با کارت ${source.bankNameFa} ${source.panMasked}") {
                        run { journey.chooseSource(source.cardId) }
                    }
                }
            }
            ProblemText(s.error)
        }
        is LoanPaymentState.Authorize -> {
            Line("مبلغ", "${s.order.amountGroupedFa} ریال (${s.order.amountWordsFa})")
            Line("به نام", s.order.loan.holderNameMasked)
            val ticks = remember(s.pin.requestsUsed) { journey.pinCountdown() }
            val countdown by ticks.collectAsState(initial = s.pin.secondsLeft.toLong())
            Action(if (countdown > 0) "رمز پویا ($countdown)" else "دریافت رمز پویا", enabled = countdown == 0L) {
                run { journey.requestPin() }
            }
            Field("رمز پویا", pin, { pin = it }, digits = true, secret = true)
            val card = s.order.source is LoanSourceInfo.Card
            if (card) {
                Field("CVV2", cvv2, { cvv2 = it }, digits = true, secret = true)
                Field("تاریخ انقضا (سال‌ماه)", expiry, { expiry = it }, digits = true)
            }
            ProblemText(s.error)
            Action("پرداخت") { run { if (card) journey.submitCard(pin, cvv2, expiry) else journey.submit(pin) } }
        }
        is LoanPaymentState.Pending -> Text("در حال پیگیری نتیجه از بانک…")
        is LoanPaymentState.Succeeded -> {
            Line("شماره پیگیری", s.receipt.traceNumber)
            Line("مبلغ", amountText(s.receipt.totalDebitedRials).rialsFa)
            Line("مانده تسهیلات", amountText(s.receipt.remainingRials).rialsFa)
            if (s.receipt.loanSettled) Text("تسهیلات تسویه شد.")
            Line("زمان", persianDigits(s.receipt.paidAtJalali))
        }
        is LoanPaymentState.Failed -> ProblemText(s.problem)
    }
}
