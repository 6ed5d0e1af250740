import Foundation
import Hamrah
import XCTest

/// Loans and a loan payment through the Swift layer.
final class LoanPaymentTests: BankTestCase {
    func testTheOwnOverdueInstalmentIsPaidWithItsPenalty() async throws {
        let sara = try await logIn("sara.ahmadi")
        let account = try XCTUnwrap(sara.accounts.first)
        let view = try await phone.hamrah.loans().list()
        XCTAssertFalse(view.offline)
        let consumer = try XCTUnwrap(view.loans.first { $0.loanNumber == "0101234567001" })
        XCTAssertEqual(consumer.overdueCount, 1)
        XCTAssertGreaterThan(consumer.penaltyRials, 0)

        let flow = try await phone.hamrah.loans().pay()
        var state = try flow.state()
        guard case .chooseLoan = state else { throw Unexpected(state) }
        state = try await flow.chooseLoan(loanId: consumer.loanId)
        guard case let .chooseInstalments(loan, nil) = state else { throw Unexpected(state) }
        XCTAssertTrue(loan.own)
        let overdue = try XCTUnwrap(loan.due.first)
        XCTAssertEqual(overdue.status, "overdue")
        state = try await flow.chooseInstalments(count: 1)
        guard case let .chooseSource(_, amount, penalty, _, nil) = state else { throw Unexpected(state) }
        XCTAssertEqual(amount, overdue.amountRials + overdue.penaltyRials)
        XCTAssertEqual(penalty, overdue.penaltyRials)
        state = try await flow.chooseSource(sourceId: account.accountId)
        guard case .authorize = state else { throw Unexpected(state) }
        let before = try await phone.balance(of: account.accountId)
        state = try await flow.requestPin()
        guard case .authorize(_, _, nil) = state else { throw Unexpected(state) }
        let pin = try bank.latestCode(to: sara.mobile)
        let outcome = try await flow.submit(pin: pin)
        guard case let .succeeded(_, receipt) = outcome else { throw Unexpected(outcome) }
        XCTAssertEqual(receipt.instalmentsPaid, [overdue.number])
        XCTAssertEqual(receipt.penaltyRials, overdue.penaltyRials)
        let after = try await phone.balance(of: account.accountId)
        XCTAssertEqual(before - after, Int64(receipt.totalDebitedRials))
        try await flow.finish()
        XCTAssertTrue(try bank.ledgerBalanced())
    }

    func testAnotherPersonsLoanShowsTheHolderMasked() async throws {
        _ = try await logIn("sara.ahmadi")
        let flow = phone.hamrah.loans().payByNumber()
        var state = try await flow.enterLoanNumber(number: "۱۲۳")
        guard case let .enterLoanNumber(error) = state else { throw Unexpected(state) }
        XCTAssertEqual(error?.code, "loan.length")
        state = try await flow.enterLoanNumber(number: "0101234567003")
        guard case let .confirmHolder(loan) = state else { throw Unexpected(state) }
        XCTAssertEqual(loan.holderNameMasked, "رض* کری**")
        XCTAssertFalse(loan.own)
        state = try await flow.confirmHolder(confirmed: true)
        guard case .chooseInstalments = state else { throw Unexpected(state) }
        state = try await flow.requestSettlement()
        guard case let .chooseInstalments(_, refused) = state else { throw Unexpected(state) }
        XCTAssertEqual(refused?.code, "loan.settlement_not_own")
    }
}
