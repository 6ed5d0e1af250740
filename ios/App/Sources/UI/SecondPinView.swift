#if canImport(SwiftUI)
import Hamrah
import SwiftUI

/// Changing a card's second PIN over HTTPS (exactly once): the card, the current PIN and the new
/// one twice, the receipt. The PINs are hidden, typed on the number pad, held only by this view
/// and cleared once sent; the core checks them and every problem shown is its own, under the
/// field it names.
struct SecondPinView: View {
    let model: SecondPinModel
    let actions: any AppActions
    @Environment(\.dismiss) private var dismiss
    @State private var current = ""
    @State private var chosen = ""
    @State private var repeated = ""

    /// The fields of the PINs' step, as the core names them in a problem's field.
    private static let pinFields: Set<String> = ["current_pin", "new_pin", "repeat_pin"]

    var body: some View {
        Form {
            if let state = model.state { step(state) }
            JourneyFooter(model: model) { dismiss() }
        }
        .navigationTitle("تغییر رمز دوم کارت")
        .onAppear { model.open() }
    }

    @ViewBuilder private func step(_ state: SecondPinState) -> some View {
        let busy = model.steps.busy
        switch state {
        case let .chooseCard(cards):
            Section("کارت") {
                ForEach(cards, id: \.cardId) { card in
                    StepButton(title: card.labelFa, busy: busy) { model.choose(cardId: card.cardId) }
                }
            }
        case let .enterPins(card, error):
            Section {
                Row(label: "کارت", value: card.labelFa)
            }
            Section {
                SecretField(title: "رمز دوم فعلی", text: $current)
                if let problem = Self.problem(error, at: "current_pin") { ProblemView(problem) }
                SecretField(title: "رمز دوم جدید", text: $chosen)
                if let problem = Self.problem(error, at: "new_pin") { ProblemView(problem) }
                SecretField(title: "تکرار رمز دوم جدید", text: $repeated)
                if let problem = Self.problem(error, at: "repeat_pin") { ProblemView(problem) }
            }
            if let error, !Self.pinFields.contains(error.field ?? "") { ProblemView(error) }
            StepButton(title: "تغییر رمز دوم", busy: busy) {
                model.submit(currentPin: current, newPin: chosen, repeatPin: repeated)
                current = ""
                chosen = ""
                repeated = ""
            }
            StepButton(title: "انتخاب کارت دیگر", busy: busy) { model.back() }
        case .pending:
            PendingSection(model: model) { model.resolve() }
        case .changed:
            if let receipt = model.view.receipt { ReceiptSection(receipt: receipt, actions: actions) }
        case let .failed(problem, _):
            ProblemView(problem)
        }
    }

    /// The core's problem when it is about `field`.
    private static func problem(_ error: ProblemInfo?, at field: String) -> ProblemInfo? {
        error?.field == field ? error : nil
    }
}
#endif
