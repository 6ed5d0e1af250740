package ir.hamrah.kotlin

import ir.hamrah.ffi.LoanPaymentFlow
import ir.hamrah.ffi.LoanPaymentInput
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
    suspend fun payByNumber() = flow.step(LoanPaymentInput.PayByNumber)

    /** Picks one of the customer's loans. */
    suspend fun chooseLoan(loanId: String) = flow.step(LoanPaymentInput.ChooseLoan(loanId))

    /** The loan number, as typed. */
    suspend fun enterLoanNumber(number: String) = flow.step(LoanPaymentInput.EnterLoanNumber(number))

    /** Confirms (or rejects) the holder's masked name. */
    suspend fun confirmHolder(confirmed: Boolean) = flow.step(LoanPaymentInput.ConfirmHolder(confirmed))

    /** Pays the oldest [count] unpaid instalments. */
    suspend fun chooseInstalments(count: UInt) = flow.step(LoanPaymentInput.ChooseInstalments(count))

    /** Asks the bank's early-settlement quote (own loans). */
    suspend fun requestSettlement() = flow.step(LoanPaymentInput.RequestSettlement)

    /** Accepts (or declines) the quote. */
    suspend fun acceptSettlement(accepted: Boolean) = flow.step(LoanPaymentInput.AcceptSettlement(accepted))

    /** Picks the account or card that pays. */
    suspend fun chooseSource(sourceId: String) = flow.step(LoanPaymentInput.ChooseSource(sourceId))

    /** Asks for an SMS dynamic PIN bound to this loan and amount. */
    suspend fun requestPin() = flow.step(LoanPaymentInput.RequestPin)

    /** Pays from the account with the SMS dynamic PIN, exactly once. */
    suspend fun submit(pin: String) = flow.step(LoanPaymentInput.Submit(pin))

    /** Pays from the account with a soft-token code made on the phone, exactly once. */
    suspend fun submitWithSoftToken() = flow.step(LoanPaymentInput.SubmitWithSoftToken)

    /** Pays from another bank's card, exactly once. */
    suspend fun submitCard(pin: String, cvv2: String, expiry: String) = flow.step(LoanPaymentInput.SubmitCard(pin, cvv2, expiry))

    /** A pending payment asks the bank for its outcome. */
    suspend fun resolve() = flow.step(LoanPaymentInput.Resolve)

    /** Forgets the saved journey. */
    suspend fun finish() = flow.finish()

    override fun close() {
        observed.close()
        flow.close()
    }
}
