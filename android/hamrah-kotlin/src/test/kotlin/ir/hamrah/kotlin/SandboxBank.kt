package ir.hamrah.kotlin

import java.net.URL
import java.security.MessageDigest
import java.security.cert.X509Certificate
import java.util.Base64
import javax.net.ssl.HttpsURLConnection
import javax.net.ssl.SSLContext
import javax.net.ssl.X509TrustManager

/**
 * The sandbox bank the test script started (`hamrah-sandbox serve`): its URL,
 * SPKI pin and admin token arrive as system properties. The QA admin API is
 * reached over HTTPS pinned to the same key the app pins (no CA is trusted),
 * for what a customer would read on her phone (SMS codes) and for the
 * bank's own books (seed, ledger check, faults).
 */
object SandboxBank {
    val url: String = prop("hamrah.sandbox.url")
    val pin: String = prop("hamrah.sandbox.pin")
    private val adminToken = prop("hamrah.sandbox.admin_token")

    private fun prop(name: String) =
        System.getProperty(name) ?: error("$name is not set: run ./scripts/kotlin-test.sh")

    private val tls: SSLContext = SSLContext.getInstance("TLS").apply {
        init(null, arrayOf(PinnedTrust(pin)), null)
    }

    /** An admin call; the parsed JSON reply. */
    fun admin(method: String, path: String, body: String? = null): Any? = call(method, path, body, admin = true)

    /** A call of the bank's public API (the SMS gateway), without the admin token. */
    fun public(method: String, path: String, body: String): Any? = call(method, path, body, admin = false)

    private fun call(method: String, path: String, body: String?, admin: Boolean): Any? {
        val connection = URL(url + path).openConnection() as HttpsURLConnection
        connection.sslSocketFactory = tls.socketFactory
        connection.setHostnameVerifier { _, _ -> true } // the pin is the identity
        connection.requestMethod = method
        if (admin) connection.setRequestProperty("X-Admin-Token", adminToken)
        if (body != null) {
            connection.doOutput = true
            connection.setRequestProperty("Content-Type", "application/json")
            connection.outputStream.use { it.write(body.toByteArray()) }
        }
        val status = connection.responseCode
        val text = (if (status < 400) connection.inputStream else connection.errorStream)
            ?.use { it.readBytes().decodeToString() }.orEmpty()
        check(status < 400) { "admin $method $path: $status $text" }
        return if (text.isBlank()) null else Json.parse(text)
    }

    /** The bank's numbers (`GET /v1/config`, as a phone reads them). */
    val config: Any? by lazy { call("GET", "/v1/config", null, admin = false) }

    /** The bank's SMS number, as the app is configured with it (international form). */
    val smsNumber: String by lazy { "+98" + (config["sms"]["bank_number"] as String).removePrefix("0") }

    /** The newest SMS code sent to [mobile]. */
    fun lastOtp(mobile: String): String =
        admin("GET", "/admin/sms/$mobile?kind=otp")["items"].list()
            .mapNotNull { it["otp"] as String? }.lastOrNull() ?: error("no code sent to $mobile")

    /** The demo seed: customers with their cards (CVV2, expiry), other banks' cards and SHEBAs, bills. */
    val seed: Any? by lazy { admin("GET", "/admin/seed") }

    /** A demo customer by username (or the one not yet activated, for null). */
    fun customer(username: String?): Any? =
        seed["customers"].list().first { it["username"] == username }

    /** How many requests of the operation [operationId] the bank has served (`GET /admin/stats`). */
    fun served(operationId: String): Long =
        admin("GET", "/admin/stats")["requests_by_operation"][operationId] as Long? ?: 0L

    /** Arms a fault on the next [count] calls of [route]. */
    fun fault(route: String, kind: String, count: Int, delayMs: Long? = null) {
        val delay = delayMs?.let { ""","delay_ms":$it""" } ?: ""
        admin("POST", "/admin/faults", """{"route":"$route","kind":"$kind","count":$count$delay}""")
    }

    /** Disarms every fault. */
    fun clearFaults() {
        admin("DELETE", "/admin/faults")
    }

    /** The ledger's invariants hold (every transaction balanced, balances match postings). */
    fun ledgerOk(): Boolean = admin("GET", "/admin/ledger/check")["ok"] == true
}

/** Trusts exactly the server key whose SPKI SHA-256 is [pin] (`sha256/<base64>`). */
private class PinnedTrust(pin: String) : X509TrustManager {
    private val expected = Base64.getDecoder().decode(pin.removePrefix("sha256/"))

    override fun checkServerTrusted(chain: Array<X509Certificate>, authType: String) {
        val spki = MessageDigest.getInstance("SHA-256").digest(chain[0].publicKey.encoded)
        if (!MessageDigest.isEqual(spki, expected)) throw java.security.cert.CertificateException("pin mismatch")
    }

    override fun checkClientTrusted(chain: Array<X509Certificate>, authType: String) =
        throw java.security.cert.CertificateException("no client certificates")

    override fun getAcceptedIssuers(): Array<X509Certificate> = emptyArray()
}
