//! [`DeviceSigner`]: the install's P-256 signing key (ECDSA, SHA-256), which
//! proves to the bank that a request comes from the enrolled device.
//!
//! On phones the key lives in the Android Keystore or the Secure Enclave and
//! never leaves it; the desktop's [`SoftwareDeviceSigner`] keeps it in the
//! [`SecretStore`].

use std::sync::Arc;

use p256::ecdsa::signature::Signer;
use p256::ecdsa::{Signature, SigningKey};
use rand::RngCore;
use zeroize::Zeroizing;

use super::{PlatformError, SecretStore};

/// Length of an uncompressed SEC1 P-256 public key (`0x04 || x || y`).
pub const PUBLIC_KEY_LEN: usize = 65;

/// The device's signing key, kept by the platform. Object-safe, so the shells
/// (Kotlin, Swift) implement it and the core holds an `Arc<dyn DeviceSigner>`.
pub trait DeviceSigner: Send + Sync {
    /// Creates the key if there is none; returns the public key as
    /// uncompressed SEC1 ([`PUBLIC_KEY_LEN`] bytes).
    fn create_key(&self) -> Result<Vec<u8>, PlatformError>;
    /// The public key (uncompressed SEC1) if a key exists.
    fn public_key(&self) -> Result<Option<Vec<u8>>, PlatformError>;
    /// An ECDSA P-256 / SHA-256 signature over `message` (the signer hashes),
    /// ASN.1 DER; [`PlatformError::KeyMissing`] when there is no key.
    fn sign(&self, message: &[u8]) -> Result<Vec<u8>, PlatformError>;
    /// Deletes the key; deleting a missing key is not an error.
    fn delete_key(&self) -> Result<(), PlatformError>;
    /// Whether the key lives in secure hardware (Keystore, Secure Enclave).
    fn hardware_backed(&self) -> bool;
}

/// The key's name in the [`SecretStore`].
pub const DEVICE_KEY_NAME: &str = "hamrah.device.signing_key.v1";

/// The desktop [`DeviceSigner`]: a P-256 key from the `p256` crate whose
/// 32-byte scalar is kept only in the [`SecretStore`]; in memory it exists
/// only while signing and is wiped after.
pub struct SoftwareDeviceSigner {
    secrets: Arc<dyn SecretStore>,
}

impl std::fmt::Debug for SoftwareDeviceSigner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SoftwareDeviceSigner")
            .finish_non_exhaustive()
    }
}

impl SoftwareDeviceSigner {
    /// A signer whose key lives in `secrets`.
    pub fn new(secrets: Arc<dyn SecretStore>) -> Self {
        Self { secrets }
    }

    /// The stored key, if any (wiped when dropped: `SigningKey` zeroizes itself).
    fn key(&self) -> Result<Option<SigningKey>, PlatformError> {
        let Some(scalar) = self.secrets.load(DEVICE_KEY_NAME)? else {
            return Ok(None);
        };
        SigningKey::from_slice(&scalar)
            .map(Some)
            .map_err(|_| PlatformError::Corrupt)
    }
}

/// The uncompressed SEC1 encoding of the key's public half.
fn sec1(key: &SigningKey) -> Vec<u8> {
    key.verifying_key()
        .to_encoded_point(false)
        .as_bytes()
        .to_vec()
}

/// A fresh key from the operating system's random source.
fn random_key() -> SigningKey {
    loop {
        let mut scalar = Zeroizing::new([0u8; 32]);
        rand::rng().fill_bytes(scalar.as_mut());
        // Zero or above the group order: probability about 2^-128; draw again.
        if let Ok(key) = SigningKey::from_slice(scalar.as_ref()) {
            return key;
        }
    }
}

impl DeviceSigner for SoftwareDeviceSigner {
    fn create_key(&self) -> Result<Vec<u8>, PlatformError> {
        if let Some(key) = self.key()? {
            return Ok(sec1(&key));
        }
        let key = random_key();
        let scalar = Zeroizing::new(key.to_bytes());
        self.secrets.save(DEVICE_KEY_NAME, scalar.as_slice())?;
        Ok(sec1(&key))
    }

    fn public_key(&self) -> Result<Option<Vec<u8>>, PlatformError> {
        Ok(self.key()?.map(|key| sec1(&key)))
    }

    fn sign(&self, message: &[u8]) -> Result<Vec<u8>, PlatformError> {
        let key = self.key()?.ok_or(PlatformError::KeyMissing)?;
        let signature: Signature = key.try_sign(message).map_err(|_| PlatformError::Corrupt)?;
        Ok(signature.to_der().as_bytes().to_vec())
    }

    fn delete_key(&self) -> Result<(), PlatformError> {
        self.secrets.delete(DEVICE_KEY_NAME)
    }

    fn hardware_backed(&self) -> bool {
        false
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails loudly
    use p256::ecdsa::signature::Verifier;
    use p256::ecdsa::{Signature, VerifyingKey};

    use super::*;
    use crate::platform::MemorySecretStore;

    fn verify(public: &[u8], message: &[u8], der: &[u8]) -> bool {
        let key = VerifyingKey::from_sec1_bytes(public).unwrap();
        let signature = Signature::from_der(der).unwrap();
        key.verify(message, &signature).is_ok()
    }

    fn exercise(signer: &dyn DeviceSigner) {
        signer.delete_key().unwrap();
        assert_eq!(signer.public_key().unwrap(), None);
        assert_eq!(signer.sign(b"x"), Err(PlatformError::KeyMissing));
        let public = signer.create_key().unwrap();
        assert_eq!(public.len(), PUBLIC_KEY_LEN);
        assert_eq!(public[0], 0x04);
        // Created once: a second call keeps the same key.
        assert_eq!(signer.create_key().unwrap(), public);
        assert_eq!(signer.public_key().unwrap(), Some(public.clone()));
        let der = signer.sign(b"hamrah-sig-v1\nGET\n/v1/accounts").unwrap();
        assert_eq!(der[0], 0x30, "ASN.1 DER SEQUENCE");
        assert!(verify(&public, b"hamrah-sig-v1\nGET\n/v1/accounts", &der));
        assert!(!verify(&public, b"hamrah-sig-v1\nGET\n/v1/account", &der));
        signer.delete_key().unwrap();
        signer.delete_key().unwrap();
        assert_eq!(signer.public_key().unwrap(), None);
        assert_ne!(
            signer.create_key().unwrap(),
            public,
            "a new key after delete"
        );
        signer.delete_key().unwrap();
    }

    #[test]
    fn memory_store_signer_creates_signs_and_deletes() {
        let secrets: Arc<dyn SecretStore> = Arc::new(MemorySecretStore::new());
        exercise(&SoftwareDeviceSigner::new(secrets));
    }

    #[cfg(feature = "desktop")]
    #[test]
    fn keyring_signer_creates_signs_and_deletes() {
        let service = format!("hamrah-test-signer-{}", uuid::Uuid::new_v4());
        let secrets: Arc<dyn SecretStore> =
            Arc::new(crate::platform::KeyringSecretStore::new(service));
        exercise(&SoftwareDeviceSigner::new(secrets));
    }

    #[test]
    fn the_key_is_only_in_the_store_and_never_in_debug() {
        let secrets = Arc::new(MemorySecretStore::new());
        let signer = SoftwareDeviceSigner::new(secrets.clone());
        signer.create_key().unwrap();
        let scalar = secrets.load(DEVICE_KEY_NAME).unwrap().unwrap();
        assert_eq!(scalar.len(), 32);
        let debug = format!("{signer:?}");
        assert!(!debug.contains(&format!("{:?}", scalar.as_slice())));
        assert_eq!(debug, "SoftwareDeviceSigner { .. }");
    }

    #[test]
    fn a_damaged_key_is_a_typed_error() {
        let secrets = Arc::new(MemorySecretStore::new());
        secrets.save(DEVICE_KEY_NAME, b"short").unwrap();
        let signer = SoftwareDeviceSigner::new(secrets);
        assert_eq!(signer.sign(b"x"), Err(PlatformError::Corrupt));
        assert_eq!(signer.public_key(), Err(PlatformError::Corrupt));
    }

    #[test]
    fn the_trait_is_object_safe_send_and_sync() {
        fn shared<T: Send + Sync + ?Sized>() {}
        shared::<dyn DeviceSigner>();
        let _: Arc<dyn DeviceSigner> = Arc::new(SoftwareDeviceSigner::new(Arc::new(
            MemorySecretStore::new(),
        )));
    }
}
