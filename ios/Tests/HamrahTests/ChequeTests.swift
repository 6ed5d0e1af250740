import Foundation
import Hamrah
import XCTest

/// Sayad cheques through the Swift layer: Reza sees Sara's colour code, then
/// confirms her cheque; Sara's books show it held.
final class ChequeTests: BankTestCase {
    func testThePayeeSeesTheColourThenConfirms() async throws {
        _ = try await logIn("reza.karimi")
        let cheques = phone.hamrah.cheques()
        let received = try await cheques.received()
        let offered = try XCTUnwrap(received.cheques.first { $0.role == "pending" && $0.issuerNameFa == "سارا احمدی" })
        XCTAssertEqual(offered.colour, "white")
        XCTAssertFalse(offered.colourWarns)
        let flow = try await cheques.openReceived(sayadId: offered.sayadId)
        let review = try flow.state()
        guard case let .review(cheque, nil) = review else { throw Unexpected(review) }
        XCTAssertEqual(cheque.amountRials, offered.amountRials)
        let outcome = try await flow.accept()
        guard case let .done(receipt) = outcome else { throw Unexpected(outcome) }
        XCTAssertEqual(receipt.status, "accepted")
        try await flow.finish()
        let status = try await cheques.status(sayadId: offered.sayadId)
        XCTAssertEqual(status.role, "holder")
        do {
            _ = try await cheques.status(sayadId: "12345")
            XCTFail("a short Sayad ID is refused before any request")
        } catch let error as HamrahError {
            guard case .Invalid = error else { return XCTFail("expected invalid input, got \(error)") }
            XCTAssertEqual(error.code, "sayad.length")
        }
    }
}
