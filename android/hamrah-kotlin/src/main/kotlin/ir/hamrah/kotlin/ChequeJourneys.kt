package ir.hamrah.kotlin

import ir.hamrah.ffi.ChequeRegistrationFlow
import ir.hamrah.ffi.ChequeRegistrationState
import ir.hamrah.ffi.ChequesClient
import ir.hamrah.ffi.ReceivedChequeFlow
import ir.hamrah.ffi.ReceivedChequeState
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow

/**
 * Sayad cheques for the screens: the read models as the core gives them
 * (the phone's kept copy when the bank is unreachable) and the two journeys.
 * Nothing here decides: the colour code, its warning and every check come
 * from Rust.
 */
class Cheques internal constructor(private val client: ChequesClient) : AutoCloseable {
    /** The cheque books, their leaves and the cheques on them. */
    suspend fun books() = client.books()

    /** Cheques offered to or held by the customer, each with its issuer's colour. */
    suspend fun received() = client.received()

    /** Any cheque's status by its Sayad ID as typed. */
    suspend fun status(sayadId: String) = client.status(sayadId)

    /** A new registration of an issued cheque. */
    suspend fun register() = ChequeRegistrationJourney(client.register())

    /** Reopens a saved registration, if it still exists. */
    suspend fun restoreRegistration(flowId: String) =
        client.restoreRegistration(flowId)?.let(::ChequeRegistrationJourney)

    /** A received cheque by its Sayad ID: status and issuer's colour first. */
    suspend fun openReceived(sayadId: String) = ReceivedChequeJourney(client.openReceived(sayadId))

    override fun close() = client.close()
}

/** Registering an issued cheque; [state] holds what the last step returned. */
class ChequeRegistrationJourney internal constructor(private val flow: ChequeRegistrationFlow) : AutoCloseable {
    private val current = MutableStateFlow(flow.state())

    /** The state to render. */
    val state: StateFlow<ChequeRegistrationState> = current.asStateFlow()

    /** The saved journey's id. */
    val flowId: String get() = flow.flowId()

    private inline fun publish(step: () -> ChequeRegistrationState) = step().also { current.value = it }

    /** Picks the leaf by its Sayad ID. */
    suspend fun chooseLeaf(sayadId: String) = publish { flow.chooseLeaf(sayadId) }

    /** Amount, Jalali due date, payees' national IDs and description, as typed. */
    suspend fun enterDetails(amount: String, dueDate: String, payees: List<String>, description: String) =
        publish { flow.enterDetails(amount, dueDate, payees, description) }

    /** Back to the details. */
    suspend fun edit() = publish { flow.edit() }

    /** Asks for the dynamic PIN bound to this amount and Sayad ID. */
    suspend fun requestPin() = publish { flow.requestPin() }

    /** Registers with the SMS dynamic PIN, exactly once. */
    suspend fun submit(pin: String) = publish { flow.submit(pin) }

    /** Registers with the phone's soft token, exactly once. */
    suspend fun submitWithSoftToken() = publish { flow.submitWithSoftToken() }

    /** A pending registration asks the bank for its outcome. */
    suspend fun resolve() = publish { flow.resolve() }

    /** Forgets the saved journey. */
    suspend fun finish() = flow.finish()

    override fun close() = flow.close()
}

/** A received cheque: confirm, refuse or transfer it; [state] holds the last step's. */
class ReceivedChequeJourney internal constructor(private val flow: ReceivedChequeFlow) : AutoCloseable {
    private val current = MutableStateFlow(flow.state())

    /** The state to render. */
    val state: StateFlow<ReceivedChequeState> = current.asStateFlow()

    private inline fun publish(step: () -> ReceivedChequeState) = step().also { current.value = it }

    /** Confirms the cheque, exactly once. */
    suspend fun accept() = publish { flow.accept() }

    /** Refuses the cheque, exactly once. */
    suspend fun refuse() = publish { flow.refuse() }

    /** A held cheque to transfer to this national ID. */
    suspend fun transferTo(nationalId: String) = publish { flow.transferTo(nationalId) }

    /** Asks for the dynamic PIN bound to the amount and the new holder. */
    suspend fun requestPin() = publish { flow.requestPin() }

    /** Transfers with the SMS dynamic PIN, exactly once. */
    suspend fun submitTransfer(pin: String) = publish { flow.submitTransfer(pin) }

    /** Forgets the saved journey. */
    suspend fun finish() = flow.finish()

    override fun close() = flow.close()
}
