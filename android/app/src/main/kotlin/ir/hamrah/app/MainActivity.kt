package ir.hamrah.app

import android.Manifest
import android.content.pm.PackageManager
import android.os.Bundle
import android.view.WindowManager
import androidx.activity.compose.setContent
import androidx.activity.result.contract.ActivityResultContracts
import androidx.compose.foundation.layout.Box
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.material3.CircularProgressIndicator
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Surface
import androidx.compose.runtime.CompositionLocalProvider
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.LocalLayoutDirection
import androidx.compose.ui.unit.LayoutDirection
import androidx.core.content.ContextCompat
import androidx.fragment.app.FragmentActivity
import ir.hamrah.app.platform.BiometricUnlock
import ir.hamrah.app.platform.ReceiptShare
import ir.hamrah.app.ui.AppServices
import ir.hamrah.app.ui.HamrahNavigation
import ir.hamrah.ffi.LocalUnlock
import ir.hamrah.ffi.ReceiptInfo
import ir.hamrah.kotlin.HamrahClient

/**
 * The one activity. Every screen of the app shows card data, balances or
 * codes, so the window is FLAG_SECURE throughout (no screenshots, blank in
 * the recent-apps list). Layout is right-to-left for Persian. A
 * [FragmentActivity] because BiometricPrompt needs one. It is the screens'
 * [AppServices]: the biometric gate, the SMS runtime permissions (asked here,
 * in code, before SMS banking: SEND_SMS and RECEIVE_SMS are "dangerous"
 * permissions the manifest alone does not grant), and the share sheet.
 */
class MainActivity : FragmentActivity(), AppServices {
    private var smsAnswer: ((Boolean) -> Unit)? = null
    private val smsPermissions = registerForActivityResult(ActivityResultContracts.RequestMultiplePermissions()) { granted ->
        smsAnswer?.invoke(SMS_PERMISSIONS.all { granted[it] == true || isGranted(it) })
        smsAnswer = null
    }

    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        window.setFlags(WindowManager.LayoutParams.FLAG_SECURE, WindowManager.LayoutParams.FLAG_SECURE)
        val app = application as HamrahApplication
        setContent {
            CompositionLocalProvider(LocalLayoutDirection provides LayoutDirection.Rtl) {
                MaterialTheme {
                    Surface(Modifier.fillMaxSize()) {
                        var client by remember { mutableStateOf<HamrahClient?>(null) }
                        LaunchedEffect(Unit) { client = app.client.await() }
                        when (val ready = client) {
                            null -> Box(Modifier.fillMaxSize(), Alignment.Center) { CircularProgressIndicator() }
                            else -> HamrahNavigation(ready, app.smsBanking, this@MainActivity)
                        }
                    }
                }
            }
        }
    }

    override fun unlock(): LocalUnlock = BiometricUnlock(this, getString(R.string.cancel))

    override fun smsPermitted(): Boolean = SMS_PERMISSIONS.all(::isGranted)

    override fun askSmsPermissions(done: (Boolean) -> Unit) {
        if (smsPermitted()) return done(true)
        smsAnswer = done
        smsPermissions.launch(SMS_PERMISSIONS)
    }

    override fun shareText(text: String) = ReceiptShare(this).text(text)

    override fun shareImage(receipt: ReceiptInfo) = ReceiptShare(this).image(receipt)

    private fun isGranted(permission: String) =
        ContextCompat.checkSelfPermission(this, permission) == PackageManager.PERMISSION_GRANTED

    private companion object {
        val SMS_PERMISSIONS = arrayOf(Manifest.permission.SEND_SMS, Manifest.permission.RECEIVE_SMS)
    }
}
