#if canImport(SwiftUI) && canImport(UIKit) && canImport(Security) && canImport(CryptoKit)
import Hamrah
import SwiftUI

/// Bill payment from an account or a card: one screen per state of the core's journey.
struct BillPaymentView: View {
    let bills: BillPayments
    @State private var journey: JourneyModel<BillPaymentState>?
    @State private var flow: BillPaymentFlow?
    @State private var error: HamrahError?
    @State private var billId = ""
    @State private var paymentId = ""
    @State private var pin = ""
    @State private var cvv2 = ""
    @State private var expiry = ""

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
        .navigationTitle("پرداخت قبض")
        .task {
            do {
                let flow = try await bills.start()
                self.flow = flow
                journey = JourneyModel(initial: try flow.state(), states: try flow.states())
            } catch let failure as HamrahError {
                error = failure
            } catch {}
        }
        .onDisappear { journey?.stop() }
    }

    @ViewBuilder
    private func screen(_ journey: JourneyModel<BillPaymentState>, _ flow: BillPaymentFlow) -> some View {
        switch journey.state {
        case let .enterBill(problem):
            TextField("شناسه قبض", text: $billId).keyboardType(.numberPad)
            TextField("شناسه پرداخت", text: $paymentId).keyboardType(.numberPad)
            if let problem { ProblemView(problem) }
            StepButton(title: "استعلام", busy: journey.busy) {
                journey.run { [billId, paymentId] in try await flow.enterBill(billId: billId, paymentId: paymentId) }
            }
        case let .alreadyPaid(bill):
            Text("این قبض پیش‌تر پرداخت شده است (\(bill.paidAtJalali ?? "")).")
        case let .chooseSource(bill, sources, problem):
            Row(label: bill.billTypeFa, value: bill.billerNameFa)
            Row(label: "مبلغ", value: "\(bill.amountGroupedFa) ریال")
            Text(bill.amountWordsFa).font(.caption)
            ForEach(Array(sources.enumerated()), id: \.offset) { _, source in
                switch source {
                case let .account(accountId, titleFa, shebaMasked, _):
                    Button("از حساب \(titleFa) \(shebaMasked)") {
                        journey.run { try await flow.chooseSource(sourceId: accountId) }
                    }
                case let .card(cardId, panMasked, bankNameFa):
                    Button("با کارت \(bankNameFa) \(panMasked)") {
                        journey.run { try await flow.chooseSource(sourceId: cardId) }
                    }
                }
            }
            if let problem { ProblemView(problem) }
        case let .confirmAccount(order, status, problem):
            Row(label: "مبلغ کل", value: amountText(rials: order.totalRials).rialsFa)
            Button(status.secondsLeft > 0 ? "رمز پویا فرستاده شد" : "درخواست رمز پویا") {
                journey.run { try await flow.requestPin() }
            }
            .disabled(status.secondsLeft > 0 || status.requestsLeft == 0)
            SecretField(title: "رمز پویا", text: $pin)
            if let problem { ProblemView(problem) }
            StepButton(title: "پرداخت", busy: journey.busy) {
                let pin = pin
                self.pin = ""
                journey.run { try await flow.confirm(pin: pin) }
            }
        case let .authorize(order, status, problem):
            Row(label: "مبلغ کل", value: amountText(rials: order.totalRials).rialsFa)
            Button(status.secondsLeft > 0 ? "رمز پویا فرستاده شد" : "درخواست رمز پویا") {
                journey.run { try await flow.requestPin() }
            }
            .disabled(status.secondsLeft > 0 || status.requestsLeft == 0)
            SecretField(title: "رمز پویا", text: $pin)
            SecretField(title: "CVV2", text: $cvv2)
            TextField("تاریخ انقضا (YYMM)", text: $expiry).keyboardType(.numberPad)
            if let problem { ProblemView(problem) }
            StepButton(title: "پرداخت", busy: journey.busy) {
                let (pin, cvv2, expiry) = (pin, cvv2, expiry)
                self.pin = ""
                self.cvv2 = ""
                journey.run { try await flow.submitCard(pin: pin, cvv2: cvv2, expiry: expiry) }
            }
        case .pending:
            ProgressView("در حال انجام؛ نتیجه از بانک پرسیده می‌شود")
        case let .succeeded(_, receipt):
            Label("پرداخت شد", systemImage: "checkmark.seal")
            Row(label: "شماره پیگیری", value: receipt.traceNumber)
            Row(label: "زمان", value: receipt.paidAtJalali)
        case let .failed(problem, _):
            ProblemView(problem)
        }
    }
}
#endif
