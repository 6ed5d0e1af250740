#if canImport(SwiftUI) && canImport(UIKit) && canImport(Security) && canImport(CryptoKit)
import Hamrah
import SwiftUI

/// Settings: this phone's enrollment and the other devices (revocable), the SMS channel, logout.
struct SettingsView: View {
    let session: SessionClient
    let sms: SmsChannel?
    @State private var devices: [DeviceInfo] = []
    @State private var error: HamrahError?

    var body: some View {
        Form {
            Section("دستگاه‌ها") {
                ForEach(devices, id: \.deviceId) { device in
                    HStack {
                        Text(device.name ?? device.deviceId)
                        if device.current { Text("(همین گوشی)").font(.caption) }
                        Spacer()
                        if !device.current {
                            Button("لغو", role: .destructive) {
                                Task { await run { _ = try await session.revokeDevice(deviceId: device.deviceId) } }
                            }
                        }
                    }
                }
            }
            Section("پیامک") {
                if sms?.isReady() == true {
                    Text("بانکداری پیامکی آماده است.")
                } else {
                    Button("راه‌اندازی بانکداری پیامکی") { Task { await run { try await sms?.setUp() } } }
                }
            }
            Button("خروج", role: .destructive) { Task { await run { _ = try await session.logout() } } }
            if let error { ProblemView(error) }
        }
        .navigationTitle("تنظیمات")
        .task { await run { devices = try await session.devices() } }
    }

    private func run(_ action: () async throws -> Void) async {
        do { try await action() } catch let failure as HamrahError { error = failure } catch {}
    }
}

/// Banking by SMS while data is down: the composer sends the frame (the customer taps Send);
/// the bank's reply, read in Messages, is pasted here and handed to the core.
struct SmsView: View {
    let sms: SmsChannel?
    let cards: [CardInfo]
    @State private var reply = ""
    @State private var outcome: SmsResult?
    @State private var error: HamrahError?

    var body: some View {
        Form {
            Button("موجودی حساب اول") {
                Task {
                    do { outcome = try await sms?.balance(accountIndex: 0) } catch let failure as HamrahError { error = failure } catch {}
                }
            }
            Section("پاسخ بانک را از پیام‌ها اینجا بچسبانید") {
                TextEditor(text: $reply).frame(minHeight: 80)
                Button("ثبت پاسخ") {
                    sms?.deliver(sms: .text(text: reply))
                    reply = ""
                }
            }
            if let outcome { Text(outcome.messageFa) }
            if let error { ProblemView(error) }
        }
        .navigationTitle("بانکداری پیامکی")
    }
}
#endif
