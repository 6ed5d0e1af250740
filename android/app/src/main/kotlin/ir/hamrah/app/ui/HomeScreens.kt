package ir.hamrah.app.ui

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.material3.Card
import androidx.compose.material3.LinearProgressIndicator
import androidx.compose.material3.MaterialTheme
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
import androidx.compose.ui.Modifier
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.unit.dp
import ir.hamrah.ffi.AccountInfo
import ir.hamrah.ffi.CardInfo
import ir.hamrah.ffi.CardState
import ir.hamrah.ffi.StatementEntry
import ir.hamrah.ffi.libraryVersion
import ir.hamrah.kotlin.CardLimitsModel
import ir.hamrah.kotlin.HistoryModel
import ir.hamrah.kotlin.HomeModel
import ir.hamrah.kotlin.SettingsModel

/** The places reached from home. */
enum class Place {
    HOME, CARD_TRANSFER, SHEBA, ACCOUNT_TRANSFER, BILLS, TOPUP, LOANS, OTHER_CARDS, CHEQUES, CARD_BLOCK, SECOND_PIN, SOFT_TOKEN,
    HISTORY, PAYMENTS, ACCOUNT_DETAILS, LIMITS, INBOX, RATES, BRANCHES, PRODUCTS, SETTINGS, SMS,
}

/** Home: the accounts and cards with their balances and states, and the quick actions. */
@Composable
fun HomeScreen(model: HomeModel, go: (Place) -> Unit) {
    LaunchedEffect(model) { model.refresh() }
    val overview by model.overview.collectAsState()
    val busy by model.busy.collectAsState()
    val problem by model.problem.collectAsState()
    Screen("همراه‌بانک") {
        SectionTitle("خدمات")
        QuickActions(go)
        overview?.let { lists ->
            SectionTitle("حساب‌ها")
            lists.accounts.forEach { account ->
                AccountCard(account)
                SecondaryAction("جزئیات و شبای ${account.labelFa}") {
                    model.showAccount(account.accountId)
                    go(Place.ACCOUNT_DETAILS)
                }
            }
            SectionTitle("کارت‌ها")
            lists.cards.forEach { BankCard(it) }
            Text("به‌روزرسانی: ${lists.refreshedAtFa}", style = MaterialTheme.typography.bodySmall)
            ProblemText(lists.error)
        }
        Busy(busy)
        ProblemText(problem)
        SecondaryAction("به‌روزرسانی", enabled = !busy) { model.refresh() }
    }
}

@Composable
private fun QuickActions(go: (Place) -> Unit) {
    val actions = listOf(
        "کارت به کارت" to Place.CARD_TRANSFER,
        "انتقال شبا (پایا، ساتنا)" to Place.SHEBA,
        "انتقال وجه به سپرده" to Place.ACCOUNT_TRANSFER,
        "پرداخت قبض" to Place.BILLS,
        "خرید شارژ و بسته اینترنت" to Place.TOPUP,
        "تسهیلات و اقساط" to Place.LOANS,
        "کارت‌های بانک‌های دیگر" to Place.OTHER_CARDS,
        "چک صیادی" to Place.CHEQUES,
        "گردش حساب" to Place.HISTORY,
        "تراکنش‌ها" to Place.PAYMENTS,
        "سقف کارت" to Place.LIMITS,
        "رمزساز" to Place.SOFT_TOKEN,
        "مسدودسازی کارت" to Place.CARD_BLOCK,
        "تغییر رمز دوم کارت" to Place.SECOND_PIN,
        "پیام‌های بانک" to Place.INBOX,
        "نرخ ارز" to Place.RATES,
        "جستجوی شعبه" to Place.BRANCHES,
        "انواع سپرده و سود" to Place.PRODUCTS,
        "تنظیمات" to Place.SETTINGS,
    )
    actions.chunked(2).forEach { pair ->
        Row(Modifier.fillMaxWidth(), horizontalArrangement = Arrangement.spacedBy(8.dp)) {
            pair.forEach { (label, place) ->
                Column(Modifier.weight(1f)) { Action(label) { go(place) } }
            }
        }
    }
}

@Composable
private fun AccountCard(account: AccountInfo) {
    Card(Modifier.fillMaxWidth().semantics(mergeDescendants = true) {
        contentDescription = "${account.labelFa}، ${account.stateFa}، موجودی ${account.available.rialsFa}"
    }) {
        Column(Modifier.padding(16.dp)) {
            Text(account.labelFa, style = MaterialTheme.typography.titleSmall)
            Text(account.available.rialsFa, style = MaterialTheme.typography.headlineSmall)
            Text(account.available.wordsFa, style = MaterialTheme.typography.bodySmall)
            Text(account.shebaMasked, style = MaterialTheme.typography.bodySmall)
            if (!account.usable) Text(account.stateFa, color = MaterialTheme.colorScheme.error)
        }
    }
}

@Composable
private fun BankCard(card: CardInfo) {
    Card(Modifier.fillMaxWidth().semantics(mergeDescendants = true) {
        contentDescription = "${card.labelFa}، ${card.statusFa}"
    }) {
        Row(Modifier.fillMaxWidth().padding(16.dp), horizontalArrangement = Arrangement.SpaceBetween) {
            Column {
                Text(card.labelFa)
                Text(card.holderNameFa, style = MaterialTheme.typography.bodySmall)
            }
            Text(
                card.statusFa,
                color = if (card.status == CardState.ACTIVE) MaterialTheme.colorScheme.primary else MaterialTheme.colorScheme.error,
            )
        }
    }
}

/** History: any account's statement page by page, from the phone's cache when offline, searchable. */
@Composable
fun HistoryScreen(model: HistoryModel, back: () -> Unit) {
    LaunchedEffect(model) { model.open() }
    val accounts by model.accounts.collectAsState()
    val selected by model.selected.collectAsState()
    val entries by model.entries.collectAsState()
    val page by model.page.collectAsState()
    val results by model.results.collectAsState()
    val busy by model.busy.collectAsState()
    val problem by model.problem.collectAsState()
    var query by rememberSaveable { mutableStateOf("") }
    Screen("گردش حساب") {
        accounts.forEach { account ->
            Row(verticalAlignment = Alignment.CenterVertically) {
                RadioButton(selected = account.accountId == selected?.accountId, onClick = { model.select(account.accountId) })
                Text(account.labelFa)
            }
        }
        if (selected == null && !busy && problem == null) Text("حسابی برای نمایش نیست.")
        page?.takeIf { it.fromCache }?.let {
            Text("نمایش از حافظه گوشی؛ بانک در دسترس نیست.", color = MaterialTheme.colorScheme.error)
            ProblemText(it.error)
        }
        Field("جستجو: مبلغ یا طرف حساب", query, { query = it })
        Action("جستجو", enabled = !busy) { model.search(query) }
        (results ?: entries).forEach { EntryRow(it) }
        Busy(busy)
        ProblemText(problem)
        if (results == null && page?.hasMore == true) SecondaryAction("بیشتر", enabled = !busy) { model.more() }
        SecondaryAction("بازگشت") { back() }
    }
}

@Composable
private fun EntryRow(entry: StatementEntry) {
    Column(Modifier.fillMaxWidth().semantics(mergeDescendants = true) {
        contentDescription = "${entry.descriptionFa}، ${entry.amountFa}، ${entry.postedAtFa}"
    }) {
        Line(entry.descriptionFa, entry.amountFa, directionColor(entry.direction))
        Text(listOfNotNull(entry.postedAtFa, entry.counterparty).joinToString(" — "), style = MaterialTheme.typography.bodySmall)
    }
}

/** A card's card-to-card limits: today and this month, with the counters' reset. */
@Composable
fun LimitsScreen(model: CardLimitsModel, home: HomeModel, back: () -> Unit) {
    val overview by home.overview.collectAsState()
    val limits by model.limits.collectAsState()
    val problem by model.problem.collectAsState()
    Screen("سقف کارت") {
        overview?.cards?.forEach { card -> SecondaryAction(card.labelFa) { model.load(card.cardId) } }
        limits?.let { shown ->
            Line("کمترین مبلغ", shown.perTransferMin.rialsFa)
            Line("بیشترین مبلغ", shown.perTransferMax.rialsFa)
            listOf("امروز" to shown.today, "این ماه" to shown.thisMonth).forEach { (title, usage) ->
                SectionTitle(title)
                LinearProgressIndicator(progress = { usage.usedPercent.toInt() / 100f }, modifier = Modifier.fillMaxWidth())
                Line("مصرف‌شده", usage.used.rialsFa)
                Line("باقی‌مانده", usage.remaining.rialsFa)
                usage.resetsAtFa?.let { Line("از نو", it) }
            }
        }
        ProblemText(problem)
        SecondaryAction("بازگشت") { back() }
    }
}

/** Settings: the customer's devices (revoke another), SMS banking, logout, the core's version. */
@Composable
fun SettingsScreen(model: SettingsModel, openSms: () -> Unit, back: () -> Unit) {
    LaunchedEffect(model) { model.load() }
    val devices by model.devices.collectAsState()
    val busy by model.busy.collectAsState()
    val problem by model.problem.collectAsState()
    Screen("تنظیمات") {
        SectionTitle("دستگاه‌ها")
        devices.forEach { device ->
            Line(device.labelFa, device.lastSeenFa.orEmpty())
            if (device.revocable) SecondaryAction("لغو دسترسی ${device.labelFa}", enabled = !busy) { model.revoke(device.deviceId) }
        }
        SectionTitle("بانکداری پیامکی")
        Action("بانکداری پیامکی") { openSms() }
        Busy(busy)
        ProblemText(problem)
        Action("خروج", enabled = !busy) { model.logout() }
        Text("نسخه هسته: ${libraryVersion()}", style = MaterialTheme.typography.bodySmall)
        SecondaryAction("بازگشت") { back() }
    }
}

