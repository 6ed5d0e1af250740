import Foundation
import Hamrah
import XCTest

/// The bank's information from Swift, against the sandbox: rates with their age, the light mode's
/// reads from the phone, branches searched on the phone (Arabic letters typed, nearest), products.
final class BankInfoTests: BankTestCase {
    func testRatesBranchesAndProductsBeforeLogin() async throws {
        let info = phone.hamrah.info()
        let none = try await info.exchangeRates(offlineOnly: true)
        XCTAssertNil(none, "a new phone holds no rates")
        let board = try XCTUnwrap(try await info.exchangeRates(offlineOnly: false))
        XCTAssertFalse(board.offline)
        XCTAssertEqual(board.ageFa, "همین حالا")
        let usd = try XCTUnwrap(board.rates.first { $0.currency == "USD" })
        XCTAssertLessThan(usd.buyRials, usd.sellRials)
        let held = try XCTUnwrap(try await info.exchangeRates(offlineOnly: true))
        XCTAssertEqual(held.rates, board.rates)
        XCTAssertTrue(held.offline)

        let directory = try XCTUnwrap(try await info.loadBranches(offlineOnly: false))
        XCTAssertGreaterThanOrEqual(directory.count, 40)
        XCTAssertEqual(info.searchBranches(query: "تجريش", limit: 3).first?.code, "1012")
        let near = try info.nearestBranches(latitude: 35.7577, longitude: 51.4098, limit: 3)
        XCTAssertEqual(near.first?.code, "1018")
        do {
            _ = try info.nearestBranches(latitude: 95, longitude: 0, limit: 3)
            XCTFail("a latitude past the pole is refused")
        } catch let error as HamrahError {
            guard case .Invalid = error else { return XCTFail("expected invalid input, got \(error)") }
            XCTAssertEqual(error.code, "info.location_invalid")
        }

        let products = try XCTUnwrap(try await info.depositProducts(offlineOnly: false)).products
        let year = try XCTUnwrap(products.first { $0.productId == "long_term_1y" })
        XCTAssertEqual(year.rateFa, "۲۰٫۵٪")
        XCTAssertEqual(year.kindFa, "بلندمدت")
    }
}
