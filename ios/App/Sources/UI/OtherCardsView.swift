#if canImport(SwiftUI) && canImport(UIKit) && canImport(Security) && canImport(CryptoKit)
import Hamrah
import SwiftUI

/// کارت‌های بانک‌های عضو شتاب: add a card (the holder's name confirmed), list, remove.
struct OtherCardsView: View {
    let otherCards: OtherCards
    @State private var cards: [OtherCardInfo] = []
    @State private var draft: OtherCardDraft?
    @State private var error: HamrahError?
    @State private var pan = ""
    @State private var expiry = ""
    @State private var label = ""

    var body: some View {
        Form {
            Section("کارت‌های شما") {
                ForEach(cards, id: \.id) { card in
                    VStack(alignment: .leading) {
                        Row(label: card.label, value: "\(card.bankNameFa) \(card.panMasked)")
                        if !card.smsPin {
                            Text("رمز پویای پیامکی این بانک فعال نیست؛ از رمزساز همان بانک استفاده کنید.").font(.caption)
                        }
                    }
                    .swipeActions { Button("حذف", role: .destructive) { act { try otherCards.remove(id: card.id) } } }
                }
            }
            Section("افزودن کارت") {
                if let draft {
                    let preview = draft.preview()
                    Row(label: "کارت", value: preview.panMasked)
                    Row(label: "به نام", value: preview.holderName)
                    Row(label: "بانک", value: preview.bankNameFa)
                    Button("تأیید و افزودن") {
                        act {
                            _ = try draft.confirm()
                            self.draft = nil
                            pan = ""
                        }
                    }
                    Button("انصراف") { self.draft = nil }
                } else {
                    TextField("شماره کارت", text: $pan).keyboardType(.numberPad)
                    TextField("تاریخ انقضا (YYMM)", text: $expiry).keyboardType(.numberPad)
                    TextField("عنوان", text: $label)
                    Button("استعلام دارنده کارت") {
                        act { [pan, expiry, label] in draft = try await otherCards.inquire(pan: pan, expiry: expiry, label: label) }
                    }
                }
            }
            if let error { ProblemView(error) }
        }
        .navigationTitle("کارت‌های بانک‌های دیگر")
        .task { act {} }
    }

    /// Runs one action, then shows the list as the core keeps it.
    private func act(_ action: @escaping () async throws -> Void) {
        Task {
            do {
                error = nil
                try await action()
                cards = try otherCards.list()
            } catch let failure as HamrahError {
                error = failure
            } catch {}
        }
    }
}
#endif
