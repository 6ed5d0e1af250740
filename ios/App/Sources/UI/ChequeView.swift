#if canImport(SwiftUI) && canImport(UIKit) && canImport(Security) && canImport(CryptoKit)
import Hamrah
import SwiftUI

/// Sayad cheques (چک صیادی): the cheques received with each issuer's colour
/// code and the bounce notice, then confirming or refusing one. Lays out the
/// core's states only.
struct ChequeView: View {
    let cheques: ChequesClient
    @State private var received: ReceivedChequesInfo?
    @State private var flow: ReceivedChequeFlow?
    @State private var state: ReceivedChequeState?
    @State private var error: HamrahError?

    var body: some View {
        Form {
            if let flow, let state {
                answer(flow, state)
            } else if let received {
                if received.bouncedCount > 0 {
                    Text("چک برگشتی: \(persianDigits(text: String(received.bouncedCount))) فقره").foregroundStyle(.red)
                }
                ForEach(received.cheques, id: \.sayadId) { cheque in
                    Section {
                        line(cheque)
                        StepButton(title: "باز کردن", busy: false) { open(cheque.sayadId) }
                    }
                }
            } else {
                ProgressView()
            }
            if let error { ProblemView(error) }
        }
        .navigationTitle("چک صیادی")
        .task { await load() }
    }

    @ViewBuilder
    private func line(_ cheque: ChequeInfo) -> some View {
        Row(label: "مبلغ", value: amountText(rials: cheque.amountRials).rialsFa)
        Row(label: "صادرکننده", value: cheque.issuerNameFa)
        Row(label: "وضعیت اعتباری", value: "\(cheque.colourFa) — \(cheque.colourMeaningFa)")
        Row(label: "سررسید", value: persianDigits(text: cheque.dueDateJalali))
        Row(label: "وضعیت", value: cheque.statusFa)
    }

    @ViewBuilder
    private func answer(_ flow: ReceivedChequeFlow, _ state: ReceivedChequeState) -> some View {
        switch state {
        case let .review(cheque, problem):
            line(cheque)
            if let problem { ProblemView(problem) }
            StepButton(title: "تأیید چک", busy: false) { step { try await flow.accept() } }
            StepButton(title: "رد چک", busy: false) { step { try await flow.refuse() } }
        case let .confirmTransfer(cheque, to, _, problem):
            line(cheque)
            Row(label: "انتقال به", value: persianDigits(text: to))
            if let problem { ProblemView(problem) }
        case .pending:
            ProgressView()
        case let .done(receipt):
            Row(label: "شماره پیگیری", value: persianDigits(text: receipt.referenceNumber))
            Row(label: "زمان", value: persianDigits(text: receipt.atJalali))
        case let .failed(problem):
            ProblemView(problem)
        }
    }

    private func load() async {
        do { received = try await cheques.received() } catch let failure as HamrahError { error = failure } catch {}
    }

    private func open(_ sayadId: String) {
        Task {
            do {
                let opened = try await cheques.openReceived(sayadId: sayadId)
                flow = opened
                state = try opened.state()
            } catch let failure as HamrahError { error = failure } catch {}
        }
    }

    private func step(_ run: @escaping () async throws -> ReceivedChequeState) {
        Task {
            do { state = try await run() } catch let failure as HamrahError { error = failure } catch {}
        }
    }
}
#endif
