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
import ir.hamrah.ffi.setLogSink
import ir.hamrah.kotlin.HamrahClient
import ir.hamrah.kotlin.SmsBankingModel
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Deferred
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.async

/**
 * Opens the Rust core once per process: the Keystore-wrapped vault, the
 * sealed store in the app's private files, the bank's pinned keys. The
 * client (and with it every screen's model and journey) lives as long as the
 * process, so turning the phone or leaving a screen keeps a journey; a killed
 * process finds it again when the screen opens (`restore_latest`).
 */
class HamrahApplication : Application() {
    private val scope = CoroutineScope(SupervisorJob() + Dispatchers.Main)

    /** The core, opened in the background at start. */
    lateinit var client: Deferred<HamrahClient>
        private set

    /** The SMS channel, once the core is open (the SMS receiver delivers into it). */
    @Volatile var smsChannel: SmsChannel? = null
        private set

    /** The SMS banking screen's model over [smsChannel]. */
    @Volatile var smsBanking: SmsBankingModel? = null
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
                bankSmsNumber = BuildConfig.BANK_SMS_NUMBER,
            ).also { opened ->
                val connectivity = AndroidConnectivity(getSystemService(ConnectivityManager::class.java))
                // The core sends data SMS on Android (its `Encoding::for_platform` says why).
                val sms = opened.sms(AndroidSmsTransport(this@HamrahApplication), connectivity)
                connectivity.channel = sms
                smsChannel = sms
                smsBanking = opened.smsBanking(sms)
                opened.resolvePending() // unknown outcomes first and old journeys pruned, before any new work
            }
        }
    }
}
