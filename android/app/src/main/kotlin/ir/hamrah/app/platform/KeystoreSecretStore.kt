package ir.hamrah.app.platform

import android.content.Context
import android.os.Build
import android.security.keystore.KeyGenParameterSpec
import android.security.keystore.KeyProperties
import android.security.keystore.StrongBoxUnavailableException
import android.util.Base64
import ir.hamrah.ffi.PlatformException
import ir.hamrah.ffi.SecretStore
import java.security.KeyStore
import javax.crypto.Cipher
import javax.crypto.KeyGenerator
import javax.crypto.SecretKey
import javax.crypto.spec.GCMParameterSpec

/**
 * The core's [SecretStore] on Android: each secret is sealed with AES-256-GCM
 * under a key that never leaves the Android Keystore (StrongBox where the
 * phone has one), the secret's name bound in as associated data; the sealed
 * bytes live in the app's private preferences (excluded from backups).
 */
class KeystoreSecretStore(context: Context) : SecretStore {
    private val prefs = context.getSharedPreferences("hamrah_vault", Context.MODE_PRIVATE)

    override fun load(name: String): ByteArray? = guarded {
        val sealed = prefs.getString(name, null) ?: return@guarded null
        val bytes = Base64.decode(sealed, Base64.NO_WRAP)
        if (bytes.size < IV_BYTES + TAG_BYTES) throw PlatformException.Corrupt()
        val cipher = Cipher.getInstance(TRANSFORMATION)
        cipher.init(Cipher.DECRYPT_MODE, key(), GCMParameterSpec(TAG_BYTES * 8, bytes, 0, IV_BYTES))
        cipher.updateAAD(name.toByteArray())
        cipher.doFinal(bytes, IV_BYTES, bytes.size - IV_BYTES)
    }

    override fun save(name: String, secret: ByteArray) = guarded {
        val cipher = Cipher.getInstance(TRANSFORMATION)
        cipher.init(Cipher.ENCRYPT_MODE, key()) // the Keystore picks a fresh IV
        cipher.updateAAD(name.toByteArray())
        val sealed = cipher.iv + cipher.doFinal(secret)
        check(prefs.edit().putString(name, Base64.encodeToString(sealed, Base64.NO_WRAP)).commit())
    }

    override fun delete(name: String) = guarded {
        check(prefs.edit().remove(name).commit())
    }

    private fun key(): SecretKey {
        val keyStore = KeyStore.getInstance(KEYSTORE).apply { load(null) }
        (keyStore.getKey(ALIAS, null) as SecretKey?)?.let { return it }
        return try {
            generate(strongBox = Build.VERSION.SDK_INT >= 28)
        } catch (_: StrongBoxUnavailableException) {
            generate(strongBox = false)
        }
    }

    private fun generate(strongBox: Boolean): SecretKey {
        val spec = KeyGenParameterSpec.Builder(ALIAS, KeyProperties.PURPOSE_ENCRYPT or KeyProperties.PURPOSE_DECRYPT)
            .setBlockModes(KeyProperties.BLOCK_MODE_GCM)
            .setEncryptionPaddings(KeyProperties.ENCRYPTION_PADDING_NONE)
            .setKeySize(256)
            .setIsStrongBoxBacked(strongBox)
            .build()
        return KeyGenerator.getInstance(KeyProperties.KEY_ALGORITHM_AES, KEYSTORE).run {
            init(spec)
            generateKey()
        }
    }

    /** Any failure of the Keystore is the core's `Unavailable`; a bad seal is `Corrupt`. */
    private inline fun <T> guarded(block: () -> T): T = try {
        block()
    } catch (e: PlatformException) {
        throw e
    } catch (e: javax.crypto.AEADBadTagException) {
        throw PlatformException.Corrupt()
    } catch (e: Exception) {
        throw PlatformException.Unavailable()
    }

    private companion object {
        const val KEYSTORE = "AndroidKeyStore"
        const val ALIAS = "hamrah.vault.v1"
        const val TRANSFORMATION = "AES/GCM/NoPadding"
        const val IV_BYTES = 12
        const val TAG_BYTES = 16
    }
}
