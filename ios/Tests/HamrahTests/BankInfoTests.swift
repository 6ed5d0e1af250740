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
        let fetched = try await info.exchangeRates(offlineOnly: false)
        let board = try XCTUnwrap(fetched)
        XCTAssertFalse(board.offline)
        XCTAssertEqual(board.ageFa, "همین حالا")
        let usd = try XCTUnwrap(board.rates.first { $0.currency == "USD" })
        XCTAssertLessThan(usd.buyRials, usd.sellRials)
        let copy = try await info.exchangeRates(offlineOnly: true)
        let held = try XCTUnwrap(copy)
        XCTAssertEqual(held.rates, board.rates)
        XCTAssertTrue(held.offline)

        let loaded = try await info.loadBranches(offlineOnly: false)
        let directory = try XCTUnwrap(loaded)
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

        let list = try await info.depositProducts(offlineOnly: false)
        let products = try XCTUnwrap(list).products
        let year = try XCTUnwrap(products.first { $0.productId == "long_term_1y" })
        XCTAssertEqual(year.rateFa, "۲۰٫۵٪")
        XCTAssertEqual(year.kindFa, "بلندمدت")
    }
}
