package ir.hamrah.kotlin

import ir.hamrah.ffi.LogLevel
import ir.hamrah.ffi.LogSink
import ir.hamrah.ffi.PlatformException
import ir.hamrah.ffi.SecretStore
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.ConcurrentLinkedQueue
import java.util.concurrent.CopyOnWriteArrayList

/**
 * The desktop's [SecretStore] in Kotlin: secrets in process memory, copies in
 * and out, wiped on delete. [unavailable] makes every call fail as a locked
 * Keystore would.
 */
class MemorySecretStore : SecretStore {
    private val secrets = ConcurrentHashMap<String, ByteArray>()
    @Volatile var unavailable = false
    val calls = ConcurrentLinkedQueue<String>()

    override fun load(name: String): ByteArray? {
        calls.add("load $name")
        if (unavailable) throw PlatformException.Unavailable()
        return secrets[name]?.copyOf()
    }

    override fun save(name: String, secret: ByteArray) {
        calls.add("save $name")
        if (unavailable) throw PlatformException.Unavailable()
        secrets.put(name, secret.copyOf())?.fill(0)
    }

    override fun delete(name: String) {
        calls.add("delete $name")
        if (unavailable) throw PlatformException.Unavailable()
        secrets.remove(name)?.fill(0)
    }

    /** The names stored (never the secrets). */
    fun names(): Set<String> = secrets.keys.toSet()
}

/** The desktop's [LogSink]: keeps every line. */
class ListLogSink : LogSink {
    val lines = CopyOnWriteArrayList<String>()

    override fun log(level: LogLevel, target: String, message: String) {
        lines.add("$level $target $message")
    }
}
