#if canImport(SwiftUI)
import Hamrah
import SwiftUI

/// Home: the session's line, SMS banking when the core offers it, the quick actions, and the
/// accounts and cards with their balances and states (from the core's overview).
struct HomeView: View {
    let app: AppModel
    let screens: Screens
    let actions: any AppActions

    var body: some View {
        let home = screens.home
        List {
            NoticeView(notice: app.notice)
            if screens.smsBanking.channel.smsOffered {
                Section {
                    Text(screens.smsBanking.channel.reasonFa).foregroundStyle(Color.red)
                    Destination(title: "بانکداری پیامکی") { SmsView(model: screens.smsBanking, leave: nil) }
                }
            }
            Section("خدمات") {
                Destination(title: "کارت به کارت") { CardTransferView(model: screens.cardTransfer, actions: actions) }
                Destination(title: "انتقال شبا (پایا، ساتنا)") {
                    ShebaTransferView(model: screens.shebaTransfer, actions: actions)
                }
                Destination(title: "پرداخت قبض") { BillPaymentView(model: screens.billPayment, actions: actions) }
                Destination(title: "گردش حساب") { HistoryView(model: screens.history) }
                Destination(title: "تراکنش‌ها") { PaymentsView(model: screens.paymentHistory, actions: actions) }
                Destination(title: "سقف کارت") { LimitsView(model: screens.cardLimits, home: home) }
                Destination(title: "رمزساز") { SoftTokenView(model: screens.softToken) }
                Destination(title: "مسدودسازی کارت") { CardBlockView(model: screens.cardBlock, actions: actions) }
                Destination(title: "تغییر رمز دوم کارت") { SecondPinView(model: screens.secondPin, actions: actions) }
                // The screens of the newer services still hold their own journeys and are built
                // only with UIKit (not yet in the type check; issue 16).
                #if canImport(UIKit)
                Destination(title: "انتقال وجه به سپرده") { AccountTransferView(transfers: app.hamrah.accountTransfers()) }
                Destination(title: "خرید شارژ و بسته اینترنت") { TopupView(topups: app.hamrah.topups()) }
                Destination(title: "تسهیلات و اقساط") { LoanView(loans: app.hamrah.loans()) }
                Destination(title: "کارت‌های بانک‌های دیگر") { OtherCardsView(otherCards: app.hamrah.otherCards()) }
                Destination(title: "چک صیادی") { ChequeView(cheques: app.hamrah.cheques()) }
                Destination(title: "پیام‌های بانک") { InboxView(notices: app.hamrah.notices()) }
                Destination(title: "نرخ ارز") { RatesView(info: app.hamrah.info()) }
                Destination(title: "جستجوی شعبه") { BranchesView(info: app.hamrah.info()) }
                Destination(title: "انواع سپرده و سود") { DepositProductsView(info: app.hamrah.info()) }
                #endif
                Destination(title: "تنظیمات") {
                    SettingsView(app: app, model: screens.settings, sms: screens.smsBanking)
                }
            }
            if let overview = home.overview {
                Section("حساب‌ها") {
                    ForEach(overview.accounts, id: \.accountId) { account in
                        NavigationLink(destination: {
                            AccountDetailsView(model: home, accountId: account.accountId, actions: actions)
                        }) {
                            AccountRow(account: account)
                        }
                        .accessibilityHint("جزئیات حساب و شماره شبا")
                    }
                }
                Section("کارت‌ها") {
                    ForEach(overview.cards, id: \.cardId) { card in
                        CardRow(card: card)
                    }
                }
                Text("به‌روزرسانی: \(overview.refreshedAtFa)").font(.caption)
                if let problem = overview.error { ProblemView(problem) }
            }
            StepProblem(steps: home.steps)
        }
        .navigationTitle("همراه‌بانک")
        .refreshable { await home.refresh().value }
        .onAppear { home.refresh() }
    }
}

/// A row that opens a screen; at least 44 points tall.
struct Destination<Screen: View>: View {
    let title: String
    @ViewBuilder let screen: () -> Screen

    var body: some View {
        NavigationLink(destination: screen) {
            Text(title).frame(maxWidth: .infinity, minHeight: touchTarget, alignment: .leading)
        }
    }
}

/// An account: its label, available balance in digits and words, its SHEBA masked.
private struct AccountRow: View {
    let account: AccountInfo

    var body: some View {
        VStack(alignment: .leading, spacing: 4) {
            Text(account.labelFa).font(.headline)
            Text(account.available.rialsFa).font(.title2)
            Text(account.available.wordsFa).font(.caption)
            Text(account.shebaMasked).font(.caption).environment(\.layoutDirection, .leftToRight)
            if !account.usable { Text(account.stateFa).foregroundStyle(Color.red) }
        }
        .frame(minHeight: touchTarget)
        .accessibilityElement(children: .ignore)
        .accessibilityLabel("\(account.labelFa)، \(account.stateFa)، موجودی \(account.available.rialsFa)")
    }
}

/// A card: its label and holder, its state's badge.
private struct CardRow: View {
    let card: CardInfo

    var body: some View {
        HStack {
            VStack(alignment: .leading) {
                Text(card.labelFa)
                Text(card.holderNameFa).font(.caption)
            }
            Spacer()
            Text(card.statusFa).foregroundStyle(color(of: card.status))
        }
        .frame(minHeight: touchTarget)
        .accessibilityElement(children: .ignore)
        .accessibilityLabel("\(card.labelFa)، \(card.statusFa)")
    }
}

/// Any account's statement, newest first, page by page (from the phone's cache when the bank
/// cannot be reached), searchable.
struct HistoryView: View {
    let model: HistoryModel
    @State private var query = ""

    var body: some View {
        List {
            Section("حساب") {
                ForEach(model.accounts, id: \.accountId) { account in
                    let shown = account.accountId == model.selected?.accountId
                    Button {
                        model.select(account.accountId)
                    } label: {
                        HStack {
                            Text(account.labelFa)
                            Spacer()
                            if shown { Image(systemName: "checkmark") }
                        }
                        .frame(minHeight: touchTarget)
                    }
                    .accessibilityAddTraits(shown ? .isSelected : [])
                }
            }
            if model.selected == nil && !model.steps.busy && model.steps.problem == nil {
                Text("حسابی برای نمایش نیست.")
            }
            if let page = model.page, page.fromCache {
                Text("نمایش از حافظه گوشی؛ بانک در دسترس نیست.").foregroundStyle(Color.orange)
                if let problem = page.error { ProblemView(problem) }
            }
            Section {
                InputField(title: "جستجو: مبلغ یا طرف حساب", text: $query)
                StepButton(title: "جستجو", busy: model.steps.busy) { model.search(query) }
            }
            Section {
                ForEach(model.results ?? model.entries, id: \.entryId) { entry in
                    EntryRow(entry: entry)
                }
                if model.results == nil, model.page?.hasMore == true {
                    StepButton(title: "بیشتر", busy: model.steps.busy) { model.more() }
                }
            }
            StepProblem(steps: model.steps)
        }
        .navigationTitle("گردش حساب")
        .onAppear { model.open() }
    }
}

/// A statement line: description, the signed amount from the core in its direction's colour,
/// when, and the other party.
private struct EntryRow: View {
    let entry: StatementEntry

    var body: some View {
        VStack(alignment: .leading, spacing: 2) {
            HStack {
                Text(entry.descriptionFa)
                Spacer()
                Text(entry.amountFa).foregroundStyle(color(of: entry.direction))
            }
            Text(entry.postedAtFa).font(.caption)
            if let counterparty = entry.counterparty { Text(counterparty).font(.caption) }
        }
        .frame(minHeight: touchTarget)
        .accessibilityElement(children: .ignore)
        .accessibilityLabel("\(entry.descriptionFa)، \(entry.amountFa)، \(entry.postedAtFa)")
    }
}

/// A card's card-to-card limits: today and this month, with the counters' reset.
struct LimitsView: View {
    let model: CardLimitsModel
    let home: HomeModel

    var body: some View {
        Form {
            Section("کارت") {
                ForEach(home.overview?.cards ?? [], id: \.cardId) { card in
                    StepButton(title: card.labelFa, busy: model.steps.busy) { model.load(card.cardId) }
                }
            }
            if let limits = model.limits {
                Section {
                    Row(label: "کمترین مبلغ", value: limits.perTransferMin.rialsFa)
                    Row(label: "بیشترین مبلغ", value: limits.perTransferMax.rialsFa)
                }
                UsageSection(title: "امروز", usage: limits.today)
                UsageSection(title: "این ماه", usage: limits.thisMonth)
            }
            StepProblem(steps: model.steps)
        }
        .navigationTitle("سقف کارت")
    }
}

/// One period's limit: the bar, used, left, and when it resets.
private struct UsageSection: View {
    let title: String
    let usage: LimitUsage

    var body: some View {
        Section(title) {
            ProgressView(value: Double(usage.usedPercent), total: 100)
                .accessibilityLabel("مصرف‌شده \(usage.used.rialsFa) از \(usage.limit.rialsFa)")
            Row(label: "سقف", value: usage.limit.rialsFa)
            Row(label: "مصرف‌شده", value: usage.used.rialsFa)
            Row(label: "باقی‌مانده", value: usage.remaining.rialsFa)
            if let reset = usage.resetsAtFa { Row(label: "از نو", value: reset) }
        }
    }
}

/// Settings: the customer's devices (another active one may be revoked, after a confirmation),
/// SMS banking, logout, the core's version.
struct SettingsView: View {
    let app: AppModel
    let model: SettingsModel
    let sms: SmsBankingModel
    @State private var revoking: DeviceInfo?
    @State private var confirming = false

    var body: some View {
        Form {
            Section("دستگاه‌ها") {
                ForEach(model.devices, id: \.deviceId) { device in
                    VStack(alignment: .leading, spacing: 4) {
                        Text(device.labelFa)
                        if let seen = device.lastSeenFa { Text(seen).font(.caption) }
                        if device.revocable {
                            StepButton(title: "لغو دسترسی", role: .destructive, busy: model.steps.busy) {
                                revoking = device
                                confirming = true
                            }
                            .accessibilityLabel("لغو دسترسی \(device.labelFa)")
                        }
                    }
                    .frame(minHeight: touchTarget)
                }
            }
            .confirmationDialog(
                "دسترسی \(revoking?.labelFa ?? "") لغو شود؟", isPresented: $confirming, titleVisibility: .visible
            ) {
                Button("لغو دسترسی", role: .destructive) {
                    if let device = revoking { model.revoke(device.deviceId) }
                    revoking = nil
                }
                Button("انصراف", role: .cancel) { revoking = nil }
            }
            StepProblem(steps: model.steps)
            Section("بانکداری پیامکی") {
                Destination(title: "بانکداری پیامکی") { SmsView(model: sms, leave: nil) }
            }
            Section {
                StepButton(title: "خروج", role: .destructive, busy: app.sessionSteps.busy) { app.logout() }
                StepProblem(steps: app.sessionSteps)
            }
            Text("نسخه هسته: \(libraryVersion())").font(.caption)
        }
        .navigationTitle("تنظیمات")
        .onAppear { model.load() }
    }
}

/// The soft token (رمزساز): activation per card with an SMS code, then the card's current
/// code and its seconds left, made offline by the core.
struct SoftTokenView: View {
    let model: SoftTokenModel
    @State private var code = ""

    var body: some View {
        Form {
            ForEach(model.cards, id: \.card.cardId) { row in
                Section(row.card.labelFa) {
                    if row.active {
                        TokenCodeView(model: model, cardId: row.card.cardId)
                    } else if row.activatable {
                        StepButton(title: "فعال‌سازی رمزساز", busy: model.steps.busy) { model.activate(row.card.cardId) }
                    } else {
                        Text(row.card.statusFa).foregroundStyle(color(of: row.card.status))
                    }
                }
            }
            if model.activation != nil {
                Section("کد پیامکی به \(persianDigits(text: model.codeSentTo ?? "")) فرستاده شد") {
                    SecretField(title: "کد تأیید", text: $code)
                    StepButton(title: "تأیید", busy: model.steps.busy) {
                        model.confirm(code: code)
                        code = ""
                    }
                }
            }
            StepProblem(steps: model.steps)
        }
        .navigationTitle("رمزساز")
        .onAppear { model.load() }
    }
}

/// A card's soft-token code, renewed as each one runs out (the core's stream).
struct TokenCodeView: View {
    let model: SoftTokenModel
    let cardId: String
    @State private var current: TokenCode?

    var body: some View {
        VStack {
            if let current {
                Text(current.code).font(.system(.largeTitle, design: .monospaced))
                    .environment(\.layoutDirection, .leftToRight)
                Text("\(persianDigits(text: String(current.secondsLeft))) ثانیه").font(.caption)
            }
        }
        .frame(minHeight: touchTarget)
        .accessibilityElement(children: .combine)
        .task(id: cardId) {
            guard let codes = try? model.codes(cardId) else { return }
            for await next in codes { current = next }
        }
    }
}
#endif
