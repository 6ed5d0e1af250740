#if canImport(SwiftUI)
import Hamrah
import SwiftUI

/// Bill payment from an account (the bank's PIN for this bill, or the soft token) or a card:
/// one screen per state of the core's journey.
struct BillPaymentView: View {
    let model: BillPaymentModel
    let actions: any AppActions
    @Environment(\.dismiss) private var dismiss
    @State private var billId = ""
    @State private var paymentId = ""
    @State private var pin = ""
    @State private var cvv2 = ""
    @State private var expiry = ""

    var body: some View {
        Form {
            if let state = model.state { step(state) }
            JourneyFooter(model: model) { dismiss() }
        }
        .navigationTitle("پرداخت قبض")
        .onAppear { model.open() }
    }

    @ViewBuilder private func step(_ state: BillPaymentState) -> some View {
        let busy = model.steps.busy
        switch state {
        case let .enterBill(problem):
            InputField(title: "شناسه قبض", text: $billId, keyboard: .numberPad)
            InputField(title: "شناسه پرداخت", text: $paymentId, keyboard: .numberPad)
            if let problem { ProblemView(problem) }
            StepButton(title: "استعلام", busy: busy) { model.enterBill(billId: billId, paymentId: paymentId) }
        case let .alreadyPaid(bill):
            BillSummary(bill: bill)
            Text("این قبض پیش‌تر پرداخت شده است.")
        case let .chooseSource(bill, sources, problem):
            BillSummary(bill: bill)
            Section("پرداخت از") {
                ForEach(Array(sources.enumerated()), id: \.offset) { _, source in
                    switch source {
                    case let .account(accountId, _, _, _, labelFa):
                        StepButton(title: labelFa, busy: busy) { model.chooseSource(accountId) }
                    case let .card(cardId, _, _, labelFa):
                        StepButton(title: labelFa, busy: busy) { model.chooseSource(cardId) }
                    }
                }
            }
            if let problem { ProblemView(problem) }
        case let .confirmAccount(order, _, problem):
            OrderSummary(order: order)
            if let offered = model.view.pin {
                PinSection(
                    pin: offered, busy: busy, code: $pin,
                    softToken: { model.confirmWithSoftToken() },
                    request: { model.requestPin() },
                    pay: {
                        model.confirm(pin: pin)
                        pin = ""
                    })
            }
            if let problem { ProblemView(problem) }
        case let .authorize(order, _, problem):
            OrderSummary(order: order)
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

/// A bill as the biller answered: its kind and biller, period, amount in digits and words.
private struct BillSummary: View {
    let bill: BillInfo

    var body: some View {
        let sum = amountText(rials: bill.amountRials)
        Section {
            Row(label: bill.billTypeFa, value: bill.billerNameFa)
            if let period = bill.periodFa { Row(label: "دوره", value: period) }
            Row(label: "مبلغ", value: sum.rialsFa)
            Text(sum.wordsFa).font(.caption)
        }
    }
}

/// The order about to be paid: the bill, its fee and total.
private struct OrderSummary: View {
    let order: BillOrder

    var body: some View {
        BillSummary(bill: order.bill)
        Section {
            Row(label: "کارمزد", value: amountText(rials: order.feeRials).rialsFa)
            Row(label: "مبلغ کل", value: amountText(rials: order.totalRials).rialsFa)
        }
    }
}
#endif
