import Foundation
import Hamrah
import XCTest

/// A transfer to an account of the bank, by its number, through the Swift layer.
final class AccountTransferTests: BankTestCase {
    func testTransferToRezasAccountNamesHimAndIsInstant() async throws {
        let sara = try await logIn("sara.ahmadi")
        let account = try XCTUnwrap(sara.accounts.first)
        let reza = try customer("reza.karimi")
        let rezaAccount = try XCTUnwrap(reza.accounts.first)
        let flow = try await phone.hamrah.accountTransfers().start()

        var state = try await flow.act(input: .chooseSource(accountId: account.accountId))
        guard case .enterDestination = state else { throw Unexpected(state) }
        state = try await flow.act(input: .enterDestination(accountNumber: "1002.0030.0401"))
        guard case let .enterDestination(_, same?) = state else { throw Unexpected(state) }
        XCTAssertEqual(same.code, "transfer.same_account")
        state = try await flow.act(input: .enterDestination(accountNumber: "۱۰۰۲۰۰۳۰۰۵۰۱"))
        guard case let .confirmHolder(_, destination) = state else { throw Unexpected(state) }
        XCTAssertEqual(destination.holderName, "رضا کریمی")
        XCTAssertEqual(destination.accountNumberMasked, "1002****0501")
        state = try await flow.act(input: .confirmHolder(confirmed: true))
        guard case let .enterAmount(_, _, limits, nil) = state else { throw Unexpected(state) }
        XCTAssertEqual(limits.feeRials, 0)
        state = try await flow.act(input: .enterAmount(amount: "2000000"))
        guard case let .confirm(payment, _, softToken, nil) = state else { throw Unexpected(state) }
        XCTAssertEqual(payment.amountWordsFa, "دو میلیون")
        XCTAssertFalse(softToken, "no soft token on this phone")
        let before = try await phone.balance(of: account.accountId)

        state = try await flow.act(input: .requestPin)
        guard case .confirm(_, _, _, nil) = state else { throw Unexpected(state) }
        let outcome = try await flow.act(input: .submit(pin: try bank.latestCode(to: sara.mobile)))
        guard case let .succeeded(_, receipt) = outcome else { throw Unexpected(outcome) }
        XCTAssertEqual(receipt.destinationHolderName, "رضا کریمی")
        let after = try await phone.balance(of: account.accountId)
        XCTAssertEqual(before - after, Int64(receipt.totalDebitedRials))
        let credited = try bank.seed().customer("reza.karimi")?.accounts.first { $0.accountId == rezaAccount.accountId }
        XCTAssertEqual(credited?.balanceRials, rezaAccount.balanceRials + 2_000_000, "credited at once")
        _ = try await flow.act(input: .finish)
        let forgotten = try await phone.hamrah.accountTransfers().restore(flowId: flow.flowId())
        XCTAssertNil(forgotten, "finished: the saved state is forgotten")
    }
}
