package ir.hamrah.kotlin

import ir.hamrah.ffi.CardTransferState
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import org.junit.Test
import kotlin.test.assertEquals
import kotlin.test.assertIs
import kotlin.test.assertTrue

/** Card to card through the Kotlin layer, against the sandbox bank. */
class CardTransferTest {
    private val fee = 7_200uL

    @Test
    fun aTransferWithTheSmsPinAndItsCountdown() = runBlocking<Unit> {
        Installs.loggedIn().use { client ->
            val before = Installs.balance(client)
            val journey = Installs.toAuthorize(client, Installs.otherCard("mellat"), 25_000_000)
            val authorize = journey.state.value as CardTransferState.Authorize
            assertEquals("بیست و پنج میلیون", authorize.payment.amountWordsFa)
            assertEquals("علی رضایی", authorize.payment.destination.holderName)
            assertEquals(5u, authorize.pin.requestsLeft)

            assertIs<CardTransferState.Authorize>(journey.requestPin())
            val ticks = withTimeout(10_000) { journey.pinCountdown().take(3).toList() }
            assertTrue(ticks.first() in 100L..120L, "first tick $ticks")
            assertTrue(ticks.last() < ticks.first(), "the countdown runs down: $ticks")

            val (cvv2, expiry) = Installs.cardSecrets()
            val done = journey.submit(SandboxBank.lastOtp(Installs.SARA_MOBILE), cvv2, expiry)
            assertIs<CardTransferState.Succeeded>(done)
            assertEquals("succeeded", done.receipt.status)
            assertEquals(25_000_000uL + fee, done.receipt.totalDebitedRials)
            assertEquals(done, journey.state.value)
            assertEquals(before - 25_000_000uL - fee, Installs.balance(client))
            journey.finish()
            journey.close()
            assertTrue(SandboxBank.ledgerOk())
        }
    }

    @Test
    fun cancellingTheCallerOfAPendingTransferDebitsOnceAndStillReportsTheOutcome() = runBlocking<Unit> {
        Installs.loggedIn().use { client ->
            val amount = 10_000_000uL
            val journey = Installs.toAuthorize(client, Installs.otherCard("saman"), amount.toLong())
            journey.requestPin()
            val otp = SandboxBank.lastOtp(Installs.SARA_MOBILE)
            val (cvv2, expiry) = Installs.cardSecrets()
            val before = Installs.balance(client)

            SandboxBank.fault("card_transfer_create", "delay", 1, delayMs = 1_500)
            val caller = launch(Dispatchers.Default) { journey.submit(otp, cvv2, expiry) }
            delay(400) // the bank holds the request
            caller.cancelAndJoin()
            assertTrue(caller.isCancelled)

            val outcome = withTimeout(30_000) {
                journey.state.first { it is CardTransferState.Succeeded || it is CardTransferState.Failed }
            }
            assertIs<CardTransferState.Succeeded>(outcome, "the outcome still reaches the screen")
            assertEquals(before - amount - fee, Installs.balance(client), "debited exactly once")
            assertIs<CardTransferState.Succeeded>(journey.resolve())
            assertEquals(before - amount - fee, Installs.balance(client))
            SandboxBank.clearFaults()
            assertTrue(SandboxBank.ledgerOk())
            journey.close()
        }
    }

    @Test
    fun aMistypedCardNumberStaysOnItsScreenWithTheProblem() = runBlocking<Unit> {
        Installs.loggedIn().use { client ->
            client.startCardTransfer().use { journey ->
                val cards = (journey.state.value as CardTransferState.ChooseSource).cards
                journey.chooseSource(cards.first().cardId)
                val state = journey.enterDestination("6104-3326-7735-4680")
                assertIs<CardTransferState.EnterDestination>(state)
                assertEquals("card.checksum", state.error?.code)
                assertEquals("destination_pan", state.error?.field)
                assertEquals(state, journey.state.value)
            }
        }
    }
}
