package ir.hamrah.app.platform

import android.content.pm.PackageManager
import android.security.keystore.KeyGenParameterSpec
import android.security.keystore.KeyInfo
import android.security.keystore.KeyProperties
import android.security.keystore.StrongBoxUnavailableException
import ir.hamrah.ffi.DeviceSigner
import ir.hamrah.ffi.PlatformException
import java.math.BigInteger
import java.security.KeyFactory
import java.security.KeyPairGenerator
import java.security.KeyStore
import java.security.PrivateKey
import java.security.Signature
import java.security.interfaces.ECPublicKey
import java.security.spec.ECGenParameterSpec

/**
 * The device key in the Android Keystore: P-256, StrongBox where the phone
 * has it, usable only within [AUTH_SECONDS] of the customer's biometric (the
 * [BiometricUnlock] prompt the core asks for before a quick login), never
 * exportable. Signs SHA256withECDSA, ASN.1 DER, as the core expects.
 */
class KeystoreDeviceSigner(private val packageManager: PackageManager) : DeviceSigner {
    private val keyStore = KeyStore.getInstance(KEYSTORE).apply { load(null) }

    override fun createKey(): ByteArray = guarded {
        publicKeyOrNull() ?: run {
            val strongBox = packageManager.hasSystemFeature(PackageManager.FEATURE_STRONGBOX_KEYSTORE)
            try {
                generate(strongBox)
            } catch (_: StrongBoxUnavailableException) {
                generate(strongBox = false)
            }
            publicKeyOrNull() ?: throw PlatformException.KeyMissing()
        }
    }

    override fun publicKey(): ByteArray? = guarded { publicKeyOrNull() }

    override fun sign(message: ByteArray): ByteArray = guarded {
        val key = keyStore.getKey(ALIAS, null) as PrivateKey? ?: throw PlatformException.KeyMissing()
        Signature.getInstance("SHA256withECDSA").run {
            initSign(key) // throws UserNotAuthenticatedException outside the unlock window
            update(message)
            sign()
        }
    }

    override fun deleteKey() = guarded {
        if (keyStore.containsAlias(ALIAS)) keyStore.deleteEntry(ALIAS)
    }

    override fun hardwareBacked(): Boolean = try {
        val key = keyStore.getKey(ALIAS, null) as PrivateKey
        val info = KeyFactory.getInstance(key.algorithm, KEYSTORE).getKeySpec(key, KeyInfo::class.java)
        info.securityLevel == KeyProperties.SECURITY_LEVEL_STRONGBOX ||
            info.securityLevel == KeyProperties.SECURITY_LEVEL_TRUSTED_ENVIRONMENT
    } catch (_: Exception) {
        false
    }

    private fun generate(strongBox: Boolean) {
        val spec = KeyGenParameterSpec.Builder(ALIAS, KeyProperties.PURPOSE_SIGN)
            .setAlgorithmParameterSpec(ECGenParameterSpec("secp256r1"))
            .setDigests(KeyProperties.DIGEST_SHA256)
            .setUserAuthenticationRequired(true)
            .setUserAuthenticationParameters(AUTH_SECONDS, KeyProperties.AUTH_BIOMETRIC_STRONG)
            .setInvalidatedByBiometricEnrollment(true)
            .setIsStrongBoxBacked(strongBox)
            .build()
        KeyPairGenerator.getInstance(KeyProperties.KEY_ALGORITHM_EC, KEYSTORE).run {
            initialize(spec)
            generateKeyPair()
        }
    }

    private fun publicKeyOrNull(): ByteArray? {
        val key = keyStore.getCertificate(ALIAS)?.publicKey as ECPublicKey? ?: return null
        return byteArrayOf(4) + fixed(key.w.affineX) + fixed(key.w.affineY)
    }

    private fun fixed(n: BigInteger): ByteArray {
        val bytes = n.toByteArray().dropWhile { it == 0.toByte() }.toByteArray()
        return ByteArray(32 - bytes.size) + bytes
    }

    private inline fun <T> guarded(block: () -> T): T = try {
        block()
    } catch (e: PlatformException) {
        throw e
    } catch (e: android.security.keystore.UserNotAuthenticatedException) {
        throw PlatformException.UnlockRefused()
    } catch (e: Exception) {
        throw PlatformException.Unavailable()
    }

    private companion object {
        const val KEYSTORE = "AndroidKeyStore"
        const val ALIAS = "hamrah.device.v1"
        const val AUTH_SECONDS = 15
    }
}
