package ir.hamrah.kotlin

import ir.hamrah.ffi.SecondPinFlow
import ir.hamrah.ffi.SecondPinInput
import ir.hamrah.ffi.SecondPinObserver
import ir.hamrah.ffi.SecondPinState
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.emptyFlow

/**
 * Changing a card's second PIN over HTTPS (exactly once, saved after each step, no PIN in any
 * state); see [CardTransferJourney]. The PINs pass straight through to the core, which checks
 * them (format, guessability, the repeat) before anything is sent.
 */
class SecondPinJourney internal constructor(private val flow: SecondPinFlow) : SavedJourney<SecondPinState> {
    private val observed = ObservedState(flow.state()) { publish ->
        flow.observe(object : SecondPinObserver {
            override fun onState(state: SecondPinState) = publish(state)
        })
    }

    override val state: StateFlow<SecondPinState> get() = observed.state

    override suspend fun view() = flow.view()

    /** A second-PIN change asks for no SMS PIN. */
    override fun pinCountdown(): Flow<Long> = emptyFlow()

    /** Picks the card. */
    suspend fun choose(cardId: String) = flow.step(SecondPinInput.Choose(cardId))

    /** Back from the PINs to the cards. */
    suspend fun back() = flow.step(SecondPinInput.Back)

    /** Sends the change once; a typing mistake stays on the PINs' step with its field. */
    suspend fun submit(currentPin: String, newPin: String, repeatPin: String) =
        flow.step(SecondPinInput.Submit(currentPin, newPin, repeatPin))

    /** A pending change asks the bank for its outcome. */
    suspend fun resolve() = flow.step(SecondPinInput.Resolve)

    override suspend fun finish() = flow.finish()

    override fun close() {
        observed.close()
        flow.close()
    }
}
