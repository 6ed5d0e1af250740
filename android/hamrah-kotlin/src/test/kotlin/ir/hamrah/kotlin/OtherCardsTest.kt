package ir.hamrah.kotlin

import ir.hamrah.ffi.CardTransferState
import ir.hamrah.ffi.HamrahException
import kotlinx.coroutines.runBlocking
import org.junit.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertIs
import kotlin.test.assertTrue

/** Other banks' cards on the phone through the Kotlin layer, against the sandbox bank. */
class OtherCardsTest {
    @Test
    fun aCardOfAnotherBankIsAddedUsedAndRemoved() = runBlocking<Unit> {
        Installs.loggedIn().use { client ->
            val mellat = Installs.otherCard("mellat")
            val draft = client.otherCards.inquire(mellat, "0806", "ملت")
            val preview = draft.preview()
            assertEquals("علی رضایی", preview.holderName)
            assertFalse(preview.panMasked.contains(mellat))
            val card = draft.confirm()
            draft.close()
            assertEquals(listOf(card), client.otherCards.list())
            assertTrue(card.smsPin)

            val before = Installs.balance(client)
            client.startCardTransfer().use { journey ->
                val cards = (journey.state.value as CardTransferState.ChooseSource).cards
                assertTrue(cards.any { it.cardId == card.id })
                journey.chooseSource(card.id)
                assertIs<CardTransferState.ConfirmHolder>(journey.enterDestination(Installs.otherCard("tejarat")))
                journey.confirmHolder(true)
                assertIs<CardTransferState.Authorize>(journey.enterAmount("1000000"))
                val asked = journey.requestPin()
                assertIs<CardTransferState.Authorize>(asked)
                assertEquals(null, asked.error)
                val done = journey.submit(SandboxBank.lastOtp(Installs.SARA_MOBILE), "000", "0806")
                assertIs<CardTransferState.Succeeded>(done)
                journey.finish()
            }
            // Paid through Shetab by the other bank: Sara's account here is untouched.
            assertEquals(before, Installs.balance(client))

            client.otherCards.remove(card.id)
            assertTrue(client.otherCards.list().isEmpty())
            val gone = assertFailsWith<HamrahException.Invalid> { client.otherCards.remove(card.id) }
            assertEquals("other_card.not_found", gone.code)
            assertTrue(SandboxBank.ledgerOk())
        }
    }
}
