#if canImport(SwiftUI) && canImport(UIKit) && canImport(Security) && canImport(CryptoKit)
import Hamrah
import SwiftUI

/// تسهیلات و اقساط: the customer's loans (offline, the last kept), then paying an instalment,
/// one screen per state of the core's journey.
struct LoanView: View {
    let loans: Loans
    @State private var view: LoansView?
    @State private var journey: JourneyModel<LoanPaymentState>?
    @State private var flow: LoanPaymentFlow?
    @State private var error: HamrahError?
    @State private var number = ""
    @State private var count = "1"
    @State private var pin = ""
    @State private var cvv2 = ""
    @State private var expiry = ""

    var body: some View {
        Form {
            if let journey, let flow {
                screen(journey, flow)
                if let error = journey.error { ProblemView(error) }
            } else {
                if let view {
                    if view.offline { Text("آخرین اطلاعات دریافت‌شده (بدون اتصال)").font(.caption) }
                    ForEach(view.loans, id: \.loanId) { loan in
                        Section(loan.titleFa) {
                            Row(label: "شماره", value: persianDigits(text: loan.loanNumber))
                            Row(label: "مانده", value: amountText(rials: loan.remainingRials).rialsFa)
                            if let next = loan.nextDueDateJalali { Row(label: "قسط بعدی", value: persianDigits(text: next)) }
                            if loan.overdueCount > 0 {
                                Row(label: "اقساط معوق", value: persianDigits(text: String(loan.overdueCount)))
                                Row(label: "جریمه تأخیر", value: amountText(rials: loan.penaltyRials).rialsFa)
                            }
                        }
                    }
                }
                Button("پرداخت قسط") { start { try await loans.pay() } }
                Button("پرداخت قسط دیگران") { start { loans.payByNumber() } }
                if let error { ProblemView(error) }
            }
        }
        .navigationTitle("تسهیلات و اقساط")
        .task {
            do { view = try await loans.list() } catch let failure as HamrahError { error = failure } catch {}
        }
        .onDisappear { journey?.stop() }
    }

    private func start(_ open: @escaping () async throws -> LoanPaymentFlow) {
        Task {
            do {
                let flow = try await open()
                self.flow = flow
                journey = JourneyModel(initial: try flow.state(), states: try flow.states())
            } catch let failure as HamrahError {
                error = failure
            } catch {}
        }
    }

    @ViewBuilder
    private func screen(_ journey: JourneyModel<LoanPaymentState>, _ flow: LoanPaymentFlow) -> some View {
        switch journey.state {
        case let .chooseLoan(loans, problem):
            ForEach(loans, id: \.loanId) { loan in
                Button("\(loan.titleFa) — \(persianDigits(text: loan.loanNumber))") {
                    journey.run { try await flow.chooseLoan(loanId: loan.loanId) }
                }
            }
            if let problem { ProblemView(problem) }
            Button("پرداخت با شماره تسهیلات") { journey.run { try await flow.payByNumber() } }
        case let .enterLoanNumber(problem):
            TextField("شماره تسهیلات", text: $number).keyboardType(.numberPad)
            if let problem { ProblemView(problem) }
            StepButton(title: "استعلام", busy: journey.busy) {
                journey.run { [number] in try await flow.enterLoanNumber(number: number) }
            }
        case let .confirmHolder(loan):
            Row(label: "شماره تسهیلات", value: persianDigits(text: loan.loanNumber))
            Row(label: "به نام", value: loan.holderNameMasked)
            Row(label: "بانک", value: loan.bank.nameFa)
            Button("تأیید") { journey.run { try await flow.confirmHolder(confirmed: true) } }
            Button("اصلاح شماره") { journey.run { try await flow.confirmHolder(confirmed: false) } }
        case let .chooseInstalments(loan, problem):
            ForEach(loan.due, id: \.number) { due in
                Row(
                    label: "قسط \(persianDigits(text: String(due.number))) (\(persianDigits(text: due.dueDateJalali)))",
                    value: amountText(rials: due.amountRials + due.penaltyRials).rialsFa
                )
            }
            TextField("تعداد اقساط", text: $count).keyboardType(.numberPad)
            if let problem { ProblemView(problem) }
            StepButton(title: "ادامه", busy: journey.busy) {
                let count = UInt32(count) ?? 0
                journey.run { try await flow.chooseInstalments(count: count) }
            }
            if loan.own {
                Button("تسویه پیش از موعد") { journey.run { try await flow.requestSettlement() } }
            }
        case let .confirmSettlement(_, quote):
            Row(label: "اقساط پرداخت‌نشده", value: amountText(rials: quote.unpaidRials).rialsFa)
            Row(label: "جریمه", value: amountText(rials: quote.penaltyRials).rialsFa)
            Row(label: "تخفیف سود", value: amountText(rials: quote.discountRials).rialsFa)
            Row(label: "مبلغ تسویه", value: amountText(rials: quote.amountRials).rialsFa)
            Row(label: "معتبر تا", value: persianDigits(text: quote.validUntilJalali))
            Button("پذیرش") { journey.run { try await flow.acceptSettlement(accepted: true) } }
            Button("انصراف") { journey.run { try await flow.acceptSettlement(accepted: false) } }
        case let .chooseSource(_, amount, _, sources, problem):
            Row(label: "مبلغ", value: amountText(rials: amount).rialsFa)
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
        case let .authorize(order, status, problem):
            Row(label: "مبلغ", value: "\(order.amountGroupedFa) ریال")
            Text(order.amountWordsFa).font(.caption)
            Row(label: "به نام", value: order.loan.holderNameMasked)
            Button(status.secondsLeft > 0 ? "رمز پویا فرستاده شد" : "درخواست رمز پویا") {
                journey.run { try await flow.requestPin() }
            }
            .disabled(status.secondsLeft > 0 || status.requestsLeft == 0)
            SecretField(title: "رمز پویا", text: $pin)
            if case .card = order.source {
                SecretField(title: "CVV2", text: $cvv2)
                TextField("تاریخ انقضا (YYMM)", text: $expiry).keyboardType(.numberPad)
            }
            if let problem { ProblemView(problem) }
            StepButton(title: "پرداخت", busy: journey.busy) {
                let (pin, cvv2, expiry) = (pin, cvv2, expiry)
                self.pin = ""
                self.cvv2 = ""
                if case .card = order.source {
                    journey.run { try await flow.submitCard(pin: pin, cvv2: cvv2, expiry: expiry) }
                } else {
                    journey.run { try await flow.submit(pin: pin) }
                }
            }
        case .pending:
            ProgressView("در حال انجام؛ نتیجه از بانک پرسیده می‌شود")
        case let .succeeded(_, receipt):
            Label(receipt.loanSettled ? "تسهیلات تسویه شد" : "قسط پرداخت شد", systemImage: "checkmark.seal")
            Row(label: "شماره پیگیری", value: receipt.traceNumber)
            Row(label: "مبلغ", value: amountText(rials: receipt.totalDebitedRials).rialsFa)
            Row(label: "مانده تسهیلات", value: amountText(rials: receipt.remainingRials).rialsFa)
            Row(label: "زمان", value: persianDigits(text: receipt.paidAtJalali))
        case let .failed(problem, _):
            ProblemView(problem)
        }
    }
}
#endif
