import Foundation
import Hamrah
import XCTest

/// The payments screen's model (every kind of payment, newest first, kept on the phone,
/// searched with no request) and the accounts' details, through the Swift package's models.
final class PaymentHistoryTests: BankTestCase {
    /// Every non-admin request `bank` has served so far.
    private static func requestsServed(by bank: SandboxBank) throws -> Int {
        let stats = try XCTUnwrap(bank.admin("GET", "/admin/stats") as? [String: Any])
        return try XCTUnwrap(stats["requests_served"] as? Int)
    }

    /// Sara's card transfer of `amount` rials to another bank's card, paid with the SMS PIN.
    private func payCardTransfer(amount: UInt64, by sara: DemoSeed.Customer) async throws {
        let card = try XCTUnwrap(sara.cards.first)
        let destination = try XCTUnwrap(seed.otherBankCards.first { $0.creditable ?? true })
        let flow = try await phone.hamrah.cardTransfers().start()
        let initial = try flow.state()
        guard case let .chooseSource(cards) = initial, let source = cards.first else { throw Unexpected(initial) }
        _ = try await flow.chooseSource(cardId: source.cardId)
        _ = try await flow.enterDestination(pan: destination.pan)
        _ = try await flow.confirmHolder(confirmed: true)
        let amountState = try await flow.enterAmount(amount: String(amount))
        guard case .authorize = amountState else { throw Unexpected(amountState) }
        _ = try await flow.requestPin()
        let outcome = try await flow.submit(
            pin: try bank.latestCode(to: sara.mobile), cvv2: card.cvv2, expiry: card.expiry)
        guard case .succeeded = outcome else { throw Unexpected(outcome) }
        try await flow.finish()
    }

    /// Sara pays `bill` from her first account with the SMS PIN.
    private func payBill(_ bill: DemoSeed.Bill, by sara: DemoSeed.Customer) async throws {
        let account = try XCTUnwrap(sara.accounts.first)
        let flow = try await phone.hamrah.bills().start()
        let entered = try await flow.enterBill(billId: bill.billId, paymentId: bill.paymentId)
        guard case .chooseSource = entered else { throw Unexpected(entered) }
        _ = try await flow.chooseSource(sourceId: account.accountId)
        _ = try await flow.requestPin()
        let outcome = try await flow.confirm(pin: try bank.latestCode(to: sara.mobile))
        guard case .succeeded = outcome else { throw Unexpected(outcome) }
        try await flow.finish()
    }

    func testABillAndACardTransferAreListedNewestFirstAndSearchedWithNoRequest() async throws {
        let sara = try await logIn("sara.ahmadi")
        let amount: UInt64 = 3_210_000
        try await payCardTransfer(amount: amount, by: sara)
        // Two seconds later at the bank (payments of one second are ordered by their ids).
        _ = try bank.admin("POST", "/admin/clock", json: ["advance_seconds": 2])
        let bill = try XCTUnwrap(seed.bills.first { !$0.paid })
        try await payBill(bill, by: sara)

        let phone = self.phone!
        let bank = self.bank!
        try await Task { @MainActor in
            let model = PaymentHistoryModel(accounts: phone.hamrah.accounts())
            await model.open().value
            XCTAssertNil(model.steps.problem, "\(String(describing: model.steps.problem))")
            let listed = model.view
            XCTAssertNil(listed.fromPhoneNoteFa, "the bank answered")
            XCTAssertNil(listed.emptyNoteFa)
            XCTAssertEqual(listed.rows.count, 2, "\(listed.rows.map(\.kindFa))")
            let newest = try XCTUnwrap(listed.rows.first)
            let before = try XCTUnwrap(listed.rows.dropFirst().first)
            XCTAssertEqual(newest.payment.kind, .billPayment, "the bill, paid last, comes first")
            XCTAssertEqual(newest.amountFa, amountText(rials: bill.amountRials).rialsFa)
            XCTAssertEqual(newest.badge, .good)
            XCTAssertTrue(newest.atFa.hasPrefix("۱۴"), newest.atFa)
            XCTAssertEqual(before.payment.kind, .cardTransfer)
            XCTAssertEqual(before.amountFa, amountText(rials: amount).rialsFa)
            XCTAssertTrue(before.detailFa.contains("******"), "the card masked: \(before.detailFa)")
            XCTAssertTrue(before.shareTextFa.contains(before.payeeFa), before.shareTextFa)
            XCTAssertTrue(before.accessibilityLabelFa.contains(before.amountFa))
            XCTAssertFalse(listed.moreOffered, "two payments, one page")

            // The searches run on the phone: the bank serves nothing meanwhile.
            let asked = try Self.requestsServed(by: bank)
            await model.search("قبض").value
            XCTAssertTrue(model.view.searching)
            XCTAssertEqual(model.view.rows.map(\.id), [newest.id])
            await model.search(persianDigits(text: String(amount))).value
            XCTAssertEqual(model.view.rows.map(\.id), [before.id])
            await model.search("هیچ‌کس").value
            XCTAssertTrue(model.view.rows.isEmpty)
            XCTAssertEqual(model.view.emptyNoteFa, "تراکنشی با این مشخصات پیدا نشد.")
            XCTAssertEqual(try Self.requestsServed(by: bank), asked, "no request for a search")
            await model.search(" ").value
            XCTAssertEqual(model.view, listed, "a blank search shows the list again")
            XCTAssertNil(model.steps.problem)

            // The bank down: the same list from the phone, with the bank's reason in the note.
            try bank.arm("server_error", on: "transfer_list", count: 3)
            await model.open().value
            try bank.clearFaults()
            let note = try XCTUnwrap(model.view.fromPhoneNoteFa)
            XCTAssertTrue(note.hasPrefix("نمایش از حافظه گوشی؛ ") && note.count > "نمایش از حافظه گوشی؛ ".count, note)
            XCTAssertEqual(model.view.rows, listed.rows)

            model.clear()
            XCTAssertEqual(model.view, PaymentHistoryView(), "forgotten at logout")
        }.value
    }

    func testTheAccountsDetailsShowTypeRateStateAndTheFullShebaToShare() async throws {
        _ = try await logIn("sara.ahmadi")
        let phone = self.phone!
        try await Task { @MainActor in
            let home = HomeModel(accounts: phone.hamrah.accounts())
            await home.refresh().value
            let details = home.accountDetails
            XCTAssertEqual(details.map(\.id), home.overview?.accounts.map(\.accountId))
            let savings = try XCTUnwrap(details.first { $0.kindFa == "پس‌انداز" })
            XCTAssertEqual(savings.rateFa, "سود سالانه ۵٪")
            XCTAssertEqual(savings.badge, .good)
            XCTAssertFalse(savings.marked)
            XCTAssertNil(savings.markFa)
            let sheba = savings.account.sheba
            XCTAssertTrue(savings.shareTextFa.contains(sheba), savings.shareTextFa)
            XCTAssertEqual(savings.shebaGroupedFa.replacingOccurrences(of: " ", with: ""), sheba)
            XCTAssertTrue(savings.numberFa.allSatisfy { !("0"..."9").contains($0) }, savings.numberFa)
            XCTAssertFalse(savings.accessibilityLabelFa.contains(sheba), "the SHEBA is not read aloud")
            let current = try XCTUnwrap(details.first { $0.kindFa != "پس‌انداز" })
            XCTAssertNil(current.rateFa, "a current account earns no rate")

            XCTAssertNil(home.selectedAccount)
            home.showAccount(savings.id)
            XCTAssertEqual(home.selectedAccount, savings)
            await home.refresh().value
            XCTAssertEqual(home.selectedAccount?.id, savings.id, "a refresh keeps it open")
            home.clear()
            XCTAssertNil(home.selectedAccount)
            XCTAssertTrue(home.accountDetails.isEmpty)
        }.value
    }
}
