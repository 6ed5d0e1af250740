import Foundation
import Hamrah
import XCTest

extension BankTestCase {
    /// The logged-in `customer`'s SMS channel with mobile data cut: the device enrolled, the SMS
    /// key agreed over HTTPS, then `Connectivity` off until the core chooses SMS. Frames go
    /// through the Swift desktop transport (the bank's gateway), replies are pasted back.
    func smsWithDataDown(for customer: DemoSeed.Customer) async throws -> (SmsChannel, GatewaySmsTransport) {
        let session = phone.hamrah.session()
        if !session.deviceEnrolled() { _ = try await session.enrollDevice() }
        let connectivity = SwitchConnectivity()
        let transport = GatewaySmsTransport(bank: bank, fromMobile: customer.mobile)
        let sms = phone.hamrah.sms(transport: transport, connectivity: connectivity)
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
        XCTAssertTrue(decision.reasonFa.hasPrefix("اینترنت در دسترس نیست"), decision.reasonFa)
        await channels.stop()
        return (sms, transport)
    }

    /// The newest entries (at most `limit`) of `accountId`'s statement over HTTPS.
    func httpsStatement(of accountId: String, limit: UInt32 = 5) async throws -> [StatementEntry] {
        try await phone.hamrah.accounts().statement(accountId: accountId, pageSize: limit).firstPage().entries
    }
}

extension StatementEntry {
    /// The amount signed as the SMS statement shows it: negative for a debit.
    var signedRials: Int64 {
        direction == .debit ? -Int64(amountRials) : Int64(amountRials)
    }
}
