package ir.hamrah.kotlin

import ir.hamrah.ffi.ShebaTransferFlow
import ir.hamrah.ffi.ShebaTransferObserver
import ir.hamrah.ffi.ShebaTransferState
import ir.hamrah.ffi.TransferMethod
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.StateFlow

/** One SHEBA (PAYA/SATNA) transfer for the screens; see [CardTransferJourney]. */
class ShebaTransferJourney internal constructor(private val flow: ShebaTransferFlow) : SavedJourney<ShebaTransferState> {
    private val observed = ObservedState(flow.state()) { publish ->
        flow.observe(object : ShebaTransferObserver {
            override fun onState(state: ShebaTransferState) = publish(state)
        })
    }

    /** The state to render. */
    override val state: StateFlow<ShebaTransferState> get() = observed.state

    /** The saved journey's id. */
    val flowId: String get() = flow.flowId()

    /** Picks the source account. */
    suspend fun chooseSource(accountId: String) = flow.chooseSource(accountId)

    /** The destination SHEBA, as typed. */
    suspend fun enterSheba(sheba: String) = flow.enterSheba(sheba)

    /** Confirms (or rejects) the holder's name. */
    suspend fun confirmHolder(confirmed: Boolean) = flow.confirmHolder(confirmed)

    /** The amount in rials, as typed. */
    suspend fun enterAmount(amount: String) = flow.enterAmount(amount)

    /** Picks PAYA or SATNA when both fit. */
    suspend fun chooseMethod(method: TransferMethod) = flow.chooseMethod(method)

    /** SATNA's effective date. */
    suspend fun setEffectiveDate(date: String) = flow.setEffectiveDate(date)

    /** A description for the receipt. */
    suspend fun describe(text: String) = flow.describe(text)

    /** The SMS dynamic PIN's validity, ending with 0. */
    override fun pinCountdown(): Flow<Long> = countdown { flow.observePinCountdown(it) }

    /** What the current step offers: the PIN's buttons and countdown, resolve, cancel, finish, the receipt. */
    override suspend fun view() = flow.view()

    /** Asks the bank for an SMS dynamic PIN bound to this amount and SHEBA. */
    suspend fun requestPin() = flow.requestPin()

    /** Whether the phone holds a soft token, whose code can confirm instead. */
    suspend fun softTokenAvailable() = flow.softTokenAvailable()

    /** Sends the order with the SMS dynamic PIN, exactly once. */
    suspend fun submit(pin: String) = flow.submit(pin)

    /** Sends the order with a soft-token code made on the phone, exactly once. */
    suspend fun submitWithSoftToken() = flow.submitWithSoftToken()

    /** A pending transfer asks the bank for its outcome. */
    suspend fun resolve() = flow.resolve()

    /** Forgets the saved journey. */
    override suspend fun finish() = flow.finish()

    override fun close() {
        observed.close()
        flow.close()
    }
}
