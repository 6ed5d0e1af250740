#if canImport(SwiftUI)
import Hamrah
import SwiftUI

/// Login with username and password, the SMS code on a new device, and quick login (the
/// Secure Enclave key signs the bank's challenge after Face ID, Touch ID or the passcode).
/// While the core's channel decision says SMS (data off, the SMS key agreed earlier), SMS
/// banking is offered too, after the device's unlock (the core asks it and words a refusal).
struct LoginView: View {
    let app: AppModel
    let sms: SmsBankingModel
    let actions: any AppActions
    @State private var username = ""
    @State private var password = ""
    @State private var code = ""

    var body: some View {
        let busy = app.sessionSteps.busy
        Form {
            NoticeView(notice: app.notice)
            if case .loginCodeSent = app.session {
                Section {
                    SecretField(title: "کد تأیید", text: $code)
                    StepButton(title: "ورود", busy: busy) {
                        app.verifyLogin(code: code)
                        code = ""
                    }
                }
            } else {
                Section {
                    InputField(title: "نام کاربری", text: $username)
                        .textContentType(.username)
                    PasswordField(title: "رمز عبور", text: $password)
                    StepButton(title: "ورود", busy: busy) {
                        app.login(username: username, password: password)
                        password = ""
                    }
                }
                Section {
                    if app.quickLoginOffered {
                        StepButton(title: "ورود سریع با Face ID یا Touch ID", busy: busy) {
                            app.quickLogin(unlock: actions.unlock())
                        }
                    }
                    StepButton(title: "فعال‌سازی در این گوشی", busy: busy) { app.activating = true }
                }
            }
            StepProblem(steps: app.sessionSteps)
            if sms.channel.channel == .sms {
                Section("بدون اینترنت") {
                    Text(sms.channel.reasonFa).foregroundStyle(Color.red)
                    StepButton(title: "بانکداری پیامکی با Face ID یا Touch ID", busy: sms.steps.busy) {
                        sms.unlock(actions.smsUnlock())
                    }
                    StepProblem(steps: sms.steps)
                }
            }
        }
        .navigationTitle("ورود به همراه‌بانک")
    }
}

/// Activation: identity and card, the SMS code, then username and password.
struct ActivationView: View {
    let app: AppModel
    @State private var nationalId = ""
    @State private var mobile = ""
    @State private var birthDate = ""
    @State private var pan = ""
    @State private var expiry = ""
    @State private var code = ""
    @State private var username = ""
    @State private var password = ""

    var body: some View {
        let busy = app.sessionSteps.busy
        Form {
            NoticeView(notice: app.notice)
            switch app.session {
            case .activationCodeSent:
                SecretField(title: "کد تأیید", text: $code)
                StepButton(title: "تأیید", busy: busy) {
                    app.verifyActivation(code: code)
                    code = ""
                }
            case .chooseCredentials:
                InputField(title: "نام کاربری", text: $username)
                    .textContentType(.username)
                SecureField("رمز عبور", text: $password)
                    .textContentType(.newPassword)
                    .frame(minHeight: touchTarget)
                StepButton(title: "ثبت", busy: busy) {
                    app.chooseCredentials(username: username, password: password)
                    password = ""
                }
            default:
                InputField(title: "کد ملی", text: $nationalId, keyboard: .numberPad)
                InputField(title: "شماره همراه", text: $mobile, keyboard: .phonePad)
                InputField(title: "تاریخ تولد (۱۳۷۵/۰۲/۲۰)", text: $birthDate, keyboard: .numbersAndPunctuation)
                InputField(title: "شماره کارت", text: $pan, keyboard: .numberPad)
                InputField(title: "تاریخ انقضای کارت (سال‌ماه)", text: $expiry, keyboard: .numberPad)
                StepButton(title: "دریافت کد", busy: busy) {
                    app.startActivation(
                        nationalId: nationalId, mobile: mobile, birthDate: birthDate, pan: pan, expiry: expiry)
                }
                StepButton(title: "بازگشت به ورود", busy: busy) { app.activating = false }
            }
            StepProblem(steps: app.sessionSteps)
        }
        .navigationTitle("فعال‌سازی همراه‌بانک")
    }
}

/// The forced password change (expired, or the branch's initial one); the core says why.
struct PasswordChangeView: View {
    let app: AppModel
    @State private var current = ""
    @State private var new = ""

    var body: some View {
        let busy = app.sessionSteps.busy
        Form {
            NoticeView(notice: app.notice)
            PasswordField(title: "رمز فعلی", text: $current)
            SecureField("رمز جدید", text: $new)
                .textContentType(.newPassword)
                .frame(minHeight: touchTarget)
            StepButton(title: "تغییر رمز", busy: busy) {
                app.changePassword(current: current, new: new)
                current = ""
                new = ""
            }
            StepButton(title: "خروج", role: .destructive, busy: busy) { app.logout() }
            StepProblem(steps: app.sessionSteps)
        }
        .navigationTitle("تغییر رمز عبور")
    }
}
#endif
