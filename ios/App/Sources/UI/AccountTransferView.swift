#if canImport(SwiftUI) && canImport(UIKit) && canImport(Security) && canImport(CryptoKit)
import Hamrah
import SwiftUI

/// Transfer to an account of the bank by its number (انتقال وجه به سپرده): one screen per state
/// of the core's journey.
struct AccountTransferView: View {
    let transfers: AccountTransfers
    @State private var journey: JourneyModel<AccountTransferState>?
    @State private var flow: AccountTransferFlow?
    @State private var error: HamrahError?
    @State private var number = ""
    @State private var amount = ""
    @State private var note = ""
    @State private var pin = ""

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
        .navigationTitle("انتقال وجه به سپرده")
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
    private func screen(_ journey: JourneyModel<AccountTransferState>, _ flow: AccountTransferFlow) -> some View {
        switch journey.state {
        case let .chooseSource(accounts):
            ForEach(accounts, id: \.accountId) { account in
                Button("\(account.titleFa) (\(amountText(rials: account.availableBalanceRials).rialsFa))") {
                    journey.run { try await flow.act(input: .chooseSource(accountId: account.accountId)) }
                }
            }
        case let .enterDestination(_, problem):
            TextField("شماره حساب مقصد", text: $number).keyboardType(.numberPad)
            if let problem { ProblemView(problem) }
            StepButton(title: "استعلام", busy: journey.busy) {
                journey.run { [number] in try await flow.act(input: .enterDestination(accountNumber: number)) }
            }
        case let .confirmHolder(_, destination):
            Row(label: "صاحب حساب", value: destination.holderName)
            Row(label: "شماره حساب", value: persianDigits(text: destination.accountNumberMasked))
            Row(label: "بانک", value: destination.bank.nameFa)
            Button("تأیید") { journey.run { try await flow.act(input: .confirmHolder(confirmed: true)) } }
            Button("اصلاح شماره") { journey.run { try await flow.act(input: .confirmHolder(confirmed: false)) } }
        case let .enterAmount(_, _, limits, problem):
            Row(label: "سقف هر انتقال", value: amountText(rials: limits.maxRials).rialsFa)
            Row(label: "موجودی قابل برداشت", value: amountText(rials: limits.availableRials).rialsFa)
            TextField("مبلغ (ریال)", text: $amount).keyboardType(.numberPad)
            if let problem { ProblemView(problem) }
            StepButton(title: "ادامه", busy: journey.busy) {
                journey.run { [amount] in try await flow.act(input: .enterAmount(amount: amount)) }
            }
        case let .confirm(payment, status, softToken, problem):
            Row(label: "به", value: "\(payment.destination.holderName) (\(persianDigits(text: payment.destination.accountNumberMasked)))")
            Row(label: "مبلغ", value: "\(payment.amountGroupedFa) ریال")
            Text(payment.amountWordsFa).font(.caption)
            Row(label: "کارمزد", value: amountText(rials: payment.feeRials).rialsFa)
            TextField("شرح (اختیاری)", text: $note)
            Button("ثبت شرح") { journey.run { [note] in try await flow.act(input: .describe(text: note)) } }
            Button(status.secondsLeft > 0 ? "رمز پویا فرستاده شد" : "درخواست رمز پویا") {
                journey.run { try await flow.act(input: .requestPin) }
            }
            .disabled(status.secondsLeft > 0 || status.requestsLeft == 0)
            SecretField(title: "رمز پویا", text: $pin)
            if let problem { ProblemView(problem) }
            StepButton(title: "انتقال", busy: journey.busy) {
                let pin = pin
                self.pin = ""
                journey.run { try await flow.act(input: .submit(pin: pin)) }
            }
            if softToken {
                StepButton(title: "انتقال با رمزساز", busy: journey.busy) {
                    journey.run { try await flow.act(input: .submitWithSoftToken) }
                }
            }
        case .pending:
            ProgressView("در حال انجام؛ نتیجه از بانک پرسیده می‌شود")
        case let .succeeded(_, receipt):
            Label("انتقال انجام شد", systemImage: "checkmark.seal")
            Row(label: "به", value: receipt.destinationHolderName)
            Row(label: "مبلغ", value: amountText(rials: receipt.totalDebitedRials).rialsFa)
            Row(label: "شماره پیگیری", value: persianDigits(text: receipt.traceNumber))
            Row(label: "زمان", value: persianDigits(text: receipt.createdAtJalali))
        case let .failed(problem, _):
            ProblemView(problem)
        }
    }
}
#endif
