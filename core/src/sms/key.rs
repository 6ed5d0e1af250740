//! The per-device SMS key: AES-256-GCM, agreed once per enrollment (and on
//! rotation) by ECDH P-256, separate from the HTTPS keys:
//! `key = HKDF-SHA256(ikm = ECDH x, salt, info = "hamrah/sms/v1" || key_id u16 BE)`.
//!
//! [`SmsKeyAgreement`] is the device's half; [`derive`] is the math both sides run.

use hkdf::Hkdf;
use p256::elliptic_curve::sec1::ToEncodedPoint;
use p256::{PublicKey, SecretKey};
use sha2::Sha256;
use zeroize::Zeroizing;

use super::SmsError;

/// The HKDF info prefix; the key id (2 bytes, big-endian) is appended.
pub const HKDF_INFO: &[u8] = b"hamrah/sms/v1";

/// Length of the SMS key.
pub const KEY_LEN: usize = 32;

/// One agreed SMS key and its id. The key bytes are wiped when dropped and
/// never shown by `Debug`.
#[derive(Clone)]
pub struct SmsKey {
    key_id: u16,
    key: Zeroizing<[u8; KEY_LEN]>,
}

impl std::fmt::Debug for SmsKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmsKey")
            .field("key_id", &self.key_id)
            .finish_non_exhaustive()
    }
}

impl SmsKey {
    /// A key from its bytes (as kept in the SecretStore or the bank's vault).
    pub fn from_bytes(key_id: u16, key: &[u8]) -> Result<Self, SmsError> {
        let mut bytes = Zeroizing::new([0u8; KEY_LEN]);
        if key.len() != KEY_LEN {
            return Err(SmsError::KeyUnknown);
        }
        bytes.copy_from_slice(key);
        Ok(Self { key_id, key: bytes })
    }

    /// The id every frame under this key carries.
    pub fn key_id(&self) -> u16 {
        self.key_id
    }

    /// The key bytes, for the AEAD and for storing in a vault.
    pub fn bytes(&self) -> &[u8; KEY_LEN] {
        &self.key
    }
}

/// Both sides' derivation: ECDH of `own` with `peer`, then HKDF-SHA256 with
/// `salt` and `"hamrah/sms/v1" || key_id` (u16 BE).
pub fn derive(own: &SecretKey, peer: &PublicKey, salt: &[u8], key_id: u16) -> SmsKey {
    let shared = p256::ecdh::diffie_hellman(own.to_nonzero_scalar(), peer.as_affine());
    let hkdf = Hkdf::<Sha256>::new(Some(salt), shared.raw_secret_bytes());
    let mut info = HKDF_INFO.to_vec();
    info.extend_from_slice(&key_id.to_be_bytes());
    let mut key = Zeroizing::new([0u8; KEY_LEN]);
    // 32 bytes is far below HKDF-SHA256's limit of 255 * 32: this cannot fail.
    let _ = hkdf.expand(&info, &mut *key);
    SmsKey { key_id, key }
}

/// A fresh P-256 secret from the OS's random source.
pub fn fresh_secret() -> SecretKey {
    loop {
        let mut bytes = Zeroizing::new([0u8; 32]);
        rand::fill(&mut *bytes);
        // Fails only for zero or values above the group order (about 2^-32).
        if let Ok(secret) = SecretKey::from_slice(&*bytes) {
            return secret;
        }
    }
}

/// Parses a public key as the contract sends it: an uncompressed SEC1 point,
/// base64url without padding.
pub fn public_key_from_base64url(text: &str) -> Option<PublicKey> {
    use base64::Engine;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(text)
        .ok()?;
    if bytes.len() != 65 {
        return None;
    }
    PublicKey::from_sec1_bytes(&bytes).ok()
}

/// A public key as the contract sends it (uncompressed SEC1, base64url).
pub fn public_key_to_base64url(key: &PublicKey) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(key.to_encoded_point(false).as_bytes())
}

/// The device's half of `sms_key_agree`: a fresh ECDH key pair, its public
/// key for the request, then the key from the bank's answer.
pub struct SmsKeyAgreement {
    secret: SecretKey,
}

impl std::fmt::Debug for SmsKeyAgreement {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SmsKeyAgreement")
    }
}

impl Default for SmsKeyAgreement {
    fn default() -> Self {
        Self::new()
    }
}

impl SmsKeyAgreement {
    /// A fresh key pair (used for one agreement only).
    pub fn new() -> Self {
        Self {
            secret: fresh_secret(),
        }
    }

    /// The request's `device_public_key`.
    pub fn public_key(&self) -> String {
        public_key_to_base64url(&self.secret.public_key())
    }

    /// The key from the bank's `SmsKey` answer (`server_public_key`, `salt`, `key_id`).
    pub fn finish(
        self,
        server_public_key: &str,
        salt: &str,
        key_id: u16,
    ) -> Result<SmsKey, SmsError> {
        use base64::Engine;
        let peer = public_key_from_base64url(server_public_key).ok_or(SmsError::KeyUnknown)?;
        let salt = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(salt)
            .map_err(|_| SmsError::KeyUnknown)?;
        Ok(derive(&self.secret, &peer, &salt, key_id))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails loudly
    use super::*;

    #[test]
    fn both_sides_derive_the_same_key_and_the_id_matters() {
        let device = SmsKeyAgreement::new();
        let bank = fresh_secret();
        let device_public = public_key_from_base64url(&device.public_key()).unwrap();
        let bank_side = derive(&bank, &device_public, b"salt", 7);
        let bank_public = public_key_to_base64url(&bank.public_key());
        let device_side = device.finish(&bank_public, "c2FsdA", 7).unwrap();
        assert_eq!(bank_side.bytes(), device_side.bytes());
        assert_ne!(
            derive(&bank, &device_public, b"salt", 8).bytes(),
            bank_side.bytes()
        );
        assert_eq!(format!("{device_side:?}"), "SmsKey { key_id: 7, .. }");
    }
}
