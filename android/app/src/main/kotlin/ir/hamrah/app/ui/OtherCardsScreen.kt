package ir.hamrah.app.ui

import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.rememberCoroutineScope
import androidx.compose.runtime.setValue
import ir.hamrah.ffi.OtherCardDraft
import ir.hamrah.ffi.OtherCardInfo
import ir.hamrah.kotlin.HamrahClient
import kotlinx.coroutines.launch

/** کارت‌های بانک‌های عضو شتاب: add (the holder's name confirmed), list, remove. */
@Composable
fun OtherCardsScreen(client: HamrahClient, back: () -> Unit) {
    var cards by remember { mutableStateOf<List<OtherCardInfo>>(emptyList()) }
    var draft by remember { mutableStateOf<OtherCardDraft?>(null) }
    var error by remember { mutableStateOf<String?>(null) }
    var pan by remember { mutableStateOf("") }
    var expiry by remember { mutableStateOf("") }
    var label by remember { mutableStateOf("") }
    val scope = rememberCoroutineScope()
    fun run(block: suspend () -> Unit) = scope.launch { attempt({ error = it }, block) }
    LaunchedEffect(Unit) { run { cards = client.otherCards.list() } }
    Screen("کارت‌های بانک‌های دیگر") {
        cards.forEach { card ->
            Line(card.label, "${card.bankNameFa} ${card.panMasked}")
            if (!card.smsPin) ErrorText("رمز پویای پیامکی این بانک فعال نیست؛ از رمزساز همان بانک استفاده کنید.")
            Action("حذف ${card.panMasked}") { run { client.otherCards.remove(card.id); cards = client.otherCards.list() } }
        }
        val pending = draft
        if (pending == null) {
            Field("شماره کارت", pan, { pan = it }, digits = true)
            Field("تاریخ انقضا (سال‌ماه)", expiry, { expiry = it }, digits = true)
            Field("عنوان", label, { label = it })
            Action("استعلام دارنده کارت") { run { draft = client.otherCards.inquire(pan, expiry, label) } }
        } else {
            val preview = pending.preview()
            Line("کارت", preview.panMasked)
            Line("به نام", preview.holderName)
            Line("بانک", preview.bankNameFa)
            Action("تأیید و افزودن") {
                run {
                    pending.confirm()
                    pending.close()
                    draft = null
                    pan = ""
                    cards = client.otherCards.list()
                }
            }
            Action("انصراف") { pending.close(); draft = null }
        }
        ErrorText(error)
        Action("بازگشت") { back() }
    }
}
