package ir.hamrah.kotlin

import ir.hamrah.ffi.DeviceSigner
import ir.hamrah.ffi.LocalUnlock
import ir.hamrah.ffi.PlatformException
import ir.hamrah.ffi.UnlockReason
import java.math.BigInteger
import java.security.KeyPair
import java.security.KeyPairGenerator
import java.security.Signature
import java.security.interfaces.ECPublicKey
import java.security.spec.ECGenParameterSpec
import java.util.concurrent.atomic.AtomicInteger

/**
 * The desktop's [DeviceSigner] in Kotlin: a P-256 key from the JDK's own
 * provider, held in memory (on a phone: the Keystore or Secure Enclave),
 * signing SHA256withECDSA in ASN.1 DER, as the Android signer does.
 */
class JcaDeviceSigner : DeviceSigner {
    @Volatile private var pair: KeyPair? = null
    val signatures = AtomicInteger()

    override fun createKey(): ByteArray = synchronized(this) {
        val current = pair ?: KeyPairGenerator.getInstance("EC").run {
            initialize(ECGenParameterSpec("secp256r1"))
            generateKeyPair()
        }.also { pair = it }
        sec1(current.public as ECPublicKey)
    }

    override fun publicKey(): ByteArray? = pair?.let { sec1(it.public as ECPublicKey) }

    override fun sign(message: ByteArray): ByteArray {
        val key = pair?.private ?: throw PlatformException.KeyMissing()
        signatures.incrementAndGet()
        return Signature.getInstance("SHA256withECDSA").run {
            initSign(key)
            update(message)
            sign()
        }
    }

    override fun deleteKey() {
        pair = null
    }

    override fun hardwareBacked(): Boolean = false

    /** Uncompressed SEC1: 0x04 ‖ X ‖ Y, 32 bytes each. */
    private fun sec1(key: ECPublicKey): ByteArray =
        byteArrayOf(4) + fixed(key.w.affineX) + fixed(key.w.affineY)

    private fun fixed(n: BigInteger): ByteArray {
        val bytes = n.toByteArray().dropWhile { it == 0.toByte() }.toByteArray()
        return ByteArray(32 - bytes.size) + bytes
    }
}

/** The desktop's [LocalUnlock]: the person at the desk approves or refuses. */
class DeskUnlock(private val approve: Boolean) : LocalUnlock {
    val asked = AtomicInteger()

    override fun unlock(reason: UnlockReason) {
        asked.incrementAndGet()
        check(reason.titleFa.isNotBlank())
        if (!approve) throw PlatformException.UnlockRefused()
    }
}
