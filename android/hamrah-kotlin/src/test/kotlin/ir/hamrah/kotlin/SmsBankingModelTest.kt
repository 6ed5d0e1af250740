package ir.hamrah.kotlin

import ir.hamrah.ffi.BankChannel
import ir.hamrah.ffi.InboundSms
import ir.hamrah.ffi.SmsReply
import kotlinx.coroutines.runBlocking
import org.junit.Test
import kotlin.test.assertEquals
import kotlin.test.assertFalse
import kotlin.test.assertIs
import kotlin.test.assertNotNull
import kotlin.test.assertNull
import kotlin.test.assertTrue

/** The SMS banking screen's model: rows, the sender check, the unlock, an unknown outcome offered "resolve". */
class SmsBankingModelTest {
    @Test
    fun rowsComeFromTheCoreAndATypedRowIsCheckedThere() = runBlocking<Unit> {
        Installs.loggedIn().use { client ->
            val transport = GatewaySmsTransport(Installs.SARA_MOBILE)
            val sms = client.sms(transport, SwitchConnectivity(data = true))
            transport.channel = sms
            client.smsBanking(sms).use { model ->
                model.load().join()
                val overview = client.accounts.overview()
                assertEquals(overview.accounts.map { it.labelFa }, model.accountRows.value)
                assertEquals(overview.cards.map { it.labelFa }, model.cardRows.value)
                assertEquals(sms.directory().accounts, model.accountRows.value, "the same labels as kept for data-off")
                assertEquals(1u.toUByte(), model.typedRow("۲").getOrNull())
                assertEquals("sms.row_invalid", model.rowProblem("0")?.code)
                assertNull(model.rowProblem("256"))
                assertEquals("sms.row_invalid", model.rowProblem("257")?.code)
            }
        }
    }

    @Test
    fun onlyAnSmsFromExactlyTheBanksNumberIsRead() = runBlocking<Unit> {
        Installs.fresh().use { client ->
            val sms = client.sms(GatewaySmsTransport(Installs.SARA_MOBILE), SwitchConnectivity(data = false))
            val bank = SandboxBank.config["sms"]["bank_number"] as String
            val junk = InboundSms.Text("not a frame")
            assertFalse(sms.deliverReceived("+44 77$bank", junk), "a number that only ends like the bank's")
            assertFalse(sms.deliverReceived("9$bank", junk))
            assertTrue(sms.deliverReceived("+98$bank", junk))
            assertTrue(sms.deliverReceived(ir.hamrah.ffi.persianDigits("0$bank"), junk))
        }
    }

    @Test
    fun smsBankingFromTheLoginScreenAsksTheDeviceFirst() = runBlocking<Unit> {
        Installs.fresh().use { client ->
            val sms = client.sms(GatewaySmsTransport(Installs.SARA_MOBILE), SwitchConnectivity(data = false))
            client.smsBanking(sms).use { model ->
                val refused = DeskUnlock(approve = false)
                model.unlock(refused).join()
                assertFalse(model.unlocked.value)
                assertEquals("platform.unlock_refused", model.problem.value?.code)
                assertTrue(model.problem.value!!.messageFa.isNotBlank())
                model.unlock(DeskUnlock(approve = true)).join()
                assertTrue(model.unlocked.value)
                assertNull(model.problem.value)
            }
        }
    }

    @Test
    fun aTransferWhoseSmsNeverLeftIsResolvedByItsKeyAndPaidOnce() = runBlocking<Unit> {
        Installs.loggedIn().use { client ->
            val transport = GatewaySmsTransport(Installs.SARA_MOBILE)
            val network = SwitchConnectivity(data = true)
            val sms = client.sms(transport, network)
            transport.channel = sms
            client.smsBanking(sms).use { model ->
                model.setUp().join()
                assertTrue(model.ready.value, "${model.problem.value}")
                network.data = false
                sms.connectivityChanged()
                assertEquals(BankChannel.SMS, model.channel.value.channel)
                val before = Installs.balance(client)

                model.requestTransferPin(0u, Installs.otherCard("mellat"), "1500000").join()
                assertIs<SmsReply.PinSent>(model.result.value?.reply, "${model.problem.value}")
                assertNotNull(model.transfer.value)
                val (cvv2, expiry) = Installs.cardSecrets()
                val pin = SandboxBank.lastOtp(Installs.SARA_MOBILE)
                transport.failNext = true
                model.payTransfer(pin, cvv2, expiry).join()
                assertNotNull(model.problem.value, "the radio refused the SMS")
                assertTrue(SmsTask.TRANSFER in model.unresolved.value, "the journal holds it as unknown: resolve, never new")
                model.newTransfer().join()
                assertNotNull(model.transfer.value, "no new transfer while the outcome is unknown")

                model.payTransfer(pin, cvv2, expiry).join()
                val receipt = assertIs<SmsReply.Transfer>(model.result.value?.reply, "${model.problem.value}")
                assertFalse(SmsTask.TRANSFER in model.unresolved.value)
                assertEquals(before - receipt.amountRials - receipt.feeRials, Installs.balance(client), "paid once")
                model.newTransfer().join()
                assertNull(model.transfer.value)
                assertTrue(SandboxBank.ledgerOk())
            }
        }
    }
}
