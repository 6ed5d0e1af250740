import Foundation
import Hamrah
import XCTest

/// The inbox from Swift, against the sandbox: the login's and the card block's notices synced,
/// counted unread, marked read, read again from the phone.
final class InboxTests: BankTestCase {
    func testNoticesArriveUnreadAndAreMarkedRead() async throws {
        _ = try await logIn("sara.ahmadi")
        let notices = phone.hamrah.notices()
        XCTAssertEqual(try notices.unreadCount(), 0)
        let page = try await notices.sync()
        XCTAssertFalse(page.offline)
        XCTAssertEqual(page.notices.map(\.kind), ["login_notice"])
        XCTAssertEqual(page.unreadCount, 1)
        XCTAssertEqual(page.notices.first?.titleFa, "ورود به همراه‌بانک")
        let read = try await notices.markRead(noticeId: try XCTUnwrap(page.notices.first).noticeId)
        XCTAssertEqual(read.unreadCount, 0)
        XCTAssertEqual(try notices.page(before: nil).notices, read.notices)
    }
}
