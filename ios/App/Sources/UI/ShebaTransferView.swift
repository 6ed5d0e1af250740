#if canImport(SwiftUI) && canImport(UIKit) && canImport(Security) && canImport(CryptoKit)
import Hamrah
import SwiftUI

/// SHEBA transfer (PAYA or SATNA): one screen per state of the core's journey.
struct ShebaTransferView: View {
    let transfers: ShebaTransfers
    @State private var journey: JourneyModel<ShebaTransferState>?
    @State private var pin = ""
    @State private var flow: ShebaTransferFlow?
    @State private var error: HamrahError?
    @State private var input = ""

    var body: some View {
        Form {
            if let journey, let flow {
                screen(journey, flow)
                if let error = journey.error { ProblemView(error) }
            } else if let error {
                ProblemView(error)
            } else {
                ProgressView()
            }
        }
        .navigationTitle("انتقال شبا")
        .task {
            do {
                let flow = try await transfers.start()
                self.flow = flow
                journey = JourneyModel(initial: try flow.state(), states: try flow.states())
            } catch let failure as HamrahError {
                error = failure
            } catch {}
        }
        .onDisappear { journey?.stop() }
    }

    @ViewBuilder
    private func screen(_ journey: JourneyModel<ShebaTransferState>, _ flow: ShebaTransferFlow) -> some View {
        switch journey.state {
        case let .chooseSource(accounts):
            ForEach(accounts, id: \.accountId) { account in
                Button("\(account.titleFa) \(account.shebaMasked)") {
                    journey.run { try await flow.chooseSource(accountId: account.accountId) }
                }
            }
        case let .enterSheba(_, problem):
            TextField("شماره شبا (IR...)", text: $input).textInputAutocapitalization(.characters)
            if let problem { ProblemView(problem) }
            StepButton(title: "استعلام", busy: journey.busy) {
                journey.run { [input] in try await flow.enterSheba(sheba: input) }
            }
        case let .confirmHolder(_, destination):
            Row(label: "صاحب حساب", value: destination.holderName)
            Row(label: "بانک", value: destination.bank.nameFa)
            Row(label: "شبا", value: destination.shebaMasked)
            StepButton(title: "تأیید", busy: journey.busy) {
                journey.run { try await flow.confirmHolder(confirmed: true) }
            }
        case let .enterAmount(_, _, limits, problem):
            TextField("مبلغ (ریال)", text: $input).keyboardType(.numberPad)
            Row(label: "موجودی قابل برداشت", value: amountText(rials: limits.availableRials).rialsFa)
            if let problem { ProblemView(problem) }
            StepButton(title: "ادامه", busy: journey.busy) {
                journey.run { [input] in try await flow.enterAmount(amount: input) }
            }
        case let .chooseMethod(_, _, _, options):
            ForEach(options, id: \.nameFa) { option in
                Button("\(option.nameFa) — کارمزد \(amountText(rials: option.feeRials).rialsFa)") {
                    journey.run { try await flow.chooseMethod(method: option.method) }
                }
            }
        case let .confirm(payment, status, problem):
            Row(label: "به", value: "\(payment.destination.holderName) — \(payment.destination.shebaMasked)")
            Row(label: "روش", value: payment.option.nameFa)
            Row(label: "مبلغ", value: "\(payment.amountGroupedFa) ریال")
            Text(payment.amountWordsFa).font(.caption)
            Button(status.secondsLeft > 0 ? "رمز پویا فرستاده شد" : "درخواست رمز پویا") {
                journey.run { try await flow.requestPin() }
            }
            .disabled(status.secondsLeft > 0 || status.requestsLeft == 0)
            SecretField(title: "رمز پویا", text: $pin)
            if let problem { ProblemView(problem) }
            StepButton(title: "ارسال", busy: journey.busy) {
                let pin = pin
                self.pin = ""
                journey.run { try await flow.submit(pin: pin) }
            }
        case .pending:
            ProgressView("در حال انجام؛ نتیجه از بانک پرسیده می‌شود")
        case let .succeeded(_, receipt):
            Label("ثبت شد", systemImage: "checkmark.seal")
            Row(label: "شماره پیگیری", value: receipt.traceNumber)
            Row(label: "تسویه", value: receipt.expectedSettlementAtJalali)
        case let .failed(problem, _):
            ProblemView(problem)
        }
    }
}
#endif
