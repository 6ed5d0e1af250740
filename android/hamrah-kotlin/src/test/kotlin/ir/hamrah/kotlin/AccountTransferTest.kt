package ir.hamrah.kotlin

import ir.hamrah.ffi.AccountTransferState
import ir.hamrah.ffi.ShebaTransferState
import ir.hamrah.ffi.TransferMethod
import kotlinx.coroutines.runBlocking
import org.junit.Test
import kotlin.test.assertEquals
import kotlin.test.assertFalse
import kotlin.test.assertIs
import kotlin.test.assertNotNull
import kotlin.test.assertNull
import kotlin.test.assertTrue

/** Transfers to an account of the bank through the Kotlin layer, against the sandbox bank. */
class AccountTransferTest {
    private val reza = "reza.karimi"

    @Test
    fun aTransferByAccountNumberNamesTheHolderAndIsInstant() = runBlocking<Unit> {
        Installs.loggedIn().use { client ->
            client.startAccountTransfer().use { journey ->
                val accounts = (journey.state.value as AccountTransferState.ChooseSource).accounts
                val source = accounts.first()
                journey.chooseSource(source.accountId)
                val bad = journey.enterDestination("12-34")
                assertIs<AccountTransferState.EnterDestination>(bad)
                assertEquals("account_number.length", bad.error?.code)
                assertEquals("destination_account_number", bad.error?.field)
                val holder = journey.enterDestination("۱۰۰۲-۰۰۳۰-۰۵۰۱")
                assertIs<AccountTransferState.ConfirmHolder>(holder)
                assertEquals("رضا کریمی", holder.destination.holderName)
                assertEquals("1002****0501", holder.destination.accountNumberMasked)
                val amount = journey.confirmHolder(true)
                assertIs<AccountTransferState.EnterAmount>(amount)
                assertEquals(0uL, amount.limits.feeRials)
                val confirm = journey.enterAmount("5,000,000")
                assertIs<AccountTransferState.Confirm>(confirm)
                assertEquals("پنج میلیون", confirm.payment.amountWordsFa)
                assertFalse(confirm.softTokenAvailable, "no soft token on this phone")
                assertIs<AccountTransferState.Confirm>(journey.requestPin())
                val done = journey.submit(SandboxBank.lastOtp(Installs.SARA_MOBILE))
                assertIs<AccountTransferState.Succeeded>(done)
                assertEquals("رضا کریمی", done.receipt.destinationHolderName)
                assertEquals(5_000_000uL, done.receipt.totalDebitedRials)
                val after = client.accounts.overview().accounts.first { it.accountId == source.accountId }
                assertEquals(source.availableBalanceRials - 5_000_000uL, after.availableBalanceRials)
                journey.finish()
                assertNull(client.restoreAccountTransfer(journey.flowId), "finished: the saved state is forgotten")
            }
            assertTrue(SandboxBank.ledgerOk())
        }
    }

    @Test
    fun aShebaOfThisBankGoesInternalWithoutAFeeOrACycle() = runBlocking<Unit> {
        Installs.loggedIn().use { client ->
            val sheba = SandboxBank.customer(reza)["accounts"].list().first()["sheba"] as String
            client.startShebaTransfer().use { journey ->
                val accounts = (journey.state.value as ShebaTransferState.ChooseSource).accounts
                journey.chooseSource(accounts.first().accountId)
                assertIs<ShebaTransferState.ConfirmHolder>(journey.enterSheba(sheba))
                val amount = journey.confirmHolder(true)
                assertIs<ShebaTransferState.EnterAmount>(amount)
                assertNotNull(amount.limits.internalMaxRials)
                val confirm = journey.enterAmount("3,000,000")
                assertIs<ShebaTransferState.Confirm>(confirm)
                assertEquals(TransferMethod.INTERNAL, confirm.payment.option.method)
                assertEquals(0uL, confirm.payment.option.feeRials)
                journey.requestPin()
                val done = journey.submit(SandboxBank.lastOtp(Installs.SARA_MOBILE))
                assertIs<ShebaTransferState.Succeeded>(done)
                assertEquals("internal", done.receipt.method)
                assertEquals("settled", done.receipt.status)
                journey.finish()
            }
            assertTrue(SandboxBank.ledgerOk())
        }
    }
}
