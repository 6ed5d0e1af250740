package ir.hamrah.app.ui

import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.collectAsState
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.rememberCoroutineScope
import androidx.compose.runtime.setValue
import ir.hamrah.ffi.CardInfo
import ir.hamrah.ffi.TokenActivation
import ir.hamrah.kotlin.HamrahClient
import kotlinx.coroutines.launch

/** The soft token: activate a card's token with the SMS code; show its codes (the seed never leaves Rust). */
@Composable
fun SoftTokenScreen(client: HamrahClient, back: () -> Unit) {
    val scope = rememberCoroutineScope()
    var cards by remember { mutableStateOf<List<CardInfo>>(emptyList()) }
    var active by remember { mutableStateOf<List<String>>(emptyList()) }
    var activation by remember { mutableStateOf<TokenActivation?>(null) }
    var code by remember { mutableStateOf("") }
    var error by remember { mutableStateOf<String?>(null) }
    suspend fun refresh() = attempt({ error = it }) {
        cards = client.accounts.cards()
        active = client.token.cards()
    }
    LaunchedEffect(Unit) { refresh() }
    Screen("رمز پویای نرم‌افزاری") {
        cards.forEach { card ->
            if (card.cardId in active) {
                val codes = remember(card.cardId) { client.tokenCodes(card.cardId) }
                val now by codes.collectAsState(initial = null)
                Line(card.panMasked, now?.let { "${it.code} (${it.secondsLeft})" } ?: "…")
            } else {
                Action("فعال‌سازی برای ${card.panMasked}") {
                    scope.launch { attempt({ error = it }) { activation = client.token.activate(card.cardId) } }
                }
            }
        }
        activation?.let { pending ->
            Text("کد پیامکی را وارد کنید.", style = MaterialTheme.typography.bodyMedium)
            Field("کد تأیید", code, { code = it }, digits = true)
            Action("تأیید") {
                scope.launch {
                    attempt({ error = it }) {
                        pending.confirm(code)
                        activation = null
                        refresh()
                    }
                }
            }
        }
        ErrorText(error)
        Action("بازگشت") { back() }
    }
}
