package ir.hamrah.app.ui

import androidx.compose.runtime.Composable
import androidx.compose.runtime.collectAsState
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.saveable.rememberSaveable
import androidx.compose.runtime.setValue
import ir.hamrah.ffi.SessionState
import ir.hamrah.kotlin.SessionModel
import ir.hamrah.kotlin.SmsBankingModel

/** The session's calls, their spinner and their failure in the core's words. */
@Composable
private fun SessionSteps(session: SessionModel) {
    val busy by session.steps.busy.collectAsState()
    val problem by session.steps.problem.collectAsState()
    Busy(busy)
    ProblemText(problem)
}

/** Activation: identity and card, the SMS code, then username and password. */
@Composable
fun ActivationScreen(session: SessionModel, back: () -> Unit) {
    val state by session.state.collectAsState()
    val notice by session.notice.collectAsState()
    var nationalId by rememberSaveable { mutableStateOf("") }
    var mobile by rememberSaveable { mutableStateOf("") }
    var birthDate by rememberSaveable { mutableStateOf("") }
    var pan by rememberSaveable { mutableStateOf("") }
    var expiry by rememberSaveable { mutableStateOf("") }
    var code by remember { mutableStateOf("") }
    var username by rememberSaveable { mutableStateOf("") }
    var password by remember { mutableStateOf("") }
    val steps = session.steps
    Screen("فعال‌سازی همراه‌بانک") {
        NoticeText(notice)
        when (state) {
            is SessionState.ActivationCodeSent -> {
                Field("کد تأیید", code, { code = it }, digits = true, secret = true)
                Action("تأیید") { steps.launch { session.verifyActivation(code) } }
            }
            is SessionState.ChooseCredentials -> {
                Field("نام کاربری", username, { username = it })
                Field("رمز عبور", password, { password = it }, secret = true)
                Action("ثبت") { steps.launch { session.chooseCredentials(username, password) } }
            }
            else -> {
                Field("کد ملی", nationalId, { nationalId = it }, digits = true)
                Field("شماره همراه", mobile, { mobile = it }, digits = true)
                Field("تاریخ تولد (۱۳۷۵/۰۲/۲۰)", birthDate, { birthDate = it })
                Field("شماره کارت", pan, { pan = it }, digits = true)
                Field("تاریخ انقضای کارت (سال‌ماه)", expiry, { expiry = it }, digits = true)
                Action("دریافت کد") { steps.launch { session.startActivation(nationalId, mobile, birthDate, pan, expiry) } }
                SecondaryAction("بازگشت به ورود") { back() }
            }
        }
        SessionSteps(session)
    }
}

/**
 * Login with username and password (and the SMS code on a new device), quick
 * login with the device key; with data down and SMS set up, SMS banking
 * without login after the device's unlock ([sms]).
 */
@Composable
fun LoginScreen(session: SessionModel, sms: SmsBankingModel?, services: AppServices, onActivate: () -> Unit) {
    val state by session.state.collectAsState()
    val notice by session.notice.collectAsState()
    var username by rememberSaveable { mutableStateOf("") }
    var password by remember { mutableStateOf("") }
    var code by remember { mutableStateOf("") }
    val steps = session.steps
    Screen("ورود به همراه‌بانک") {
        NoticeText(notice)
        if (state is SessionState.LoginCodeSent) {
            Field("کد تأیید", code, { code = it }, digits = true, secret = true)
            Action("ورود") {
                steps.launch { session.verifyLogin(code) }
                code = ""
            }
        } else {
            Field("نام کاربری", username, { username = it })
            Field("رمز عبور", password, { password = it }, secret = true)
            Action("ورود") {
                steps.launch { session.login(username, password) }
                password = ""
            }
            if (session.deviceEnrolled) {
                SecondaryAction("ورود سریع با اثر انگشت") { steps.launch { session.quickLogin(services.unlock()) } }
            }
            SecondaryAction("فعال‌سازی در این گوشی") { onActivate() }
        }
        SessionSteps(session)
        sms?.let { SmsLoginEntry(it, services) }
    }
}

/** Only a password change is allowed: the expired one, or the branch's initial one. */
@Composable
fun PasswordChangeScreen(session: SessionModel) {
    val notice by session.notice.collectAsState()
    var current by remember { mutableStateOf("") }
    var new by remember { mutableStateOf("") }
    val steps = session.steps
    Screen("تغییر رمز عبور") {
        NoticeText(notice)
        Field("رمز فعلی", current, { current = it }, secret = true)
        Field("رمز جدید", new, { new = it }, secret = true)
        Action("تغییر رمز") {
            steps.launch { session.changePassword(current, new) }
            current = ""
            new = ""
        }
        SecondaryAction("خروج") { steps.launch { session.logout() } }
        SessionSteps(session)
    }
}
