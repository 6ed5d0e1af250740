#if canImport(COpenSSL)
import COpenSSL
import Foundation
import Hamrah

/// The desktop `DeviceSigner`, written in Swift: a P-256 key made with OpenSSL whose private
/// half is kept in the `SecretStore` (the desktop has no Secure Enclave); signatures are
/// ECDSA/SHA-256 in ASN.1 DER, as the enclave's.
final class SoftwareDeviceSigner: DeviceSigner, @unchecked Sendable {
    // @unchecked: no stored state besides the thread-safe store.
    private static let keyName = "hamrah.desktop.device_key.v1"
    private let store: MemorySecretStore

    init(store: MemorySecretStore) {
        self.store = store
    }

    func createKey() throws -> Data {
        if let existing = try publicKey() { return existing }
        guard let key = EC_KEY_new_by_curve_name(NID_X9_62_prime256v1) else { throw PlatformError.Unavailable }
        defer { EC_KEY_free(key) }
        guard EC_KEY_generate_key(key) == 1 else { throw PlatformError.Unavailable }
        var der = [UInt8](repeating: 0, count: Int(i2d_ECPrivateKey(key, nil)))
        let written = der.withUnsafeMutableBufferPointer { buffer in
            var cursor = buffer.baseAddress
            return i2d_ECPrivateKey(key, &cursor)
        }
        guard written == der.count else { throw PlatformError.Unavailable }
        try store.save(name: Self.keyName, secret: Data(der))
        return try Self.publicPoint(of: key)
    }

    func publicKey() throws -> Data? {
        guard let key = try loadKey() else { return nil }
        defer { EC_KEY_free(key) }
        return try Self.publicPoint(of: key)
    }

    func sign(message: Data) throws -> Data {
        guard let key = try loadKey() else { throw PlatformError.KeyMissing }
        defer { EC_KEY_free(key) }
        var digest = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_LENGTH))
        message.withUnsafeBytes { bytes in
            _ = SHA256(bytes.bindMemory(to: UInt8.self).baseAddress, bytes.count, &digest)
        }
        var signature = [UInt8](repeating: 0, count: Int(ECDSA_size(key)))
        var length: UInt32 = 0
        guard ECDSA_sign(0, digest, Int32(digest.count), &signature, &length, key) == 1 else {
            throw PlatformError.Unavailable
        }
        return Data(signature.prefix(Int(length)))
    }

    func deleteKey() throws {
        try store.delete(name: Self.keyName)
    }

    func hardwareBacked() -> Bool {
        false
    }

    private func loadKey() throws -> OpaquePointer? {
        guard let der = try store.load(name: Self.keyName) else { return nil }
        let key = der.withUnsafeBytes { bytes -> OpaquePointer? in
            var cursor: UnsafePointer<UInt8>? = bytes.bindMemory(to: UInt8.self).baseAddress
            return d2i_ECPrivateKey(nil, &cursor, bytes.count)
        }
        guard let key else { throw PlatformError.Corrupt }
        return key
    }

    /// The public key, uncompressed SEC1 (`04 || x || y`, 65 bytes).
    private static func publicPoint(of key: OpaquePointer) throws -> Data {
        EC_KEY_set_conv_form(key, POINT_CONVERSION_UNCOMPRESSED)
        var point = [UInt8](repeating: 0, count: Int(i2o_ECPublicKey(key, nil)))
        let written = point.withUnsafeMutableBufferPointer { buffer in
            var cursor = buffer.baseAddress
            return i2o_ECPublicKey(key, &cursor)
        }
        guard written == 65, point.count == 65 else { throw PlatformError.Corrupt }
        return Data(point)
    }
}
#endif
