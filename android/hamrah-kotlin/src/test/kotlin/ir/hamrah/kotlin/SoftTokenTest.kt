package ir.hamrah.kotlin

import ir.hamrah.ffi.CardTransferState
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import org.junit.Test
import kotlin.test.assertEquals
import kotlin.test.assertIs
import kotlin.test.assertTrue

/** The soft token: activated with an SMS code, codes on the phone, a transfer paid with it. */
class SoftTokenTest {
    @Test
    fun aTransferPaidWithTheSoftToken() = runBlocking<Unit> {
        Installs.loggedIn().use { client ->
            val card = client.accounts.overview().cards.first()
            val activation = client.token.activate(card.cardId)
            assertTrue(activation.sentToMobileMasked().contains("*"))
            activation.confirm(SandboxBank.lastOtp(Installs.SARA_MOBILE))
            assertEquals(listOf(card.cardId), client.token.cards())

            val codes = withTimeout(10_000) { client.tokenCodes(card.cardId).take(2).toList() }
            assertTrue(codes.all { it.code.length in 6..8 && it.code.all(Char::isDigit) }, "$codes")
            assertTrue(codes.first().secondsLeft in 1uL..60uL)

            val before = Installs.balance(client)
            val journey = Installs.toAuthorize(client, Installs.otherCard("tejarat"), 4_000_000)
            assertTrue(journey.softTokenAvailable())
            val (cvv2, expiry) = Installs.cardSecrets()
            val done = journey.submitWithSoftToken(cvv2, expiry)
            assertIs<CardTransferState.Succeeded>(done)
            assertEquals(before - done.receipt.totalDebitedRials, Installs.balance(client))
            assertEquals(4_000_000uL, done.receipt.amountRials)
            journey.close()
            assertTrue(SandboxBank.ledgerOk())
        }
    }
}
