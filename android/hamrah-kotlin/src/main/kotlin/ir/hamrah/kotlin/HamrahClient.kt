package ir.hamrah.kotlin

import ir.hamrah.ffi.AccountsClient
import ir.hamrah.ffi.Connectivity
import ir.hamrah.ffi.DevicePlatform
import ir.hamrah.ffi.DeviceSigner
import ir.hamrah.ffi.Hamrah
import ir.hamrah.ffi.HamrahConfig
import ir.hamrah.ffi.Loans
import ir.hamrah.ffi.OtherCards
import ir.hamrah.ffi.InfoClient
import ir.hamrah.ffi.NoticesClient
import ir.hamrah.ffi.ResolveReport
import ir.hamrah.ffi.SecretStore
import ir.hamrah.ffi.SmsChannel
import ir.hamrah.ffi.SmsTransport
import ir.hamrah.ffi.TokenClient
import ir.hamrah.ffi.TokenCode
import ir.hamrah.ffi.TokenCodeObserver
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.cancel
import kotlinx.coroutines.launch
import ir.hamrah.ffi.SessionState
import kotlinx.coroutines.channels.awaitClose
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.callbackFlow

/**
 * The app's entry to the Rust core: one per install, held by the app for
 * the life of its process. It owns the screens' models (so a turned phone,
 * or a screen left and reopened, keeps its journey) and their coroutines.
 * Journeys and the client are [AutoCloseable]; closing the client frees the
 * Rust objects it holds.
 */
class HamrahClient private constructor(private val hamrah: Hamrah) : AutoCloseable {
    private val scope = CoroutineScope(SupervisorJob() + Dispatchers.Default)

    /** The session (login screens). */
    val session: SessionModel = SessionModel(hamrah.session(), scope)

    /** Accounts, cards, statements, limits and card blocks (the core's account flows). */
    val accounts: AccountsClient = hamrah.accounts()

    /**
     * The bank's information: exchange rates, branches (searched on the phone), deposit
     * products. Each screen is one request, or none with `offlineOnly` (the light mode).
     */
    val info: InfoClient = hamrah.info()

    /** The inbox of the notices the bank sends by SMS (sync, pages, unread count, mark read). */
    val notices: NoticesClient = hamrah.notices()

    /** The soft tokens of the customer's cards (the seeds stay in Rust). */
    val token: TokenClient = hamrah.token()

    /** Loans and instalments: the list and schedules (kept for offline reading). */
    val loans: Loans = hamrah.loans()

    /** Other banks' Shetab cards on this phone. */
    val otherCards: OtherCards = hamrah.otherCards()

    /** Sayad cheques: books, cheques received, status, registering and answering. */
    val cheques: Cheques = Cheques(hamrah.cheques())

    private val cardTransfers = hamrah.cardTransfers()
    private val shebaTransfers = hamrah.shebaTransfers()
    private val bills = hamrah.bills()
    private val topups = hamrah.topups()
    private val accountTransfers = hamrah.accountTransfers()

    /** The home screen. */
    val home = HomeModel(accounts, scope)

    /** The history screen. */
    val history = HistoryModel(accounts, scope)

    /** The payments screen (تراکنش‌ها): every payment of every kind, kept on the phone, searched offline. */
    val paymentHistory = PaymentHistoryModel(accounts, scope)

    /** A card's limits. */
    val cardLimits = CardLimitsModel(accounts, scope)

    /** The card-to-card screen (its journey restored at open, finished after the receipt). */
    val cardTransfer = CardTransferModel(cardTransfers, scope)

    /** The SHEBA (PAYA/SATNA) screen. */
    val shebaTransfer = ShebaTransferModel(shebaTransfers, scope)

    /** The bill screen. */
    val billPayment = BillPaymentModel(bills, scope)

    /** Blocking a card over HTTPS. */
    val cardBlock = CardBlockModel(accounts, scope)

    /** Changing a card's second PIN over HTTPS. */
    val secondPin = SecondPinModel(accounts, scope)

    /** Settings: devices and logout. */
    val settings = SettingsModel(session, scope)

    /** The soft-token screen. */
    val softToken = SoftTokenModel(accounts, token, scope)

    init {
        // At logout (or an ended session) the next customer must not see this one's lists.
        // Only leaving a session clears them: an install that opens logged out has nothing
        // to forget, and clearing then would wipe the problem a screen is showing.
        scope.launch {
            var inSession = false
            session.state.collect { state ->
                val now = state is SessionState.Active || state is SessionState.Expiring ||
                    state is SessionState.PasswordChangeRequired
                if (inSession && !now) {
                    home.clear()
                    history.clear()
                    paymentHistory.clear()
                }
                inSession = now
            }
        }
    }

    /** A new card-to-card journey. */
    suspend fun startCardTransfer() = CardTransferJourney(cardTransfers.start())

    /** Reopens the card-to-card journey saved last, if any. */
    suspend fun restoreLatestCardTransfer() = cardTransfers.restoreLatest()?.let(::CardTransferJourney)

    /** A new SHEBA transfer. */
    suspend fun startShebaTransfer() = ShebaTransferJourney(shebaTransfers.start())

    /** Reopens the SHEBA transfer saved last, if any. */
    suspend fun restoreLatestShebaTransfer() = shebaTransfers.restoreLatest()?.let(::ShebaTransferJourney)

    /** A new bill payment. */
    suspend fun startBillPayment() = BillPaymentJourney(bills.start())

    /** A new loan payment, at the customer's loans. */
    suspend fun startLoanPayment() = LoanPaymentJourney(loans.pay())

    /** A new loan payment, at the loan number (another person's loan). */
    fun startLoanPaymentByNumber() = LoanPaymentJourney(loans.payByNumber())

    /** Reopens a saved loan payment, if it still exists. */
    fun restoreLoanPayment(flowId: String) = loans.restore(flowId)?.let(::LoanPaymentJourney)

    /** A new top-up or internet-package purchase. */
    suspend fun startTopup() = TopupJourney(topups.start())

    /** Reopens a saved top-up, if it still exists. */
    suspend fun restoreTopup(flowId: String) = topups.restore(flowId)?.let(::TopupJourney)

    /** A new transfer to an account of this bank. */
    suspend fun startAccountTransfer() = AccountTransferJourney(accountTransfers.start())

    /** Reopens a saved transfer to an account of this bank, if it still exists. */
    suspend fun restoreAccountTransfer(flowId: String) =
        accountTransfers.restore(flowId)?.let(::AccountTransferJourney)

    /** Reopens the bill payment saved last, if any. */
    suspend fun restoreLatestBillPayment() = bills.restoreLatest()?.let(::BillPaymentJourney)

    /** The card's soft-token code, now and then once a second. */
    fun tokenCodes(cardId: String): Flow<TokenCode> = callbackFlow {
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

    /**
     * The SMS channel over the phone's radio, in the encoding the core
     * chooses for the platform; hand every SMS the radio receives to
     * [SmsChannel.deliverReceived] with its sender, and connectivity changes
     * to [SmsChannel.connectivityChanged].
     */
    fun sms(transport: SmsTransport, connectivity: Connectivity): SmsChannel = hamrah.sms(transport, connectivity)

    /** The SMS banking screen's model over [channel]. */
    fun smsBanking(channel: SmsChannel) = SmsBankingModel(channel, accounts, scope)

    /** Resolves payments whose outcome is unknown and prunes old saved journeys (call at start). */
    suspend fun resolvePending(): ResolveReport = hamrah.resolvePending()

    override fun close() {
        scope.cancel()
        listOf(cardTransfer, shebaTransfer, billPayment, cardBlock, secondPin).forEach { it.close() }
        session.close()
        cheques.close()
        listOf(
            accounts, info, notices, token, loans, otherCards, cardTransfers, shebaTransfers, bills,
            topups, accountTransfers, hamrah,
        ).forEach { it.close() }
    }

    companion object {
        /**
         * Opens the install whose files live in [dataDir]; only the bank keys in
         * [spkiPins] (`sha256/...`) are trusted; secrets go to [secrets]; the
         * device key is [signer]'s; SMS are read only from [bankSmsNumber].
         */
        suspend fun open(
            bankUrl: String,
            spkiPins: List<String>,
            dataDir: String,
            secrets: SecretStore,
            signer: DeviceSigner,
            deviceName: String,
            platform: DevicePlatform,
            bankSmsNumber: String,
        ): HamrahClient = HamrahClient(
            Hamrah.open(HamrahConfig(bankUrl, spkiPins, dataDir, deviceName, platform, bankSmsNumber), secrets, signer),
        )
    }
}
