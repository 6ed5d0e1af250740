import Foundation
import Hamrah
import XCTest

/// The library itself, without a bank.
final class LibraryTests: XCTestCase {
    func testTheLibraryLoadsAndAnswers() {
        XCTAssertEqual(ffiEcho(value: 41), 42)
        XCTAssertFalse(libraryVersion().isEmpty)
    }

    func testARustPanicArrivesAsAThrownErrorAndTheLibraryGoesOn() {
        XCTAssertThrowsError(try ffiTestPanic(message: "from Swift")) { error in
            XCTAssertTrue(
                error.localizedDescription.contains("deliberate test panic: from Swift"),
                error.localizedDescription)
        }
        XCTAssertEqual(ffiEcho(value: 41), 42)
    }

    func testAmountsComeFromTheCoreInPersianDigitsAndWords() {
        let text = amountText(rials: 12_500_000)
        XCTAssertEqual(text.rialsFa, "۱۲٬۵۰۰٬۰۰۰ ریال")
        XCTAssertEqual(text.wordsFa, "دوازده میلیون و پانصد هزار ریال")
        XCTAssertEqual(signedAmountText(rials: -1_000).rialsFa, "−۱٬۰۰۰ ریال")
        XCTAssertEqual(persianDigits(text: "1405/09/01 14:57"), "۱۴۰۵/۰۹/۰۱ ۱۴:۵۷")
    }
}
