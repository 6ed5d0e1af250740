package ir.hamrah.kotlin

import ir.hamrah.ffi.CardTransferFlow
import ir.hamrah.ffi.CardTransferInput
import ir.hamrah.ffi.CardTransferObserver
import ir.hamrah.ffi.CardTransferState
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.StateFlow

/**
 * One card-to-card journey for the screens: [state] is what to render, each
 * input is a suspend call returning the new state. Cancelling the coroutine
 * of [submit] does not cancel the transfer: the core finishes it and [state]
 * still receives its outcome.
 */
class CardTransferJourney internal constructor(private val flow: CardTransferFlow) : SavedJourney<CardTransferState> {
    private val observed = ObservedState(flow.state()) { publish ->
        flow.observe(object : CardTransferObserver {
            override fun onState(state: CardTransferState) = publish(state)
        })
    }

    /** The state to render. */
    override val state: StateFlow<CardTransferState> get() = observed.state

    /** The saved journey's id, to reopen it after a restart. */
    val flowId: String get() = flow.flowId()

    /** The SMS dynamic PIN's validity, second by second, ending with 0. */
    override fun pinCountdown(): Flow<Long> = countdown { flow.observePinCountdown(it) }

    /** What the current step offers: the PIN's buttons and countdown, resolve, cancel, finish, the receipt. */
    override suspend fun view() = flow.view()

    /** Picks the source card. */
    suspend fun chooseSource(cardId: String) = flow.step(CardTransferInput.ChooseSource(cardId))

    /** The destination card number, as typed. */
    suspend fun enterDestination(pan: String) = flow.step(CardTransferInput.EnterDestination(pan))

    /** Confirms (or rejects) the holder's name. */
    suspend fun confirmHolder(confirmed: Boolean) = flow.step(CardTransferInput.ConfirmHolder(confirmed))

    /** The amount in rials, as typed. */
    suspend fun enterAmount(amount: String) = flow.step(CardTransferInput.EnterAmount(amount))

    /** Asks for an SMS dynamic PIN. */
    suspend fun requestPin() = flow.step(CardTransferInput.RequestPin)

    /** Submits exactly once with the dynamic PIN, CVV2 and expiry. */
    suspend fun submit(pin: String, cvv2: String, expiry: String) = flow.step(CardTransferInput.Submit(pin, cvv2, expiry))

    /** Whether the phone holds the source card's soft token. */
    suspend fun softTokenAvailable() = flow.view().pin?.payWithSoftToken != null

    /** Submits exactly once with a soft-token code made on the phone (no SMS PIN). */
    suspend fun submitWithSoftToken(cvv2: String, expiry: String) =
        flow.step(CardTransferInput.SubmitWithSoftToken(cvv2, expiry))

    /** A pending journey asks the bank for its outcome. */
    suspend fun resolve() = flow.step(CardTransferInput.Resolve)

    /** Forgets the saved journey (after the receipt was shown). */
    override suspend fun finish() = flow.finish()

    override fun close() {
        observed.close()
        flow.close()
    }
}
