#if canImport(SwiftUI)
import Hamrah
import SwiftUI

/// A problem the core reported, in Persian (the English message for support below it).
struct ProblemView: View {
    let messageFa: String
    let messageEn: String

    init(_ problem: ProblemInfo) {
        messageFa = problem.messageFa
        messageEn = problem.messageEn
    }

    init(_ error: HamrahError) {
        messageFa = error.messageFa
        messageEn = error.messageEn
    }

    var body: some View {
        VStack(alignment: .leading, spacing: 2) {
            Text(messageFa).foregroundStyle(.red)
            Text(messageEn).font(.caption2).foregroundStyle(.secondary)
                .environment(\.layoutDirection, .leftToRight)
        }
    }
}

/// A labelled value on a confirmation or receipt screen.
struct Row: View {
    let label: String
    let value: String

    var body: some View {
        LabeledContent(label, value: value)
    }
}

/// A button that runs a step, disabled while one runs.
struct StepButton: View {
    let title: String
    let busy: Bool
    let action: () -> Void

    var body: some View {
        Button(action: action) {
            HStack {
                Text(title)
                if busy { ProgressView() }
            }
        }
        .disabled(busy)
    }
}

/// A secret input (PIN, CVV2, code): digits only, never kept by the view after the step.
struct SecretField: View {
    let title: String
    @Binding var text: String

    var body: some View {
        SecureField(title, text: $text)
            .keyboardType(.numberPad)
            .textContentType(.oneTimeCode)
    }
}

/// Hides card data and codes while the app is not in front (app switcher snapshots included).
struct PrivacyShield: ViewModifier {
    @Environment(\.scenePhase) private var phase

    func body(content: Content) -> some View {
        content.overlay {
            if phase != .active {
                ZStack {
                    Rectangle().fill(.background)
                    Label("همراه‌بانک", systemImage: "lock.shield").font(.largeTitle)
                }
            }
        }
    }
}

extension View {
    /// Hides the screen's content whenever the app leaves the foreground.
    func hidesContentInBackground() -> some View {
        modifier(PrivacyShield())
    }
}
#endif
