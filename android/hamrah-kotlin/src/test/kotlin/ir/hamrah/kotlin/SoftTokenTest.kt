package ir.hamrah.kotlin

import ir.hamrah.ffi.AccountTransferState
import ir.hamrah.ffi.BillSource
import ir.hamrah.ffi.CardTransferState
import ir.hamrah.ffi.TopupState
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import org.junit.Test
import kotlin.test.assertEquals
import kotlin.test.assertIs
import kotlin.test.assertNotNull
import kotlin.test.assertTrue

/** The soft token: activated with an SMS code, codes on the phone, payments made with it. */
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

    @Test
    fun topUpsAndATransferToAnAccountPaidWithTheSoftToken() = runBlocking<Unit> {
        Installs.loggedIn().use { client ->
            val card = client.accounts.overview().cards.first()
            client.token.activate(card.cardId).confirm(SandboxBank.lastOtp(Installs.SARA_MOBILE))
            val lastCode = SandboxBank.lastOtp(Installs.SARA_MOBILE)
            val (cvv2, expiry) = Installs.cardSecrets()

            // By card: the paying state says the card's own token can pay.
            client.startTopup().use { journey ->
                journey.enterMobile("09351234567")
                assertIs<TopupState.ChooseSource>(journey.chooseCharge("200000"))
                val authorize = journey.chooseSource(card.cardId)
                assertIs<TopupState.Authorize>(authorize)
                assertTrue(authorize.softTokenAvailable)
                val done = journey.submitCardWithSoftToken(cvv2, expiry)
                assertIs<TopupState.Succeeded>(done)
                assertNotNull(done.receipt.sourcePanMasked)
                assertEquals(200_000uL, done.receipt.amountRials)
                journey.finish()
            }

            // From an account: a code of this phone's token confirms it.
            client.startTopup().use { journey ->
                val product = journey.enterMobile(Installs.SARA_MOBILE)
                assertIs<TopupState.ChooseProduct>(product)
                val amount = assertNotNull(product.offer).chargeAmountsRials.first()
                val sources = journey.chooseCharge(amount.toString())
                assertIs<TopupState.ChooseSource>(sources)
                val account = sources.sources.filterIsInstance<BillSource.Account>().first()
                val confirm = journey.chooseSource(account.accountId)
                assertIs<TopupState.ConfirmAccount>(confirm)
                assertTrue(confirm.softTokenAvailable)
                val done = journey.confirmWithSoftToken()
                assertIs<TopupState.Succeeded>(done)
                assertEquals(null, done.receipt.sourcePanMasked)
                journey.finish()
            }

            // To Reza's account of the bank, confirmed the same way.
            client.startAccountTransfer().use { journey ->
                val accounts = (journey.state.value as AccountTransferState.ChooseSource).accounts
                journey.chooseSource(accounts.first().accountId)
                assertIs<AccountTransferState.ConfirmHolder>(journey.enterDestination("1002-0030-0501"))
                journey.confirmHolder(true)
                val confirm = journey.enterAmount("3000000")
                assertIs<AccountTransferState.Confirm>(confirm)
                assertTrue(confirm.softTokenAvailable)
                val done = journey.submitWithSoftToken()
                assertIs<AccountTransferState.Succeeded>(done)
                assertEquals(3_000_000uL, done.receipt.amountRials)
                journey.finish()
            }
            assertEquals(lastCode, SandboxBank.lastOtp(Installs.SARA_MOBILE), "no SMS PIN was needed")
            assertTrue(SandboxBank.ledgerOk())
        }
    }
}
