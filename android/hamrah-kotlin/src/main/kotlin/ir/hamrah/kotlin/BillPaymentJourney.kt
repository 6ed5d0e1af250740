package ir.hamrah.kotlin

import ir.hamrah.ffi.BillPaymentFlow
import ir.hamrah.ffi.BillPaymentObserver
import ir.hamrah.ffi.BillPaymentState
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.StateFlow

/** One bill payment for the screens; see [CardTransferJourney]. */
class BillPaymentJourney internal constructor(private val flow: BillPaymentFlow) : AutoCloseable {
    private val observed = ObservedState(flow.state()) { publish ->
        flow.observe(object : BillPaymentObserver {
            override fun onState(state: BillPaymentState) = publish(state)
        })
    }

    /** The state to render. */
    val state: StateFlow<BillPaymentState> get() = observed.state

    /** The saved journey's id. */
    val flowId: String get() = flow.flowId()

    /** The SMS dynamic PIN's validity, ending with 0. */
    fun pinCountdown(): Flow<Long> = countdown { flow.observePinCountdown(it) }

    /** The bill ID and payment ID, as typed. */
    suspend fun enterBill(billId: String, paymentId: String) = flow.enterBill(billId, paymentId)

    /** Picks the account or card that pays. */
    suspend fun chooseSource(sourceId: String) = flow.chooseSource(sourceId)

    /** Pays from the chosen account with the SMS dynamic PIN, exactly once. */
    suspend fun confirm(pin: String) = flow.confirm(pin)

    /** Pays from the chosen account with a soft-token code made on the phone, exactly once. */
    suspend fun confirmWithSoftToken() = flow.confirmWithSoftToken()

    /** Asks for an SMS dynamic PIN bound to this bill (from the card's issuer, or the bank for an account). */
    suspend fun requestPin() = flow.requestPin()

    /** Pays by card, exactly once. */
    suspend fun submitCard(pin: String, cvv2: String, expiry: String) = flow.submitCard(pin, cvv2, expiry)

    /** Whether the phone holds the chosen card's soft token. */
    suspend fun softTokenAvailable() = flow.softTokenAvailable()

    /** Pays by card with a soft-token code made on the phone. */
    suspend fun submitCardWithSoftToken(cvv2: String, expiry: String) = flow.submitCardWithSoftToken(cvv2, expiry)

    /** A pending payment asks the bank for its outcome. */
    suspend fun resolve() = flow.resolve()

    /** Forgets the saved journey. */
    suspend fun finish() = flow.finish()

    override fun close() {
        observed.close()
        flow.close()
    }
}
