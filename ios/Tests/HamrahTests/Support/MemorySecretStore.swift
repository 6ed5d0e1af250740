import Foundation
import Hamrah

/// The desktop `SecretStore` of the tests, written in Swift: bytes by name in memory, as the
/// iPhone's Keychain store keeps them (the bindings call it from the library's threads).
final class MemorySecretStore: SecretStore, @unchecked Sendable {
    // @unchecked: `secrets` is only touched under `lock`.
    private let lock = NSLock()
    private var secrets: [String: Data] = [:]

    func load(name: String) throws -> Data? {
        lock.withLock { secrets[name] }
    }

    func save(name: String, secret: Data) throws {
        lock.withLock { secrets[name] = secret }
    }

    func delete(name: String) throws {
        _ = lock.withLock { secrets.removeValue(forKey: name) }
    }

    /// The names stored, for assertions.
    var names: Set<String> {
        lock.withLock { Set(secrets.keys) }
    }
}
