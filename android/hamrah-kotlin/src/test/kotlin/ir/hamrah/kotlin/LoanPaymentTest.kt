package ir.hamrah.kotlin

import ir.hamrah.ffi.LoanPaymentState
import ir.hamrah.ffi.LoanSourceInfo
import kotlinx.coroutines.runBlocking
import org.junit.Test
import kotlin.test.assertEquals
import kotlin.test.assertFalse
import kotlin.test.assertIs
import kotlin.test.assertTrue

/** Loans and a loan payment through the Kotlin layer, against the sandbox bank. */
class LoanPaymentTest {
    private val rezaMortgage = "0101234567003"

    @Test
    fun theLoansListShowsTheOverdueInstalmentWithItsPenalty() = runBlocking<Unit> {
        Installs.loggedIn().use { client ->
            val view = client.loans.list()
            assertFalse(view.offline)
            val consumer = view.loans.first { it.loanNumber == "0101234567001" }
            assertEquals(24u, consumer.termMonths)
            assertTrue(consumer.overdueCount == 0u || consumer.penaltyRials > 0uL)
            val schedule = client.loans.schedule(consumer.loanId)
            assertEquals(24, schedule.items.size)
            assertTrue(schedule.items.all { it.dueDateJalali.startsWith("14") })
        }
    }

    @Test
    fun anotherPersonsInstalmentByNumberIsPaidOnce() = runBlocking<Unit> {
        Installs.loggedIn().use { client ->
            client.startLoanPaymentByNumber().use { journey ->
                val mistyped = journey.enterLoanNumber("123")
                assertIs<LoanPaymentState.EnterLoanNumber>(mistyped)
                assertEquals("loan.length", mistyped.error?.code)
                val holder = journey.enterLoanNumber(rezaMortgage)
                assertIs<LoanPaymentState.ConfirmHolder>(holder)
                assertEquals("رض* کری**", holder.loan.holderNameMasked)
                assertFalse(holder.loan.own)
                assertIs<LoanPaymentState.ChooseInstalments>(journey.confirmHolder(true))
                val sources = journey.chooseInstalments(1u)
                assertIs<LoanPaymentState.ChooseSource>(sources)
                val account = sources.sources.filterIsInstance<LoanSourceInfo.Account>().first()
                assertIs<LoanPaymentState.Authorize>(journey.chooseSource(account.accountId))
                val asked = journey.requestPin()
                assertIs<LoanPaymentState.Authorize>(asked)
                assertEquals(null, asked.error)
                val paid = journey.submit(SandboxBank.lastOtp(Installs.SARA_MOBILE))
                assertIs<LoanPaymentState.Succeeded>(paid)
                assertEquals(sources.amountRials, paid.receipt.totalDebitedRials)
                assertEquals(1, paid.receipt.instalmentsPaid.size)
                // The StateFlow already holds what the call returned.
                assertEquals(paid, journey.state.value)
                val after = client.accounts.overview().accounts.first { it.accountId == account.accountId }
                assertEquals(account.availableBalanceRials - paid.receipt.totalDebitedRials, after.availableBalanceRials)
                journey.finish()
            }
            assertTrue(SandboxBank.ledgerOk())
        }
    }
}
