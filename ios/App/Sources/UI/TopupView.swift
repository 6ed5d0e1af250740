#if canImport(SwiftUI) && canImport(UIKit) && canImport(Security) && canImport(CryptoKit)
import Hamrah
import SwiftUI

/// Mobile top-up and internet packages (خرید شارژ و بسته اینترنت): one screen per state of the
/// core's journey.
struct TopupView: View {
    let topups: Topups
    @State private var journey: JourneyModel<TopupState>?
    @State private var flow: TopupFlow?
    @State private var error: HamrahError?
    @State private var mobile = ""
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
        .navigationTitle("خرید شارژ و بسته اینترنت")
        .task {
            do {
                let flow = try await topups.start()
                self.flow = flow
                journey = JourneyModel(initial: try flow.state(), states: try flow.states())
            } catch let failure as HamrahError {
                error = failure
            } catch {}
        }
        .onDisappear { journey?.stop() }
    }

    @ViewBuilder
    private func screen(_ journey: JourneyModel<TopupState>, _ flow: TopupFlow) -> some View {
        switch journey.state {
        case let .enterMobile(ownMobile, problem):
            if let ownMobile {
                Button("شماره خودم (\(persianDigits(text: ownMobile)))") {
                    journey.run { try await flow.act(input: .enterMobile(mobile: ownMobile)) }
                }
            }
            TextField("شماره همراه", text: $mobile).keyboardType(.phonePad)
            if let problem { ProblemView(problem) }
            StepButton(title: "ادامه", busy: journey.busy) {
                journey.run { [mobile] in try await flow.act(input: .enterMobile(mobile: mobile)) }
            }
        case let .chooseProduct(line, offer, operators, problem):
            Row(label: "شماره", value: persianDigits(text: line.mobile))
            Row(label: "اپراتور", value: line.ported ? "\(line.operatorNameFa) (ترابردشده)" : line.operatorNameFa)
            // The operator comes from the prefix; another one for a number ported to it.
            ForEach(operators.filter { $0.operatorId != line.operatorId }, id: \.operatorId) { other in
                Button("ترابرد به \(other.nameFa)") {
                    journey.run { try await flow.act(input: .chooseOperator(operatorId: other.operatorId)) }
                }
            }
            if let offer {
                Section("شارژ") {
                    ForEach(offer.chargeAmountsRials, id: \.self) { amount in
                        Button("شارژ مستقیم \(amountText(rials: amount).rialsFa)") {
                            journey.run { try await flow.act(input: .chooseCharge(amount: String(amount), amazing: false)) }
                        }
                        if let title = offer.amazingTitleFa {
                            Button("\(title) \(amountText(rials: amount).rialsFa)") {
                                journey.run { try await flow.act(input: .chooseCharge(amount: String(amount), amazing: true)) }
                            }
                        }
                    }
                }
                Section("بسته اینترنت") {
                    ForEach(offer.packages, id: \.packageId) { package in
                        Button("\(package.titleFa)، \(persianDigits(text: String(package.durationDays))) روز، \(amountText(rials: package.priceRials).rialsFa)") {
                            journey.run { try await flow.act(input: .choosePackage(packageId: package.packageId)) }
                        }
                    }
                }
            }
            if let problem { ProblemView(problem) }
        case let .chooseSource(purchase, sources, problem):
            Row(label: purchase.titleFa, value: "\(purchase.amountGroupedFa) ریال")
            Text(purchase.amountWordsFa).font(.caption)
            Row(label: "برای", value: persianDigits(text: purchase.line.mobileMasked))
            ForEach(Array(sources.enumerated()), id: \.offset) { _, source in
                switch source {
                case let .account(accountId, titleFa, shebaMasked, _):
                    Button("از حساب \(titleFa) \(shebaMasked)") {
                        journey.run { try await flow.act(input: .chooseSource(sourceId: accountId)) }
                    }
                case let .card(cardId, panMasked, bankNameFa):
                    Button("با کارت \(bankNameFa) \(panMasked)") {
                        journey.run { try await flow.act(input: .chooseSource(sourceId: cardId)) }
                    }
                }
            }
            if let problem { ProblemView(problem) }
        case let .confirmAccount(order, status, softToken, problem):
            Row(label: order.purchase.titleFa, value: amountText(rials: order.totalRials).rialsFa)
            Button(status.secondsLeft > 0 ? "رمز پویا فرستاده شد" : "درخواست رمز پویا") {
                journey.run { try await flow.act(input: .requestPin) }
            }
            .disabled(status.secondsLeft > 0 || status.requestsLeft == 0)
            SecretField(title: "رمز پویا", text: $pin)
            if let problem { ProblemView(problem) }
            StepButton(title: "پرداخت", busy: journey.busy) {
                let pin = pin
                self.pin = ""
                journey.run { try await flow.act(input: .pay(pin: pin, card: nil)) }
            }
            if softToken {
                StepButton(title: "پرداخت با رمزساز", busy: journey.busy) {
                    journey.run { try await flow.act(input: .payWithSoftToken(card: nil)) }
                }
            }
        case let .authorize(order, status, softToken, problem):
            Row(label: order.purchase.titleFa, value: amountText(rials: order.totalRials).rialsFa)
            Button(status.secondsLeft > 0 ? "رمز پویا فرستاده شد" : "درخواست رمز پویا") {
                journey.run { try await flow.act(input: .requestPin) }
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
                let card = CardCredentials(cvv2: cvv2, expiry: expiry)
                journey.run { try await flow.act(input: .pay(pin: pin, card: card)) }
            }
            if softToken {
                StepButton(title: "پرداخت با رمزساز", busy: journey.busy) {
                    let card = CardCredentials(cvv2: cvv2, expiry: expiry)
                    self.cvv2 = ""
                    journey.run { try await flow.act(input: .payWithSoftToken(card: card)) }
                }
            }
        case .pending:
            ProgressView("در حال انجام؛ نتیجه از بانک پرسیده می‌شود")
        case let .succeeded(_, receipt):
            Label("خرید انجام شد", systemImage: "checkmark.seal")
            Row(label: "برای", value: persianDigits(text: receipt.mobileMasked))
            Row(label: "مبلغ", value: amountText(rials: receipt.totalDebitedRials).rialsFa)
            Row(label: "شماره پیگیری اپراتور", value: persianDigits(text: receipt.operatorReference))
            Row(label: "شماره پیگیری", value: persianDigits(text: receipt.traceNumber))
            Row(label: "زمان", value: persianDigits(text: receipt.createdAtJalali))
        case let .failed(problem, _):
            ProblemView(problem)
        }
    }
}
#endif
