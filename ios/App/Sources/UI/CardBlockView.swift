#if canImport(SwiftUI)
import Hamrah
import SwiftUI

/// Blocking a card over HTTPS (exactly once): card and reason, a confirmation, the receipt.
struct CardBlockView: View {
    let model: CardBlockModel
    let actions: any AppActions
    @Environment(\.dismiss) private var dismiss
    @State private var reason = BlockReason.lost

    var body: some View {
        Form {
            if let state = model.state { step(state) }
            JourneyFooter(model: model) { dismiss() }
        }
        .navigationTitle("مسدودسازی کارت")
        .onAppear { model.open() }
    }

    @ViewBuilder private func step(_ state: CardBlockState) -> some View {
        let busy = model.steps.busy
        switch state {
        case let .chooseCard(cards, reasons):
            Section("دلیل") {
                Picker("دلیل", selection: $reason) {
                    ForEach(reasons, id: \.reason) { option in
                        Text(option.nameFa).tag(option.reason)
                    }
                }
            }
            Section("کارت") {
                ForEach(cards, id: \.cardId) { card in
                    StepButton(title: card.labelFa, busy: busy) { model.choose(cardId: card.cardId, reason: reason) }
                }
            }
        case let .confirm(order, problem):
            Section {
                Row(label: "کارت", value: order.card.labelFa)
                Row(label: "دلیل", value: order.reasonFa)
                Text("کارت مسدود می‌شود و در برنامه بازگشت‌پذیر نیست.")
            }
            if let problem { ProblemView(problem) }
            StepButton(title: "مسدود شود", role: .destructive, busy: busy) { model.confirm() }
            StepButton(title: "انتخاب کارت دیگر", busy: busy) { model.back() }
        case .pending:
            PendingSection(model: model) { model.resolve() }
        case .blocked:
            if let receipt = model.view.receipt { ReceiptSection(receipt: receipt, actions: actions) }
        case let .failed(problem, _):
            ProblemView(problem)
        }
    }
}
#endif
