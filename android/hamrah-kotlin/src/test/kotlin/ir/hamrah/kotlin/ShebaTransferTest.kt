package ir.hamrah.kotlin

import ir.hamrah.ffi.ShebaTransferState
import ir.hamrah.ffi.TransferMethod
import kotlinx.coroutines.runBlocking
import org.junit.Test
import kotlin.test.assertEquals
import kotlin.test.assertIs
import kotlin.test.assertNotNull
import kotlin.test.assertTrue

/** A SHEBA (PAYA) transfer through the Kotlin layer, against the sandbox bank. */
class ShebaTransferTest {
    @Test
    fun aPayaTransferWithItsExpectedSettlement() = runBlocking<Unit> {
        Installs.loggedIn().use { client ->
            client.startShebaTransfer().use { journey ->
                val accounts = (journey.state.value as ShebaTransferState.ChooseSource).accounts
                val source = accounts.first()
                journey.chooseSource(source.accountId)

                val sheba = SandboxBank.seed["other_bank_shebas"].list().first() as String
                val bad = journey.enterSheba(sheba.dropLast(1) + if (sheba.last() == '0') '1' else '0')
                assertIs<ShebaTransferState.EnterSheba>(bad)
                assertEquals("sheba.checksum", bad.error?.code)
                val holder = journey.enterSheba(sheba.lowercase())
                assertIs<ShebaTransferState.ConfirmHolder>(holder)
                assertTrue(holder.destination.shebaMasked.contains("*"))
                assertIs<ShebaTransferState.EnterAmount>(journey.confirmHolder(true))

                val confirm = journey.enterAmount("۳۰٬۰۰۰٬۰۰۰")
                assertIs<ShebaTransferState.Confirm>(confirm)
                assertEquals(TransferMethod.PAYA, confirm.payment.option.method)
                assertEquals("سی میلیون", confirm.payment.amountWordsFa)
                assertNotNull(confirm.payment.option.expectedSettlement)

                val asked = journey.requestPin()
                assertIs<ShebaTransferState.Confirm>(asked)
                assertEquals(null, asked.error)
                val done = journey.submit(SandboxBank.lastOtp(Installs.SARA_MOBILE))
                assertIs<ShebaTransferState.Succeeded>(done)
                assertEquals("paya", done.receipt.method)
                assertEquals(30_000_000uL, done.receipt.amountRials)
                val after = client.accounts.overview().accounts.first { it.accountId == source.accountId }
                assertEquals(source.availableBalanceRials - done.receipt.totalDebitedRials, after.availableBalanceRials)
                journey.finish()
            }
            assertTrue(SandboxBank.ledgerOk())
        }
    }
}
