#if canImport(SwiftUI) && canImport(UIKit) && canImport(Security) && canImport(CryptoKit)
import Hamrah
import SwiftUI

/// Home: the customer's accounts and cards, the session's idle warning, the channel in use,
/// and the way to every journey.
struct HomeView: View {
    let hamrah: Hamrah
    let session: SessionState
    let sms: SmsChannel?
    let channel: ChannelDecision?
    @State private var accounts: [AccountInfo] = []
    @State private var cards: [CardInfo] = []
    @State private var error: HamrahError?

    var body: some View {
        List {
            if case let .expiring(_, seconds) = session {
                Text("نشست تا \(seconds) ثانیه دیگر بسته می‌شود.").foregroundStyle(.orange)
            }
            if let channel, channel.channel == .sms {
                NavigationLink("بدون اینترنت: ارسال با پیامک") { SmsView(sms: sms, accounts: accounts, cards: cards) }
            }
            Section("حساب‌ها") {
                ForEach(accounts, id: \.accountId) { account in
                    NavigationLink {
                        HistoryView(accounts: hamrah.accounts(), account: account)
                    } label: {
                        Row(label: account.titleFa, value: signedAmountText(rials: account.balanceRials).rialsFa)
                    }
                }
            }
            Section("کارت‌ها") {
                ForEach(cards, id: \.cardId) { card in
                    Row(label: card.bank.nameFa, value: card.panMasked)
                }
            }
            Section("خدمات") {
                NavigationLink("کارت به کارت") { CardTransferView(transfers: hamrah.cardTransfers()) }
                NavigationLink("انتقال شبا (پایا، ساتنا)") { ShebaTransferView(transfers: hamrah.shebaTransfers()) }
                NavigationLink("انتقال وجه به سپرده") { AccountTransferView(transfers: hamrah.accountTransfers()) }
                NavigationLink("پرداخت قبض") { BillPaymentView(bills: hamrah.bills()) }
                NavigationLink("خرید شارژ و بسته اینترنت") { TopupView(topups: hamrah.topups()) }
                NavigationLink("رمزساز") { SoftTokenView(token: hamrah.token(), cards: cards) }
                NavigationLink("پیام‌های بانک") { InboxView(notices: hamrah.notices()) }
                NavigationLink("نرخ ارز") { RatesView(info: hamrah.info()) }
                NavigationLink("جستجوی شعبه") { BranchesView(info: hamrah.info()) }
                NavigationLink("انواع سپرده و سود") { DepositProductsView(info: hamrah.info()) }
                NavigationLink("تنظیمات") { SettingsView(session: hamrah.session(), sms: sms) }
            }
            if let error { ProblemView(error) }
        }
        .navigationTitle(customerName)
        .refreshable { await load() }
        .task { await load() }
    }

    private var customerName: String {
        switch session {
        case let .active(customer), let .expiring(customer, _): customer
        default: "همراه‌بانک"
        }
    }

    private func load() async {
        do {
            accounts = try await hamrah.accounts().accounts()
            cards = try await hamrah.accounts().cards()
        } catch let failure as HamrahError {
            error = failure
        } catch {}
    }
}

/// The statement of one account, newest first, page by page.
struct HistoryView: View {
    let accounts: AccountsClient
    let account: AccountInfo
    @State private var entries: [StatementEntry] = []
    @State private var cursor: String?
    @State private var error: HamrahError?

    var body: some View {
        List {
            Row(label: "شبا", value: account.sheba)
            ForEach(entries, id: \.entryId) { entry in
                VStack(alignment: .leading) {
                    Text(entry.descriptionFa)
                    Text("\(entry.direction == "debit" ? "−" : "+")\(amountText(rials: entry.amountRials).rialsFa) — \(persianDigits(text: entry.postedAtJalali))")
                        .font(.caption)
                }
            }
            if cursor != nil { Button("بیشتر") { Task { await load() } } }
            if let error { ProblemView(error) }
        }
        .navigationTitle("گردش حساب")
        .task { await load() }
    }

    private func load() async {
        do {
            let page = try await accounts.statement(accountId: account.accountId, cursor: cursor, limit: 50)
            entries += page.items
            cursor = page.nextCursor
        } catch let failure as HamrahError {
            error = failure
        } catch {}
    }
}
#endif
