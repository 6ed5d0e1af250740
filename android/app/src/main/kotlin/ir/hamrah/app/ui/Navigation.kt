package ir.hamrah.app.ui

import androidx.compose.foundation.layout.Column
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.saveable.rememberSaveable
import androidx.compose.runtime.setValue
import androidx.fragment.app.FragmentActivity
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import ir.hamrah.app.HamrahApplication
import ir.hamrah.ffi.SessionState
import ir.hamrah.kotlin.HamrahClient

/** The app's places. */
enum class Place { HOME, CARD_TRANSFER, SHEBA, BILLS, TOPUP, ACCOUNT_TRANSFER, SOFT_TOKEN, HISTORY, SETTINGS, SMS, RATES, BRANCHES, PRODUCTS, INBOX }

/**
 * Logged out (or expired): activation or login. Logged in: the home screen
 * and the journeys. The session's state decides, never the app.
 */
@Composable
fun HamrahNavigation(client: HamrahClient, activity: FragmentActivity) {
    val session by client.session.state.collectAsStateWithLifecycle()
    var place by rememberSaveable { mutableStateOf(Place.HOME) }
    var activating by rememberSaveable { mutableStateOf(false) }
    // SMS banking opened from the login screen after the biometric prompt: not saveable,
    // so a restored process asks again.
    var smsUnlocked by remember { mutableStateOf(false) }
    // Set by the application before the client is handed out (see HamrahApplication.onCreate).
    val sms = remember { (activity.application as HamrahApplication).smsChannel }
    when (session) {
        is SessionState.Active, is SessionState.Expiring -> Column {
            SessionBanner(session)
            when (place) {
                Place.HOME -> {
                    SmsBanner(sms) { place = Place.SMS }
                    HomeScreen(client) { place = it }
                }
                Place.CARD_TRANSFER -> CardTransferScreen(client) { place = Place.HOME }
                Place.SHEBA -> ShebaScreen(client) { place = Place.HOME }
                Place.BILLS -> BillScreen(client) { place = Place.HOME }
                Place.TOPUP -> TopupScreen(client) { place = Place.HOME }
                Place.ACCOUNT_TRANSFER -> AccountTransferScreen(client) { place = Place.HOME }
                Place.SOFT_TOKEN -> SoftTokenScreen(client) { place = Place.HOME }
                Place.HISTORY -> HistoryScreen(client) { place = Place.HOME }
                Place.SETTINGS -> SettingsScreen(client, { place = Place.SMS }) { place = Place.HOME }
                Place.SMS -> SmsScreen(client, sms) { place = Place.HOME }
                Place.RATES -> RatesScreen(client, light = false) { place = Place.HOME }
                Place.BRANCHES -> BranchesScreen(client, light = false) { place = Place.HOME }
                Place.PRODUCTS -> ProductsScreen(client, light = false) { place = Place.HOME }
                Place.INBOX -> InboxScreen(client, light = false) { place = Place.HOME }
            }
        }
        is SessionState.ActivationCodeSent, is SessionState.ChooseCredentials -> ActivationScreen(client.session)
        else -> if (activating) {
            ActivationScreen(client.session)
        } else if (smsUnlocked) {
            SmsScreen(client, sms) { smsUnlocked = false }
        } else {
            LoginScreen(client, activity, sms, { smsUnlocked = true }) { activating = true }
        }
    }
}
