import Foundation
import Hamrah
import XCTest

/// Changing a card's second PIN through the view model against the sandbox bank: restored at its
/// PINs after the app was killed, typing mistakes caught on the phone (nothing sent), a wrong
/// current PIN back to the PINs with the bank's count of tries, the change exactly once although
/// its answer was lost, then the new PIN in force (the old one refused, the new one accepted to
/// change it back). No PIN is printed: failures show states, which hold none.
final class SecondPinTests: BankTestCase {
    private static let operation = "card_second_pin_change"
    private static let newPin = "40917"

    /// The PINs' step's error: its code and field.
    @MainActor
    private static func error(of model: SecondPinModel) throws -> (code: String, field: String) {
        guard case let .enterPins(_, error?)? = model.state else { throw Unexpected(model.state) }
        return (error.code, error.field ?? "")
    }

    /// Waits (at most ten seconds) until `model`'s view satisfies `done`.
    @MainActor
    private static func view(of model: SecondPinModel, until done: (StepView) -> Bool) async throws -> StepView {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if done(model.view) { return model.view }
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        throw RecorderTimeout(seen: 0)
    }

    func testACardsSecondPinIsChangedOnceAndTheNewOneIsInForce() async throws {
        let sara = try await logIn("sara.ahmadi")
        let (bank, phone) = (self.bank!, self.phone!)
        let current = try XCTUnwrap(sara.cards.first?.secondPin, "the seed's second PIN")
        let newPin = Self.newPin
        let operation = Self.operation
        try await Task { @MainActor in
            let first = SecondPinModel(secondPins: phone.hamrah.accounts())
            await first.open().value
            guard case let .chooseCard(cards)? = first.state, let card = cards.first else {
                throw Unexpected(first.state)
            }
            let offered = try await Self.view(of: first) { $0.cancel != nil }
            XCTAssertNotNil(offered.cancel, "left before anything is sent")
            await first.choose(cardId: card.cardId).value
            guard case .enterPins(_, nil)? = first.state else { throw Unexpected(first.state) }

            // The app is killed; it opens again on the same data and logs in again.
            let again = try await phone.reopened(talkingTo: bank)
            try await again.logIn(sara, bank: bank)
            let model = SecondPinModel(secondPins: again.hamrah.accounts())
            await model.open().value
            guard case let .enterPins(restored, nil)? = model.state else { throw Unexpected(model.state) }
            XCTAssertEqual(restored.cardId, card.cardId, "restored at the PINs")

            // Typing mistakes never leave the phone.
            let before = try bank.served(operation)
            await model.submit(currentPin: current, newPin: "12345", repeatPin: "12345").value
            XCTAssertTrue(try Self.error(of: model) == ("pin.guessable", "new_pin"))
            await model.submit(currentPin: current, newPin: newPin, repeatPin: "40971").value
            XCTAssertTrue(try Self.error(of: model) == ("pin.repeat_mismatch", "repeat_pin"))
            await model.submit(currentPin: current, newPin: current, repeatPin: current).value
            XCTAssertTrue(try Self.error(of: model) == ("card.pin_unchanged", "new_pin"))
            XCTAssertEqual(try bank.served(operation), before, "nothing sent for a typing mistake")

            // A wrong current PIN: the bank refuses it, back to the PINs with the tries left.
            await model.submit(currentPin: "97531", newPin: newPin, repeatPin: newPin).value
            XCTAssertTrue(try Self.error(of: model) == ("card.pin_incorrect", "current_pin"))
            guard case let .enterPins(_, wrong?)? = model.state else { throw Unexpected(model.state) }
            XCTAssertTrue(wrong.messageEn.contains("2 more tries"), wrong.messageEn)
            XCTAssertEqual(try bank.served(operation), before + 1)

            // The right one, its answer lost after the bank committed: resolved by the same key,
            // changed exactly once, with the bank's receipt.
            try bank.arm("drop_after_commit", on: operation)
            await model.submit(currentPin: current, newPin: newPin, repeatPin: newPin).value
            guard case let .changed(changedCard, receipt)? = model.state else { throw Unexpected(model.state) }
            XCTAssertEqual(receipt.cardId, card.cardId)
            XCTAssertEqual(receipt.panMasked, changedCard.panMasked)
            XCTAssertFalse(receipt.referenceNumber.isEmpty)
            XCTAssertEqual(try bank.served(operation), before + 2)
            let ended = try await Self.view(of: model) { $0.receipt != nil }
            let shown = try XCTUnwrap(ended.receipt)
            XCTAssertEqual(shown.titleFa, "رمز دوم کارت تغییر کرد")
            XCTAssertTrue(shown.shareTextFa.hasPrefix(shown.titleFa))
            XCTAssertFalse(shown.shareTextFa.contains(current) || shown.shareTextFa.contains(newPin), "no PIN in the receipt")
            XCTAssertNotNil(ended.finish)
            XCTAssertNil(ended.cancel, "nothing to cancel after the change")
            await model.finish().value
            XCTAssertNil(model.flow)

            // The old PIN no longer opens the card; the new one does.
            await model.open().value
            guard case .chooseCard? = model.state else { throw Unexpected(model.state) }
            await model.choose(cardId: card.cardId).value
            await model.submit(currentPin: current, newPin: "31864", repeatPin: "31864").value
            XCTAssertTrue(try Self.error(of: model) == ("card.pin_incorrect", "current_pin"))
            guard case let .enterPins(_, left?)? = model.state else { throw Unexpected(model.state) }
            XCTAssertTrue(left.messageEn.contains("1 more try"), left.messageEn)
            await model.submit(currentPin: newPin, newPin: "31864", repeatPin: "31864").value
            guard case .changed? = model.state else { throw Unexpected(model.state) }
            await model.finish().value
            again.uninstall()
        }.value
    }
}
