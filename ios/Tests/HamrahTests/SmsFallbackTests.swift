import Foundation
import Hamrah
import XCTest

/// Mobile data cut: a card-to-card transfer over SMS, each frame one text SMS the customer
/// sends and one reply she pastes back (the desktop transport, in Swift, plays her part).
final class SmsFallbackTests: BankTestCase {
    func testACardTransferOverSmsWhenDataIsDown() async throws {
        let sara = try await logIn("sara.ahmadi")
        let card = try XCTUnwrap(sara.cards.first)
        let session = phone.hamrah.session()
        if !session.deviceEnrolled() { _ = try await session.enrollDevice() }

        let connectivity = SwitchConnectivity()
        let transport = GatewaySmsTransport(bank: bank, fromMobile: sara.mobile)
        let sms = phone.hamrah.sms(transport: transport, connectivity: connectivity, encoding: .gsm7)
        transport.pasteRepliesInto(sms)
        try await sms.setUp()
        XCTAssertTrue(sms.isReady(), "the SMS key was agreed over HTTPS")
        let channels = Recorder<ChannelDecision>()
        await channels.record(sms.channels())
        _ = try await channels.wait { $0.channel == .https }

        connectivity.set(dataAvailable: false)
        sms.connectivityChanged()
        let decision = try await channels.wait { $0.channel == .sms }
        XCTAssertTrue(decision.smsOffered)
        XCTAssertEqual(decision.reason, "data_off")

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
        await channels.stop()
    }
}
