package ir.hamrah.app.ui

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.material3.Card
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.collectAsState
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.saveable.rememberSaveable
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.graphics.Color
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.unit.dp
import ir.hamrah.kotlin.AccountDetails
import ir.hamrah.kotlin.BadgeTone
import ir.hamrah.kotlin.HomeModel
import ir.hamrah.kotlin.PaymentHistoryModel
import ir.hamrah.kotlin.PaymentRow

/** The colour of a badge whose tone the Kotlin layer chose. */
@Composable
fun badgeColor(tone: BadgeTone): Color = when (tone) {
    BadgeTone.GOOD -> Color(0xFF1B7F3B)
    BadgeTone.WAITING -> Color(0xFF8A5A00)
    BadgeTone.BAD -> MaterialTheme.colorScheme.error
}

/**
 * Payments (تراکنش‌ها): every payment of every kind, newest first, page by page
 * (from the phone when the bank cannot be reached), searched on the phone; a
 * payment opens its receipt, shared as text or as an image. Everything shown
 * comes from the model's view.
 */
@Composable
fun PaymentsScreen(model: PaymentHistoryModel, services: AppServices, back: () -> Unit) {
    LaunchedEffect(model) { model.open() }
    val view by model.view.collectAsState()
    val busy by model.busy.collectAsState()
    val problem by model.problem.collectAsState()
    var query by rememberSaveable { mutableStateOf("") }
    var opened by rememberSaveable { mutableStateOf<String?>(null) }
    Screen("تراکنش‌ها") {
        view.fromPhoneNoteFa?.let { Text(it, color = MaterialTheme.colorScheme.error) }
        Field("جستجو: مبلغ، نام، نوع یا شماره پیگیری", query, { query = it })
        Action("جستجو", enabled = !busy) { model.search(query) }
        if (view.searching) {
            SecondaryAction("همه تراکنش‌ها", enabled = !busy) {
                query = ""
                model.search("")
            }
        }
        view.emptyNoteFa?.let { Text(it) }
        view.rows.forEach { row ->
            PaymentCard(row)
            if (opened == row.payment.id) {
                Receipt(row.receipt, services)
                SecondaryAction("بستن رسید") { opened = null }
            } else {
                SecondaryAction("رسید و اشتراک") { opened = row.payment.id }
            }
        }
        Busy(busy)
        ProblemText(problem)
        if (view.moreOffered) SecondaryAction("بیشتر", enabled = !busy) { model.more() }
        SecondaryAction("بازگشت") { back() }
    }
}

@Composable
private fun PaymentCard(row: PaymentRow) {
    Card(Modifier.fillMaxWidth().semantics(mergeDescendants = true) { contentDescription = row.accessibilityLabelFa }) {
        Column(Modifier.padding(16.dp), verticalArrangement = Arrangement.spacedBy(4.dp)) {
            Row(Modifier.fillMaxWidth(), horizontalArrangement = Arrangement.SpaceBetween) {
                Text(row.kindFa, style = MaterialTheme.typography.titleSmall)
                Text(row.statusFa, color = badgeColor(row.badge))
            }
            Text(row.payeeFa)
            Text(row.detailFa, style = MaterialTheme.typography.bodySmall)
            Text(row.amountFa, style = MaterialTheme.typography.titleMedium)
            Text(row.atFa, style = MaterialTheme.typography.bodySmall)
        }
    }
}

/**
 * An account's details, opened from home: its type, rate, state badge (a
 * blocked or closed account marked), number, full SHEBA and "share SHEBA".
 */
@Composable
fun AccountDetailsScreen(model: HomeModel, services: AppServices, back: () -> Unit) {
    val details by model.selectedAccount.collectAsState()
    Screen("جزئیات حساب") {
        val account = details
        if (account == null) {
            Text("حساب در فهرست نیست.")
        } else {
            AccountDetailsCard(account)
            Action("اشتراک شماره شبا") { services.shareText(account.shareTextFa) }
        }
        SecondaryAction("بازگشت") { back() }
    }
}

@Composable
private fun AccountDetailsCard(account: AccountDetails) {
    Card(Modifier.fillMaxWidth().semantics(mergeDescendants = true) { contentDescription = account.accessibilityLabelFa }) {
        Column(Modifier.padding(16.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
            Row(Modifier.fillMaxWidth(), horizontalArrangement = Arrangement.SpaceBetween) {
                Text(account.labelFa, style = MaterialTheme.typography.titleMedium)
                Text(account.stateFa, color = badgeColor(account.badge))
            }
            account.markFa?.let { Text(it, color = badgeColor(account.badge), style = MaterialTheme.typography.titleSmall) }
            Line("نوع حساب", account.kindFa)
            account.rateFa?.let { Line("سود", it) }
            Line("شماره حساب", account.numberFa)
            Line("موجودی قابل برداشت", account.availableFa)
            Text("شماره شبا", style = MaterialTheme.typography.bodySmall)
            Text(account.shebaGroupedFa, style = MaterialTheme.typography.titleSmall)
        }
    }
}
