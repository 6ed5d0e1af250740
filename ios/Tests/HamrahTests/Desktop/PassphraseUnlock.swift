#if canImport(COpenSSL)
import COpenSSL
import Foundation
import Hamrah

/// The desktop `LocalUnlock`, written in Swift: the person proves who she is with a passphrase
/// (the iPhone asks Face ID, Touch ID or the passcode). Only a salted SHA-256 of the passphrase
/// is kept, in the `SecretStore`; the typed one is compared in constant time.
final class PassphraseUnlock: LocalUnlock, @unchecked Sendable {
    // @unchecked: `typed` is only touched under `lock`; the store is thread-safe.
    private static let verifierName = "hamrah.desktop.unlock_verifier.v1"
    private let store: MemorySecretStore
    private let lock = NSLock()
    private var typed = ""
    private(set) var reasonsShown: [UnlockReason] = []

    /// An unlock whose passphrase is `passphrase`.
    init(store: MemorySecretStore, passphrase: String) throws {
        self.store = store
        var salt = [UInt8](repeating: 0, count: 16)
        guard RAND_bytes(&salt, Int32(salt.count)) == 1 else { throw PlatformError.Unavailable }
        try store.save(name: Self.verifierName, secret: Data(salt + Self.digest(salt, passphrase)))
    }

    /// What the person will type at the next prompt.
    func willType(_ passphrase: String) {
        lock.withLock { typed = passphrase }
    }

    func unlock(reason: UnlockReason) throws {
        let answer = lock.withLock {
            reasonsShown.append(reason)
            return typed
        }
        guard let verifier = try store.load(name: Self.verifierName), verifier.count == 48 else {
            throw PlatformError.Corrupt
        }
        let salt = [UInt8](verifier.prefix(16))
        let expected = [UInt8](verifier.suffix(32))
        let given = Self.digest(salt, answer)
        guard CRYPTO_memcmp(expected, given, 32) == 0 else { throw PlatformError.UnlockRefused }
    }

    private static func digest(_ salt: [UInt8], _ passphrase: String) -> [UInt8] {
        let input = salt + Array(passphrase.utf8)
        var out = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_LENGTH))
        _ = SHA256(input, input.count, &out)
        return out
    }
}
#endif
