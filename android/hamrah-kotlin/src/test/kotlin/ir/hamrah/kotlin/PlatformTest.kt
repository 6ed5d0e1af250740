package ir.hamrah.kotlin

import ir.hamrah.ffi.HamrahException
import ir.hamrah.ffi.InternalException
import ir.hamrah.ffi.LogLevel
import ir.hamrah.ffi.amountText
import ir.hamrah.ffi.ffiEcho
import ir.hamrah.ffi.ffiTestPanic
import ir.hamrah.ffi.persianDigits
import ir.hamrah.ffi.setLogSink
import ir.hamrah.ffi.signedAmountText
import kotlinx.coroutines.runBlocking
import org.junit.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertTrue

/** The platform traits through their Kotlin desktop implementations, and panics. */
class PlatformTest {
    @Test
    fun theInstallKeepsItsDeviceIdAndStoreKeyInTheKotlinSecretStore() = runBlocking<Unit> {
        val secrets = MemorySecretStore()
        Installs.fresh(secrets).use { }
        assertEquals(setOf("hamrah.device.id.v1", "hamrah.store.key.v1"), secrets.names())
        assertTrue(secrets.calls.any { it.startsWith("save hamrah.store.key") })
    }

    @Test
    fun aLockedVaultIsADeviceError() = runBlocking<Unit> {
        val secrets = MemorySecretStore().apply { unavailable = true }
        val error = assertFailsWith<HamrahException.Device> { Installs.fresh(secrets) }
        assertTrue(error.code.startsWith("store.") || error.code.startsWith("platform."), error.code)
        assertTrue(error.messageFa.isNotBlank())
    }

    @Test
    fun theLogSinkReceivesTheCoresLogsAndAWrongPinIsRefused() = runBlocking<Unit> {
        val sink = ListLogSink()
        setLogSink(sink, LogLevel.DEBUG)
        val wrongPin = "sha256/" + java.util.Base64.getEncoder().encodeToString(ByteArray(32))
        Installs.fresh(pin = wrongPin).use { client ->
            assertTrue(sink.lines.any { it.startsWith("WARN hamrah_core") && it.contains("config unavailable") }, "${sink.lines}")
            val error = assertFailsWith<HamrahException.Network> { client.session.login(Installs.SARA, "Hamrah@1405") }
            assertEquals("tls.pin_mismatch", error.code)
        }
        assertTrue(sink.lines.none { it.contains("Hamrah@1405") }, "no secret in the logs")
    }

    @Test
    fun aRustPanicArrivesAsAnExceptionAndTheLibraryGoesOn() {
        val error = assertFailsWith<InternalException> { ffiTestPanic("from Kotlin") }
        assertTrue(error.message.orEmpty().contains("deliberate test panic"), error.message)
        assertEquals(42uL, ffiEcho(41uL))
    }

    @Test
    fun amountsComeFromTheCoreInPersianDigitsAndWords() {
        val text = amountText(12_500_000uL)
        assertEquals("۱۲٬۵۰۰٬۰۰۰ ریال", text.rialsFa)
        assertEquals("دوازده میلیون و پانصد هزار ریال", text.wordsFa)
        assertEquals("−۱٬۰۰۰ ریال", signedAmountText(-1_000L).rialsFa)
        assertEquals("۱۴۰۵/۰۹/۰۱ ۱۴:۵۷", persianDigits("1405/09/01 14:57"))
    }
}
