#if canImport(SwiftUI) && canImport(UIKit) && canImport(Security) && canImport(CryptoKit)
import Hamrah
import SwiftUI

/// The soft token (رمزساز): activation per card with an SMS code, then the card's current
/// code and its seconds left, made offline by the core.
struct SoftTokenView: View {
    let token: TokenClient
    let cards: [CardInfo]
    @State private var activation: TokenActivation?
    @State private var code = ""
    @State private var current: TokenCode?
    @State private var error: HamrahError?

    var body: some View {
        Form {
            ForEach(cards, id: \.cardId) { card in
                Section(card.panMasked) {
                    if (try? token.cards())?.contains(card.cardId) == true {
                        if let current {
                            Text(current.code).font(.system(.largeTitle, design: .monospaced))
                            Text("\(current.secondsLeft) ثانیه").font(.caption)
                        }
                    } else if let activation {
                        SecretField(title: "کد پیامکی", text: $code)
                        Button("تأیید") {
                            let typed = code
                            code = ""
                            Task { await run { try await activation.confirm(code: typed) } }
                        }
                    } else {
                        Button("فعال‌سازی رمزساز") {
                            Task { await run { activation = try await token.activate(cardId: card.cardId) } }
                        }
                    }
                }
                .task(id: card.cardId) {
                    guard (try? token.cards())?.contains(card.cardId) == true,
                        let codes = try? token.codes(cardId: card.cardId)
                    else { return }
                    for await next in codes { current = next }
                }
            }
            if let error { ProblemView(error) }
        }
        .navigationTitle("رمزساز")
    }

    private func run(_ action: () async throws -> Void) async {
        do { try await action() } catch let failure as HamrahError { error = failure } catch {}
    }
}
#endif
