package ir.hamrah.kotlin

import ir.hamrah.ffi.BillPaymentState
import ir.hamrah.ffi.BillSource
import ir.hamrah.ffi.CardTransferState
import ir.hamrah.ffi.PaymentKind
import ir.hamrah.ffi.amountText
import ir.hamrah.ffi.persianDigits
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import org.junit.Test
import kotlin.test.assertEquals
import kotlin.test.assertIs
import kotlin.test.assertNotNull
import kotlin.test.assertNull
import kotlin.test.assertTrue

/**
 * The payments screen's model (every kind of payment, newest first, kept on the
 * phone, searched with no request) and the accounts' details, against the sandbox.
 */
class PaymentHistoryTest {
    /** Every non-admin request the bank has served so far. */
    private fun requestsServed(): Long = SandboxBank.admin("GET", "/admin/stats")["requests_served"] as Long

    /**
     * The landline bill: BillPaymentTest pays the water bill, JourneyLifeTest the gas one, and
     * SmsFallbackTest the first and the last of the others (electricity, municipality).
     */
    private fun landlineBill(): Any? = SandboxBank.seed["bills"].list().first { it["bill_type"] == "landline" }

    @Test
    fun aBillAndACardTransferAreListedNewestFirstAndSearchedWithNoRequest() = runBlocking<Unit> {
        Installs.loggedIn().use { client ->
            // A card transfer of an amount no other test pays.
            val amount = 3_210_000uL
            val journey = Installs.toAuthorize(client, Installs.otherCard("mellat"), amount.toLong())
            journey.requestPin()
            val (cvv2, expiry) = Installs.cardSecrets()
            val sent = journey.submit(SandboxBank.lastOtp(Installs.SARA_MOBILE), cvv2, expiry)
            assertIs<CardTransferState.Succeeded>(sent)
            journey.finish()
            journey.close()
            // Two seconds later at the bank (payments of one second are ordered by their ids).
            SandboxBank.admin("POST", "/admin/clock", """{"advance_seconds":2}""")

            val bill = landlineBill()
            val billAmount = (bill["amount_rials"] as Long).toULong()
            client.startBillPayment().use { flow ->
                val sources = flow.enterBill(bill["bill_id"] as String, bill["payment_id"] as String)
                assertIs<BillPaymentState.ChooseSource>(sources)
                val account = sources.sources.filterIsInstance<BillSource.Account>().first()
                assertIs<BillPaymentState.ConfirmAccount>(flow.chooseSource(account.accountId))
                flow.requestPin()
                assertIs<BillPaymentState.Succeeded>(flow.confirm(SandboxBank.lastOtp(Installs.SARA_MOBILE)))
                flow.finish()
            }

            val model = client.paymentHistory
            model.open().join()
            assertNull(model.problem.value, "${model.problem.value}")
            val listed = model.view.value
            assertNull(listed.fromPhoneNoteFa, "the bank answered")
            assertNull(listed.emptyNoteFa)
            val (newest, before) = listed.rows.take(2)
            assertEquals(PaymentKind.BILL_PAYMENT, newest.payment.kind, "the bill, paid last, comes first")
            assertEquals((bill["biller"]["name_fa"] as String), newest.payeeFa)
            assertEquals(amountText(billAmount).rialsFa, newest.amountFa)
            assertEquals(BadgeTone.GOOD, newest.badge)
            assertTrue(newest.atFa.startsWith("۱۴"), newest.atFa)
            assertEquals(PaymentKind.CARD_TRANSFER, before.payment.kind)
            assertEquals(amountText(amount).rialsFa, before.amountFa)
            assertTrue(before.detailFa.contains("******"), "the card masked: ${before.detailFa}")
            assertTrue(before.shareTextFa.contains(before.payeeFa), before.shareTextFa)
            assertTrue(before.accessibilityLabelFa.contains(before.amountFa))

            // The searches run on the phone: the bank serves nothing meanwhile.
            val asked = requestsServed()
            model.search("قبض").join()
            val bills = model.view.value
            assertTrue(bills.searching && !bills.moreOffered)
            assertTrue(bills.rows.any { it.payment.id == newest.payment.id }, "${bills.rows}")
            assertTrue(bills.rows.all { it.payment.kind == PaymentKind.BILL_PAYMENT }, "${bills.rows.map { it.kindFa }}")
            model.search(persianDigits(amount.toString())).join()
            assertEquals(listOf(before.payment.id), model.view.value.rows.map { it.payment.id })
            model.search("هیچ‌کس").join()
            val none = model.view.value
            assertTrue(none.rows.isEmpty())
            assertEquals("تراکنشی با این مشخصات پیدا نشد.", none.emptyNoteFa)
            assertEquals(asked, requestsServed(), "no request for a search")
            model.search(" ").join()
            assertEquals(listed, model.view.value, "a blank search shows the list again")
            assertNull(model.problem.value)

            // The bank down: the same list from the phone, with the bank's reason in the note.
            SandboxBank.fault("transfer_list", "server_error", 3)
            try {
                model.open().join()
            } finally {
                SandboxBank.clearFaults()
            }
            val cached = model.view.value
            val note = assertNotNull(cached.fromPhoneNoteFa)
            assertTrue(note.startsWith("نمایش از حافظه گوشی؛ ") && note.length > "نمایش از حافظه گوشی؛ ".length, note)
            assertEquals(listed.rows.take(2), cached.rows.take(2))

            // At logout the list is forgotten.
            client.session.logout()
            withTimeout(5_000) { model.view.first { it.rows.isEmpty() } }
            assertTrue(SandboxBank.ledgerOk())
        }
    }

    @Test
    fun theAccountsDetailsShowTypeRateStateAndTheFullShebaToShare() = runBlocking<Unit> {
        Installs.loggedIn().use { client ->
            val home = client.home
            home.refresh().join()
            val details = home.accountDetails.value
            assertEquals(home.overview.value?.accounts?.map { it.accountId }, details.map { it.accountId })
            val savings = details.first { it.kindFa == "پس‌انداز" }
            assertEquals("سود سالانه ۵٪", savings.rateFa)
            assertEquals(BadgeTone.GOOD, savings.badge)
            assertTrue(!savings.marked && savings.stateFa.isNotBlank())
            val sheba = savings.account.sheba
            assertTrue(savings.shareTextFa.contains(sheba), savings.shareTextFa)
            assertEquals(sheba, savings.shebaGroupedFa.replace(" ", ""))
            assertTrue(savings.shebaGroupedFa.split(" ").dropLast(1).all { it.length == 4 }, savings.shebaGroupedFa)
            assertTrue(savings.numberFa.none { it in '0'..'9' }, savings.numberFa)
            assertTrue(!savings.accessibilityLabelFa.contains(sheba), "the SHEBA is not read aloud")
            val current = details.first { it.kindFa != "پس‌انداز" }
            assertNull(current.rateFa, "a current account earns no rate")

            assertNull(home.selectedAccount.value)
            home.showAccount(savings.accountId)
            assertEquals(savings, home.selectedAccount.value)
            home.refresh().join()
            assertEquals(savings.accountId, home.selectedAccount.value?.accountId, "a refresh keeps it open")
            client.session.logout()
            withTimeout(5_000) { home.selectedAccount.first { it == null } }
            assertTrue(home.accountDetails.value.isEmpty())
        }
    }
}
