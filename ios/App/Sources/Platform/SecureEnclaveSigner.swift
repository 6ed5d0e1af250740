#if canImport(CryptoKit) && canImport(LocalAuthentication) && canImport(Security)
import CryptoKit
import Foundation
import Hamrah
import LocalAuthentication
import Security

/// The core's `DeviceSigner` on iPhone: a P-256 key created inside the Secure Enclave, usable
/// only on this device, only while it is unlocked and only after the person proved presence
/// (Face ID, Touch ID or passcode) through `DeviceUnlock`. The private key never leaves the
/// enclave; the Keychain keeps only the enclave's opaque handle to it, useless on any other device.
public final class SecureEnclaveSigner: DeviceSigner {
    private static let handleName = "hamrah.device.secure_enclave_key.v1"
    private let store: KeychainSecretStore
    private let unlock: DeviceUnlock

    /// A signer whose key handle lives in `store`, gated by `unlock`.
    public init(store: KeychainSecretStore, unlock: DeviceUnlock) {
        self.store = store
        self.unlock = unlock
    }

    /// Whether this device has a Secure Enclave (simulators do not).
    public func hardwareBacked() -> Bool { SecureEnclave.isAvailable }

    private func key() throws(PlatformError) -> SecureEnclave.P256.Signing.PrivateKey? {
        guard let handle = try store.load(name: Self.handleName) else { return nil }
        do {
            return try SecureEnclave.P256.Signing.PrivateKey(
                dataRepresentation: handle, authenticationContext: unlock.context)
        } catch {
            throw .Corrupt
        }
    }

    /// Creates the key if there is none; the public key as uncompressed SEC1 (65 bytes).
    public func createKey() throws(PlatformError) -> Data {
        if let existing = try key() { return existing.publicKey.x963Representation }
        guard SecureEnclave.isAvailable,
            let access = SecAccessControlCreateWithFlags(
                nil, kSecAttrAccessibleWhenUnlockedThisDeviceOnly, [.privateKeyUsage, .userPresence], nil)
        else { throw .Unavailable }
        do {
            let created = try SecureEnclave.P256.Signing.PrivateKey(
                accessControl: access, authenticationContext: unlock.context)
            try store.save(name: Self.handleName, secret: created.dataRepresentation)
            return created.publicKey.x963Representation
        } catch let failure as PlatformError {
            throw failure
        } catch {
            throw .Unavailable
        }
    }

    /// The public key (uncompressed SEC1) if a key exists.
    public func publicKey() throws(PlatformError) -> Data? {
        try key()?.publicKey.x963Representation
    }

    /// ECDSA P-256 / SHA-256 over `message` (the enclave hashes), ASN.1 DER. Prompts for
    /// presence unless `DeviceUnlock` was unlocked in this session.
    public func sign(message: Data) throws(PlatformError) -> Data {
        guard let key = try key() else { throw .KeyMissing }
        do {
            return try key.signature(for: message).derRepresentation
        } catch {
            throw .UnlockRefused
        }
    }

    /// Deletes the key handle (the enclave key is then unreachable); a missing key is not an error.
    public func deleteKey() throws(PlatformError) {
        try store.delete(name: Self.handleName)
    }
}
#endif
