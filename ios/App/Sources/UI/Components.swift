#if canImport(SwiftUI)
import Hamrah
import SwiftUI

/// What a screen needs from the iPhone (implemented in `Platform/PhoneApp.swift`, which is not
/// part of the type check): the device's unlock, and the share sheet. Screens only lay out what
/// the Swift package's models say; everything they show comes from the core.
@MainActor
public protocol AppActions: AnyObject {
    /// Face ID, Touch ID or the passcode before a quick login: the session's context, which then
    /// lets the device key sign the session's requests.
    func unlock() -> any LocalUnlock
    /// The same prompt before SMS banking without a session: a context of its own, so the
    /// session's key stays locked.
    func smsUnlock() -> any LocalUnlock
    /// Opens the share sheet with `text`.
    func share(text: String)
    /// Draws `receipt` (`ReceiptImage`) and opens the share sheet with the image.
    func share(receipt: ReceiptInfo)
}

/// Buttons and rows are at least this tall (Apple's minimum touch target).
let touchTarget: CGFloat = 44

/// A problem in the core's words (the English below it, for support), read as one element.
struct ProblemView: View {
    let problem: ProblemInfo

    init(_ problem: ProblemInfo) {
        self.problem = problem
    }

    var body: some View {
        VStack(alignment: .leading, spacing: 2) {
            Text(problem.messageFa).foregroundStyle(Color.red)
            Text(problem.messageEn).font(.caption2).foregroundStyle(.secondary)
                .environment(\.layoutDirection, .leftToRight)
        }
        .accessibilityElement(children: .ignore)
        .accessibilityLabel(problem.messageFa)
    }
}

/// The calls of a model: a spinner while one runs, the last one's problem.
struct StepProblem: View {
    let steps: StepRunner

    var body: some View {
        if steps.busy { ProgressView() }
        if let problem = steps.problem { ProblemView(problem) }
    }
}

/// The core's line about the session; a warning in red.
struct NoticeView: View {
    let notice: SessionNotice?

    var body: some View {
        if let notice {
            Text(notice.textFa)
                .foregroundStyle(notice.warning ? Color.red : Color.primary)
                .accessibilityAddTraits(.updatesFrequently)
        }
    }
}

/// A labelled value, read as one element.
struct Row: View {
    let label: String
    let value: String

    var body: some View {
        LabeledContent(label, value: value)
            .frame(minHeight: touchTarget)
            .accessibilityElement(children: .combine)
    }
}

/// A button with a fixed label, disabled while a call runs; full width, at least 44 points tall.
struct StepButton: View {
    let title: String
    var role: ButtonRole? = nil
    var busy = false
    let action: @MainActor () -> Void

    var body: some View {
        Button(role: role, action: action) {
            Text(title).frame(maxWidth: .infinity, minHeight: touchTarget)
        }
        .disabled(busy)
    }
}

/// A button the core offers: its label (what VoiceOver says too), and whether it may be pressed now.
struct OfferedButton: View {
    let offered: ActionInfo?
    let busy: Bool
    let action: @MainActor () -> Void

    var body: some View {
        if let offered {
            Button(action: action) {
                Text(offered.labelFa).frame(maxWidth: .infinity, minHeight: touchTarget)
            }
            .disabled(!offered.enabled || busy)
            .accessibilityLabel(offered.labelFa)
        }
    }
}

/// A text input: its title and keyboard (the core reads Persian, Arabic-Indic and ASCII digits).
struct InputField: View {
    let title: String
    @Binding var text: String
    var keyboard = UIKeyboardType.default

    var body: some View {
        TextField(title, text: $text)
            .keyboardType(keyboard)
            .textInputAutocapitalization(.never)
            .autocorrectionDisabled()
            .frame(minHeight: touchTarget)
    }
}

/// A secret input (PIN, CVV2, code): digits only, hidden; the screen clears it after the step.
struct SecretField: View {
    let title: String
    @Binding var text: String

    var body: some View {
        SecureField(title, text: $text)
            .keyboardType(.numberPad)
            .textContentType(.oneTimeCode)
            .frame(minHeight: touchTarget)
    }
}

/// A password: hidden, no AutoFill of one-time codes.
struct PasswordField: View {
    let title: String
    @Binding var text: String

    var body: some View {
        SecureField(title, text: $text)
            .textContentType(.password)
            .frame(minHeight: touchTarget)
    }
}

/// A receipt from the core: its title and lines, shared as text or as an image.
struct ReceiptSection: View {
    let receipt: ReceiptInfo
    let actions: any AppActions

    var body: some View {
        Section {
            ReceiptImage(receipt: receipt)
            StepButton(title: "اشتراک رسید به صورت متن") { actions.share(text: receipt.shareTextFa) }
            StepButton(title: "اشتراک رسید به صورت تصویر") { actions.share(receipt: receipt) }
        }
    }
}

/// A receipt's title and lines, as shown and as drawn into the shared image.
public struct ReceiptImage: View {
    let receipt: ReceiptInfo

    /// The receipt `receipt`.
    public init(receipt: ReceiptInfo) {
        self.receipt = receipt
    }

    public var body: some View {
        VStack(alignment: .leading, spacing: 8) {
            Label(receipt.titleFa, systemImage: "checkmark.seal").font(.headline)
                .accessibilityAddTraits(.isHeader)
            ForEach(Array(receipt.lines.enumerated()), id: \.offset) { _, line in
                Row(label: line.labelFa, value: line.valueFa)
            }
        }
        .environment(\.layoutDirection, .rightToLeft)
    }
}

/// The colour of money out or in (the sign is in the core's text).
func color(of direction: Direction) -> Color {
    switch direction {
    case .debit: .red
    case .credit: .green
    }
}

/// The colour of a card's state badge.
func color(of state: CardState) -> Color {
    state == .active ? .green : .red
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
                .accessibilityHidden(true)
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
