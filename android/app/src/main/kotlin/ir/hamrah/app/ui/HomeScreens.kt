package ir.hamrah.app.ui

import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.rememberCoroutineScope
import androidx.compose.runtime.setValue
import androidx.fragment.app.FragmentActivity
import ir.hamrah.app.R
import ir.hamrah.app.platform.BiometricUnlock
import ir.hamrah.ffi.AccountInfo
import ir.hamrah.ffi.CardInfo
import ir.hamrah.ffi.StatementEntry
import ir.hamrah.ffi.amountText
import ir.hamrah.ffi.libraryVersion
import ir.hamrah.ffi.persianDigits
import ir.hamrah.kotlin.HamrahClient
import kotlinx.coroutines.launch

/** Quick login (enrolled phones): the biometric prompt, then the device key signs. */
@Composable
fun QuickLoginButton(client: HamrahClient, activity: FragmentActivity, onError: (String?) -> Unit) {
    val scope = rememberCoroutineScope()
    if (client.session.deviceEnrolled) {
        Action("ورود سریع با اثر انگشت") {
            val unlock = BiometricUnlock(activity, activity.getString(R.string.cancel))
            scope.launch { attempt(onError) { client.session.quickLogin(unlock) } }
        }
    }
}

/** Home: the accounts and cards, and the way to each journey. */
@Composable
fun HomeScreen(client: HamrahClient, go: (Place) -> Unit) {
    var accounts by remember { mutableStateOf<List<AccountInfo>>(emptyList()) }
    var cards by remember { mutableStateOf<List<CardInfo>>(emptyList()) }
    var error by remember { mutableStateOf<String?>(null) }
    LaunchedEffect(Unit) {
        attempt({ error = it }) {
            accounts = client.accounts.accounts()
            cards = client.accounts.cards()
        }
    }
    Screen("همراه") {
        accounts.forEach { Line(it.titleFa, amountText(it.availableBalanceRials).rialsFa) }
        cards.forEach { Line(it.bank.nameFa, it.panMasked) }
        ErrorText(error)
        Action("کارت به کارت") { go(Place.CARD_TRANSFER) }
        Action("انتقال شبا (پایا / ساتنا)") { go(Place.SHEBA) }
        Action("انتقال وجه به سپرده") { go(Place.ACCOUNT_TRANSFER) }
        Action("پرداخت قبض") { go(Place.BILLS) }
        Action("خرید شارژ و بسته اینترنت") { go(Place.TOPUP) }
        Action("رمز پویای نرم‌افزاری") { go(Place.SOFT_TOKEN) }
        Action("صورتحساب") { go(Place.HISTORY) }
        Action("پیام‌های بانک") { go(Place.INBOX) }
        Action("نرخ ارز") { go(Place.RATES) }
        Action("جستجوی شعبه") { go(Place.BRANCHES) }
        Action("انواع سپرده و سود") { go(Place.PRODUCTS) }
        Action("تنظیمات") { go(Place.SETTINGS) }
    }
}

/** History: the newest statement page of the first account, then older pages. */
@Composable
fun HistoryScreen(client: HamrahClient, back: () -> Unit) {
    val scope = rememberCoroutineScope()
    var entries by remember { mutableStateOf<List<StatementEntry>>(emptyList()) }
    var cursor by remember { mutableStateOf<String?>(null) }
    var accountId by remember { mutableStateOf<String?>(null) }
    var error by remember { mutableStateOf<String?>(null) }
    suspend fun more() = attempt({ error = it }) {
        val id = accountId ?: client.accounts.accounts().first().accountId.also { accountId = it }
        val page = client.accounts.statement(id, cursor, 20u)
        entries = entries + page.items
        cursor = page.nextCursor
    }
    LaunchedEffect(Unit) { more() }
    Screen("صورتحساب") {
        entries.forEach { Line(persianDigits(it.postedAtJalali), "${it.descriptionFa} — ${if (it.direction == "debit") "−" else "+"}${amountText(it.amountRials).rialsFa}") }
        ErrorText(error)
        if (cursor != null) Action("بیشتر") { scope.launch { more() } }
        Action("بازگشت") { back() }
    }
}

/** Settings: logout, SMS banking and the library's version. */
@Composable
fun SettingsScreen(client: HamrahClient, openSms: () -> Unit, back: () -> Unit) {
    val scope = rememberCoroutineScope()
    Screen("تنظیمات") {
        Text("نسخه هسته: ${libraryVersion()}")
        Action("بانکداری پیامکی") { openSms() }
        Action("خروج") { scope.launch { client.session.logout() } }
        Action("بازگشت") { back() }
    }
}
