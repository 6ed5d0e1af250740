package ir.hamrah.kotlin

import ir.hamrah.ffi.AccountsClient
import ir.hamrah.ffi.CardInfo
import ir.hamrah.ffi.DeviceInfo
import ir.hamrah.ffi.TokenActivation
import ir.hamrah.ffi.TokenClient
import ir.hamrah.ffi.TokenCode
import ir.hamrah.ffi.TokenCodeObserver
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.channels.awaitClose
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.callbackFlow

/** Settings: the customer's devices (another active one may be revoked), logout. */
class SettingsModel internal constructor(private val session: SessionModel, scope: CoroutineScope) {
    private val steps = StepRunner(scope)
    private val list = MutableStateFlow<List<DeviceInfo>>(emptyList())

    /** The devices the bank knows, each with its label and whether it may be revoked. */
    val devices: StateFlow<List<DeviceInfo>> = list.asStateFlow()

    /** A call is running. */
    val busy get() = steps.busy

    /** The last call's failure. */
    val problem get() = steps.problem

    /** Fetches the devices. */
    fun load(): Job = steps.launch { list.value = session.devices() }

    /** Revokes [deviceId] when the list offers it, then fetches again. */
    fun revoke(deviceId: String): Job = steps.launch {
        if (list.value.any { it.deviceId == deviceId && it.revocable }) {
            session.revokeDevice(deviceId)
            list.value = session.devices()
        }
    }

    /** Logs out. */
    fun logout(): Job = steps.launch { session.logout() }
}

/** One of the customer's cards on the soft-token screen. */
data class TokenCard(
    /** The card (its label, its state). */
    val card: CardInfo,
    /** This phone holds its soft token (codes are shown). */
    val active: Boolean,
    /** Its token may be activated here (the card can pay and has no token on this phone). */
    val activatable: Boolean,
)

/**
 * The soft token (رمزساز): which cards' tokens this phone holds, activation
 * with the SMS code, and each active card's codes (the seed stays in Rust).
 */
class SoftTokenModel internal constructor(
    private val accounts: AccountsClient,
    private val token: TokenClient,
    scope: CoroutineScope,
) {
    private val steps = StepRunner(scope)
    private val list = MutableStateFlow<List<TokenCard>>(emptyList())
    private val waiting = MutableStateFlow<TokenActivation?>(null)
    private val sentTo = MutableStateFlow<String?>(null)

    /** The customer's cards and their tokens. */
    val cards: StateFlow<List<TokenCard>> = list.asStateFlow()

    /** An activation waiting for its SMS code. */
    val activation: StateFlow<TokenActivation?> = waiting.asStateFlow()

    /** Where its code went, masked. */
    val codeSentTo: StateFlow<String?> = sentTo.asStateFlow()

    /** A call is running. */
    val busy get() = steps.busy

    /** The last call's failure. */
    val problem get() = steps.problem

    /** Fetches the cards and the tokens this phone holds. */
    fun load(): Job = steps.launch { refresh() }

    /** Starts activating [cardId]'s token: an SMS code goes to the customer. */
    fun activate(cardId: String): Job = steps.launch {
        if (list.value.none { it.card.cardId == cardId && it.activatable }) return@launch
        val started = token.activate(cardId)
        sentTo.value = started.sentToMobileMasked()
        waiting.value = started
    }

    /** Confirms the activation with the SMS code; a wrong one keeps it open. */
    fun confirm(code: String): Job = steps.launch {
        val pending = waiting.value ?: return@launch
        pending.confirm(code)
        waiting.value = null
        sentTo.value = null
        pending.close()
        refresh()
    }

    /** [cardId]'s code now, then as each one runs out. */
    fun codes(cardId: String): Flow<TokenCode> = callbackFlow {
        val handle = token.observeCode(cardId, object : TokenCodeObserver {
            override fun onCode(code: TokenCode) {
                trySend(code)
            }
        })
        awaitClose {
            handle.cancel()
            handle.close()
        }
    }

    private suspend fun refresh() {
        val held = token.cards().toSet()
        list.value = accounts.overview().cards.map { card ->
            val active = card.cardId in held
            TokenCard(card, active, activatable = card.usable && !active)
        }
    }
}
