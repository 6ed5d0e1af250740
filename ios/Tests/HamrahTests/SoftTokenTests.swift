import Foundation
import Hamrah
import XCTest

/// The soft token: activation confirmed by SMS, offline codes as an AsyncStream, and a
/// card-to-card transfer, top-ups and a transfer to an account paid with a code made on the
/// phone instead of an SMS PIN.
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

    func testTopUpsAndATransferToAnAccountPaidWithASoftTokenCode() async throws {
        let sara = try await logIn("sara.ahmadi")
        let card = try XCTUnwrap(sara.cards.first)
        let account = try XCTUnwrap(sara.accounts.first)
        let session = phone.hamrah.session()
        if !session.deviceEnrolled() { _ = try await session.enrollDevice() }
        let cards = try await phone.hamrah.accounts().overview().cards
        let cardId = try XCTUnwrap(cards.first).cardId
        let activation = try await phone.hamrah.token().activate(cardId: cardId)
        try await activation.confirm(code: bank.latestCode(to: sara.mobile))

        // By card: the paying state says the card's own token can pay.
        let byCard = try await phone.hamrah.topups().start()
        _ = try await byCard.act(input: .enterMobile(mobile: "09351234567"))
        _ = try await byCard.act(input: .chooseCharge(amount: "200000", amazing: false))
        let authorize = try await byCard.act(input: .chooseSource(sourceId: cardId))
        guard case .authorize(_, _, true, nil) = authorize else { throw Unexpected(authorize) }
        let credentials = CardCredentials(cvv2: card.cvv2, expiry: card.expiry)
        let paid = try await byCard.act(input: .payWithSoftToken(card: credentials))
        guard case let .succeeded(_, receipt) = paid else { throw Unexpected(paid) }
        XCTAssertNotNil(receipt.sourcePanMasked)
        XCTAssertEqual(receipt.amountRials, 200_000)
        _ = try await byCard.act(input: .finish)

        // From an account: a code of this phone's token confirms it.
        let fromAccount = try await phone.hamrah.topups().start()
        let product = try await fromAccount.act(input: .enterMobile(mobile: sara.mobile))
        guard case let .chooseProduct(_, offer?, _, nil) = product else { throw Unexpected(product) }
        let amount = try XCTUnwrap(offer.chargeAmountsRials.first)
        _ = try await fromAccount.act(input: .chooseCharge(amount: String(amount), amazing: false))
        let confirm = try await fromAccount.act(input: .chooseSource(sourceId: account.accountId))
        guard case .confirmAccount(_, _, true, nil) = confirm else { throw Unexpected(confirm) }
        let confirmed = try await fromAccount.act(input: .payWithSoftToken(card: nil))
        guard case let .succeeded(_, fromAccountReceipt) = confirmed else { throw Unexpected(confirmed) }
        XCTAssertNil(fromAccountReceipt.sourcePanMasked)
        _ = try await fromAccount.act(input: .finish)

        // To Reza's account of the bank, confirmed the same way.
        let transfer = try await phone.hamrah.accountTransfers().start()
        _ = try await transfer.act(input: .chooseSource(accountId: account.accountId))
        _ = try await transfer.act(input: .enterDestination(accountNumber: "1002-0030-0501"))
        _ = try await transfer.act(input: .confirmHolder(confirmed: true))
        let ready = try await transfer.act(input: .enterAmount(amount: "3000000"))
        guard case .confirm(_, _, true, nil) = ready else { throw Unexpected(ready) }
        let sent = try await transfer.act(input: .submitWithSoftToken)
        guard case let .succeeded(_, transferReceipt) = sent else { throw Unexpected(sent) }
        XCTAssertEqual(transferReceipt.amountRials, 3_000_000)
        _ = try await transfer.act(input: .finish)

        let outbox = try XCTUnwrap(bank.admin("GET", "/admin/sms/\(sara.mobile)?kind=dynamic_pin") as? [String: Any])
        XCTAssertEqual((outbox["items"] as? [Any])?.count ?? 0, 0, "no SMS PIN was needed")
    }
}
