import Foundation
import Hamrah
import XCTest

/// A bill payment from an account through the Swift layer.
final class BillPaymentTests: BankTestCase {
    func testPayABillFromTheAccountThenItIsAlreadyPaid() async throws {
        let sara = try await logIn("sara.ahmadi")
        let account = try XCTUnwrap(sara.accounts.first)
        let bill = try XCTUnwrap(seed.bills.first { !$0.paid })
        let flow = try await phone.hamrah.bills().start()

        let initial = try flow.state()
        guard case .enterBill = initial else { throw Unexpected(initial) }
        var state = try await flow.enterBill(billId: bill.billId, paymentId: bill.paymentId)
        guard case let .chooseSource(info, sources, _) = state else { throw Unexpected(state) }
        XCTAssertEqual(info.amountRials, bill.amountRials, "the amount comes from the payment ID")
        XCTAssertFalse(info.amountWordsFa.isEmpty)
        XCTAssertTrue(sources.contains { if case .account(account.accountId, _, _, _, _) = $0 { true } else { false } })
        state = try await flow.chooseSource(sourceId: account.accountId)
        guard case .confirmAccount = state else { throw Unexpected(state) }
        let before = try await phone.balance(of: account.accountId)

        state = try await flow.requestPin()
        guard case .confirmAccount(_, _, nil) = state else { throw Unexpected(state) }
        let pin = try bank.latestCode(to: try customer("sara.ahmadi").mobile)
        let outcome = try await flow.confirm(pin: pin)
        guard case let .succeeded(_, receipt) = outcome else { throw Unexpected(outcome) }
        XCTAssertEqual(receipt.amountRials, bill.amountRials)
        let after = try await phone.balance(of: account.accountId)
        XCTAssertEqual(before - after, Int64(receipt.totalDebitedRials))
        try await flow.finish()

        let again = try await phone.hamrah.bills().start()
        let second = try await again.enterBill(billId: bill.billId, paymentId: bill.paymentId)
        guard case .alreadyPaid = second else { throw Unexpected(second) }
    }
}
