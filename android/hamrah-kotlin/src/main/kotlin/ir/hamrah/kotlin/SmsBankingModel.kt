package ir.hamrah.kotlin

import ir.hamrah.ffi.AccountsClient
import ir.hamrah.ffi.ChannelDecision
import ir.hamrah.ffi.ChannelObserver
import ir.hamrah.ffi.LocalUnlock
import ir.hamrah.ffi.ProblemInfo
import ir.hamrah.ffi.SmsBillPayment
import ir.hamrah.ffi.SmsCardBlock
import ir.hamrah.ffi.SmsCardTransfer
import ir.hamrah.ffi.SmsChannel
import ir.hamrah.ffi.SmsResult
import ir.hamrah.ffi.smsRowIndex
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow

/** The part of the SMS screen an exchange belongs to (its outcome shows there). */
enum class SmsTask { SET_UP, ACCOUNT, TRANSFER, BILL, BLOCK }

/**
 * Banking over SMS: the channel the core chooses, the set-up, the rows the
 * pickers name (the HTTPS lists' labels, else the core's directory kept from
 * the last time they loaded; with neither the customer types a row, checked
 * by the core), and the operations. One exchange runs at a time; a payment
 * or block whose outcome the core's journal holds as unknown is offered
 * "resolve" by its key, never a new one.
 */
class SmsBankingModel internal constructor(
    private val sms: SmsChannel,
    private val accounts: AccountsClient,
    scope: CoroutineScope,
) : AutoCloseable {
    private val steps = StepRunner(scope)
    private val decision = ObservedState(sms.channel()) { publish ->
        sms.observeChannel(object : ChannelObserver {
            override fun onChannel(decision: ChannelDecision) = publish(decision)
        })
    }
    private val isReady = MutableStateFlow(sms.isReady())
    private val accountLabels = MutableStateFlow<List<String>>(emptyList())
    private val cardLabels = MutableStateFlow<List<String>>(emptyList())
    private val lastTask = MutableStateFlow<SmsTask?>(null)
    private val lastResult = MutableStateFlow<SmsResult?>(null)
    private val unlockedNow = MutableStateFlow(false)
    private val unknown = MutableStateFlow<Set<SmsTask>>(emptySet())
    private val openTransfer = MutableStateFlow<SmsCardTransfer?>(null)
    private var payment: SmsBillPayment? = null
    private var block: SmsCardBlock? = null

    /** The channel the next step uses, and why. */
    val channel: StateFlow<ChannelDecision> get() = decision.state

    /** The SMS key is agreed. */
    val ready: StateFlow<Boolean> = isReady.asStateFlow()

    /** The accounts' labels in the bank's order (an SMS names an account by its row). */
    val accountRows: StateFlow<List<String>> = accountLabels.asStateFlow()

    /** The cards' labels in the bank's order. */
    val cardRows: StateFlow<List<String>> = cardLabels.asStateFlow()

    /** The section of the last exchange. */
    val task: StateFlow<SmsTask?> = lastTask.asStateFlow()

    /** The bank's answer to the last exchange (its text in Persian, its figures). */
    val result: StateFlow<SmsResult?> = lastResult.asStateFlow()

    /** The sections whose operation's outcome is unknown: they offer resolve and nothing new. */
    val unresolved: StateFlow<Set<SmsTask>> = unknown.asStateFlow()

    /** The card-to-card transfer under way (its PIN asked), null before one. */
    val transfer: StateFlow<SmsCardTransfer?> = openTransfer.asStateFlow()

    /** SMS banking was opened from the login screen after the device's unlock. */
    val unlocked: StateFlow<Boolean> = unlockedNow.asStateFlow()

    /** An exchange is running (the customer sends the SMS, the reply is awaited). */
    val busy get() = steps.busy

    /** The last call's failure, in the core's words. */
    val problem get() = steps.problem

    /**
     * The row typed as [text] (1 for the first) as the index an SMS carries,
     * or the core's problem when it is not a row.
     */
    fun typedRow(text: String): Result<UByte> = runCatching { smsRowIndex(text) }

    /** The problem of a typed row that is not one (null when it is). */
    fun rowProblem(text: String): ProblemInfo? = typedRow(text).exceptionOrNull()?.problem

    /** The rows' labels: the directory kept on the phone first, then the HTTPS lists when they load. */
    fun load(): Job = steps.launch {
        val kept = sms.directory()
        accountLabels.value = kept.accounts
        cardLabels.value = kept.cards
        try {
            val overview = accounts.overview()
            accountLabels.value = overview.accounts.map { it.labelFa }
            cardLabels.value = overview.cards.map { it.labelFa }
        } catch (e: Exception) {
            // Data down or no session: the kept labels serve; the failure matters only without them.
            if (kept.accounts.isEmpty() && kept.cards.isEmpty()) throw e
        }
    }

    /** Agrees the SMS key with the bank (over HTTPS, logged in). */
    fun setUp(): Job = exchange(SmsTask.SET_UP) {
        sms.setUp()
        isReady.value = sms.isReady()
        sms.connectivityChanged() // the decision depends on the key
        null
    }

    /** SMS banking from the login screen (no bank session): the device's unlock first. */
    fun unlock(gate: LocalUnlock): Job = steps.launch {
        unlockedNow.value = false
        sms.unlock(gate)
        unlockedNow.value = true
    }

    /** Leaves SMS banking opened from the login screen. */
    fun lock() {
        unlockedNow.value = false
    }

    /** The balance of the account at [row]. */
    fun balance(row: UByte): Job = exchange(SmsTask.ACCOUNT) { sms.balance(row) }

    /** The last five entries of the account at [row]. */
    fun lastFive(row: UByte): Job = exchange(SmsTask.ACCOUNT) { sms.lastFive(row) }

    /**
     * Asks for the dynamic PIN of a card-to-card transfer from the card at [row]
     * (the transfer is named by its key the first time; the fields then stay).
     */
    fun requestTransferPin(row: UByte, destinationPan: String, amount: String): Job = exchange(SmsTask.TRANSFER) {
        val current = openTransfer.value ?: sms.cardTransfer(row, destinationPan, amount).also { openTransfer.value = it }
        current.requestPin()
    }

    /** Sends the transfer with the PIN, CVV2 and expiry, exactly once. */
    fun payTransfer(pin: String, cvv2: String, expiry: String): Job = exchange(SmsTask.TRANSFER) {
        openTransfer.value?.submit(pin, cvv2, expiry)
    }

    /** Asks the bank for the transfer's outcome by its key. */
    fun resolveTransfer(): Job = exchange(SmsTask.TRANSFER) { openTransfer.value?.resolve() }

    /** A new transfer (not while the last one's outcome is unknown). */
    fun newTransfer(): Job = steps.launch {
        if (SmsTask.TRANSFER in unknown.value) return@launch
        openTransfer.value?.close()
        openTransfer.value = null
        clear(SmsTask.TRANSFER)
    }

    /** Pays a bill from the account at [row], exactly once (the same bill again under the same key). */
    fun payBill(row: UByte, billId: String, paymentId: String, amount: String): Job = exchange(SmsTask.BILL) {
        val current = payment ?: sms.billPayment(billId, paymentId, amount).also { payment = it }
        current.payFromAccount(row)
    }

    /** Asks the bank for the bill payment's outcome by its key. */
    fun resolveBill(): Job = exchange(SmsTask.BILL) { payment?.resolve() }

    /** A new bill (not while the last one's outcome is unknown). */
    fun newBill(): Job = steps.launch {
        if (SmsTask.BILL in unknown.value) return@launch
        payment?.close()
        payment = null
        clear(SmsTask.BILL)
    }

    /** Blocks the card at [row] (as lost), after the customer confirmed. */
    fun blockCard(row: UByte): Job = exchange(SmsTask.BLOCK) {
        if (SmsTask.BLOCK in unknown.value) return@exchange block?.resolve()
        block?.close()
        sms.cardBlock(row).also { block = it }.submit()
    }

    /** Asks the bank for the block's outcome by its key. */
    fun resolveBlock(): Job = exchange(SmsTask.BLOCK) { block?.resolve() }

    private fun exchange(task: SmsTask, call: suspend () -> SmsResult?): Job = steps.launch {
        lastTask.value = task
        lastResult.value = null
        try {
            lastResult.value = call()
        } finally {
            val open = when (task) {
                SmsTask.TRANSFER -> openTransfer.value?.outcomeUnknown() == true
                SmsTask.BILL -> payment?.outcomeUnknown() == true
                SmsTask.BLOCK -> block?.outcomeUnknown() == true
                SmsTask.SET_UP, SmsTask.ACCOUNT -> false
            }
            unknown.value = if (open) unknown.value + task else unknown.value - task
        }
    }

    private fun clear(task: SmsTask) {
        if (lastTask.value == task) lastResult.value = null
    }

    override fun close() {
        decision.close()
        openTransfer.value?.close()
        payment?.close()
        block?.close()
    }
}
