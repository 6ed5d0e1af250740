package ir.hamrah.kotlin

import ir.hamrah.ffi.CardTransferState
import ir.hamrah.ffi.DevicePlatform
import ir.hamrah.ffi.SessionState
import java.io.File
import java.nio.file.Files

/** Phones for the tests: each install has its own directory and vault. */
object Installs {
    private val root = File(System.getProperty("hamrah.data_dir") ?: System.getProperty("java.io.tmpdir"))

    const val SARA = "sara.ahmadi"
    const val SARA_MOBILE = "09121234567"

    /** A fresh install (new device id, new store) pinned to the sandbox. */
    suspend fun fresh(
        secrets: MemorySecretStore = MemorySecretStore(),
        pin: String = SandboxBank.pin,
        signer: JcaDeviceSigner = JcaDeviceSigner(),
    ): HamrahClient {
        val dir = Files.createTempDirectory(root.toPath(), "phone").toString()
        return reopen(dir, secrets, pin, signer)
    }

    /**
     * The install in [dir] opened again with its vault [secrets] and device key
     * [signer], as the app reopens it after its process was killed. The phone is
     * an Android one (the Kotlin layer's platform: SMS frames travel as data SMS).
     */
    suspend fun reopen(
        dir: String,
        secrets: MemorySecretStore,
        pin: String = SandboxBank.pin,
        signer: JcaDeviceSigner = JcaDeviceSigner(),
    ): HamrahClient =
        HamrahClient.open(SandboxBank.url, listOf(pin), dir, secrets, signer, "QA desktop", DevicePlatform.ANDROID, SandboxBank.smsNumber)

    /** Logs [username] in on [client] (the SMS code when the device is new). */
    suspend fun logIn(client: HamrahClient, username: String = SARA) {
        val customer = SandboxBank.customer(username)
        var state = client.session.login(username, customer["password"] as String)
        if (state is SessionState.LoginCodeSent) {
            state = client.session.verifyLogin(SandboxBank.lastOtp(customer["mobile"] as String))
        }
        check(state is SessionState.Active) { "not logged in: $state" }
    }

    /** A fresh install with [username] logged in (SMS code of a new device included; the device is enrolled). */
    suspend fun loggedIn(username: String = SARA, signer: JcaDeviceSigner = JcaDeviceSigner()): HamrahClient {
        val client = fresh(signer = signer)
        logIn(client, username)
        return client
    }

    /** The customer's first card's CVV2 and expiry, from the seed (what she reads off her card). */
    fun cardSecrets(username: String = SARA): Pair<String, String> {
        val card = SandboxBank.customer(username)["cards"].list().first()
        return card["cvv2"] as String to card["expiry"] as String
    }

    /** Another bank's card of the seed. */
    fun otherCard(bankId: String): String =
        SandboxBank.seed["other_bank_cards"].list().first { it["bank_id"] == bankId }["pan"] as String

    /** The available balance behind the customer's first card. */
    suspend fun balance(client: HamrahClient): ULong {
        val card = client.accounts.overview().cards.first()
        return client.accounts.overview().accounts.first { it.accountId == card.accountId }.availableBalanceRials
    }

    /** A card-to-card journey from the first card to [pan], at the PIN step. */
    suspend fun toAuthorize(client: HamrahClient, pan: String, amount: Long): CardTransferJourney {
        val journey = client.startCardTransfer()
        val cards = (journey.state.value as CardTransferState.ChooseSource).cards
        journey.chooseSource(cards.first().cardId)
        check(journey.enterDestination(pan) is CardTransferState.ConfirmHolder)
        journey.confirmHolder(true)
        val state = journey.enterAmount(amount.toString())
        check(state is CardTransferState.Authorize) { "$state" }
        return journey
    }
}
