package ir.hamrah.kotlin

import ir.hamrah.ffi.BillPaymentState
import ir.hamrah.ffi.BillSource
import ir.hamrah.ffi.BlockReason
import ir.hamrah.ffi.CardBlockState
import ir.hamrah.ffi.CardTransferState
import ir.hamrah.ffi.ShebaTransferState
import ir.hamrah.ffi.StepView
import kotlinx.coroutines.flow.filter
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.flow.mapNotNull
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import org.junit.Test
import java.nio.file.Files
import kotlin.test.assertEquals
import kotlin.test.assertIs
import kotlin.test.assertNotNull
import kotlin.test.assertNull
import kotlin.test.assertTrue

/**
 * The journeys' life, owned by the Kotlin layer: restored at open after the
 * process died (a new client on the same data directory), kept when the
 * screen opens again (a turned phone), finished after the receipt, left by
 * cancel before anything was sent; and what each step offers (the core's view).
 */
class JourneyLifeTest {
    private val persianDigit = Regex("[۰-۹]")

    private fun phoneDir(): String = Files.createTempDirectory(
        java.io.File(System.getProperty("hamrah.data_dir") ?: System.getProperty("java.io.tmpdir")).toPath(), "phone",
    ).toString()

    /** Waits until the model's view satisfies [done]. */
    private suspend fun <S, J : SavedJourney<S>> JourneyModel<S, J>.viewWhen(done: (StepView) -> Boolean): StepView =
        withTimeout(10_000) { view.first(done) }

    @Test
    fun aCardTransferIsRestoredByANewClientOnTheSameDataThenFinishedAfterTheReceipt() = runBlocking<Unit> {
        val dir = phoneDir()
        val secrets = MemorySecretStore()
        val signer = JcaDeviceSigner()
        val flowId = Installs.reopen(dir, secrets, signer = signer).use { first ->
            Installs.logIn(first)
            val model = first.cardTransfer
            model.open().join()
            val cards = assertIs<CardTransferState.ChooseSource>(model.state.value).cards
            assertTrue(cards.first().labelFa.contains(cards.first().panMasked), "the core's label")
            assertNotNull(model.viewWhen { it.cancel != null }.cancel, "a journey may be left before anything is sent")
            model.chooseSource(cards.first().cardId).join()
            model.enterDestination(Installs.otherCard("mellat")).join()
            model.confirmHolder(true).join()
            model.enterAmount("۱٬۰۰۰٬۰۰۰").join()
            assertIs<CardTransferState.Authorize>(model.state.value)
            val before = model.journey.value!!.flowId
            model.open().join() // the screen opened again (a turned phone): the same journey
            assertEquals(before, model.journey.value!!.flowId)
            val pin = model.viewWhen { it.pin != null }.pin!!
            assertTrue(pin.requestPin.enabled, "no PIN yet: it may be asked")
            assertTrue(!pin.payWithSmsPin.enabled, "no PIN yet: nothing to pay with")
            before
        } // the process dies here

        Installs.reopen(dir, secrets, signer = signer).use { second ->
            Installs.logIn(second)
            val model = second.cardTransfer
            model.open().join()
            assertEquals(flowId, model.journey.value?.flowId, "the journey saved last is restored")
            val restored = assertIs<CardTransferState.Authorize>(model.state.value)
            assertEquals(1_000_000uL, restored.payment.amountRials)

            model.requestPin().join()
            val counting = model.viewWhen { (it.pin?.secondsLeft ?: 0uL) > 0uL }.pin!!
            assertTrue(!counting.requestPin.enabled, "no second PIN while one is valid")
            assertTrue(persianDigit.containsMatchIn(counting.requestPin.labelFa), counting.requestPin.labelFa)
            assertTrue(counting.payWithSmsPin.enabled)

            val (cvv2, expiry) = Installs.cardSecrets()
            model.payWithSmsPin(SandboxBank.lastOtp(Installs.SARA_MOBILE), cvv2, expiry).join()
            val done = assertIs<CardTransferState.Succeeded>(model.state.value)
            val ended = model.viewWhen { it.receipt != null }
            val receipt = ended.receipt!!
            val trace = ir.hamrah.ffi.persianDigits(done.receipt.traceNumber)
            assertTrue(receipt.lines.any { it.valueFa == trace }, "${receipt.lines}")
            assertTrue(receipt.shareTextFa.contains(trace) && receipt.shareTextFa.startsWith(receipt.titleFa))
            assertNotNull(ended.finish)
            assertNull(ended.cancel, "nothing to cancel after the receipt")

            model.finish().join()
            assertNull(model.journey.value)
            assertNull(second.restoreLatestCardTransfer(), "a finished journey is forgotten")
            model.open().join()
            assertIs<CardTransferState.ChooseSource>(model.state.value, "a new journey after the finished one")
            assertTrue(SandboxBank.ledgerOk())
        }
    }

    @Test
    fun aCardBlockIsRestoredAtItsConfirmationAndCancelledWithoutBlocking() = runBlocking<Unit> {
        val dir = phoneDir()
        val secrets = MemorySecretStore()
        val signer = JcaDeviceSigner()
        val cardId = Installs.reopen(dir, secrets, signer = signer).use { first ->
            Installs.logIn(first)
            val model = first.cardBlock
            model.open().join()
            val choose = assertIs<CardBlockState.ChooseCard>(model.state.value)
            assertEquals(BlockReason.entries.toList(), choose.reasons.map { it.reason })
            assertEquals("مفقودی", choose.reasons.first { it.reason == BlockReason.LOST }.nameFa)
            val card = choose.cards.first()
            model.choose(card.cardId, BlockReason.LOST).join()
            assertIs<CardBlockState.Confirm>(model.state.value)
            card.cardId
        }
        Installs.reopen(dir, secrets, signer = signer).use { second ->
            Installs.logIn(second)
            val model = second.cardBlock
            model.open().join()
            val confirm = assertIs<CardBlockState.Confirm>(model.state.value)
            assertEquals(cardId, confirm.order.card.cardId)
            assertEquals("مفقودی", confirm.order.reasonFa)
            model.viewWhen { it.cancel != null }
            model.cancel().join()
            assertNull(model.journey.value)
            model.open().join()
            assertIs<CardBlockState.ChooseCard>(model.state.value, "cancelled: nothing saved, nothing blocked")
            assertEquals("active", second.accounts.overview().cards.first { it.cardId == cardId }.state)
        }
    }

    /** Pays the gas bill (BillPaymentTest only mistypes it) by card with the soft token. */
    @Test
    fun theBillsPinButtonCountsDownAndTheSoftTokenIsOffered() = runBlocking<Unit> {
        Installs.loggedIn().use { client ->
            val card = client.accounts.overview().cards.first()
            val activation = client.token.activate(card.cardId)
            activation.confirm(SandboxBank.lastOtp(Installs.SARA_MOBILE))

            val bill = SandboxBank.seed["bills"].list().first { it["bill_type"] == "gas" }
            val model = client.billPayment
            model.open().join()
            model.enterBill(bill["bill_id"] as String, bill["payment_id"] as String).join()
            val choose = assertIs<BillPaymentState.ChooseSource>(model.state.value)
            val source = choose.sources.filterIsInstance<BillSource.Card>().first()
            assertEquals(card.labelFa, source.labelFa, "one label for a card on every screen")
            model.chooseSource(source.cardId).join()
            assertIs<BillPaymentState.Authorize>(model.state.value)
            val offered = model.viewWhen { it.pin != null }.pin!!
            assertNotNull(offered.payWithSoftToken, "the phone holds the card's soft token")
            assertTrue(offered.requestPin.enabled, "the SMS PIN is offered too")

            model.requestPin().join()
            val ticks = withTimeout(10_000) {
                model.view.mapNotNull { it.pin?.secondsLeft }.filter { it > 0uL }.take(2).toList()
            }
            assertTrue(ticks[1] < ticks[0], "the button counts down: $ticks")

            val (cvv2, expiry) = Installs.cardSecrets()
            model.payWithSoftToken(cvv2, expiry).join()
            val paid = assertIs<BillPaymentState.Succeeded>(model.state.value)
            assertEquals("card", paid.receipt.sourceKind)
            assertNotNull(model.viewWhen { it.receipt != null }.receipt)
            model.finish().join()
            assertNull(client.restoreLatestBillPayment())
            assertTrue(SandboxBank.ledgerOk())
        }
    }

    @Test
    fun aShebaTransferIsRestoredAtItsConfirmationThenPaidWithTheBanksPinAndFinished() = runBlocking<Unit> {
        val dir = phoneDir()
        val secrets = MemorySecretStore()
        val signer = JcaDeviceSigner()
        Installs.reopen(dir, secrets, signer = signer).use { first ->
            Installs.logIn(first)
            val model = first.shebaTransfer
            model.open().join()
            val accounts = assertIs<ShebaTransferState.ChooseSource>(model.state.value).accounts
            assertTrue(accounts.first().labelFa.startsWith(accounts.first().titleFa), "the core's label")
            model.chooseSource(accounts.first().accountId).join()
            model.enterSheba(SandboxBank.seed["other_bank_shebas"].list().first() as String).join()
            model.confirmHolder(true).join()
            model.enterAmount("۲٬۰۰۰٬۰۰۰").join()
            assertIs<ShebaTransferState.Confirm>(model.state.value, "${model.problem.value}")
        }
        Installs.reopen(dir, secrets, signer = signer).use { second ->
            Installs.logIn(second)
            val model = second.shebaTransfer
            model.open().join()
            assertIs<ShebaTransferState.Confirm>(model.state.value, "restored at its confirmation")
            assertTrue(model.viewWhen { it.pin != null }.pin!!.requestPin.enabled)
            model.requestPin().join()
            assertTrue(model.viewWhen { (it.pin?.secondsLeft ?: 0uL) > 0uL }.pin!!.payWithSmsPin.enabled)
            model.payWithSmsPin(SandboxBank.lastOtp(Installs.SARA_MOBILE)).join()
            assertIs<ShebaTransferState.Succeeded>(model.state.value, "${model.problem.value}")
            val receipt = model.viewWhen { it.receipt != null }.receipt!!
            assertTrue(receipt.titleFa.contains("پایا"), receipt.titleFa)
            model.finish().join()
            assertNull(second.restoreLatestShebaTransfer(), "a finished journey is forgotten")
            assertTrue(SandboxBank.ledgerOk())
        }
    }
}
