package ir.hamrah.kotlin

import ir.hamrah.ffi.LocalUnlock
import ir.hamrah.ffi.SessionClient
import ir.hamrah.ffi.SessionInput
import ir.hamrah.ffi.SessionNotice
import ir.hamrah.ffi.SessionObserver
import ir.hamrah.ffi.SessionState
import ir.hamrah.ffi.sessionNotice
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.flow.SharingStarted
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.flow.stateIn

/** Which screen the session's state calls for. */
enum class SessionPlace {
    /** Username and password (with the SMS code of a new device), quick login, SMS banking. */
    LOGIN,

    /** Activation: identity and card, the SMS code, username and password. */
    ACTIVATION,

    /** Only a password change is allowed (expired, or the branch's initial one). */
    PASSWORD_CHANGE,

    /** Logged in: home and the journeys. */
    HOME;

    companion object {
        /** The place for [state]; [activating] when the customer chose activation on the login screen. */
        fun of(state: SessionState, activating: Boolean): SessionPlace = when (state) {
            is SessionState.Active, is SessionState.Expiring -> HOME
            is SessionState.PasswordChangeRequired -> PASSWORD_CHANGE
            is SessionState.ActivationCodeSent, is SessionState.ChooseCredentials -> ACTIVATION
            is SessionState.LoggedOut, is SessionState.LoginCodeSent, is SessionState.Locked,
            is SessionState.Expired -> if (activating && state is SessionState.LoggedOut) ACTIVATION else LOGIN
        }
    }
}

/**
 * The session for a login screen: every call returns the core's new state,
 * and [state] follows every change, the idle warning (`Expiring`) and the
 * expiry (`Expired`) included; [notice] is the core's line about it.
 * Screens run the calls through [steps] (busy, and the failure in the core's words).
 */
class SessionModel internal constructor(private val client: SessionClient, scope: CoroutineScope) : AutoCloseable {
    private val observed = ObservedState(client.state()) { publish ->
        client.observe(object : SessionObserver {
            override fun onState(state: SessionState) = publish(state)
        })
    }

    /** The session's state. */
    val state: StateFlow<SessionState> get() = observed.state

    /** The core's line about the state (a code sent, the idle warning, a lock), null when none. */
    val notice: StateFlow<SessionNotice?> =
        observed.state.map(::sessionNotice).stateIn(scope, SharingStarted.Eagerly, sessionNotice(client.state()))

    /** Runs the screens' calls: busy, and the last failure. */
    val steps = StepRunner(scope)

    /** Activation, step 1; the birth date is Jalali (`1375/02/20`), the expiry `YYMM`. */
    suspend fun startActivation(nationalId: String, mobile: String, birthDate: String, pan: String, expiry: String) =
        client.step(SessionInput.StartActivation(nationalId, mobile, birthDate, pan, expiry))

    /** Activation, step 2: the SMS code. */
    suspend fun verifyActivation(code: String) = client.step(SessionInput.VerifyActivation(code))

    /** Activation, step 3: username and password. */
    suspend fun chooseCredentials(username: String, password: String) =
        client.step(SessionInput.ChooseCredentials(username, password))

    /** Login with username and password. */
    suspend fun login(username: String, password: String) = client.step(SessionInput.Login(username, password))

    /** Login from a new device: the SMS code. */
    suspend fun verifyLogin(code: String) = client.step(SessionInput.VerifyLogin(code))

    /** Changes the password (also the forced change). */
    suspend fun changePassword(current: String, new: String) = client.step(SessionInput.ChangePassword(current, new))

    /** Logs out. */
    suspend fun logout() = client.step(SessionInput.Logout)

    /** Quick login on an enrolled phone: [unlock] asks for the biometric, the device key signs. */
    suspend fun quickLogin(unlock: LocalUnlock) = client.quickLogin(unlock)

    /** Whether this phone is enrolled (quick login possible). */
    val deviceEnrolled: Boolean get() = client.deviceEnrolled()

    /** The customer's devices. */
    suspend fun devices() = client.devices()

    /** Revokes a device (this one: logged out, key deleted). */
    suspend fun revokeDevice(deviceId: String) = client.step(SessionInput.RevokeDevice(deviceId))

    override fun close() {
        observed.close()
        client.close()
    }
}
