package ir.hamrah.kotlin

import ir.hamrah.ffi.HamrahException
import ir.hamrah.ffi.SessionState
import kotlinx.coroutines.runBlocking
import org.junit.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertIs
import kotlin.test.assertTrue

/** Quick login with the device key (a Kotlin signer) behind a local unlock (a Kotlin gate). */
class QuickLoginTest {
    @Test
    fun anEnrolledPhoneLogsInWithItsKeyAfterTheUnlock() = runBlocking<Unit> {
        val signer = JcaDeviceSigner()
        Installs.loggedIn(signer = signer).use { client ->
            assertTrue(client.session.deviceEnrolled)
            val devices = client.session.devices()
            assertTrue(devices.any { it.current && it.enrolled }, "$devices")
            assertTrue(signer.signatures.get() > 0, "bearer requests are signed by the Kotlin signer")
            client.session.logout()

            val refused = DeskUnlock(approve = false)
            val error = assertFailsWith<HamrahException.Device> { client.session.quickLogin(refused) }
            assertEquals("platform.unlock_refused", error.code)
            assertEquals(1, refused.asked.get())

            val unlock = DeskUnlock(approve = true)
            assertIs<SessionState.Active>(client.session.quickLogin(unlock))
            assertEquals(1, unlock.asked.get())
            assertTrue(client.accounts.overview().accounts.isNotEmpty())
        }
    }
}
