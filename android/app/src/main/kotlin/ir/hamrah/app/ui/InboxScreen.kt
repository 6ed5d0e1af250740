package ir.hamrah.app.ui

import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.rememberCoroutineScope
import androidx.compose.runtime.setValue
import ir.hamrah.ffi.InboxPage
import ir.hamrah.ffi.Notice
import ir.hamrah.ffi.persianDigits
import ir.hamrah.kotlin.HamrahClient
import kotlinx.coroutines.launch

/**
 * The inbox: the bank's notices newest first, unread ones marked, older pages on demand;
 * [light] shows the phone's notices with no request.
 */
@Composable
fun InboxScreen(client: HamrahClient, light: Boolean, back: () -> Unit) {
    val scope = rememberCoroutineScope()
    var page by remember { mutableStateOf<InboxPage?>(null) }
    var older by remember { mutableStateOf<List<Notice>>(emptyList()) }
    var hasOlder by remember { mutableStateOf(false) }
    var error by remember { mutableStateOf<String?>(null) }
    LaunchedEffect(Unit) {
        attempt({ error = it }) {
            page = (if (light) client.notices.page(null) else client.notices.sync()).also { hasOlder = it.hasOlder }
        }
    }
    Screen("پیام‌های بانک") {
        page?.let { p ->
            Line("خوانده‌نشده", persianDigits(p.unreadCount.toString()))
            ProblemText(p.error)
            val shown = p.notices + older
            shown.forEach { n ->
                Line((if (n.read) "" else "● ") + n.titleFa, n.createdAtFa)
                Line(n.textFa, n.amountFa ?: "")
            }
            val last = shown.lastOrNull()
            if (hasOlder && last != null) {
                Action("پیام‌های قدیمی‌تر") {
                    scope.launch {
                        attempt({ error = it }) {
                            val next = client.notices.page(last.noticeId)
                            older = older + next.notices
                            hasOlder = next.hasOlder
                        }
                    }
                }
            }
            p.notices.firstOrNull()?.let { newest ->
                Action("علامت‌گذاری همه به‌عنوان خوانده‌شده", enabled = p.unreadCount > 0u) {
                    scope.launch { attempt({ error = it }) { page = client.notices.markRead(newest.noticeId) } }
                }
            }
        }
        ErrorText(error)
        Action("بازگشت") { back() }
    }
}
