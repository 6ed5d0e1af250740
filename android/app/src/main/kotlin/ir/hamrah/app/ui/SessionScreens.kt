package ir.hamrah.app.ui

import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.rememberCoroutineScope
import androidx.compose.runtime.setValue
import androidx.fragment.app.FragmentActivity
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import ir.hamrah.ffi.SessionState
import ir.hamrah.ffi.SmsChannel
import ir.hamrah.kotlin.HamrahClient
import ir.hamrah.kotlin.SessionModel
import kotlinx.coroutines.launch

/** The idle warning: the core counts down, the banner only shows it. */
@Composable
fun SessionBanner(state: SessionState) {
    if (state is SessionState.Expiring) {
        Text(
            "نشست شما تا ${state.secondsLeft} ثانیه دیگر به دلیل عدم فعالیت پایان می‌یابد.",
            color = MaterialTheme.colorScheme.error,
        )
    }
}

/** Activation: identity and card, the SMS code, then username and password. */
@Composable
fun ActivationScreen(session: SessionModel) {
    val state by session.state.collectAsStateWithLifecycle()
    val scope = rememberCoroutineScope()
    var error by remember { mutableStateOf<String?>(null) }
    var nationalId by remember { mutableStateOf("") }
    var mobile by remember { mutableStateOf("") }
    var birthDate by remember { mutableStateOf("") }
    var pan by remember { mutableStateOf("") }
    var expiry by remember { mutableStateOf("") }
    var code by remember { mutableStateOf("") }
    var username by remember { mutableStateOf("") }
    var password by remember { mutableStateOf("") }
    Screen("فعال‌سازی همراه") {
        when (val s = state) {
            is SessionState.ActivationCodeSent -> {
                Text("کد پیامکی به ${s.sentToMobileMasked} ارسال شد.")
                Field("کد تأیید", code, { code = it }, digits = true)
                Action("تأیید") { scope.launch { attempt({ error = it }) { session.verifyActivation(code) } } }
            }
            is SessionState.ChooseCredentials -> {
                Field("نام کاربری", username, { username = it })
                Field("رمز عبور", password, { password = it }, secret = true)
                Action("ثبت") { scope.launch { attempt({ error = it }) { session.chooseCredentials(username, password) } } }
            }
            else -> {
                Field("کد ملی", nationalId, { nationalId = it }, digits = true)
                Field("شماره همراه", mobile, { mobile = it }, digits = true)
                Field("تاریخ تولد (۱۳۷۵/۰۲/۲۰)", birthDate, { birthDate = it })
                Field("شماره کارت", pan, { pan = it }, digits = true)
                Field("تاریخ انقضای کارت (سال‌ماه)", expiry, { expiry = it }, digits = true)
                Action("دریافت کد") {
                    scope.launch { attempt({ error = it }) { session.startActivation(nationalId, mobile, birthDate, pan, expiry) } }
                }
            }
        }
        ErrorText(error)
    }
}

/**
 * Login with username and password (and the SMS code on a new device); with
 * data down and SMS set up, SMS banking without login ([openSms]).
 */
@Composable
fun LoginScreen(client: HamrahClient, activity: FragmentActivity, sms: SmsChannel?, openSms: () -> Unit, onActivate: () -> Unit) {
    val session = client.session
    val state by session.state.collectAsStateWithLifecycle()
    val scope = rememberCoroutineScope()
    var error by remember { mutableStateOf<String?>(null) }
    var username by remember { mutableStateOf("") }
    var password by remember { mutableStateOf("") }
    var code by remember { mutableStateOf("") }
    Screen("ورود به همراه") {
        when (val s = state) {
            is SessionState.LoginCodeSent -> {
                Text("کد پیامکی به ${s.sentToMobileMasked} ارسال شد.")
                Field("کد تأیید", code, { code = it }, digits = true)
                Action("ورود") { scope.launch { attempt({ error = it }) { session.verifyLogin(code) } } }
            }
            is SessionState.Locked -> Text("ورود تا ${s.retryAfterSeconds} ثانیه دیگر ممکن نیست.")
            is SessionState.Expired -> Text("نشست شما پایان یافت؛ دوباره وارد شوید.")
            else -> {}
        }
        if (state !is SessionState.LoginCodeSent) {
            Field("نام کاربری", username, { username = it })
            Field("رمز عبور", password, { password = it }, secret = true)
            Action("ورود") { scope.launch { attempt({ error = it }) { session.login(username, password) } } }
            QuickLoginButton(client, activity) { error = it }
            Action("فعال‌سازی در این گوشی") { onActivate() }
        }
        SmsLoginEntry(sms, activity, openSms)
        ErrorText(error)
    }
}
