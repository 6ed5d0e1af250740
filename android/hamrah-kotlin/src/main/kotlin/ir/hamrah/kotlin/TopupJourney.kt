package ir.hamrah.kotlin

import ir.hamrah.ffi.CardCredentials
import ir.hamrah.ffi.TopupFlow
import ir.hamrah.ffi.TopupInput
import ir.hamrah.ffi.TopupObserver
import ir.hamrah.ffi.TopupState
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.StateFlow

/**
 * One top-up or internet-package purchase for the screens; see [CardTransferJourney]. Every
 * input goes through the flow's one export, `act`; whether a soft-token code can pay is in the
 * paying states (`softTokenAvailable`).
 */
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
    suspend fun enterMobile(mobile: String) = flow.act(TopupInput.EnterMobile(mobile))

    /** Another operator for a ported number (`mci`, `irancell`, `rightel`). */
    suspend fun chooseOperator(operatorId: String) = flow.act(TopupInput.ChooseOperator(operatorId))

    /** One of the operator's amounts; [amazing] for its amazing top-up. */
    suspend fun chooseCharge(amount: String, amazing: Boolean = false) =
        flow.act(TopupInput.ChooseCharge(amount, amazing))

    /** An internet package of the operator's. */
    suspend fun choosePackage(packageId: String) = flow.act(TopupInput.ChoosePackage(packageId))

    /** Picks the account or card that pays. */
    suspend fun chooseSource(sourceId: String) = flow.act(TopupInput.ChooseSource(sourceId))

    /** The SMS dynamic PIN's validity, ending with 0. */
    fun pinCountdown(): Flow<Long> = countdown { flow.observePinCountdown(it) }

    /** Asks for an SMS dynamic PIN bound to this purchase. */
    suspend fun requestPin() = flow.act(TopupInput.RequestPin)

    /** Pays from the chosen account with the SMS dynamic PIN, exactly once. */
    suspend fun confirm(pin: String) = flow.act(TopupInput.Pay(pin, null))

    /** Pays from the chosen account with a soft-token code made on the phone, exactly once. */
    suspend fun confirmWithSoftToken() = flow.act(TopupInput.PayWithSoftToken(null))

    /** Pays by card with the SMS dynamic PIN, CVV2 and expiry, exactly once. */
    suspend fun submitCard(pin: String, cvv2: String, expiry: String) =
        flow.act(TopupInput.Pay(pin, CardCredentials(cvv2, expiry)))

    /** Pays by card with a code of its soft token made on the phone, CVV2 and expiry, exactly once. */
    suspend fun submitCardWithSoftToken(cvv2: String, expiry: String) =
        flow.act(TopupInput.PayWithSoftToken(CardCredentials(cvv2, expiry)))

    /** A pending purchase asks the bank for its outcome. */
    suspend fun resolve() = flow.act(TopupInput.Resolve)

    /** Forgets the saved journey (after the receipt was shown). */
    suspend fun finish() {
        flow.act(TopupInput.Finish)
    }

    override fun close() {
        observed.close()
        flow.close()
    }
}
