#if canImport(SwiftUI) && canImport(UIKit) && canImport(Security) && canImport(CryptoKit)
import Hamrah
import SwiftUI

/// Card to card: one screen per state of the core's journey.
struct CardTransferView: View {
    let transfers: CardTransfers
    @State private var journey: JourneyModel<CardTransferState>?
    @State private var flow: CardTransferFlow?
    @State private var error: HamrahError?

    var body: some View {
        Group {
            if let journey, let flow {
                CardTransferScreen(journey: journey, flow: flow)
            } else if let error {
                ProblemView(error)
            } else {
                ProgressView()
            }
        }
        .navigationTitle("کارت به کارت")
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
}

private struct CardTransferScreen: View {
    let journey: JourneyModel<CardTransferState>
    let flow: CardTransferFlow
    @State private var input = ""
    @State private var pin = ""
    @State private var cvv2 = ""
    @State private var expiry = ""
    @State private var pinSecondsLeft: UInt64 = 0
    @State private var softToken = false

    var body: some View {
        Form {
            switch journey.state {
            case let .chooseSource(cards):
                ForEach(cards, id: \.cardId) { card in
                    Button("\(card.bankNameFa) \(card.panMasked)") {
                        journey.run { [flow] in try await flow.chooseSource(cardId: card.cardId) }
                    }
                }
            case let .enterDestination(source, problem):
                Row(label: "از کارت", value: source.panMasked)
                TextField("شماره کارت مقصد", text: $input).keyboardType(.numberPad)
                if let problem { ProblemView(problem) }
                StepButton(title: "استعلام", busy: journey.busy) {
                    journey.run { [flow, input] in try await flow.enterDestination(pan: input) }
                }
            case let .confirmHolder(_, destination):
                Row(label: "دارنده کارت", value: destination.holderName)
                Row(label: "بانک", value: destination.bank.nameFa)
                Row(label: "کارت مقصد", value: destination.panMasked)
                StepButton(title: "تأیید", busy: journey.busy) {
                    journey.run { [flow] in try await flow.confirmHolder(confirmed: true) }
                }
                Button("اصلاح", role: .cancel) { journey.run { [flow] in try await flow.confirmHolder(confirmed: false) } }
            case let .enterAmount(_, _, limits, problem):
                TextField("مبلغ (ریال)", text: $input).keyboardType(.numberPad)
                Row(label: "سقف باقی‌مانده امروز", value: amountText(rials: limits.dailyRemainingRials).rialsFa)
                Row(label: "کارمزد", value: amountText(rials: limits.feeRials).rialsFa)
                if let problem { ProblemView(problem) }
                StepButton(title: "ادامه", busy: journey.busy) {
                    journey.run { [flow, input] in try await flow.enterAmount(amount: input) }
                }
            case let .authorize(payment, pinStatus, problem):
                Row(label: "به", value: "\(payment.destination.holderName) — \(payment.destination.panMasked)")
                Row(label: "مبلغ", value: "\(payment.amountGroupedFa) ریال")
                Text(payment.amountWordsFa).font(.caption)
                if softToken {
                    Text("رمز پویا با رمزساز همین گوشی ساخته می‌شود.")
                } else {
                    Button(pinSecondsLeft > 0 ? "درخواست دوباره تا \(pinSecondsLeft) ثانیه" : "درخواست رمز پویا") {
                        journey.run { [flow] in try await flow.requestPin() }
                    }
                    .disabled(pinSecondsLeft > 0 || pinStatus.requestsLeft == 0 || journey.busy)
                    SecretField(title: "رمز پویا", text: $pin)
                }
                SecretField(title: "CVV2", text: $cvv2)
                TextField("تاریخ انقضا (YYMM)", text: $expiry).keyboardType(.numberPad)
                if let problem { ProblemView(problem) }
                StepButton(title: "پرداخت", busy: journey.busy) {
                    let (pin, cvv2, expiry, softToken) = (pin, cvv2, expiry, softToken)
                    self.pin = ""
                    self.cvv2 = ""
                    journey.run { [flow] in
                        softToken
                            ? try await flow.submitWithSoftToken(cvv2: cvv2, expiry: expiry)
                            : try await flow.submit(pin: pin, cvv2: cvv2, expiry: expiry)
                    }
                }
                .task(id: pinStatus.requestsUsed) {
                    softToken = await flow.softTokenAvailable()
                    guard let countdown = try? flow.pinCountdown() else { return }
                    for await left in countdown { pinSecondsLeft = left }
                }
            case .pending:
                ProgressView("در حال انجام؛ نتیجه از بانک پرسیده می‌شود")
            case let .succeeded(_, receipt):
                Label("انجام شد", systemImage: "checkmark.seal")
                Row(label: "شماره پیگیری", value: receipt.traceNumber)
                Row(label: "مبلغ", value: amountText(rials: receipt.amountRials).rialsFa)
                Row(label: "کارمزد", value: amountText(rials: receipt.feeRials).rialsFa)
                Row(label: "زمان", value: receipt.createdAtJalali)
            case let .failed(problem, _):
                ProblemView(problem)
            }
            if let error = journey.error { ProblemView(error) }
        }
    }
}
#endif
