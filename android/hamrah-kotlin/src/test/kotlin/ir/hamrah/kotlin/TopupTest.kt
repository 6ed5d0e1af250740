package ir.hamrah.kotlin

import ir.hamrah.ffi.BillSource
import ir.hamrah.ffi.TopupState
import kotlinx.coroutines.runBlocking
import org.junit.Test
import kotlin.test.assertEquals
import kotlin.test.assertFalse
import kotlin.test.assertIs
import kotlin.test.assertNotNull
import kotlin.test.assertNull
import kotlin.test.assertTrue

/** A top-up and an internet package through the Kotlin layer, against the sandbox bank. */
class TopupTest {
    @Test
    fun aTopUpForAnotherNumberFromAnAccountCarriesTheOperatorsReference() = runBlocking<Unit> {
        Installs.loggedIn().use { client ->
            client.startTopup().use { journey ->
                val start = journey.state.value
                assertIs<TopupState.EnterMobile>(start)
                assertEquals(Installs.SARA_MOBILE, start.ownMobile)
                val product = journey.enterMobile("+98 ۹۳۵ ۱۲۳ ۴۵۶۷")
                assertIs<TopupState.ChooseProduct>(product)
                assertEquals("irancell", product.line.operatorId, "the operator comes from the prefix")
                assertEquals("شارژ شگفت‌انگیز", product.offer?.amazingTitleFa)
                assertEquals(listOf("mci", "irancell", "rightel"), product.operators.map { it.operatorId })
                val ported = journey.chooseOperator("mci")
                assertIs<TopupState.ChooseProduct>(ported)
                assertTrue(ported.line.ported)
                journey.chooseOperator("irancell")

                val sources = journey.chooseCharge("200000")
                assertIs<TopupState.ChooseSource>(sources)
                assertEquals("دویست هزار", sources.purchase.amountWordsFa)
                assertEquals("شارژ مستقیم ایرانسل", sources.purchase.titleFa)
                val account = sources.sources.filterIsInstance<BillSource.Account>().first()
                assertIs<TopupState.ConfirmAccount>(journey.chooseSource(account.accountId))
                val asked = journey.requestPin()
                assertIs<TopupState.ConfirmAccount>(asked)
                assertEquals(null, asked.error)
                assertFalse(asked.softTokenAvailable, "no soft token on this phone")
                val done = journey.confirm(SandboxBank.lastOtp(Installs.SARA_MOBILE))
                assertIs<TopupState.Succeeded>(done)
                assertEquals("0935***4567", done.receipt.mobileMasked)
                assertEquals(12, done.receipt.operatorReference.length)
                assertEquals(200_000uL, done.receipt.totalDebitedRials)
                assertEquals(done, journey.state.value)
                val after = client.accounts.overview().accounts.first { it.accountId == account.accountId }
                assertEquals(account.availableBalanceRials - done.receipt.totalDebitedRials, after.availableBalanceRials)

                // Reopened (as after a restart): the receipt is still there.
                val restored = assertNotNull(client.restoreTopup(journey.flowId))
                restored.use { assertEquals(done, it.state.value) }
                journey.finish()
                assertNull(client.restoreTopup(journey.flowId), "finished: the saved state is forgotten")
            }
            assertTrue(SandboxBank.ledgerOk())
        }
    }

    @Test
    fun whatTheOperatorDoesNotSellStaysOnTheProductScreen() = runBlocking<Unit> {
        Installs.loggedIn().use { client ->
            client.startTopup().use { journey ->
                val wrong = journey.enterMobile("0912123")
                assertIs<TopupState.EnterMobile>(wrong)
                assertEquals("mobile.length", wrong.error?.code)
                assertIs<TopupState.ChooseProduct>(journey.enterMobile(Installs.SARA_MOBILE))
                val amazing = journey.chooseCharge("200000", amazing = true)
                assertIs<TopupState.ChooseProduct>(amazing)
                assertEquals("topup.amazing_not_offered", amazing.error?.code)
                val amount = journey.chooseCharge("123456")
                assertIs<TopupState.ChooseProduct>(amount)
                assertEquals("topup.amount_not_offered", amount.error?.code)
                val pack = assertNotNull(amount.offer).packages.first()
                val sources = journey.choosePackage(pack.packageId)
                assertIs<TopupState.ChooseSource>(sources)
                assertEquals(pack.priceRials, sources.purchase.amountRials)
            }
        }
    }
}
