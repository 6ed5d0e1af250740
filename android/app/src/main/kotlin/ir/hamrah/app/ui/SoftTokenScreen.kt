package ir.hamrah.app.ui

import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.collectAsState
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import ir.hamrah.ffi.persianDigits
import ir.hamrah.kotlin.SoftTokenModel

/** The soft token (رمزساز): activation per card with the SMS code, then its codes (the seed never leaves Rust). */
@Composable
fun SoftTokenScreen(model: SoftTokenModel, back: () -> Unit) {
    LaunchedEffect(model) { model.load() }
    val cards by model.cards.collectAsState()
    val activation by model.activation.collectAsState()
    val sentTo by model.codeSentTo.collectAsState()
    val busy by model.busy.collectAsState()
    val problem by model.problem.collectAsState()
    var code by remember { mutableStateOf("") }
    Screen("رمزساز") {
        cards.forEach { row ->
            SectionTitle(row.card.labelFa)
            if (row.active) {
                val codes = remember(row.card.cardId) { model.codes(row.card.cardId) }
                val now by codes.collectAsState(initial = null)
                now?.let {
                    Text(it.code, style = MaterialTheme.typography.displaySmall)
                    Text("${persianDigits(it.secondsLeft.toString())} ثانیه", style = MaterialTheme.typography.bodySmall)
                }
            } else if (row.activatable) {
                Action("فعال‌سازی رمزساز", enabled = !busy) { model.activate(row.card.cardId) }
            } else {
                Text(row.card.statusFa)
            }
        }
        activation?.let {
            Text("کد پیامکی به ${persianDigits(sentTo.orEmpty())} فرستاده شد.")
            Field("کد تأیید", code, { code = it }, digits = true, secret = true)
            Action("تأیید", enabled = !busy) {
                model.confirm(code)
                code = ""
            }
        }
        Busy(busy)
        ProblemText(problem)
        SecondaryAction("بازگشت") { back() }
    }
}
