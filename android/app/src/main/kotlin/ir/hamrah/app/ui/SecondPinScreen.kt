package ir.hamrah.app.ui

import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.collectAsState
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import ir.hamrah.ffi.ProblemInfo
import ir.hamrah.ffi.SecondPinState
import ir.hamrah.kotlin.SecondPinModel

/** The fields of the PINs' step, as the core names them in a problem's field. */
private val PIN_FIELDS = setOf("current_pin", "new_pin", "repeat_pin")

/**
 * Changing a card's second PIN over HTTPS (exactly once): the card, the current PIN and the
 * new one twice, the receipt. The PINs are hidden, typed on the number pad, kept only in
 * memory (never in the saved instance state) and cleared once sent; the core checks them and
 * every problem shown is its own, under the field it names.
 */
@Composable
fun SecondPinScreen(model: SecondPinModel, services: AppServices, back: () -> Unit) {
    LaunchedEffect(model) { model.open() }
    val state by model.state.collectAsState()
    val view by model.view.collectAsState()
    val busy by model.busy.collectAsState()
    val problem by model.problem.collectAsState()
    var current by remember { mutableStateOf("") }
    var chosen by remember { mutableStateOf("") }
    var repeat by remember { mutableStateOf("") }
    Screen("تغییر رمز دوم کارت") {
        when (val s = state) {
            is SecondPinState.ChooseCard -> {
                SectionTitle("کارت")
                s.cards.forEach { card -> Action(card.labelFa, enabled = !busy) { model.choose(card.cardId) } }
            }
            is SecondPinState.EnterPins -> {
                Line("کارت", s.card.labelFa)
                Field("رمز دوم فعلی", current, { current = it }, digits = true, secret = true)
                FieldProblem(s.error, "current_pin")
                Field("رمز دوم جدید", chosen, { chosen = it }, digits = true, secret = true)
                FieldProblem(s.error, "new_pin")
                Field("تکرار رمز دوم جدید", repeat, { repeat = it }, digits = true, secret = true)
                FieldProblem(s.error, "repeat_pin")
                ProblemText(s.error?.takeIf { it.field !in PIN_FIELDS })
                Action("تغییر رمز دوم", enabled = !busy) {
                    model.submit(current, chosen, repeat)
                    current = ""
                    chosen = ""
                    repeat = ""
                }
                SecondaryAction("انتخاب کارت دیگر", enabled = !busy) { model.back() }
            }
            is SecondPinState.Pending -> {
                Text("در حال پیگیری نتیجه از بانک…")
                Offered(view.resolve, busy) { model.resolve() }
            }
            is SecondPinState.Changed -> view.receipt?.let { Receipt(it, services) }
            is SecondPinState.Failed -> ProblemText(s.problem)
            null -> {}
        }
        Busy(busy)
        ProblemText(problem)
        Offered(view.cancel, busy) { model.cancel() }
        Offered(view.finish, busy) {
            model.finish()
            back()
        }
        SecondaryAction("بازگشت") { back() }
    }
}

/** The core's problem with [field], shown under that field. */
@Composable
private fun FieldProblem(error: ProblemInfo?, field: String) {
    ProblemText(error?.takeIf { it.field == field })
}
