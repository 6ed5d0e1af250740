package ir.hamrah.app.ui

import androidx.compose.foundation.layout.Column
import androidx.compose.runtime.Composable
import androidx.compose.runtime.collectAsState
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.saveable.rememberSaveable
import androidx.compose.runtime.setValue
import ir.hamrah.kotlin.HamrahClient
import ir.hamrah.kotlin.SessionPlace
import ir.hamrah.kotlin.SmsBankingModel

/**
 * The session's state picks the screen (`SessionPlace`, tested in the Kotlin
 * layer); logged in, home and the journeys. SMS banking opened from the login
 * screen (no session, after the device's unlock) shows while it is unlocked.
 */
@Composable
fun HamrahNavigation(client: HamrahClient, sms: SmsBankingModel?, services: AppServices) {
    val session by client.session.state.collectAsState()
    val notice by client.session.notice.collectAsState()
    val smsUnlocked = sms?.unlocked?.collectAsState()?.value ?: false
    var place by rememberSaveable { mutableStateOf(Place.HOME) }
    var activating by rememberSaveable { mutableStateOf(false) }
    val home = { place = Place.HOME }
    when (SessionPlace.of(session, activating)) {
        SessionPlace.HOME -> Column {
            NoticeText(notice)
            when (place) {
                Place.HOME -> {
                    sms?.let { SmsBanner(it) { place = Place.SMS } }
                    HomeScreen(client.home) { place = it }
                }
                Place.CARD_TRANSFER -> CardTransferScreen(client.cardTransfer, services, home)
                Place.SHEBA -> ShebaScreen(client.shebaTransfer, services, home)
                Place.BILLS -> BillScreen(client.billPayment, services, home)
                Place.CARD_BLOCK -> CardBlockScreen(client.cardBlock, services, home)
                Place.SECOND_PIN -> SecondPinScreen(client.secondPin, services, home)
                Place.SOFT_TOKEN -> SoftTokenScreen(client.softToken, home)
                Place.HISTORY -> HistoryScreen(client.history, home)
                Place.PAYMENTS -> PaymentsScreen(client.paymentHistory, services, home)
                Place.ACCOUNT_DETAILS -> AccountDetailsScreen(client.home, services, home)
                Place.LIMITS -> LimitsScreen(client.cardLimits, client.home, home)
                Place.SETTINGS -> SettingsScreen(client.settings, { place = Place.SMS }, home)
                Place.SMS -> SmsScreen(sms, services, home)
                Place.ACCOUNT_TRANSFER -> AccountTransferScreen(client, home)
                Place.TOPUP -> TopupScreen(client, home)
                Place.LOANS -> LoanScreen(client, home)
                Place.OTHER_CARDS -> OtherCardsScreen(client, home)
                Place.CHEQUES -> ChequeScreen(client, home)
                Place.INBOX -> InboxScreen(client, light = false, back = home)
                Place.RATES -> RatesScreen(client, light = false, back = home)
                Place.BRANCHES -> BranchesScreen(client, light = false, back = home)
                Place.PRODUCTS -> ProductsScreen(client, light = false, back = home)
            }
        }
        SessionPlace.PASSWORD_CHANGE -> PasswordChangeScreen(client.session)
        SessionPlace.ACTIVATION -> ActivationScreen(client.session) { activating = false }
        SessionPlace.LOGIN -> if (smsUnlocked && sms != null) {
            SmsScreen(sms, services) { sms.lock() }
        } else {
            LoginScreen(client.session, sms, services) { activating = true }
        }
    }
}
