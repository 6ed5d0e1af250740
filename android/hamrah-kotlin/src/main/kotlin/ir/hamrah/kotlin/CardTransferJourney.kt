package ir.hamrah.kotlin

import ir.hamrah.ffi.CardTransferFlow
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
class CardTransferJourney internal constructor(private val flow: CardTransferFlow) : AutoCloseable {
    private val observed = ObservedState(flow.state()) { publish ->
        flow.observe(object : CardTransferObserver {
            override fun onState(state: CardTransferState) = publish(state)
        })
    }

    /** The state to render. */
    val state: StateFlow<CardTransferState> get() = observed.state

    /** The saved journey's id, to reopen it after a restart. */
    val flowId: String get() = flow.flowId()

    /** The SMS dynamic PIN's validity, second by second, ending with 0. */
    fun pinCountdown(): Flow<Long> = countdown { flow.observePinCountdown(it) }

    /** Picks the source card. */
    suspend fun chooseSource(cardId: String) = flow.chooseSource(cardId)

    /** The destination card number, as typed. */
    suspend fun enterDestination(pan: String) = flow.enterDestination(pan)

    /** Confirms (or rejects) the holder's name. */
    suspend fun confirmHolder(confirmed: Boolean) = flow.confirmHolder(confirmed)

    /** The amount in rials, as typed. */
    suspend fun enterAmount(amount: String) = flow.enterAmount(amount)

    /** Asks for an SMS dynamic PIN. */
    suspend fun requestPin() = flow.requestPin()

    /** Submits exactly once with the dynamic PIN, CVV2 and expiry. */
    suspend fun submit(pin: String, cvv2: String, expiry: String) = flow.submit(pin, cvv2, expiry)

    /** Whether the phone holds the source card's soft token. */
    suspend fun softTokenAvailable() = flow.softTokenAvailable()

    /** Submits exactly once with a soft-token code made on the phone (no SMS PIN). */
    suspend fun submitWithSoftToken(cvv2: String, expiry: String) = flow.submitWithSoftToken(cvv2, expiry)

    /** A pending journey asks the bank for its outcome. */
    suspend fun resolve() = flow.resolve()

    /** Forgets the saved journey (after the receipt was shown). */
    suspend fun finish() = flow.finish()

    override fun close() {
        observed.close()
        flow.close()
    }
}
