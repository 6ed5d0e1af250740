package ir.hamrah.kotlin

import ir.hamrah.ffi.HamrahException
import ir.hamrah.ffi.SessionState
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import org.junit.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertIs
import kotlin.test.assertTrue

/** Activation and login through the Kotlin layer, against the sandbox bank. */
class SessionTest {
    @Test
    fun activationOfANewCustomerEndsLoggedIn() = runBlocking<Unit> {
        Installs.fresh().use { client ->
            val maryam = SandboxBank.customer(null)
            val card = maryam["cards"].list().first()
            val sent = client.session.startActivation(
                maryam["national_id"] as String,
                maryam["mobile"] as String,
                "۱۳۷۵/۰۲/۲۰", // as she types it, in Persian digits
                card["pan"] as String,
                card["expiry"] as String,
            )
            assertIs<SessionState.ActivationCodeSent>(sent)
            withTimeout(5_000) { client.session.state.first { it == sent } } // the observer follows
            val code = SandboxBank.lastOtp(maryam["mobile"] as String)
            assertIs<SessionState.ChooseCredentials>(client.session.verifyActivation(code))
            val active = client.session.chooseCredentials("maryam.hosseini", "Maryam#1405x")
            assertIs<SessionState.Active>(active)
            assertEquals("مریم حسینی", active.customer)
            withTimeout(5_000) { client.session.state.first { it is SessionState.Active } }
        }
    }

    @Test
    fun loginOnANewDeviceAsksForTheSmsCodeThenLogsOut() = runBlocking<Unit> {
        Installs.fresh().use { client ->
            val sent = client.session.login(Installs.SARA, "Hamrah@1405")
            assertIs<SessionState.LoginCodeSent>(sent)
            assertTrue(sent.sentToMobileMasked.contains("*"))
            val active = client.session.verifyLogin(SandboxBank.lastOtp(Installs.SARA_MOBILE))
            assertIs<SessionState.Active>(active)
            assertTrue(client.accounts.overview().accounts.isNotEmpty())
            assertIs<SessionState.LoggedOut>(client.session.logout())
            withTimeout(5_000) { client.session.state.first { it is SessionState.LoggedOut } }
        }
    }

    @Test
    fun aWrongPasswordIsTheBanksRefusalInBothLanguages() = runBlocking<Unit> {
        Installs.fresh().use { client ->
            val error = assertFailsWith<HamrahException.Bank> { client.session.login("reza.karimi", "Wrong#Pass1") }
            assertEquals("auth.invalid_credentials", error.code)
            assertTrue(error.messageFa.isNotBlank() && error.messageEn.isNotBlank())
            assertTrue(!error.messageEn.contains("Wrong#Pass1"))
        }
    }

    @Test
    fun aBadNationalIdIsRefusedOnThePhoneWithItsField() = runBlocking<Unit> {
        Installs.fresh().use { client ->
            val error = assertFailsWith<HamrahException.Invalid> {
                client.session.startActivation("0012246142", "09211234567", "1375/02/20", "6037991002006017", "0806")
            }
            assertEquals("national_id.checksum", error.code)
            assertEquals("national_id", error.field)
            assertIs<SessionState.LoggedOut>(client.session.state.value)
        }
    }
}
