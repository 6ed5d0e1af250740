import Foundation
import Hamrah
import XCTest

/// A SHEBA (PAYA) transfer through the Swift layer.
final class ShebaTransferTests: BankTestCase {
    func testPayaTransferFromTheCurrentAccount() async throws {
        let sara = try await logIn("sara.ahmadi")
        let account = try XCTUnwrap(sara.accounts.first)
        let destination = try XCTUnwrap(seed.otherBankShebas.first)
        let flow = try await phone.hamrah.shebaTransfers().start()
        let states = Recorder<ShebaTransferState>()
        await states.record(try flow.states())

        let initial = try flow.state()
        guard case let .chooseSource(accounts) = initial else { throw Unexpected(initial) }
        XCTAssertTrue(accounts.contains { $0.accountId == account.accountId })
        var state = try await flow.chooseSource(accountId: account.accountId)
        guard case .enterSheba = state else { throw Unexpected(state) }
        state = try await flow.enterSheba(sheba: destination.lowercased())
        guard case let .confirmHolder(_, found) = state else { throw Unexpected(state) }
        XCTAssertFalse(found.holderName.isEmpty)
        XCTAssertFalse(found.shebaMasked.contains(destination), "the SHEBA is masked")
        state = try await flow.confirmHolder(confirmed: true)
        guard case let .enterAmount(_, _, limits, _) = state else { throw Unexpected(state) }
        XCTAssertGreaterThan(limits.payaBelowRials, 30_000_000)
        state = try await flow.enterAmount(amount: "30000000")
        if case let .chooseMethod(_, _, _, options) = state {
            XCTAssertTrue(options.contains { $0.method == .paya })
            state = try await flow.chooseMethod(method: .paya)
        }
        guard case let .confirm(payment, _, nil) = state else { throw Unexpected(state) }
        XCTAssertEqual(payment.option.method, .paya)
        XCTAssertEqual(payment.amountRials, 30_000_000)
        let before = try await phone.balance(of: account.accountId)

        state = try await flow.requestPin()
        guard case let .confirm(_, requested, nil) = state else { throw Unexpected(state) }
        XCTAssertEqual(requested.requestsUsed, 1)
        let pin = try bank.latestCode(to: try customer("sara.ahmadi").mobile)
        let outcome = try await flow.submit(pin: pin)
        guard case let .succeeded(_, receipt) = outcome else { throw Unexpected(outcome) }
        XCTAssertEqual(receipt.amountRials, 30_000_000)
        XCTAssertFalse(receipt.expectedSettlementAtJalali.isEmpty)
        let after = try await phone.balance(of: account.accountId)
        XCTAssertEqual(before - after, Int64(receipt.totalDebitedRials))
        _ = try await states.wait { if case .succeeded = $0 { return true } else { return false } }
        await states.stop()
        try await flow.finish()
    }
}
