package ir.hamrah.kotlin

import kotlinx.coroutines.runBlocking
import org.junit.Test
import kotlin.test.assertEquals
import kotlin.test.assertFalse
import kotlin.test.assertTrue

/** The inbox from Kotlin, against the sandbox: the login's notice synced, counted unread, marked read. */
class InboxTest {
    @Test
    fun theLoginNoticeArrivesUnreadAndIsMarkedRead() = runBlocking<Unit> {
        Installs.loggedIn().use { client ->
            assertEquals(0u, client.notices.unreadCount(), "nothing synced on a new phone")
            val page = client.notices.sync()
            assertFalse(page.offline)
            val login = page.notices.first { it.kind == "login_notice" }
            assertEquals("ورود به همراه‌بانک", login.titleFa)
            assertTrue(login.createdAtFa.none { it in '0'..'9' }, login.createdAtFa)
            assertTrue(page.unreadCount >= 1u)
            assertEquals(page.unreadCount, client.notices.unreadCount())

            val read = client.notices.markRead(page.notices.first().noticeId)
            assertEquals(0u, read.unreadCount)
            assertTrue(read.notices.all { it.read })
            // From the phone, no request: the same notices.
            assertEquals(read.notices, client.notices.page(null).notices)
        }
    }
}
