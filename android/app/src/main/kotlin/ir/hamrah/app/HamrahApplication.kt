package ir.hamrah.app

import android.app.Application
import android.net.ConnectivityManager
import android.os.Build
import ir.hamrah.app.platform.AndroidConnectivity
import ir.hamrah.app.platform.AndroidSmsTransport
import ir.hamrah.app.platform.KeystoreDeviceSigner
import ir.hamrah.app.platform.KeystoreSecretStore
import ir.hamrah.app.platform.LogcatSink
import ir.hamrah.ffi.DevicePlatform
import ir.hamrah.ffi.LogLevel
import ir.hamrah.ffi.SmsChannel
import ir.hamrah.ffi.SmsEncoding
import ir.hamrah.ffi.setLogSink
import ir.hamrah.kotlin.HamrahClient
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Deferred
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.async
import kotlinx.coroutines.Dispatchers

/**
 * Opens the Rust core once per process: the Keystore-wrapped vault, the
 * sealed store in the app's private files, the bank's pinned keys.
 */
class HamrahApplication : Application() {
    /** Work that outlives a screen (the core finishes payments on its own anyway). */
    val scope = CoroutineScope(SupervisorJob() + Dispatchers.Main)

    /** The core, opened in the background at start. */
    lateinit var client: Deferred<HamrahClient>
        private set

    /** The SMS channel, once the core is open (the SMS receiver delivers into it). */
    @Volatile var smsChannel: SmsChannel? = null
        private set

    override fun onCreate() {
        super.onCreate()
        setLogSink(LogcatSink(), if (BuildConfig.DEBUG) LogLevel.DEBUG else LogLevel.WARN)
        client = scope.async {
            HamrahClient.open(
                bankUrl = BuildConfig.BANK_URL,
                spkiPins = BuildConfig.BANK_PINS.split(','),
                dataDir = filesDir.absolutePath,
                secrets = KeystoreSecretStore(this@HamrahApplication),
                signer = KeystoreDeviceSigner(packageManager),
                deviceName = Build.MODEL,
                platform = DevicePlatform.ANDROID,
            ).also { opened ->
                val connectivity = AndroidConnectivity(getSystemService(ConnectivityManager::class.java))
                smsChannel = opened.sms(AndroidSmsTransport(this@HamrahApplication), connectivity, SmsEncoding.BINARY)
                    .also { connectivity.channel = it }
                opened.resolvePending() // unknown outcomes first, before any new work
            }
        }
    }
}
