package ir.hamrah.kotlin

import ir.hamrah.ffi.CardState
import ir.hamrah.ffi.Direction
import ir.hamrah.ffi.SessionState
import ir.hamrah.ffi.sessionNotice
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.runBlocking
import org.junit.Test
import kotlin.test.assertEquals
import kotlin.test.assertNotNull
import kotlin.test.assertNull
import kotlin.test.assertTrue

/** What the home, history, settings and login screens show, from the core through the Kotlin models. */
class ScreenModelsTest {
    @Test
    fun homeShowsTheCoresLabelsBalancesAndCardStates() = runBlocking<Unit> {
        Installs.loggedIn().use { client ->
            client.home.refresh().join()
            val overview = assertNotNull(client.home.overview.value, "${client.home.problem.value}")
            val account = overview.accounts.first()
            assertEquals("${account.titleFa} …${account.sheba.takeLast(4)}", account.labelFa)
            assertTrue(account.available.rialsFa.endsWith("ریال") && account.available.rialsFa.none { it in '0'..'9' })
            val card = overview.cards.first()
            assertEquals(CardState.ACTIVE, card.status)
            assertEquals("فعال", card.statusFa)
            assertTrue(card.usable)
            assertTrue(overview.refreshedAtFa.startsWith("۱۴"), overview.refreshedAtFa)
            assertNull(overview.error)
        }
    }

    @Test
    fun historyShowsEveryAccountWithTypedDirectionsAndSearchesTheCache() = runBlocking<Unit> {
        Installs.loggedIn().use { client ->
            val history = client.history
            history.open().join()
            assertNull(history.problem.value)
            assertEquals(client.accounts.overview().accounts.map { it.accountId }, history.accounts.value.map { it.accountId })
            val entries = history.entries.value
            assertTrue(entries.isNotEmpty(), "the opening deposit at least")
            for (entry in entries) {
                val sign = if (entry.direction == Direction.DEBIT) "−" else "+"
                assertTrue(entry.amountFa.startsWith(sign), entry.amountFa)
                assertTrue(entry.postedAtFa.none { it in '0'..'9' }, entry.postedAtFa)
            }
            val last = history.accounts.value.last()
            history.select(last.accountId).join()
            assertEquals(last.accountId, history.selected.value?.accountId, "any account, not only the first")

            val first = history.entries.value.first()
            history.search(ir.hamrah.ffi.persianDigits(first.amountRials.toString())).join()
            assertTrue(history.results.value.orEmpty().any { it.entryId == first.entryId }, "${history.results.value}")
            history.search(" ").join()
            assertNull(history.results.value)
        }
    }

    @Test
    fun historyWithoutASessionShowsTheProblemAndNoAccount() = runBlocking<Unit> {
        Installs.fresh().use { client ->
            client.history.open().join()
            assertNotNull(client.history.problem.value, "a failure on screen, not a crash")
            assertNull(client.history.selected.value)
            assertTrue(client.history.accounts.value.isEmpty())
        }
    }

    @Test
    fun loggingOutForgetsTheListsTheNextCustomerMustNotSee() = runBlocking<Unit> {
        Installs.loggedIn().use { client ->
            client.home.refresh().join()
            client.history.open().join()
            assertNotNull(client.home.overview.value)
            assertTrue(client.history.accounts.value.isNotEmpty())
            client.session.logout()
            kotlinx.coroutines.withTimeout(5_000) { client.home.overview.first { it == null } }
            kotlinx.coroutines.withTimeout(5_000) { client.history.accounts.first { it.isEmpty() } }
            assertNull(client.history.selected.value)
        }
    }

    @Test
    fun anotherDeviceIsListedAndRevokedFromSettings() = runBlocking<Unit> {
        Installs.loggedIn().use { phone ->
            Installs.loggedIn().use { other ->
                phone.settings.load().join()
                val devices = phone.settings.devices.value
                val me = devices.first { it.current }
                assertTrue(me.labelFa.contains("همین دستگاه") && !me.revocable, "$me")
                other.settings.load().join()
                val otherId = other.settings.devices.value.first { it.current }.deviceId
                val listed = devices.first { it.deviceId == otherId }
                assertTrue(listed.revocable)
                phone.settings.revoke(otherId).join()
                assertNull(phone.settings.problem.value)
                assertTrue(phone.settings.devices.value.none { it.deviceId == otherId && it.revocable })
                other.home.refresh().join()
                val problem = assertNotNull(other.home.problem.value, "the revoked phone is logged out")
                assertTrue(problem.code.startsWith("session.") || problem.code.startsWith("auth."), problem.code)
            }
        }
    }

    @Test
    fun theSessionsStatePicksTheScreenAndTheCoreSaysWhy() = runBlocking<Unit> {
        val expired = SessionState.PasswordChangeRequired("expired")
        assertEquals(SessionPlace.PASSWORD_CHANGE, SessionPlace.of(expired, activating = false))
        assertTrue(sessionNotice(expired)!!.textFa.contains("منقضی"))
        assertEquals(SessionPlace.HOME, SessionPlace.of(SessionState.Expiring("سارا", 30uL), false))
        assertEquals(SessionPlace.ACTIVATION, SessionPlace.of(SessionState.LoggedOut, activating = true))
        assertEquals(SessionPlace.LOGIN, SessionPlace.of(SessionState.Locked(1_800uL), activating = true))
        assertEquals("ورود تا ۳۰ دقیقه دیگر ممکن نیست.", sessionNotice(SessionState.Locked(1_800uL))?.textFa)

        Installs.fresh().use { client ->
            val session = client.session
            session.steps.launch { session.login(Installs.SARA, "Wrong#Pass1") }.join()
            assertEquals("auth.invalid_credentials", session.steps.problem.value?.code)
            assertTrue(!session.steps.busy.value)
            session.steps.launch { session.login(Installs.SARA, "Hamrah@1405") }.join()
            val notice = kotlinx.coroutines.withTimeout(5_000) { session.notice.first { it != null } }!!
            assertTrue(notice.textFa.startsWith("کد ورود به ۰۹"), notice.textFa)
            assertTrue(!notice.warning)
        }
    }
}
