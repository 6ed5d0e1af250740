package ir.hamrah.kotlin

import ir.hamrah.ffi.ChequeRegistrationState
import ir.hamrah.ffi.ReceivedChequeState
import kotlinx.coroutines.runBlocking
import org.junit.Test
import kotlin.test.assertEquals
import kotlin.test.assertIs
import kotlin.test.assertTrue

/** Sayad cheques through the Kotlin layer, against the sandbox bank. */
class ChequeTest {
    private val reza = "3382923971"
    private val otherBanksCheque = "3004500600700001"

    @Test
    fun registerACheque_thenSeeTheColourAndRefuseAnotherBanksCheque() = runBlocking<Unit> {
        Installs.loggedIn().use { client ->
            client.cheques.register().use { journey ->
                val leaves = journey.state.value
                assertIs<ChequeRegistrationState.ChooseLeaf>(leaves)
                journey.chooseLeaf(leaves.sayadIds.first())
                val due = client.cheques.status("1002003004010001").dueDateJalali
                val bad = journey.enterDetails("۲۰٬۰۰۰٬۰۰۰", due, listOf("3382923970"), "")
                assertIs<ChequeRegistrationState.EnterDetails>(bad)
                assertEquals("national_id.checksum", bad.error?.code)
                val confirm = journey.enterDetails("۲۰٬۰۰۰٬۰۰۰", due, listOf(reza), "ودیعه")
                assertIs<ChequeRegistrationState.Confirm>(confirm)
                assertEquals("بیست میلیون", confirm.order.amountWordsFa)
                assertIs<ChequeRegistrationState.Confirm>(journey.requestPin())
                val done = journey.submit(SandboxBank.lastOtp(Installs.SARA_MOBILE))
                assertIs<ChequeRegistrationState.Registered>(done)
                assertEquals("pending_acceptance", done.receipt.status)
                assertEquals(done, journey.state.value)
                journey.finish()
            }
            val offered = client.cheques.received().cheques.first { it.sayadId == otherBanksCheque }
            assertEquals("yellow", offered.colour)
            assertTrue(offered.colourWarns)
            client.cheques.openReceived(otherBanksCheque).use { journey ->
                val review = journey.state.value
                assertIs<ReceivedChequeState.Review>(review)
                assertEquals("زرد", review.cheque.colourFa)
                val refused = journey.refuse()
                assertIs<ReceivedChequeState.Done>(refused)
                assertEquals("refused", refused.receipt.status)
                journey.finish()
            }
            assertTrue(SandboxBank.ledgerOk())
        }
    }
}
