package ir.hamrah.kotlin

import ir.hamrah.ffi.LocalUnlock
import ir.hamrah.ffi.SessionClient
import ir.hamrah.ffi.SessionObserver
import ir.hamrah.ffi.SessionState
import kotlinx.coroutines.flow.StateFlow

/**
 * The session for a login screen: every call returns the core's new state,
 * and [state] follows every change, the idle warning (`Expiring`) and the
 * expiry (`Expired`) included.
 */
class SessionModel internal constructor(private val client: SessionClient) : AutoCloseable {
    private val observed = ObservedState(client.state()) { publish ->
        client.observe(object : SessionObserver {
            override fun onState(state: SessionState) = publish(state)
        })
    }

    /** The session's state. */
    val state: StateFlow<SessionState> get() = observed.state

    /** Activation, step 1; the birth date is Jalali (`1375/02/20`), the expiry `YYMM`. */
    suspend fun startActivation(nationalId: String, mobile: String, birthDate: String, pan: String, expiry: String) =
        client.startActivation(nationalId, mobile, birthDate, pan, expiry)

    /** Activation, step 2: the SMS code. */
    suspend fun verifyActivation(code: String) = client.verifyActivation(code)

    /** Activation, step 3: username and password. */
    suspend fun chooseCredentials(username: String, password: String) = client.chooseCredentials(username, password)

    /** Login with username and password. */
    suspend fun login(username: String, password: String) = client.login(username, password)

    /** Login from a new device: the SMS code. */
    suspend fun verifyLogin(code: String) = client.verifyLogin(code)

    /** Changes the password. */
    suspend fun changePassword(current: String, new: String) = client.changePassword(current, new)

    /** Logs out. */
    suspend fun logout() = client.logout()

    /** Quick login on an enrolled phone: [unlock] asks for the biometric, the device key signs. */
    suspend fun quickLogin(unlock: LocalUnlock) = client.quickLogin(unlock)

    /** Whether this phone is enrolled (quick login possible). */
    val deviceEnrolled: Boolean get() = client.deviceEnrolled()

    /** The customer's devices. */
    suspend fun devices() = client.devices()

    /** Revokes a device (this one: logged out, key deleted). */
    suspend fun revokeDevice(deviceId: String) = client.revokeDevice(deviceId)

    override fun close() {
        observed.close()
        client.close()
    }
}
