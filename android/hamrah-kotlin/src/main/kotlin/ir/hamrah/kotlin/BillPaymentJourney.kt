package ir.hamrah.kotlin

import ir.hamrah.ffi.BillPaymentFlow
import ir.hamrah.ffi.BillPaymentInput
import ir.hamrah.ffi.BillPaymentObserver
import ir.hamrah.ffi.BillPaymentState
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.StateFlow

/** One bill payment for the screens; see [CardTransferJourney]. */
class BillPaymentJourney internal constructor(private val flow: BillPaymentFlow) : SavedJourney<BillPaymentState> {
    private val observed = ObservedState(flow.state()) { publish ->
        flow.observe(object : BillPaymentObserver {
            override fun onState(state: BillPaymentState) = publish(state)
        })
    }

    /** The state to render. */
    override val state: StateFlow<BillPaymentState> get() = observed.state

    /** The saved journey's id. */
    val flowId: String get() = flow.flowId()

    /** The SMS dynamic PIN's validity, ending with 0. */
    override fun pinCountdown(): Flow<Long> = countdown { flow.observePinCountdown(it) }

    /** What the current step offers: the PIN's buttons and countdown, resolve, cancel, finish, the receipt. */
    override suspend fun view() = flow.view()

    /** The bill ID and payment ID, as typed. */
    suspend fun enterBill(billId: String, paymentId: String) = flow.step(BillPaymentInput.EnterBill(billId, paymentId))

    /** Picks the account or card that pays. */
    suspend fun chooseSource(sourceId: String) = flow.step(BillPaymentInput.ChooseSource(sourceId))

    /** Pays from the chosen account with the SMS dynamic PIN, exactly once. */
    suspend fun confirm(pin: String) = flow.step(BillPaymentInput.Confirm(pin))

    /** Pays from the chosen account with a soft-token code made on the phone, exactly once. */
    suspend fun confirmWithSoftToken() = flow.step(BillPaymentInput.ConfirmWithSoftToken)

    /** Asks for an SMS dynamic PIN bound to this bill (from the card's issuer, or the bank for an account). */
    suspend fun requestPin() = flow.step(BillPaymentInput.RequestPin)

    /** Pays by card, exactly once. */
    suspend fun submitCard(pin: String, cvv2: String, expiry: String) =
        flow.step(BillPaymentInput.SubmitCard(pin, cvv2, expiry))

    /** Whether the phone holds the chosen card's soft token. */
    suspend fun softTokenAvailable() = flow.view().pin?.payWithSoftToken != null

    /** Pays by card with a soft-token code made on the phone. */
    suspend fun submitCardWithSoftToken(cvv2: String, expiry: String) =
        flow.step(BillPaymentInput.SubmitCardWithSoftToken(cvv2, expiry))

    /** A pending payment asks the bank for its outcome. */
    suspend fun resolve() = flow.step(BillPaymentInput.Resolve)

    /** Forgets the saved journey. */
    override suspend fun finish() = flow.finish()

    override fun close() {
        observed.close()
        flow.close()
    }
}
