#if canImport(SwiftUI) && canImport(UIKit) && canImport(Security) && canImport(CryptoKit)
import Hamrah
import SwiftUI

/// Login with username and password, the SMS code on a new device, and quick login (the
/// Secure Enclave key signs the bank's challenge after Face ID, Touch ID or the passcode).
/// While the channel decision says SMS (data off, the SMS key agreed at an earlier login), SMS
/// banking is offered too: it needs no bank session, only the person holding the phone.
struct LoginView: View {
    let session: SessionClient
    let state: SessionState
    let unlock: DeviceUnlock
    let sms: SmsChannel?
    let channel: ChannelDecision?
    @State private var username = ""
    @State private var password = ""
    @State private var code = ""
    @State private var error: HamrahError?
    @State private var busy = false
    @State private var smsOpen = false

    var body: some View {
        Form {
            switch state {
            case let .loginCodeSent(masked, secondsLeft):
                Section("کد پیامکی به \(masked) فرستاده شد (\(secondsLeft) ثانیه)") {
                    SecretField(title: "کد", text: $code)
                    StepButton(title: "تأیید", busy: busy) { step { [session, code] in try await session.verifyLogin(code: code) } }
                }
            case let .locked(seconds):
                Text("ورود تا \(seconds) ثانیه دیگر ممکن نیست.")
            case .expired:
                Text("نشست به پایان رسید؛ دوباره وارد شوید.")
                credentials
            default:
                credentials
            }
            if sms != nil, let channel, channel.channel == .sms {
                Section("بدون اینترنت") {
                    Text(channel.reasonFa).font(.footnote)
                    StepButton(title: "بانکداری پیامکی", busy: busy) { openSms() }
                }
            }
            if let error { ProblemView(error) }
        }
        .navigationTitle("ورود")
        .navigationDestination(isPresented: $smsOpen) { SmsView(sms: sms, accounts: [], cards: []) }
    }

    @ViewBuilder private var credentials: some View {
        Section {
            TextField("نام کاربری", text: $username).textInputAutocapitalization(.never)
            SecureField("رمز عبور", text: $password)
            StepButton(title: "ورود", busy: busy) {
                step { [session, username, password] in try await session.login(username: username, password: password) }
            }
        }
        if session.deviceEnrolled() {
            Section {
                StepButton(title: "ورود سریع با Face ID", busy: busy) {
                    step { [session, unlock] in try await session.quickLogin(unlock: unlock) }
                }
            }
        }
        NavigationLink("فعال‌سازی همراه‌بانک") { ActivationView(session: session, state: state) }
    }

    private func step(_ call: @escaping @Sendable () async throws -> SessionState) {
        busy = true
        error = nil
        Task {
            do { _ = try await call() } catch let failure as HamrahError { error = failure } catch {}
            code = ""
            password = ""
            busy = false
        }
    }

    /// SMS banking after Face ID, Touch ID or the passcode, asked through a context of its own
    /// (the session's, `unlock`, stays locked for the Secure Enclave key); `DeviceUnlock` blocks
    /// its thread until the person answers, so it runs off the main one.
    private func openSms() {
        busy = true
        error = nil
        Task {
            do {
                try await Task.detached { try DeviceUnlock().unlock(reason: "ورود به بانکداری پیامکی") }.value
                smsOpen = true
            } catch PlatformError.Unavailable {
                self.error = .Device(
                    code: "platform.unlock_unavailable", messageFa: "برای بانکداری پیامکی، رمز دستگاه را روشن کنید.",
                    messageEn: "Set a device passcode to use SMS banking.")
            } catch {
                self.error = .Device(
                    code: "platform.unlock_refused", messageFa: "تأیید هویت روی دستگاه انجام نشد.",
                    messageEn: "The unlock on this device was refused or cancelled.")
            }
            busy = false
        }
    }
}

/// Activation: identity and card, the SMS code, then username and password.
struct ActivationView: View {
    let session: SessionClient
    let state: SessionState
    @State private var nationalId = ""
    @State private var mobile = ""
    @State private var birthDate = ""
    @State private var pan = ""
    @State private var expiry = ""
    @State private var code = ""
    @State private var username = ""
    @State private var password = ""
    @State private var error: HamrahError?
    @State private var busy = false

    var body: some View {
        Form {
            switch state {
            case let .activationCodeSent(masked, secondsLeft):
                Section("کد فعال‌سازی به \(masked) فرستاده شد (\(secondsLeft) ثانیه)") {
                    SecretField(title: "کد", text: $code)
                    StepButton(title: "تأیید", busy: busy) { step { [session, code] in try await session.verifyActivation(code: code) } }
                }
            case .chooseCredentials:
                Section("نام کاربری و رمز عبور") {
                    TextField("نام کاربری", text: $username).textInputAutocapitalization(.never)
                    SecureField("رمز عبور", text: $password)
                    StepButton(title: "ثبت", busy: busy) {
                        step { [session, username, password] in try await session.chooseCredentials(username: username, password: password) }
                    }
                }
            default:
                Section("مشخصات") {
                    TextField("کد ملی", text: $nationalId).keyboardType(.numberPad)
                    TextField("شماره همراه", text: $mobile).keyboardType(.phonePad)
                    TextField("تاریخ تولد (۱۳۷۵/۰۲/۲۰)", text: $birthDate)
                    TextField("شماره کارت", text: $pan).keyboardType(.numberPad)
                    TextField("تاریخ انقضا (YYMM)", text: $expiry).keyboardType(.numberPad)
                    StepButton(title: "ارسال کد", busy: busy) {
                        step { [session, nationalId, mobile, birthDate, pan, expiry] in
                            try await session.startActivation(
                                nationalId: nationalId, mobile: mobile, birthDate: birthDate, pan: pan, expiry: expiry)
                        }
                    }
                }
            }
            if let error { ProblemView(error) }
        }
        .navigationTitle("فعال‌سازی")
    }

    private func step(_ call: @escaping @Sendable () async throws -> SessionState) {
        busy = true
        error = nil
        Task {
            do { _ = try await call() } catch let failure as HamrahError { error = failure } catch {}
            code = ""
            busy = false
        }
    }
}

/// The forced password change (expired, or the branch's initial credentials).
struct PasswordChangeView: View {
    let session: SessionClient
    let reason: String
    @State private var current = ""
    @State private var new = ""
    @State private var error: HamrahError?

    var body: some View {
        Form {
            Text(reason == "initial" ? "رمز اولیه شعبه را تغییر دهید." : "رمز عبور منقضی شده است.")
            SecureField("رمز فعلی", text: $current)
            SecureField("رمز جدید", text: $new)
            Button("تغییر رمز") {
                Task {
                    do { _ = try await session.changePassword(current: current, new: new) } catch let failure as HamrahError { error = failure } catch {}
                }
            }
            if let error { ProblemView(error) }
        }
        .navigationTitle("تغییر رمز")
    }
}
#endif
