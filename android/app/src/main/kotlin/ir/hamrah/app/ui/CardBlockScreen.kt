package ir.hamrah.app.ui

import androidx.compose.foundation.layout.Row
import androidx.compose.material3.RadioButton
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.collectAsState
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.saveable.rememberSaveable
import androidx.compose.runtime.setValue
import androidx.compose.ui.Alignment
import ir.hamrah.ffi.BlockReason
import ir.hamrah.ffi.CardBlockState
import ir.hamrah.kotlin.CardBlockModel

/** Blocking a card over HTTPS (exactly once): card and reason, a confirmation, the receipt. */
@Composable
fun CardBlockScreen(model: CardBlockModel, services: AppServices, back: () -> Unit) {
    LaunchedEffect(model) { model.open() }
    val state by model.state.collectAsState()
    val view by model.view.collectAsState()
    val busy by model.busy.collectAsState()
    val problem by model.problem.collectAsState()
    var reason by rememberSaveable { mutableStateOf(BlockReason.LOST) }
    Screen("مسدودسازی کارت") {
        when (val s = state) {
            is CardBlockState.ChooseCard -> {
                SectionTitle("دلیل")
                s.reasons.forEach { option ->
                    Row(verticalAlignment = Alignment.CenterVertically) {
                        RadioButton(selected = option.reason == reason, onClick = { reason = option.reason })
                        Text(option.nameFa)
                    }
                }
                SectionTitle("کارت")
                s.cards.forEach { card -> Action(card.labelFa, enabled = !busy) { model.choose(card.cardId, reason) } }
            }
            is CardBlockState.Confirm -> {
                Text("کارت ${s.order.card.labelFa} به دلیل «${s.order.reasonFa}» مسدود می‌شود و در برنامه بازگشت‌پذیر نیست.")
                ProblemText(s.error)
                Action("مسدود شود", enabled = !busy) { model.confirm() }
                SecondaryAction("انتخاب کارت دیگر", enabled = !busy) { model.back() }
            }
            is CardBlockState.Pending -> {
                Text("در حال پیگیری نتیجه از بانک…")
                Offered(view.resolve, busy) { model.resolve() }
            }
            is CardBlockState.Blocked -> view.receipt?.let { Receipt(it, services) }
            is CardBlockState.Failed -> ProblemText(s.problem)
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
