#if canImport(SwiftUI) && canImport(UIKit) && canImport(Security) && canImport(CryptoKit)
import Hamrah
import SwiftUI

/// Card to card over SMS: the source card, destination and amount make one transfer (one
/// idempotency key; the fields lock); its dynamic PIN is asked over SMS, then it is sent with
/// the PIN, CVV2 and expiry, and resolved by its key when the outcome is unknown.
struct SmsCardTransferSection: View {
    let sms: SmsChannel
    /// The cards' labels, index order.
    let cards: [String]
    let exchange: SmsExchange
    @State private var card = 0
    @State private var destination = ""
    @State private var amount = ""
    @State private var transfer: SmsCardTransfer?
    @State private var pin = ""
    @State private var cvv2 = ""
    @State private var expiry = ""

    var body: some View {
        Section("کارت به کارت") {
            SmsIndexPicker(title: "از کارت", options: cards, selection: $card)
                .disabled(transfer != nil)
            TextField("شماره کارت مقصد", text: $destination).keyboardType(.numberPad)
                .disabled(transfer != nil)
            TextField("مبلغ (ریال)", text: $amount).keyboardType(.numberPad)
                .disabled(transfer != nil)
            StepButton(title: "درخواست رمز پویا", busy: exchange.busy) { requestPin() }
                .disabled(cards.isEmpty)
            if let transfer {
                SecretField(title: "رمز پویا", text: $pin)
                SecretField(title: "CVV2", text: $cvv2)
                TextField("تاریخ انقضا (YYMM)", text: $expiry).keyboardType(.numberPad)
                StepButton(title: "پرداخت", busy: exchange.busy) {
                    let (pin, cvv2, expiry) = (pin, cvv2, expiry)
                    self.pin = ""
                    self.cvv2 = ""
                    exchange.run(.transfer) { try await transfer.submit(pin: pin, cvv2: cvv2, expiry: expiry) }
                }
                if exchange.unresolved(.transfer) {
                    StepButton(title: "پیگیری نتیجه", busy: exchange.busy) {
                        exchange.run(.transfer) { try await transfer.resolve() }
                    }
                }
                Button("انتقال تازه") { startOver() }.disabled(exchange.busy)
            }
            SmsOutcomeView(exchange: exchange, task: .transfer)
        }
    }

    private func requestPin() {
        guard let transfer = transfer ?? start() else { return }
        exchange.run(.transfer) { try await transfer.requestPin() }
    }

    /// The transfer of the fields as typed (the core checks the PAN and the amount).
    private func start() -> SmsCardTransfer? {
        guard let index = UInt8(exactly: card) else { return nil }
        do {
            let started = try sms.cardTransfer(cardIndex: index, destinationPan: destination, amount: amount)
            transfer = started
            return started
        } catch let failure as HamrahError {
            exchange.refuse(.transfer, failure)
        } catch {}
        return nil
    }

    private func startOver() {
        transfer = nil
        destination = ""
        amount = ""
        pin = ""
        cvv2 = ""
        expiry = ""
    }
}

/// A bill paid over SMS from the chosen account: the bill ID, payment ID and amount make one
/// payment (one idempotency key; the fields lock), resolved by its key when the outcome is unknown.
struct SmsBillSection: View {
    let sms: SmsChannel
    /// The accounts' labels, index order.
    let accounts: [String]
    let exchange: SmsExchange
    @State private var account = 0
    @State private var billId = ""
    @State private var paymentId = ""
    @State private var amount = ""
    @State private var payment: SmsBillPayment?

    var body: some View {
        Section("پرداخت قبض") {
            SmsIndexPicker(title: "از حساب", options: accounts, selection: $account)
                .disabled(payment != nil)
            TextField("شناسه قبض", text: $billId).keyboardType(.numberPad)
                .disabled(payment != nil)
            TextField("شناسه پرداخت", text: $paymentId).keyboardType(.numberPad)
                .disabled(payment != nil)
            TextField("مبلغ (ریال)", text: $amount).keyboardType(.numberPad)
                .disabled(payment != nil)
            StepButton(title: "پرداخت از حساب", busy: exchange.busy) { pay() }
                .disabled(accounts.isEmpty)
            if let payment {
                if exchange.unresolved(.bill) {
                    StepButton(title: "پیگیری نتیجه", busy: exchange.busy) {
                        exchange.run(.bill) { try await payment.resolve() }
                    }
                }
                Button("قبض تازه") { startOver() }.disabled(exchange.busy)
            }
            SmsOutcomeView(exchange: exchange, task: .bill)
        }
    }

    private func pay() {
        guard let index = UInt8(exactly: account), let payment = payment ?? start() else { return }
        exchange.run(.bill) { try await payment.payFromAccount(accountIndex: index) }
    }

    /// The payment of the fields as typed (the core checks the IDs' check digits and the amount).
    private func start() -> SmsBillPayment? {
        do {
            let started = try sms.billPayment(billId: billId, paymentId: paymentId, amount: amount)
            payment = started
            return started
        } catch let failure as HamrahError {
            exchange.refuse(.bill, failure)
        } catch {}
        return nil
    }

    private func startOver() {
        payment = nil
        billId = ""
        paymentId = ""
        amount = ""
    }
}

/// Blocking the chosen card (as lost) over SMS, after a confirmation; resolved by its key when
/// the outcome is unknown.
struct SmsCardBlockSection: View {
    let sms: SmsChannel
    /// The cards' labels, index order.
    let cards: [String]
    let exchange: SmsExchange
    @State private var card = 0
    @State private var confirming = false
    @State private var block: SmsCardBlock?

    var body: some View {
        Section("مسدود کردن کارت") {
            SmsIndexPicker(title: "کارت", options: cards, selection: $card)
            Button("مسدود کردن کارت", role: .destructive) { confirming = true }
                .disabled(cards.isEmpty || exchange.busy)
                .confirmationDialog("کارت \(chosen) مسدود شود؟", isPresented: $confirming, titleVisibility: .visible) {
                    Button("مسدود شود", role: .destructive) { submit() }
                    Button("انصراف", role: .cancel) {}
                }
            if let block, exchange.unresolved(.block) {
                StepButton(title: "پیگیری نتیجه", busy: exchange.busy) {
                    exchange.run(.block) { try await block.resolve() }
                }
            }
            SmsOutcomeView(exchange: exchange, task: .block)
        }
    }

    private var chosen: String {
        cards.indices.contains(card) ? cards[card] : ""
    }

    private func submit() {
        guard let index = UInt8(exactly: card) else { return }
        let block = sms.cardBlock(cardIndex: index)
        self.block = block
        exchange.run(.block) { try await block.submit() }
    }
}
#endif
