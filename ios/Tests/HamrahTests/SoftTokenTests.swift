import Foundation
import Hamrah
import XCTest

/// The soft token: activation confirmed by SMS, offline codes as an AsyncStream, and a
/// card-to-card transfer paid with a code made on the phone instead of an SMS PIN.
final class SoftTokenTests: BankTestCase {
    func testATransferPaidWithASoftTokenCode() async throws {
        let sara = try await logIn("sara.ahmadi")
        let card = try XCTUnwrap(sara.cards.first)
        let session = phone.hamrah.session()
        if !session.deviceEnrolled() { _ = try await session.enrollDevice() }
        let cards = try await phone.hamrah.accounts().overview().cards
        let cardId = try XCTUnwrap(cards.first).cardId

        let token = phone.hamrah.token()
        let activation = try await token.activate(cardId: cardId)
        let masked = await activation.sentToMobileMasked()
        XCTAssertFalse(masked.contains(sara.mobile))
        try await activation.confirm(code: bank.latestCode(to: sara.mobile))
        XCTAssertEqual(try token.cards(), [cardId])

        var codes: [TokenCode] = []
        for await code in try token.codes(cardId: cardId) {
            codes.append(code)
            if codes.count == 2 { break }
        }
        XCTAssertEqual(codes.count, 2)
        XCTAssertTrue(codes.allSatisfy { $0.code.count >= 6 && $0.secondsLeft > 0 })
        XCTAssertNotNil(phone.secrets.names.first { $0.contains("token") || $0.contains("seed") },
                        "the seed lives in the SecretStore: \(phone.secrets.names)")

        let destination = try XCTUnwrap(seed.otherBankCards.first { $0.creditable ?? true })
        let flow = try await phone.hamrah.cardTransfers().start()
        _ = try await flow.chooseSource(cardId: cardId)
        _ = try await flow.enterDestination(pan: destination.pan)
        _ = try await flow.confirmHolder(confirmed: true)
        let authorize = try await flow.enterAmount(amount: "2500000")
        guard case .authorize = authorize else { throw Unexpected(authorize) }
        let available = await flow.softTokenAvailable()
        XCTAssertTrue(available)
        let before = try await totalBalance(of: sara)
        let outcome = try await flow.submitWithSoftToken(cvv2: card.cvv2, expiry: card.expiry)
        guard case let .succeeded(_, receipt) = outcome else { throw Unexpected(outcome) }
        let after = try await totalBalance(of: sara)
        XCTAssertEqual(before - after, Int64(receipt.totalDebitedRials))
        let outbox = try XCTUnwrap(bank.admin("GET", "/admin/sms/\(sara.mobile)?kind=dynamic_pin") as? [String: Any])
        XCTAssertEqual((outbox["items"] as? [Any])?.count ?? 0, 0, "no SMS PIN was needed")
    }
}
