#if canImport(SwiftUI)
import Hamrah
import SwiftUI

/// The inbox: the bank's notices newest first, unread ones marked, older pages on demand; `light`
/// shows the phone's notices with no request.
struct InboxView: View {
    let notices: NoticesClient
    var light = false
    @State private var shown: [Notice] = []
    @State private var unread: UInt32 = 0
    @State private var hasOlder = false
    @State private var problem: ProblemInfo?
    @State private var error: HamrahError?

    var body: some View {
        List {
            Row(label: "خوانده‌نشده", value: persianDigits(text: String(unread)))
            if let problem { ProblemView(problem) }
            ForEach(shown, id: \.noticeId) { notice in
                VStack(alignment: .leading) {
                    Text((notice.read ? "" : "● ") + notice.titleFa).bold()
                    Text(notice.createdAtFa).font(.caption)
                    Text(notice.textFa)
                    if let amount = notice.amountFa { Text(amount) }
                }
            }
            if hasOlder, let last = shown.last {
                Button("پیام‌های قدیمی‌تر") { older(than: last.noticeId) }
            }
            if let newest = shown.first, unread > 0 {
                Button("علامت‌گذاری همه به‌عنوان خوانده‌شده") {
                    Task { await run { try await notices.markRead(noticeId: newest.noticeId) } }
                }
            }
            if let error { ProblemView(error.problem) }
        }
        .navigationTitle("پیام‌های بانک")
        .refreshable { await run { try await notices.sync() } }
        .task { await run { light ? try notices.page(before: nil) : try await notices.sync() } }
    }

    private func run(_ step: () async throws -> InboxPage) async {
        do {
            let page = try await step()
            shown = page.notices
            unread = page.unreadCount
            hasOlder = page.hasOlder
            problem = page.error
            error = nil
        } catch let failure as HamrahError {
            error = failure
        } catch {}
    }

    private func older(than id: Int64) {
        do {
            let page = try notices.page(before: id)
            shown += page.notices
            hasOlder = page.hasOlder
        } catch let failure as HamrahError {
            error = failure
        } catch {}
    }
}
#endif
