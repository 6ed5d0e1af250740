package ir.hamrah.kotlin

import ir.hamrah.ffi.TopupFlow
import ir.hamrah.ffi.TopupObserver
import ir.hamrah.ffi.TopupState
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.StateFlow

/** One top-up or internet-package purchase for the screens; see [CardTransferJourney]. */
class TopupJourney internal constructor(private val flow: TopupFlow) : AutoCloseable {
    private val observed = ObservedState(flow.state()) { publish ->
        flow.observe(object : TopupObserver {
            override fun onState(state: TopupState) = publish(state)
        })
    }

    /** The state to render. */
    val state: StateFlow<TopupState> get() = observed.state

    /** The saved journey's id. */
    val flowId: String get() = flow.flowId()

    /** The number as typed (or the customer's own); its operator is proposed from the prefix. */
    suspend fun enterMobile(mobile: String) = flow.enterMobile(mobile)

    /** Another operator for a ported number (`mci`, `irancell`, `rightel`). */
    suspend fun chooseOperator(operatorId: String) = flow.chooseOperator(operatorId)

    /** One of the operator's amounts; [amazing] for its amazing top-up. */
    suspend fun chooseCharge(amount: String, amazing: Boolean = false) = flow.chooseCharge(amount, amazing)

    /** An internet package of the operator's. */
    suspend fun choosePackage(packageId: String) = flow.choosePackage(packageId)

    /** Picks the account or card that pays. */
    suspend fun chooseSource(sourceId: String) = flow.chooseSource(sourceId)

    /** The SMS dynamic PIN's validity, ending with 0. */
    fun pinCountdown(): Flow<Long> = countdown { flow.observePinCountdown(it) }

    /** Asks for an SMS dynamic PIN bound to this purchase. */
    suspend fun requestPin() = flow.requestPin()

    /** Pays from the chosen account with the SMS dynamic PIN, exactly once. */
    suspend fun confirm(pin: String) = flow.confirm(pin)

    /** Pays from the chosen account with a soft-token code made on the phone, exactly once. */
    suspend fun confirmWithSoftToken() = flow.confirmWithSoftToken()

    /** Pays by card, exactly once. */
    suspend fun submitCard(pin: String, cvv2: String, expiry: String) = flow.submitCard(pin, cvv2, expiry)

    /** Whether a soft-token code can pay. */
    suspend fun softTokenAvailable() = flow.softTokenAvailable()

    /** A pending purchase asks the bank for its outcome. */
    suspend fun resolve() = flow.resolve()

    /** Forgets the saved journey. */
    suspend fun finish() = flow.finish()

    override fun close() {
        observed.close()
        flow.close()
    }
}
