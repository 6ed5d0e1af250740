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
#endif
