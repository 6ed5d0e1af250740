#if canImport(SwiftUI)
import Hamrah
import SwiftUI

/// The app's root: Persian, right to left; the session's state picks the screen
/// (`AppModel.place`, tested in the Swift package).
public struct RootView: View {
    let app: AppModel
    let actions: any AppActions

    /// The root of `app`, with the phone's `actions`.
    public init(app: AppModel, actions: any AppActions) {
        self.app = app
        self.actions = actions
    }

    public var body: some View {
        NavigationStack {
            content
        }
        .environment(\.layoutDirection, .rightToLeft)
        .environment(\.locale, Locale(identifier: "fa_IR"))
        .hidesContentInBackground()
    }

    @ViewBuilder private var content: some View {
        if let screens = app.screens {
            switch app.place {
            case .login:
                if screens.smsBanking.unlocked {
                    SmsView(model: screens.smsBanking, leave: { screens.smsBanking.lock() })
                } else {
                    LoginView(app: app, sms: screens.smsBanking, actions: actions)
                }
            case .activation:
                ActivationView(app: app)
            case .passwordChange:
                PasswordChangeView(app: app)
            case .home:
                HomeView(app: app, screens: screens, actions: actions)
            }
        } else if let problem = app.openingProblem {
            ProblemView(problem)
        } else {
            ProgressView()
        }
    }
}
#endif
