package ir.hamrah.kotlin

import ir.hamrah.ffi.BankChannel
import ir.hamrah.ffi.ChannelDecision
import ir.hamrah.ffi.ChannelObserver
import ir.hamrah.ffi.SmsEncoding
import ir.hamrah.ffi.SmsReply
import kotlinx.coroutines.runBlocking
import org.junit.Test
import java.util.concurrent.CopyOnWriteArrayList
import kotlin.test.assertEquals
import kotlin.test.assertIs
import kotlin.test.assertTrue

/** A card-to-card transfer over SMS through a Kotlin SmsTransport, when mobile data is down. */
class SmsFallbackTest {
    @Test
    fun withDataDownATransferGoesBySmsOneEachWay() = runBlocking<Unit> {
        Installs.loggedIn().use { client ->
            val transport = GatewaySmsTransport(Installs.SARA_MOBILE)
            val network = SwitchConnectivity(data = true)
            val sms = client.sms(transport, network, SmsEncoding.BINARY)
            transport.channel = sms
            sms.setUp()
            assertTrue(sms.isReady())

            val decisions = CopyOnWriteArrayList<ChannelDecision>()
            val handle = sms.observeChannel(object : ChannelObserver {
                override fun onChannel(decision: ChannelDecision) {
                    decisions.add(decision)
                }
            })
            assertEquals(BankChannel.HTTPS, decisions.last().channel)
            network.data = false
            sms.connectivityChanged()
            assertEquals(BankChannel.SMS, decisions.last().channel)
            assertEquals("data_off", decisions.last().reason)
            handle.close()

            val before = Installs.balance(client)
            val transfer = sms.cardTransfer(0u, Installs.otherCard("mellat"), "۳٬۰۰۰٬۰۰۰")
            assertIs<SmsReply.PinSent>(transfer.requestPin().reply)
            val (cvv2, expiry) = Installs.cardSecrets()
            val result = transfer.submit(SandboxBank.lastOtp(Installs.SARA_MOBILE), cvv2, expiry)
            val reply = result.reply
            assertIs<SmsReply.Transfer>(reply, result.messageEn)
            assertEquals(3_000_000uL, reply.amountRials)
            assertEquals(1u to 1u, result.smsSent to result.smsReceived)
            assertTrue(result.messageFa.isNotBlank())
            assertEquals(before - reply.amountRials - reply.feeRials, Installs.balance(client))
            assertTrue(transport.sent.all { it.startsWith("binary ") && it.removePrefix("binary ").toInt() <= 140 })
            assertTrue(SandboxBank.ledgerOk())
        }
    }
}
