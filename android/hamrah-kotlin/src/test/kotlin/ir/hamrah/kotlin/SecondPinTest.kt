package ir.hamrah.kotlin

import ir.hamrah.ffi.SecondPinState
import ir.hamrah.ffi.StepView
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import org.junit.Test
import java.nio.file.Files
import kotlin.test.assertEquals
import kotlin.test.assertFalse
import kotlin.test.assertIs
import kotlin.test.assertNotNull
import kotlin.test.assertNull
import kotlin.test.assertTrue

/**
 * Changing a card's second PIN through the Kotlin layer against the sandbox bank: the journey
 * restored at its PINs after the process died, typing mistakes caught on the phone (nothing
 * sent), a wrong current PIN back to the PINs with the bank's count of tries, the change once
 * although its answer was lost, then the new PIN in force (the old one refused, the new one
 * accepted to change it back).
 * No PIN is printed: failures show codes and fields only.
 */
class SecondPinTest {
    private val operation = "card_second_pin_change"
    private val newPin = "40917"

    private fun phoneDir(): String = Files.createTempDirectory(
        java.io.File(System.getProperty("hamrah.data_dir") ?: System.getProperty("java.io.tmpdir")).toPath(), "phone",
    ).toString()

    private suspend fun SecondPinModel.viewWhen(done: (StepView) -> Boolean): StepView =
        withTimeout(10_000) { view.first(done) }

    /** The PINs' step's error: its code and field (never the PINs). */
    private fun errorOf(state: SecondPinState?): Pair<String, String> {
        val pins = assertIs<SecondPinState.EnterPins>(state, "at the PINs: ${state?.let { it::class.simpleName }}")
        val error = assertNotNull(pins.error, "an error at the PINs")
        return error.code to (error.field ?: "")
    }

    /** What a state is, for a failed assertion (no PIN is in any state). */
    private fun described(state: SecondPinState?): String = when (state) {
        is SecondPinState.Failed -> "Failed(${state.problem.code})"
        is SecondPinState.EnterPins -> "EnterPins(${state.error?.code})"
        else -> "${state?.let { it::class.simpleName }}"
    }

    @Test
    fun aCardsSecondPinIsChangedOnceAndTheNewOneIsInForce() = runBlocking<Unit> {
        val current = SandboxBank.customer(Installs.SARA)["cards"].list().first()["second_pin"] as String
        val dir = phoneDir()
        val secrets = MemorySecretStore()
        val signer = JcaDeviceSigner()
        val cardId = Installs.reopen(dir, secrets, signer = signer).use { first ->
            Installs.logIn(first)
            val model = first.secondPin
            model.open().join()
            val choose = assertIs<SecondPinState.ChooseCard>(model.state.value, described(model.state.value))
            assertTrue(choose.cards.isNotEmpty(), "Sara's active cards")
            assertNotNull(model.viewWhen { it.cancel != null }.cancel, "left before anything is sent")
            val card = choose.cards.first()
            model.choose(card.cardId).join()
            val pins = assertIs<SecondPinState.EnterPins>(model.state.value)
            assertNull(pins.error)
            card.cardId
        } // the process dies here

        Installs.reopen(dir, secrets, signer = signer).use { second ->
            Installs.logIn(second)
            val model = second.secondPin
            model.open().join()
            val restored = assertIs<SecondPinState.EnterPins>(model.state.value, "restored at the PINs")
            assertEquals(cardId, restored.card.cardId)

            // Typing mistakes never leave the phone.
            val servedBefore = SandboxBank.served(operation)
            model.submit(current, "12345", "12345").join()
            assertEquals("pin.guessable" to "new_pin", errorOf(model.state.value))
            model.submit(current, newPin, "40971").join()
            assertEquals("pin.repeat_mismatch" to "repeat_pin", errorOf(model.state.value))
            model.submit(current, current, current).join()
            assertEquals("card.pin_unchanged" to "new_pin", errorOf(model.state.value))
            assertEquals(servedBefore, SandboxBank.served(operation), "nothing sent for a typing mistake")

            // A wrong current PIN: the bank refuses it, back to the PINs with the tries left.
            model.submit("97531", newPin, newPin).join()
            assertEquals("card.pin_incorrect" to "current_pin", errorOf(model.state.value))
            val wrong = assertIs<SecondPinState.EnterPins>(model.state.value).error!!
            assertTrue(wrong.messageEn.contains("2 more tries"), wrong.messageEn)
            assertEquals(servedBefore + 1, SandboxBank.served(operation))

            // The right one, its answer lost after the bank committed: resolved by the same key,
            // changed exactly once, with the bank's receipt.
            SandboxBank.fault(operation, "drop_after_commit", 1)
            model.submit(current, newPin, newPin).join()
            val changed = assertIs<SecondPinState.Changed>(model.state.value, described(model.state.value))
            assertEquals(cardId, changed.receipt.cardId)
            assertEquals(changed.card.panMasked, changed.receipt.panMasked)
            assertTrue(changed.receipt.referenceNumber.isNotEmpty())
            assertEquals(servedBefore + 2, SandboxBank.served(operation))
            val ended = model.viewWhen { it.receipt != null }
            val receipt = ended.receipt!!
            assertEquals("رمز دوم کارت تغییر کرد", receipt.titleFa)
            assertTrue(receipt.shareTextFa.startsWith(receipt.titleFa))
            assertFalse(receipt.shareTextFa.contains(current) || receipt.shareTextFa.contains(newPin), "no PIN in the receipt")
            assertNotNull(ended.finish)
            assertNull(ended.cancel, "nothing to cancel after the change")
            model.finish().join()
            assertNull(model.journey.value)

            // The old PIN no longer opens the card; the new one does (changing it back to the
            // seed's, so the bank is as it was).
            model.open().join()
            assertIs<SecondPinState.ChooseCard>(model.state.value, "a finished journey is forgotten")
            model.choose(cardId).join()
            model.submit(current, "31864", "31864").join()
            assertEquals("card.pin_incorrect" to "current_pin", errorOf(model.state.value))
            val left = assertIs<SecondPinState.EnterPins>(model.state.value).error!!
            assertTrue(left.messageEn.contains("1 more try"), left.messageEn)
            model.submit(newPin, current, current).join()
            assertIs<SecondPinState.Changed>(model.state.value, described(model.state.value))
            model.finish().join()
            assertEquals("active", second.accounts.overview().cards.first { it.cardId == cardId }.state)
        }
    }
}
