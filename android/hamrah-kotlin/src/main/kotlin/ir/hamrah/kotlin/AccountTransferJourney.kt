package ir.hamrah.kotlin

import ir.hamrah.ffi.AccountTransferFlow
import ir.hamrah.ffi.AccountTransferInput
import ir.hamrah.ffi.AccountTransferObserver
import ir.hamrah.ffi.AccountTransferState
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.StateFlow

/**
 * One transfer to an account of this bank (by account number) for the screens; see
 * [CardTransferJourney]. Every input goes through the flow's one export, `act`; whether a
 * soft-token code can confirm is in [AccountTransferState.Confirm] (`softTokenAvailable`).
 */
class AccountTransferJourney internal constructor(private val flow: AccountTransferFlow) : AutoCloseable {
    private val observed = ObservedState(flow.state()) { publish ->
        flow.observe(object : AccountTransferObserver {
            override fun onState(state: AccountTransferState) = publish(state)
        })
    }

    /** The state to render. */
    val state: StateFlow<AccountTransferState> get() = observed.state

    /** The saved journey's id. */
    val flowId: String get() = flow.flowId()

    /** Picks the source account. */
    suspend fun chooseSource(accountId: String) = flow.act(AccountTransferInput.ChooseSource(accountId))

    /** The destination account number, as typed. */
    suspend fun enterDestination(accountNumber: String) =
        flow.act(AccountTransferInput.EnterDestination(accountNumber))

    /** Confirms (or rejects) the holder's name. */
    suspend fun confirmHolder(confirmed: Boolean) = flow.act(AccountTransferInput.ConfirmHolder(confirmed))

    /** The amount in rials, as typed. */
    suspend fun enterAmount(amount: String) = flow.act(AccountTransferInput.EnterAmount(amount))

    /** A description for the receipt. */
    suspend fun describe(text: String) = flow.act(AccountTransferInput.Describe(text))

    /** The SMS dynamic PIN's validity, ending with 0. */
    fun pinCountdown(): Flow<Long> = countdown { flow.observePinCountdown(it) }

    /** Asks the bank for an SMS dynamic PIN bound to this amount and account number. */
    suspend fun requestPin() = flow.act(AccountTransferInput.RequestPin)

    /** Sends the transfer with the SMS dynamic PIN, exactly once. */
    suspend fun submit(pin: String) = flow.act(AccountTransferInput.Submit(pin))

    /** Sends the transfer with a soft-token code made on the phone, exactly once. */
    suspend fun submitWithSoftToken() = flow.act(AccountTransferInput.SubmitWithSoftToken)

    /** A pending transfer asks the bank for its outcome. */
    suspend fun resolve() = flow.act(AccountTransferInput.Resolve)

    /** Forgets the saved journey (after the receipt was shown). */
    suspend fun finish() {
        flow.act(AccountTransferInput.Finish)
    }

    override fun close() {
        observed.close()
        flow.close()
    }
}
