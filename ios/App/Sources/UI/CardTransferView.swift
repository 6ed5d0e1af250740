#if canImport(SwiftUI)
import Hamrah
import SwiftUI

/// Card to card: one screen per state of the core's journey, which lives in `model` (the
/// Swift package), so leaving this screen and coming back finds it where it was.
struct CardTransferView: View {
    let model: CardTransferModel
    let actions: any AppActions
    @Environment(\.dismiss) private var dismiss
    @State private var destination = ""
    @State private var amount = ""
    @State private var pin = ""
    @State private var cvv2 = ""
    @State private var expiry = ""

    var body: some View {
        Form {
            if let state = model.state { step(state) }
            JourneyFooter(model: model) { dismiss() }
        }
        .navigationTitle("کارت به کارت")
        .onAppear { model.open() }
    }

    @ViewBuilder private func step(_ state: CardTransferState) -> some View {
        let busy = model.steps.busy
        switch state {
        case let .chooseSource(cards):
            Section("کارت مبدأ") {
                ForEach(cards, id: \.cardId) { card in
                    StepButton(title: card.labelFa, busy: busy) { model.chooseSource(card.cardId) }
                }
            }
        case let .enterDestination(source, problem):
            Row(label: "از کارت", value: source.labelFa)
            InputField(title: "شماره کارت مقصد", text: $destination, keyboard: .numberPad)
            if let problem { ProblemView(problem) }
            StepButton(title: "استعلام", busy: busy) { model.enterDestination(destination) }
        case let .confirmHolder(_, destination):
            Row(label: "دارنده کارت", value: destination.holderName)
            Row(label: "بانک", value: destination.bank.nameFa)
            Row(label: "کارت مقصد", value: destination.panMasked)
            StepButton(title: "تأیید", busy: busy) { model.confirmHolder(true) }
            StepButton(title: "اصلاح شماره کارت", busy: busy) { model.confirmHolder(false) }
        case let .enterAmount(_, _, limits, problem):
            Row(label: "سقف باقی‌مانده امروز", value: amountText(rials: limits.dailyRemainingRials).rialsFa)
            Row(label: "کارمزد", value: amountText(rials: limits.feeRials).rialsFa)
            InputField(title: "مبلغ (ریال)", text: $amount, keyboard: .numberPad)
            if let problem { ProblemView(problem) }
            StepButton(title: "ادامه", busy: busy) { model.enterAmount(amount) }
        case let .authorize(payment, _, problem):
            let sum = amountText(rials: payment.amountRials)
            Section {
                Row(label: "به", value: payment.destination.holderName)
                Row(label: "کارت مقصد", value: payment.destination.panMasked)
                Row(label: "مبلغ", value: sum.rialsFa)
                Text(sum.wordsFa).font(.caption)
            }
            if let offered = model.view.pin {
                CardSecrets(cvv2: $cvv2, expiry: $expiry)
                PinSection(
                    pin: offered, busy: busy, code: $pin,
                    softToken: {
                        model.payWithSoftToken(cvv2: cvv2, expiry: expiry)
                        cvv2 = ""
                    },
                    request: { model.requestPin() },
                    pay: {
                        model.payWithSmsPin(pin: pin, cvv2: cvv2, expiry: expiry)
                        pin = ""
                        cvv2 = ""
                    })
            }
            if let problem { ProblemView(problem) }
        case .pending:
            PendingSection(model: model) { model.resolve() }
        case .succeeded:
            if let receipt = model.view.receipt { ReceiptSection(receipt: receipt, actions: actions) }
        case let .failed(problem, _):
            ProblemView(problem)
        }
    }
}
#endif
