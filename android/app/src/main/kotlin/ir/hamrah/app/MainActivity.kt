package ir.hamrah.app

import android.os.Bundle
import android.view.WindowManager
import androidx.activity.compose.setContent
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
import androidx.fragment.app.FragmentActivity
import ir.hamrah.app.ui.HamrahNavigation
import ir.hamrah.kotlin.HamrahClient

/**
 * The one activity. Every screen of the app shows card data, balances or
 * codes, so the window is FLAG_SECURE throughout (no screenshots, blank in
 * the recent-apps list). Layout is right-to-left for Persian.
 * A [FragmentActivity] because BiometricPrompt needs one.
 */
class MainActivity : FragmentActivity() {
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
                            else -> HamrahNavigation(ready, this@MainActivity)
                        }
                    }
                }
            }
        }
    }
}
