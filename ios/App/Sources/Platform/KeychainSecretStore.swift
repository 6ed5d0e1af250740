#if canImport(Security)
import Foundation
import Hamrah
import Security

/// The core's `SecretStore` on iPhone: generic-password items in the Keychain, readable only
/// while the device is unlocked and never migrated to another device (no iCloud sync, not in
/// backups restored elsewhere), so selling or restoring a phone leaves Hamrah's secrets behind.
public final class KeychainSecretStore: SecretStore {
    /// The Keychain service all of Hamrah's items share.
    public let service: String

    /// A store over the items of `service`.
    public init(service: String = "ir.hamrah.secrets") {
        self.service = service
    }

    private func query(_ name: String) -> [String: Any] {
        [
            kSecClass as String: kSecClassGenericPassword,
            kSecAttrService as String: service,
            kSecAttrAccount as String: name,
        ]
    }

    /// The secret stored under `name`, if any.
    public func load(name: String) throws(PlatformError) -> Data? {
        var request = query(name)
        request[kSecReturnData as String] = true
        request[kSecMatchLimit as String] = kSecMatchLimitOne
        var item: CFTypeRef?
        switch SecItemCopyMatching(request as CFDictionary, &item) {
        case errSecSuccess:
            guard let data = item as? Data else { throw .Corrupt }
            return data
        case errSecItemNotFound:
            return nil
        default:
            throw .Unavailable
        }
    }

    /// Stores `secret` under `name`, replacing what was there.
    public func save(name: String, secret: Data) throws(PlatformError) {
        let update: [String: Any] = [
            kSecValueData as String: secret,
            kSecAttrAccessible as String: kSecAttrAccessibleWhenUnlockedThisDeviceOnly,
        ]
        switch SecItemUpdate(query(name) as CFDictionary, update as CFDictionary) {
        case errSecSuccess:
            return
        case errSecItemNotFound:
            let add = query(name).merging(update) { _, new in new }
            guard SecItemAdd(add as CFDictionary, nil) == errSecSuccess else { throw .Unavailable }
        default:
            throw .Unavailable
        }
    }

    /// Forgets the secret under `name`; forgetting a missing one is not an error.
    public func delete(name: String) throws(PlatformError) {
        let status = SecItemDelete(query(name) as CFDictionary)
        guard status == errSecSuccess || status == errSecItemNotFound else { throw .Unavailable }
    }
}
#endif
