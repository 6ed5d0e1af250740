#if canImport(SwiftUI)
import Hamrah
import SwiftUI

/// SHEBA transfer (PAYA or SATNA): one screen per state of the core's journey; the order is
/// confirmed with the bank's PIN for this amount and SHEBA, or the soft token.
struct ShebaTransferView: View {
    let model: ShebaTransferModel
    let actions: any AppActions
    @Environment(\.dismiss) private var dismiss
    @State private var sheba = ""
    @State private var amount = ""
    @State private var pin = ""

    var body: some View {
        Form {
            if let state = model.state { step(state) }
            JourneyFooter(model: model) { dismiss() }
        }
        .navigationTitle("انتقال شبا")
        .onAppear { model.open() }
    }

    @ViewBuilder private func step(_ state: ShebaTransferState) -> some View {
        let busy = model.steps.busy
        switch state {
        case let .chooseSource(accounts):
            Section("حساب مبدأ") {
                ForEach(accounts, id: \.accountId) { account in
                    StepButton(title: account.labelFa, busy: busy) { model.chooseSource(account.accountId) }
                }
            }
        case let .enterSheba(source, problem):
            Row(label: "از حساب", value: source.labelFa)
            TextField("شبای مقصد (IR…)", text: $sheba)
                .textInputAutocapitalization(.characters)
                .autocorrectionDisabled()
                .frame(minHeight: touchTarget)
            if let problem { ProblemView(problem) }
            StepButton(title: "استعلام", busy: busy) { model.enterSheba(sheba) }
        case let .confirmHolder(_, destination):
            Row(label: "صاحب حساب", value: destination.holderName)
            Row(label: "بانک", value: destination.bank.nameFa)
            Row(label: "شبا", value: destination.shebaMasked)
            StepButton(title: "تأیید", busy: busy) { model.confirmHolder(true) }
            StepButton(title: "اصلاح شبا", busy: busy) { model.confirmHolder(false) }
        case let .enterAmount(_, _, limits, problem):
            Row(label: "موجودی قابل برداشت", value: amountText(rials: limits.availableRials).rialsFa)
            InputField(title: "مبلغ (ریال)", text: $amount, keyboard: .numberPad)
            if let problem { ProblemView(problem) }
            StepButton(title: "ادامه", busy: busy) { model.enterAmount(amount) }
        case let .chooseMethod(_, _, _, options):
            Section("روش انتقال") {
                ForEach(options, id: \.nameFa) { option in
                    VStack(alignment: .leading) {
                        StepButton(title: option.nameFa, busy: busy) { model.chooseMethod(option.method) }
                        Row(label: "کارمزد", value: amountText(rials: option.feeRials).rialsFa)
                        if let settlement = option.expectedSettlement {
                            Row(label: "تسویه پیش‌بینی‌شده", value: settlement.dateLongFa)
                        }
                    }
                }
            }
        case let .confirm(payment, _, problem):
            let sum = amountText(rials: payment.amountRials)
            Section {
                Row(label: "به", value: payment.destination.holderName)
                Row(label: "شبا", value: payment.destination.shebaMasked)
                Row(label: "روش", value: payment.option.nameFa)
                Row(label: "مبلغ", value: sum.rialsFa)
                Text(sum.wordsFa).font(.caption)
                Row(label: "کارمزد", value: amountText(rials: payment.option.feeRials).rialsFa)
                if let settlement = payment.option.expectedSettlement {
                    Row(label: "تسویه پیش‌بینی‌شده", value: settlement.dateLongFa)
                }
            }
            if let offered = model.view.pin {
                PinSection(
                    pin: offered, busy: busy, code: $pin,
                    softToken: { model.payWithSoftToken() },
                    request: { model.requestPin() },
                    pay: {
                        model.payWithSmsPin(pin)
                        pin = ""
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
