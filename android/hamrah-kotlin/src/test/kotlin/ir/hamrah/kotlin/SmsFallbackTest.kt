package ir.hamrah.kotlin

import ir.hamrah.ffi.BankChannel
import ir.hamrah.ffi.ChannelDecision
import ir.hamrah.ffi.ChannelObserver
import ir.hamrah.ffi.Direction
import ir.hamrah.ffi.SmsChannel
import ir.hamrah.ffi.SmsDirectory
import ir.hamrah.ffi.SmsReply
import kotlinx.coroutines.runBlocking
import org.junit.Test
import java.util.concurrent.CopyOnWriteArrayList
import kotlin.test.assertEquals
import kotlin.test.assertIs
import kotlin.test.assertTrue

/** Banking over SMS through a Kotlin SmsTransport, when mobile data is down. */
class SmsFallbackTest {
    @Test
    fun withDataDownATransferGoesBySmsOneEachWay() = runBlocking<Unit> {
        Installs.loggedIn().use { client ->
            val transport = GatewaySmsTransport(Installs.SARA_MOBILE)
            val network = SwitchConnectivity(data = true)
            val sms = client.sms(transport, network)
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
            assertTrue(decisions.last().reasonFa.startsWith("اینترنت در دسترس نیست"), decisions.last().reasonFa)
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

    /** [client]'s SMS channel over the desktop radio from [mobile], set up, with mobile data down. */
    private suspend fun smsWithDataDown(client: HamrahClient, mobile: String): SmsChannel {
        val transport = GatewaySmsTransport(mobile)
        val network = SwitchConnectivity(data = true)
        val sms = client.sms(transport, network)
        transport.channel = sms
        sms.setUp()
        assertTrue(sms.isReady())
        network.data = false
        sms.connectivityChanged()
        assertEquals(BankChannel.SMS, sms.channel().channel)
        return sms
    }

    /** Unpaid bills of the seed no other test class pays (BillPaymentTest pays the water bill, mistypes the gas one). */
    private fun unpaidBills(): List<Any?> = SandboxBank.admin("GET", "/admin/seed")["bills"].list()
        .filter { it["paid"] == false && it["bill_type"] !in setOf("water", "gas") }

    @Test
    fun withDataDownTheLastFiveEntriesComeBySmsOneEachWay() = runBlocking<Unit> {
        Installs.loggedIn().use { client ->
            val sms = smsWithDataDown(client, Installs.SARA_MOBILE)
            val account = client.accounts.overview().accounts[0] // account index 0: the bank's account_list order
            val result = sms.lastFive(0u)
            val reply = result.reply
            assertIs<SmsReply.Statement>(reply, result.messageEn)
            assertEquals(1u to 1u, result.smsSent to result.smsReceived)
            assertTrue(reply.entries.size in 1..5, "${reply.entries.size} entries")
            assertEquals(account.balanceRials, reply.balanceRials)
            val https = client.accounts.statement(account.accountId, 5u).page(fromTop = true).entries
            val signed = https.map { it.amountRials.toLong() * if (it.direction == Direction.DEBIT) -1 else 1 }
            assertEquals(signed, reply.entries.map { it.amountRials })
            val jalali = Regex("""^14\d\d/(0[1-9]|1[0-2])/(0[1-9]|[12]\d|3[01]) ([01]\d|2[0-3]):[0-5]\d$""")
            val posted = reply.entries.map { it.postedAtJalali }
            assertTrue(posted.all(jalali::matches), "$posted")
            assertTrue(result.messageFa.isNotBlank())
        }
    }

    @Test
    fun withDataDownABillIsPaidBySmsFromAnAccountExactlyOnce() = runBlocking<Unit> {
        Installs.loggedIn().use { client ->
            val sms = smsWithDataDown(client, Installs.SARA_MOBILE)
            val bill = unpaidBills().first()
            val (billId, paymentId) = bill["bill_id"] as String to bill["payment_id"] as String
            val amount = (bill["amount_rials"] as Long).toULong()
            val account = client.accounts.overview().accounts[0]
            val before = account.availableBalanceRials

            val payment = sms.billPayment(billId, paymentId, amount.toString())
            val paid = payment.payFromAccount(0u)
            val receipt = paid.reply
            assertIs<SmsReply.Bill>(receipt, paid.messageEn)
            assertEquals(amount, receipt.amountRials)
            assertTrue(receipt.trace.isNotBlank())
            assertEquals(1u to 1u, paid.smsSent to paid.smsReceived)
            assertEquals(before - amount, client.accounts.overview().accounts[0].availableBalanceRials)

            val again = sms.billPayment(billId, paymentId, amount.toString()).payFromAccount(0u)
            assertEquals(SmsReply.Refused("bill.already_paid"), again.reply)
            assertTrue(again.messageFa.isNotBlank())
            assertEquals(before - amount, client.accounts.overview().accounts[0].availableBalanceRials)

            val resolved = payment.resolve()
            assertEquals(receipt, resolved.reply)
            assertTrue(resolved.replayed)
            assertTrue(SandboxBank.ledgerOk())
        }
    }

    @Test
    fun withDataDownABillIsPaidBySmsFromACardWithTheDynamicPinSentBySms() = runBlocking<Unit> {
        Installs.loggedIn().use { client ->
            val sms = smsWithDataDown(client, Installs.SARA_MOBILE)
            val bill = unpaidBills().last() // the account test takes the first
            val amount = (bill["amount_rials"] as Long).toULong()
            val before = Installs.balance(client)

            val payment = sms.billPayment(bill["bill_id"] as String, bill["payment_id"] as String, amount.toString())
            assertIs<SmsReply.PinSent>(payment.requestPin(0u).reply)
            val (cvv2, expiry) = Installs.cardSecrets()
            val paid = payment.payFromCard(0u, SandboxBank.lastOtp(Installs.SARA_MOBILE), cvv2, expiry)
            val receipt = paid.reply
            assertIs<SmsReply.Bill>(receipt, paid.messageEn)
            assertEquals(amount, receipt.amountRials)
            assertEquals(1u to 1u, paid.smsSent to paid.smsReceived)
            assertEquals(before - amount, Installs.balance(client))
            assertTrue(SandboxBank.ledgerOk())
        }
    }

    @Test
    fun theSmsScreensNameEachIndexFromTheLastListsFetchedWithData() = runBlocking<Unit> {
        Installs.loggedIn().use { client ->
            val sms = client.sms(GatewaySmsTransport(Installs.SARA_MOBILE), SwitchConnectivity(data = true))
            assertEquals(SmsDirectory(emptyList(), emptyList()), sms.directory(), "nothing known on a fresh install")
            val accounts = client.accounts.overview().accounts
            val cards = client.accounts.overview().cards
            val directory = sms.directory()
            assertEquals(accounts.map { "${it.titleFa} …${it.sheba.takeLast(4)}" }, directory.accounts)
            assertEquals(cards.map { "${it.bankNameFa} ${it.panMasked}" }, directory.cards)
        }
    }

    /**
     * Blocks Reza's card, not Sara's: every Kotlin test shares one sandbox and
     * the others pay with Sara's only card; no other test uses Reza's card.
     */
    @Test
    fun withDataDownACardIsBlockedBySmsAndShowsBlockedOverHttps() = runBlocking<Unit> {
        Installs.loggedIn(REZA).use { client ->
            val sms = smsWithDataDown(client, SandboxBank.customer(REZA)["mobile"] as String)
            val card = client.accounts.overview().cards[0] // card index 0: the bank's card_list order
            assertEquals("active", card.state)

            val block = sms.cardBlock(0u)
            val result = block.submit()
            assertEquals(SmsReply.Blocked, result.reply, result.messageEn)
            assertEquals(1u to 1u, result.smsSent to result.smsReceived)
            assertTrue(result.messageFa.isNotBlank())
            assertEquals("blocked", client.accounts.overview().cards.first { it.cardId == card.cardId }.state)
            assertEquals(SmsReply.Blocked, block.resolve().reply)
        }
    }

    private companion object {
        const val REZA = "reza.karimi"
    }
}
