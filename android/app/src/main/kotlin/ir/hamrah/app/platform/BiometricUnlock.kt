package ir.hamrah.app.platform

import androidx.biometric.BiometricManager.Authenticators.BIOMETRIC_STRONG
import androidx.biometric.BiometricPrompt
import androidx.core.content.ContextCompat
import androidx.fragment.app.FragmentActivity
import ir.hamrah.ffi.LocalUnlock
import ir.hamrah.ffi.PlatformException
import ir.hamrah.ffi.UnlockReason
import java.util.concurrent.CompletableFuture

/**
 * The core's local gate: a BiometricPrompt (strong biometrics). The core calls
 * [unlock] on one of its blocking threads; the prompt runs on the main thread
 * and this thread waits for the answer. A success opens the device key's
 * authentication window ([KeystoreDeviceSigner]); anything else is `UnlockRefused`.
 */
class BiometricUnlock(private val activity: FragmentActivity, private val cancelLabel: String) : LocalUnlock {
    override fun unlock(reason: UnlockReason) {
        val answer = CompletableFuture<Boolean>()
        activity.runOnUiThread {
            val prompt = BiometricPrompt(
                activity,
                ContextCompat.getMainExecutor(activity),
                object : BiometricPrompt.AuthenticationCallback() {
                    override fun onAuthenticationSucceeded(result: BiometricPrompt.AuthenticationResult) {
                        answer.complete(true)
                    }

                    override fun onAuthenticationError(code: Int, message: CharSequence) {
                        answer.complete(false)
                    }
                },
            )
            val info = BiometricPrompt.PromptInfo.Builder()
                .setTitle(reason.titleFa)
                .setNegativeButtonText(cancelLabel)
                .setAllowedAuthenticators(BIOMETRIC_STRONG)
                .build()
            prompt.authenticate(info)
        }
        if (!answer.get()) throw PlatformException.UnlockRefused()
    }
}
