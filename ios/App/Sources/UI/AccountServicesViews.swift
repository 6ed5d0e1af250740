#if canImport(SwiftUI)
import Hamrah
import SwiftUI

/// The colour of a badge whose tone the Swift layer chose.
func color(of tone: BadgeTone) -> Color {
    switch tone {
    case .good: .green
    case .waiting: .orange
    case .bad: .red
    }
}

/// Payments (تراکنش‌ها): every payment of every kind, newest first, page by page (from the
/// phone when the bank cannot be reached), searched on the phone; a payment opens its receipt,
/// shared as text or as an image. Everything shown comes from the model's `view`.
struct PaymentsView: View {
    let model: PaymentHistoryModel
    let actions: any AppActions
    @State private var query = ""

    var body: some View {
        let view = model.view
        List {
            if let note = view.fromPhoneNoteFa {
                Text(note).foregroundStyle(Color.orange)
            }
            Section {
                InputField(title: "جستجو: مبلغ، نام، نوع یا شماره پیگیری", text: $query)
                StepButton(title: "جستجو", busy: model.steps.busy) { model.search(query) }
                if view.searching {
                    StepButton(title: "همه تراکنش‌ها", busy: model.steps.busy) {
                        query = ""
                        model.search("")
                    }
                }
            }
            Section {
                if let empty = view.emptyNoteFa { Text(empty) }
                ForEach(view.rows) { row in
                    NavigationLink(destination: { PaymentReceiptView(row: row, actions: actions) }) {
                        PaymentRowView(row: row)
                    }
                }
                if view.moreOffered {
                    StepButton(title: "بیشتر", busy: model.steps.busy) { model.more() }
                }
            }
            StepProblem(steps: model.steps)
        }
        .navigationTitle("تراکنش‌ها")
        .refreshable { await model.open().value }
        .onAppear { model.open() }
    }
}

/// A payment: its kind and status badge, the payee and how it is known, the amount, when.
private struct PaymentRowView: View {
    let row: PaymentRow

    var body: some View {
        VStack(alignment: .leading, spacing: 2) {
            HStack {
                Text(row.kindFa).font(.headline)
                Spacer()
                Text(row.statusFa).foregroundStyle(color(of: row.badge))
            }
            Text(row.payeeFa)
            Text(row.detailFa).font(.caption)
            Text(row.amountFa).font(.title3)
            Text(row.atFa).font(.caption)
        }
        .frame(minHeight: touchTarget)
        .accessibilityElement(children: .ignore)
        .accessibilityLabel(row.accessibilityLabelFa)
    }
}

/// A payment's receipt from the core, shared as text or as an image.
private struct PaymentReceiptView: View {
    let row: PaymentRow
    let actions: any AppActions

    var body: some View {
        Form {
            Section(row.receipt.titleFa) {
                ForEach(row.receipt.lines, id: \.labelFa) { line in
                    Row(label: line.labelFa, value: line.valueFa)
                }
            }
            Section {
                StepButton(title: "اشتراک رسید به صورت متن") { actions.share(text: row.shareTextFa) }
                StepButton(title: "اشتراک رسید به صورت تصویر") { actions.share(receipt: row.receipt) }
            }
        }
        .navigationTitle(row.kindFa)
    }
}

/// An account's details, opened from home: its type, rate, state badge (a blocked or closed
/// account marked), number, full SHEBA and "share SHEBA".
struct AccountDetailsView: View {
    let model: HomeModel
    let accountId: String
    let actions: any AppActions

    var body: some View {
        Form {
            if let account = model.selectedAccount {
                Section {
                    HStack {
                        Text(account.labelFa).font(.headline)
                        Spacer()
                        Text(account.stateFa).foregroundStyle(color(of: account.badge))
                    }
                    .frame(minHeight: touchTarget)
                    .accessibilityElement(children: .ignore)
                    .accessibilityLabel(account.accessibilityLabelFa)
                    if let mark = account.markFa {
                        Text(mark).foregroundStyle(color(of: account.badge))
                    }
                    Row(label: "نوع حساب", value: account.kindFa)
                    if let rate = account.rateFa { Row(label: "سود", value: rate) }
                    Row(label: "شماره حساب", value: account.numberFa)
                    Row(label: "موجودی قابل برداشت", value: account.availableFa)
                }
                Section("شماره شبا") {
                    Text(account.shebaGroupedFa).font(.headline)
                        .environment(\.layoutDirection, .leftToRight)
                        .frame(minHeight: touchTarget)
                    StepButton(title: "اشتراک شماره شبا") { actions.share(text: account.shareTextFa) }
                }
            } else {
                Text("حساب در فهرست نیست.")
            }
            StepProblem(steps: model.steps)
        }
        .navigationTitle("جزئیات حساب")
        .onAppear { model.showAccount(accountId) }
    }
}
#endif
