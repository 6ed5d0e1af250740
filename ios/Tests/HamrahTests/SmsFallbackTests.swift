import Foundation
import Hamrah
import XCTest

/// Mobile data cut: a card-to-card transfer, the last five entries, a bill payment and a card
/// block over SMS, each frame one text SMS the customer sends and one reply she pastes back (the
/// desktop transport, in Swift, plays her part), each checked against the bank over HTTPS.
final class SmsFallbackTests: BankTestCase {
    func testACardTransferOverSmsWhenDataIsDown() async throws {
        let sara = try await logIn("sara.ahmadi")
        let card = try XCTUnwrap(sara.cards.first)
        let (sms, transport) = try await smsWithDataDown(for: sara)

        let before = try await totalBalance(of: sara)
        let destination = try XCTUnwrap(seed.otherBankCards.first { $0.creditable ?? true })
        let transfer = try sms.cardTransfer(cardIndex: 0, destinationPan: destination.pan, amount: "۲٬۰۰۰٬۰۰۰")
        let pinSent = try await transfer.requestPin()
        guard case .pinSent = pinSent.reply else { throw Unexpected(pinSent.reply) }
        let result = try await transfer.submit(
            pin: bank.latestCode(to: sara.mobile), cvv2: card.cvv2, expiry: card.expiry)
        guard case let .transfer(reversed, amount, fee, trace, _) = result.reply else { throw Unexpected(result.reply) }
        XCTAssertFalse(reversed)
        XCTAssertEqual(amount, 2_000_000)
        XCTAssertFalse(trace.isEmpty)
        XCTAssertFalse(result.messageFa.isEmpty, "the customer reads the outcome in Persian")
        XCTAssertEqual(result.smsSent, 1, "one SMS up")
        XCTAssertEqual(result.smsReceived, 1, "one SMS down")
        XCTAssertFalse(transport.sentTexts.isEmpty)
        XCTAssertTrue(transport.sentTexts.allSatisfy { $0.count <= 160 }, "each frame fits one text SMS")
        let after = try await totalBalance(of: sara)
        XCTAssertEqual(before - after, Int64(amount + fee), "debited once")
    }

    /// Account index 0 is the customer's first deposit account in the bank's order (by id), the
    /// order the seed lists them in. Five bills paid from it first make six entries with the
    /// opening deposit, so the reply must leave the oldest out.
    func testTheLastFiveEntriesOverSmsMatchTheBankOverHttps() async throws {
        let sara = try await logIn("sara.ahmadi")
        let account = try XCTUnwrap(sara.accounts.first)
        let bills = seed.bills.filter { !$0.paid }.prefix(5)
        XCTAssertEqual(bills.count, 5, "the demo seed has five unpaid bills")
        let (sms, transport) = try await smsWithDataDown(for: sara)
        var traces: [String] = []
        for bill in bills {
            let payment = try sms.billPayment(
                billId: bill.billId, paymentId: bill.paymentId, amount: String(bill.amountRials))
            let paid = try await payment.payFromAccount(accountIndex: 0)
            guard case let .bill(_, trace) = paid.reply else { throw Unexpected(paid.reply) }
            traces.append(trace)
        }

        let result = try await sms.lastFive(accountIndex: 0)
        guard case let .statement(balance, entries) = result.reply else { throw Unexpected(result.reply) }
        XCTAssertEqual(entries.count, 5, "at most five of the six entries")
        XCTAssertTrue(entries.allSatisfy { $0.amountRials < 0 }, "the five bills, not the opening deposit")
        let httpsBalance = try await phone.balance(of: account.accountId)
        XCTAssertEqual(balance, httpsBalance, "the balance the app shows over HTTPS")
        let https = try await httpsStatement(of: account.accountId, limit: 6)
        XCTAssertEqual(https.count, 6)
        XCTAssertEqual(https.prefix(5).map(\.traceNumber), traces.reversed(), "HTTPS lists the newest first")
        XCTAssertEqual(entries.map(\.amountRials), https.prefix(5).map(\.signedRials), "the same entries, newest first")
        for (entry, known) in zip(entries, https) {
            XCTAssertTrue(entry.postedAtJalali.hasPrefix("14"), entry.postedAtJalali)
            XCTAssertTrue(
                known.postedAtJalali.hasPrefix(entry.postedAtJalali + ":"),
                "\(entry.postedAtJalali) is \(known.postedAtJalali) to the minute")
        }
        XCTAssertFalse(result.messageFa.isEmpty, "the customer reads the statement in Persian")
        XCTAssertEqual(result.smsSent, 1, "one SMS up")
        XCTAssertEqual(result.smsReceived, 1, "one SMS down")
        XCTAssertEqual(transport.sentTexts.count, 6, "five payments and the statement")
        XCTAssertTrue(transport.sentTexts.allSatisfy { $0.count <= 160 }, "each frame fits one text SMS")
    }

    func testABillPaidOverSmsFromAnAccountOnceThenRefusedAndResolved() async throws {
        let sara = try await logIn("sara.ahmadi")
        let account = try XCTUnwrap(sara.accounts.first)
        let bill = try XCTUnwrap(seed.bills.first { !$0.paid })
        let (sms, transport) = try await smsWithDataDown(for: sara)
        let before = try await phone.balance(of: account.accountId)

        let payment = try sms.billPayment(
            billId: bill.billId, paymentId: bill.paymentId, amount: String(bill.amountRials))
        let paid = try await payment.payFromAccount(accountIndex: 0)
        guard case let .bill(amount, trace) = paid.reply else { throw Unexpected(paid.reply) }
        XCTAssertEqual(amount, bill.amountRials, "the bill's amount")
        XCTAssertFalse(trace.isEmpty)
        XCTAssertFalse(paid.replayed)
        XCTAssertFalse(paid.messageFa.isEmpty, "the customer reads the outcome in Persian")
        XCTAssertEqual(paid.smsSent, 1, "one SMS up")
        XCTAssertEqual(paid.smsReceived, 1, "one SMS down")

        let after = try await phone.balance(of: account.accountId)
        let debits = try await httpsStatement(of: account.accountId).filter { $0.traceNumber == trace }
        XCTAssertEqual(debits.count, 1, "one entry for the payment")
        let debit = try XCTUnwrap(debits.first)
        XCTAssertEqual(debit.direction, .debit)
        XCTAssertGreaterThanOrEqual(debit.amountRials, bill.amountRials, "the bill and its fee, if any")
        XCTAssertEqual(before - after, Int64(debit.amountRials), "debited exactly once")

        let again = try sms.billPayment(
            billId: bill.billId, paymentId: bill.paymentId, amount: String(bill.amountRials))
        let refused = try await again.payFromAccount(accountIndex: 0)
        XCTAssertEqual(refused.reply, .refused(code: "bill.already_paid"))
        let resolved = try await payment.resolve()
        XCTAssertEqual(resolved.reply, paid.reply, "the recorded outcome, not a second payment")
        XCTAssertTrue(resolved.replayed)
        let afterAll = try await phone.balance(of: account.accountId)
        XCTAssertEqual(afterAll, after, "nothing more debited")
        XCTAssertEqual(transport.sentTexts.count, 3, "pay, pay again, resolve: one SMS each")

        let httpsFlow = try await phone.hamrah.bills().start()
        let state = try await httpsFlow.enterBill(billId: bill.billId, paymentId: bill.paymentId)
        guard case .alreadyPaid = state else { throw Unexpected(state) }
    }

    /// Each test has a bank of its own (BankTestCase starts one per test), so blocking Sara's
    /// only card affects no other test.
    func testACardBlockedOverSmsIsBlockedOverHttps() async throws {
        let sara = try await logIn("sara.ahmadi")
        let seeded = try XCTUnwrap(sara.cards.first)
        let cardId = try XCTUnwrap(seeded.cardId)
        let stateBefore = try await cardState(cardId)
        XCTAssertEqual(stateBefore, "active")
        let (sms, transport) = try await smsWithDataDown(for: sara)

        let block = sms.cardBlock(cardIndex: 0)
        let result = try await block.submit()
        XCTAssertEqual(result.reply, .blocked)
        XCTAssertFalse(result.messageFa.isEmpty, "the customer reads the outcome in Persian")
        XCTAssertEqual(result.smsSent, 1, "one SMS up")
        XCTAssertEqual(result.smsReceived, 1, "one SMS down")
        let stateAfter = try await cardState(cardId)
        XCTAssertEqual(stateAfter, "blocked", "the bank shows the card blocked over HTTPS")

        let resolved = try await block.resolve()
        XCTAssertEqual(resolved.reply, .blocked)
        XCTAssertTrue(resolved.replayed)
        XCTAssertEqual(transport.sentTexts.count, 2)
    }

    private func cardState(_ cardId: String) async throws -> String {
        let cards = try await phone.hamrah.accounts().overview().cards
        return try XCTUnwrap(cards.first { $0.cardId == cardId }, "card \(cardId) listed").state
    }

    /// With data off the SMS view names each index from the lists last fetched over HTTPS.
    func testTheDirectoryNamesEachIndexFromTheListsLastFetchedWithData() async throws {
        let sara = try await logIn("sara.ahmadi")
        let sms = phone.hamrah.sms(
            transport: GatewaySmsTransport(bank: bank, fromMobile: sara.mobile),
            connectivity: SwitchConnectivity())
        XCTAssertEqual(try sms.directory(), SmsDirectory(accounts: [], cards: []), "nothing known yet")
        let accounts = try await phone.hamrah.accounts().overview().accounts
        let cards = try await phone.hamrah.accounts().overview().cards
        let directory = try sms.directory()
        XCTAssertEqual(directory.accounts, accounts.map { "\($0.titleFa) …\($0.sheba.suffix(4))" })
        XCTAssertEqual(directory.cards, cards.map { "\($0.bankNameFa) \($0.panMasked)" })
    }
}
