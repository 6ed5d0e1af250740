#if canImport(SwiftUI) && canImport(UIKit) && canImport(Security) && canImport(CryptoKit)
import Hamrah
import SwiftUI

/// The app's root: Persian, right to left; the session's state picks the screen.
public struct RootView: View {
    @State private var model = AppModel()
    @Environment(\.scenePhase) private var phase
    private let bank: AppModel.Bank

    /// The root for `bank`.
    public init(bank: AppModel.Bank) {
        self.bank = bank
    }

    public var body: some View {
        NavigationStack {
            content
        }
        .environment(\.layoutDirection, .rightToLeft)
        .environment(\.locale, Locale(identifier: "fa_IR"))
        .hidesContentInBackground()
        .task { await model.open(bank: bank) }
        .onChange(of: phase) { _, now in
            if now == .background { model.didEnterBackground() }
        }
    }

    @ViewBuilder private var content: some View {
        if let hamrah = model.hamrah {
            switch model.session {
            case .loggedOut, .loginCodeSent, .locked, .expired:
                LoginView(
                    session: hamrah.session(), state: model.session, unlock: model.unlock, sms: model.sms,
                    channel: model.channel)
            case .activationCodeSent, .chooseCredentials:
                ActivationView(session: hamrah.session(), state: model.session)
            case .passwordChangeRequired(let reason):
                PasswordChangeView(session: hamrah.session(), reason: reason)
            case .active, .expiring:
                HomeView(hamrah: hamrah, session: model.session, sms: model.sms, channel: model.channel)
            }
        } else if let error = model.openingError {
            ProblemView(error)
        } else {
            ProgressView()
        }
    }
}
#endif
