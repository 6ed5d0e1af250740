package ir.hamrah.kotlin

import ir.hamrah.ffi.BlockReason
import ir.hamrah.ffi.CardBlockFlow
import ir.hamrah.ffi.CardBlockInput
import ir.hamrah.ffi.CardBlockObserver
import ir.hamrah.ffi.CardBlockState
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.emptyFlow

/** Blocking one card over HTTPS (exactly once, saved after each step); see [CardTransferJourney]. */
class CardBlockJourney internal constructor(private val flow: CardBlockFlow) : SavedJourney<CardBlockState> {
    private val observed = ObservedState(flow.state()) { publish ->
        flow.observe(object : CardBlockObserver {
            override fun onState(state: CardBlockState) = publish(state)
        })
    }

    override val state: StateFlow<CardBlockState> get() = observed.state

    override suspend fun view() = flow.view()

    /** A card block asks for no PIN. */
    override fun pinCountdown(): Flow<Long> = emptyFlow()

    /** Picks the card and the reason. */
    suspend fun choose(cardId: String, reason: BlockReason) = flow.step(CardBlockInput.Choose(cardId, reason))

    /** Back from the confirmation to the cards. */
    suspend fun back() = flow.step(CardBlockInput.Back)

    /** Confirms: the block goes to the bank exactly once. */
    suspend fun confirm() = flow.step(CardBlockInput.Confirm)

    /** A pending block asks the bank for its outcome. */
    suspend fun resolve() = flow.step(CardBlockInput.Resolve)

    override suspend fun finish() = flow.finish()

    override fun close() {
        observed.close()
        flow.close()
    }
}
