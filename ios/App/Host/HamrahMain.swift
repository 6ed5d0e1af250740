// The iOS app's entry point, for the Xcode app target (see ios/README.md). It is not part of the
// Swift package: the package's `HamrahApp` library holds every screen and platform service.
import Hamrah
import HamrahApp
import SwiftUI

@main
struct HamrahMain: App {
    /// The bank the app talks to, from Info.plist (HamrahBankURL, HamrahBankPins, HamrahBankSms).
    private let bank = BankAddress(
        url: Bundle.main.object(forInfoDictionaryKey: "HamrahBankURL") as? String ?? "",
        pins: (Bundle.main.object(forInfoDictionaryKey: "HamrahBankPins") as? String ?? "")
            .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) },
        smsNumber: Bundle.main.object(forInfoDictionaryKey: "HamrahBankSms") as? String ?? "")

    var body: some Scene {
        WindowGroup {
            PhoneRoot(bank: bank)
        }
    }
}
