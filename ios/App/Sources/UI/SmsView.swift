#if canImport(SwiftUI) && canImport(UIKit) && canImport(Security) && canImport(CryptoKit)
import Hamrah
import SwiftUI

/// Banking by SMS while data is down: the composer sends the frame (the customer taps Send);
/// the bank's reply, read in Messages, is pasted here and handed to the core. One exchange at
/// a time; accounts and cards are named by their place in the customer's list: the lists
/// that came over HTTPS when there are any, else the channel's directory (the labels kept from
/// the last time they did; with data off, or from the login screen, before any session).
struct SmsView: View {
    let sms: SmsChannel?
    let accounts: [AccountInfo]
    let cards: [CardInfo]
    @State private var exchange = SmsExchange()
    @State private var directory = SmsDirectory(accounts: [], cards: [])
    @State private var directoryError: HamrahError?

    var body: some View {
        Form {
            if let sms {
                SmsReplyView(sms: sms)
                SmsAccountSection(sms: sms, accounts: accountLabels, exchange: exchange)
                SmsCardTransferSection(sms: sms, cards: cardLabels, exchange: exchange)
                SmsBillSection(sms: sms, accounts: accountLabels, exchange: exchange)
                SmsCardBlockSection(sms: sms, cards: cardLabels, exchange: exchange)
                if let directoryError { ProblemView(directoryError) }
            } else {
                Text("بانکداری پیامکی هنوز آماده نیست.")
            }
        }
        .navigationTitle("بانکداری پیامکی")
        .onAppear { readDirectory() }
    }

    /// The accounts as the pickers list them, in index order.
    private var accountLabels: [String] {
        accounts.isEmpty ? directory.accounts : accounts.map(\.titleFa)
    }

    /// The cards as the pickers list them, in index order.
    private var cardLabels: [String] {
        cards.isEmpty ? directory.cards : cards.map(\.choiceFa)
    }

    private func readDirectory() {
        guard let sms else { return }
        do {
            directory = try sms.directory()
        } catch let failure as HamrahError {
            directoryError = failure
        } catch {}
    }
}

/// The bank's reply, read in Messages and pasted here (an iPhone app cannot read SMS), handed
/// to the core; the exchange waiting for it then ends.
struct SmsReplyView: View {
    let sms: SmsChannel
    @State private var reply = ""

    var body: some View {
        Section("پاسخ بانک را از پیام‌ها اینجا بچسبانید") {
            TextEditor(text: $reply)
                .frame(minHeight: 80)
                .environment(\.layoutDirection, .leftToRight)
            Button("ثبت پاسخ") {
                sms.deliver(sms: .text(text: reply))
                reply = ""
            }
            .disabled(reply.isEmpty)
        }
    }
}

/// Balance and last five entries of the chosen account over SMS.
struct SmsAccountSection: View {
    let sms: SmsChannel
    /// The accounts' labels, index order.
    let accounts: [String]
    let exchange: SmsExchange
    @State private var account = 0

    var body: some View {
        Section("حساب") {
            SmsIndexPicker(title: "حساب", options: accounts, selection: $account)
            StepButton(title: "موجودی", busy: exchange.busy) {
                guard let index = UInt8(exactly: account) else { return }
                exchange.run(.account) { [sms] in try await sms.balance(accountIndex: index) }
            }
            .disabled(accounts.isEmpty)
            StepButton(title: "پنج گردش آخر", busy: exchange.busy) {
                guard let index = UInt8(exactly: account) else { return }
                exchange.run(.account) { [sms] in try await sms.lastFive(accountIndex: index) }
            }
            .disabled(accounts.isEmpty)
            SmsOutcomeView(exchange: exchange, task: .account)
        }
    }
}

/// Picks an account or a card by its place in the customer's list (how the SMS channel names it).
struct SmsIndexPicker: View {
    let title: String
    let options: [String]
    @Binding var selection: Int

    var body: some View {
        if options.isEmpty {
            Text("\(title): موردی نیست").foregroundStyle(.secondary)
        } else {
            Picker(title, selection: $selection) {
                ForEach(Array(options.enumerated()), id: \.offset) { offset, option in
                    Text(option).tag(offset)
                }
            }
        }
    }
}

/// The outcome of `task`'s last exchange: the bank's reply in Persian with its figures, or the
/// problem; while it runs, where the reply goes.
struct SmsOutcomeView: View {
    let exchange: SmsExchange
    let task: SmsTask

    var body: some View {
        if exchange.task == task {
            if exchange.busy {
                ProgressView("در انتظار پاسخ بانک؛ آن را در بخش بالای همین صفحه بچسبانید")
            }
            if let result = exchange.result {
                Text(result.messageFa)
                SmsReplyDetails(reply: result.reply)
            }
            if let error = exchange.error { ProblemView(error) }
        }
    }
}

/// The figures of a reply: balances, the last five entries (newest first), a trace number.
private struct SmsReplyDetails: View {
    let reply: SmsReply

    var body: some View {
        switch reply {
        case let .balance(balanceRials, availableRials):
            Row(label: "موجودی", value: signedAmountText(rials: balanceRials).rialsFa)
            Row(label: "قابل برداشت", value: amountText(rials: availableRials).rialsFa)
        case let .statement(balanceRials, entries):
            Row(label: "موجودی", value: signedAmountText(rials: balanceRials).rialsFa)
            ForEach(Array(entries.enumerated()), id: \.offset) { _, entry in
                Row(label: persianDigits(text: entry.postedAtJalali), value: signedAmountText(rials: entry.amountRials).rialsFa)
            }
        case let .transfer(_, _, _, trace, _), let .bill(_, trace):
            Row(label: "شماره پیگیری", value: trace)
        case .refused, .blocked, .pinSent, .pending, .notFound:
            EmptyView()
        }
    }
}

extension CardInfo {
    /// The card as the SMS screen lists it: its bank and masked PAN.
    var choiceFa: String {
        "\(bank.nameFa) \(panMasked)"
    }
}
#endif
