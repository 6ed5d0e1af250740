package ir.hamrah.kotlin

import ir.hamrah.ffi.BillPaymentState
import ir.hamrah.ffi.BillSource
import kotlinx.coroutines.runBlocking
import org.junit.Test
import kotlin.test.assertEquals
import kotlin.test.assertIs
import kotlin.test.assertTrue

/** A bill payment through the Kotlin layer, against the sandbox bank. */
class BillPaymentTest {
    private fun seedBill(type: String): Pair<String, String> {
        val bill = SandboxBank.seed["bills"].list().first { it["bill_type"] == type }
        return bill["bill_id"] as String to bill["payment_id"] as String
    }

    @Test
    fun aWaterBillFromAnAccountIsPaidOnce() = runBlocking<Unit> {
        Installs.loggedIn().use { client ->
            val (billId, paymentId) = seedBill("water")
            client.startBillPayment().use { journey ->
                val sources = journey.enterBill(billId, paymentId)
                assertIs<BillPaymentState.ChooseSource>(sources)
                assertEquals("water", sources.bill.billType)
                val account = sources.sources.filterIsInstance<BillSource.Account>().first()
                val confirm = journey.chooseSource(account.accountId)
                assertIs<BillPaymentState.ConfirmAccount>(confirm)
                assertIs<BillPaymentState.ConfirmAccount>(journey.requestPin())
                val paid = journey.confirm(SandboxBank.lastOtp(Installs.SARA_MOBILE))
                assertIs<BillPaymentState.Succeeded>(paid)
                assertEquals("account", paid.receipt.sourceKind)
                val after = client.accounts.overview().accounts.first { it.accountId == account.accountId }
                assertEquals(account.availableBalanceRials - paid.receipt.totalDebitedRials, after.availableBalanceRials)
                journey.finish()
            }
            client.startBillPayment().use { again ->
                assertIs<BillPaymentState.AlreadyPaid>(again.enterBill(billId, paymentId))
            }
            assertTrue(SandboxBank.ledgerOk())
        }
    }

    @Test
    fun aMistypedPaymentIdIsRefusedWithItsField() = runBlocking<Unit> {
        Installs.loggedIn().use { client ->
            val (billId, paymentId) = seedBill("gas")
            client.startBillPayment().use { journey ->
                val wrong = paymentId.dropLast(1) + ((paymentId.last() - '0' + 1) % 10)
                val state = journey.enterBill(billId, wrong)
                assertIs<BillPaymentState.EnterBill>(state)
                assertEquals("payment_id", state.error?.field)
            }
        }
    }
}
