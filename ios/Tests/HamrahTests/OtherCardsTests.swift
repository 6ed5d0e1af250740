import Foundation
import Hamrah
import XCTest

/// Other banks' cards on the phone through the Swift layer: added after the holder
/// inquiry, then the source of a card-to-card with its issuer's dynamic PIN.
final class OtherCardsTests: BankTestCase {
    func testAnotherBanksCardIsAddedAndPaysACardToCard() async throws {
        let sara = try await logIn("sara.ahmadi")
        let mellat = try XCTUnwrap(seed.otherBankCards.first { $0.bankId == "mellat" })
        let tejarat = try XCTUnwrap(seed.otherBankCards.first { $0.bankId == "tejarat" })
        let draft = try await phone.hamrah.otherCards().inquire(pan: mellat.pan, expiry: mellat.expiry, label: "ملت")
        let preview = draft.preview()
        XCTAssertEqual(preview.holderName, "علی رضایی")
        XCTAssertFalse(preview.panMasked.contains(mellat.pan))
        let card = try draft.confirm()
        let listed = try phone.hamrah.otherCards().list()
        XCTAssertEqual(listed, [card])

        let flow = try await phone.hamrah.cardTransfers().start()
        var state = try flow.state()
        guard case let .chooseSource(cards) = state else { throw Unexpected(state) }
        XCTAssertTrue(cards.contains { $0.cardId == card.id })
        state = try await flow.chooseSource(cardId: card.id)
        state = try await flow.enterDestination(pan: tejarat.pan)
        guard case .confirmHolder = state else { throw Unexpected(state) }
        state = try await flow.confirmHolder(confirmed: true)
        state = try await flow.enterAmount(amount: "1000000")
        guard case .authorize = state else { throw Unexpected(state) }
        state = try await flow.requestPin()
        guard case .authorize(_, _, nil) = state else { throw Unexpected(state) }
        let before = try await totalBalance(of: sara)
        let pin = try bank.latestCode(to: sara.mobile)
        let outcome = try await flow.submit(pin: pin, cvv2: mellat.cvv2, expiry: mellat.expiry)
        guard case .succeeded = outcome else { throw Unexpected(outcome) }
        let after = try await totalBalance(of: sara)
        XCTAssertEqual(before, after, "paid through Shetab from the other bank")
        try await flow.finish()

        try phone.hamrah.otherCards().remove(id: card.id)
        let empty = try phone.hamrah.otherCards().list()
        XCTAssertTrue(empty.isEmpty)
        XCTAssertTrue(try bank.ledgerBalanced())
    }
}
