import Foundation
import Hamrah
import XCTest

/// The library itself, without a bank.
final class LibraryTests: XCTestCase {
    func testTheLibraryLoadsAndAnswers() {
        XCTAssertEqual(ffiEcho(value: 41), 42)
        XCTAssertFalse(libraryVersion().isEmpty)
    }
}
