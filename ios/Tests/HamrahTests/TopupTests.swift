import Foundation
import Hamrah
import XCTest

/// A top-up for another number and an internet package through the Swift layer.
final class TopupTests: BankTestCase {
    func testTopUpForAnotherNumberFromTheAccount() async throws {
        let sara = try await logIn("sara.ahmadi")
        let account = try XCTUnwrap(sara.accounts.first)
        let flow = try await phone.hamrah.topups().start()
        let states = Recorder<TopupState>()
        await states.record(try flow.states())

        let initial = try flow.state()
        guard case let .enterMobile(own, nil) = initial else { throw Unexpected(initial) }
        XCTAssertEqual(own, sara.mobile, "the bank gives her own number for \"my number\"")
        var state = try await flow.act(input: .enterMobile(mobile: "0935 123 4567"))
        guard case let .chooseProduct(line, offer, operators, nil) = state else { throw Unexpected(state) }
        XCTAssertEqual(line.operatorId, "irancell", "the operator comes from the prefix")
        XCTAssertEqual(line.mobileMasked, "0935***4567")
        XCTAssertEqual(operators.map(\.operatorId), ["mci", "irancell", "rightel"])
        XCTAssertEqual(offer?.chargeAmountsRials.first, 100_000)
        state = try await flow.act(input: .chooseOperator(operatorId: "rightel"))
        guard case let .chooseProduct(ported, _, _, nil) = state else { throw Unexpected(state) }
        XCTAssertTrue(ported.ported)
        _ = try await flow.act(input: .chooseOperator(operatorId: "irancell"))
        state = try await flow.act(input: .chooseCharge(amount: "500000", amazing: true))
        guard case let .chooseSource(purchase, sources, nil) = state else { throw Unexpected(state) }
        XCTAssertEqual(purchase.titleFa, "شارژ شگفت‌انگیز ایرانسل")
        XCTAssertEqual(purchase.amountWordsFa, "پانصد هزار")
        XCTAssertTrue(sources.contains { if case .account(account.accountId, _, _, _, _) = $0 { true } else { false } })
        state = try await flow.act(input: .chooseSource(sourceId: account.accountId))
        guard case .confirmAccount = state else { throw Unexpected(state) }
        let before = try await phone.balance(of: account.accountId)

        state = try await flow.act(input: .requestPin)
        guard case let .confirmAccount(_, _, softToken, nil) = state else { throw Unexpected(state) }
        XCTAssertFalse(softToken, "no soft token on this phone")
        let outcome = try await flow.act(input: .pay(pin: try bank.latestCode(to: sara.mobile), card: nil))
        guard case let .succeeded(_, receipt) = outcome else { throw Unexpected(outcome) }
        XCTAssertEqual(receipt.mobileMasked, "0935***4567")
        XCTAssertEqual(receipt.operatorId, "irancell")
        XCTAssertEqual(receipt.operatorReference.count, 12)
        let after = try await phone.balance(of: account.accountId)
        XCTAssertEqual(before - after, Int64(receipt.totalDebitedRials))
        _ = try await states.wait { if case .succeeded = $0 { return true } else { return false } }
        await states.stop()

        let restored = try await phone.hamrah.topups().restore(flowId: flow.flowId())
        let reopened = try XCTUnwrap(restored).state()
        guard case .succeeded = reopened else { throw Unexpected(reopened) }
        let last = try await flow.act(input: .finish)
        XCTAssertEqual(last, outcome, "the journey ends on its receipt")
        let forgotten = try await phone.hamrah.topups().restore(flowId: flow.flowId())
        XCTAssertNil(forgotten, "finished: the saved state is forgotten")
    }

    func testAnAmountTheOperatorDoesNotSellStaysOnTheScreen() async throws {
        let sara = try await logIn("sara.ahmadi")
        let flow = try await phone.hamrah.topups().start()
        var state = try await flow.act(input: .enterMobile(mobile: sara.mobile))
        guard case let .chooseProduct(line, _, _, nil) = state else { throw Unexpected(state) }
        XCTAssertTrue(line.own)
        state = try await flow.act(input: .chooseCharge(amount: "123456", amazing: false))
        guard case let .chooseProduct(_, _, _, error?) = state else { throw Unexpected(state) }
        XCTAssertEqual(error.code, "topup.amount_not_offered")
    }
}
