package ir.hamrah.kotlin

import ir.hamrah.ffi.AccountInfo
import ir.hamrah.ffi.AccountsClient
import ir.hamrah.ffi.PaymentHistoryPages
import ir.hamrah.ffi.PaymentInfo
import ir.hamrah.ffi.PaymentOutcome
import ir.hamrah.ffi.PaymentPage
import ir.hamrah.ffi.ReceiptInfo
import ir.hamrah.ffi.persianDigits
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow

/** The colour of a badge, chosen here so every screen and platform says the same. */
enum class BadgeTone {
    /** Done, or an account that can pay. */
    GOOD,

    /** Accepted, not settled yet. */
    WAITING,

    /** Returned, or an account that is blocked or closed. */
    BAD,
}

/** A payment's row as the payments screen lays it out. */
data class PaymentRow(
    /** The payment (its kind for the icon, its id). */
    val payment: PaymentInfo,
) {
    /** Its kind in Persian («کارت به کارت»). */
    val kindFa: String get() = payment.kindFa

    /** Who was paid. */
    val payeeFa: String get() = payment.payeeFa

    /** How the payee is known (masked card or SHEBA, the bill's type, a mobile). */
    val detailFa: String get() = payment.detailFa

    /** The amount in grouped Persian digits with its unit. */
    val amountFa: String get() = payment.amount.rialsFa

    /** The amount in Persian words. */
    val amountWordsFa: String get() = payment.amount.wordsFa

    /** Where it stands, in Persian, for the badge. */
    val statusFa: String get() = payment.statusFa

    /** The badge's colour. */
    val badge: BadgeTone get() = when (payment.outcome) {
        PaymentOutcome.DONE -> BadgeTone.GOOD
        PaymentOutcome.PENDING -> BadgeTone.WAITING
        PaymentOutcome.RETURNED -> BadgeTone.BAD
    }

    /** When, Jalali, in Persian digits. */
    val atFa: String get() = payment.atFa

    /** Its receipt, to show. */
    val receipt: ReceiptInfo get() = payment.receipt

    /** The text the share sheet gets. */
    val shareTextFa: String get() = payment.receipt.shareTextFa

    /** What a screen reader says for the row. */
    val accessibilityLabelFa: String
        get() = listOf(kindFa, payeeFa, amountFa, statusFa, atFa).joinToString("، ")
}

/** Everything the payments screen shows, in one value. */
data class PaymentHistoryView(
    /** The rows to list: the search's results while searching, else the pages so far, newest first. */
    val rows: List<PaymentRow> = emptyList(),
    /** A search is shown. */
    val searching: Boolean = false,
    /** The note for a page from the phone, with the bank's reason (null when the bank answered). */
    val fromPhoneNoteFa: String? = null,
    /** Whether "more" is offered (an older page follows and no search is shown). */
    val moreOffered: Boolean = false,
    /** What to say when there is nothing to list (an empty search, or no payment yet); null otherwise. */
    val emptyNoteFa: String? = null,
)

/**
 * The payments screen (تراکنش‌ها): every payment of every kind, newest first,
 * page by page (from the phone when the bank cannot be reached), and a search
 * on the payments kept on the phone, with no request. Each row carries its
 * amount text, its badge's colour and its receipt to share.
 */
class PaymentHistoryModel internal constructor(private val client: AccountsClient, scope: CoroutineScope) {
    private val steps = StepRunner(scope)
    private val shown = MutableStateFlow(PaymentHistoryView())
    private var pages: PaymentHistoryPages? = null
    private var listed: List<PaymentInfo> = emptyList()
    private var lastPage: PaymentPage? = null
    private var found: PaymentPage? = null

    /** What the screen shows. */
    val view: StateFlow<PaymentHistoryView> = shown.asStateFlow()

    /** A call is running. */
    val busy get() = steps.busy

    /** The last call's failure. */
    val problem get() = steps.problem

    /** Loads the newest page (again from the top). */
    fun open(): Job = steps.launch {
        val history = pages ?: client.paymentHistory(PAGE_SIZE).also { pages = it }
        val first = history.page(fromTop = true)
        lastPage = first
        listed = first.payments
        found = null
        publish()
    }

    /** The next older page. */
    fun more(): Job = steps.launch {
        val history = pages ?: return@launch
        if (lastPage?.hasMore != true) return@launch
        val next = history.page(fromTop = false)
        lastPage = next
        listed = listed + next.payments
        publish()
    }

    /** The kept payments matching [query] (an amount, a name's part, a type, a reference); blank stops searching. */
    fun search(query: String): Job = steps.launch {
        val history = pages ?: return@launch
        found = if (query.isBlank()) null else history.search(query)
        publish()
    }

    /** Forgets what was shown (at logout). */
    fun clear(): Job = steps.launch {
        pages?.close()
        pages = null
        listed = emptyList()
        lastPage = null
        found = null
        shown.value = PaymentHistoryView()
    }

    private fun publish() {
        val results = found
        val page = lastPage
        val rows = (results?.payments ?: listed).map(::PaymentRow)
        shown.value = PaymentHistoryView(
            rows = rows,
            searching = results != null,
            fromPhoneNoteFa = page?.noteFa,
            moreOffered = results == null && page?.hasMore == true,
            emptyNoteFa = if (rows.isEmpty()) (results ?: page)?.emptyFa else null,
        )
    }

    private companion object {
        const val PAGE_SIZE = 20u
    }
}

/** One account as its details screen shows it: type, rate, state badge, full SHEBA, the text to share. */
data class AccountDetails(
    /** The account. */
    val account: AccountInfo,
) {
    /** The bank's id. */
    val accountId: String get() = account.accountId

    /** How every screen names it. */
    val labelFa: String get() = account.labelFa

    /** Its type in Persian («پس‌انداز»). */
    val kindFa: String get() = account.kindFa

    /** The account's number, in Persian digits. */
    val numberFa: String get() = persianDigits(account.number)

    /** The annual rate a deposit earns («سود سالانه ۵٪»); null for a current account. */
    val rateFa: String? get() = account.interestRateFa

    /** Its state in Persian, for the badge («فعال», «مسدود»). */
    val stateFa: String get() = account.stateFa

    /** The badge's colour: good when money may leave it, bad when it is blocked or closed. */
    val badge: BadgeTone get() = if (account.usable) BadgeTone.GOOD else BadgeTone.BAD

    /** The account is blocked or closed: the screen marks it (and offers it as no source). */
    val marked: Boolean get() = !account.usable

    /** The line that marks a blocked or closed account; null for one that can pay. */
    val markFa: String? get() = account.unusableNoteFa

    /** The available balance as shown. */
    val availableFa: String get() = account.available.rialsFa

    /** The full SHEBA, grouped by four as banks print it (shown left to right). */
    val shebaGroupedFa: String get() = account.shebaGrouped

    /** Title, number and full SHEBA as one text, for "share SHEBA". */
    val shareTextFa: String get() = account.shareTextFa

    /** What a screen reader says for the account (no SHEBA: it is read on request). */
    val accessibilityLabelFa: String
        get() = listOfNotNull(labelFa, kindFa, stateFa, rateFa).joinToString("، ")
}
