package ir.hamrah.kotlin

import ir.hamrah.ffi.LoanPaymentFlow
import ir.hamrah.ffi.LoanPaymentObserver
import ir.hamrah.ffi.LoanPaymentState
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.StateFlow

/**
 * One loan payment (own loan, or another person's by its number) for the
 * screens; see [CardTransferJourney]. Every rule (what is due, penalties,
 * the settlement quote, balances) is the core's: the screen renders [state].
 */
class LoanPaymentJourney internal constructor(private val flow: LoanPaymentFlow) : AutoCloseable {
    private val observed = ObservedState(flow.state()) { publish ->
        flow.observe(object : LoanPaymentObserver {
            override fun onState(state: LoanPaymentState) = publish(state)
        })
    }

    /** The state to render. */
    val state: StateFlow<LoanPaymentState> get() = observed.state

    /** The saved journey's id, to reopen it after a restart. */
    val flowId: String get() = flow.flowId()

    /** The SMS dynamic PIN's validity, ending with 0. */
    fun pinCountdown(): Flow<Long> = countdown { flow.observePinCountdown(it) }

    /** From the list: pay a loan by its number instead. */
    suspend fun payByNumber() = flow.payByNumber()

    /** Picks one of the customer's loans. */
    suspend fun chooseLoan(loanId: String) = flow.chooseLoan(loanId)

    /** The loan number, as typed. */
    suspend fun enterLoanNumber(number: String) = flow.enterLoanNumber(number)

    /** Confirms (or rejects) the holder's masked name. */
    suspend fun confirmHolder(confirmed: Boolean) = flow.confirmHolder(confirmed)

    /** Pays the oldest [count] unpaid instalments. */
    suspend fun chooseInstalments(count: UInt) = flow.chooseInstalments(count)

    /** Asks the bank's early-settlement quote (own loans). */
    suspend fun requestSettlement() = flow.requestSettlement()

    /** Accepts (or declines) the quote. */
    suspend fun acceptSettlement(accepted: Boolean) = flow.acceptSettlement(accepted)

    /** Picks the account or card that pays. */
    suspend fun chooseSource(sourceId: String) = flow.chooseSource(sourceId)

    /** Asks for an SMS dynamic PIN bound to this loan and amount. */
    suspend fun requestPin() = flow.requestPin()

    /** Pays from the account with the SMS dynamic PIN, exactly once. */
    suspend fun submit(pin: String) = flow.submit(pin)

    /** Pays from another bank's card, exactly once. */
    suspend fun submitCard(pin: String, cvv2: String, expiry: String) = flow.submitCard(pin, cvv2, expiry)

    /** A pending payment asks the bank for its outcome. */
    suspend fun resolve() = flow.resolve()

    /** Forgets the saved journey. */
    suspend fun finish() = flow.finish()

    override fun close() {
        observed.close()
        flow.close()
    }
}
