//! Opening the card's OTP seed that the bank sealed to this device at
//! activation: ECDH P-256 with a fresh device key, HKDF-SHA256 (`info`
//! [`SEED_INFO`], 32-byte salt) to a 32-byte key, AES-256-GCM (12-byte nonce,
//! AAD = the UTF-8 `token_id`, tag appended). See `soft_token_activation_confirm`.

use std::fmt;

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hkdf::Hkdf;
use p256::elliptic_curve::sec1::ToEncodedPoint;
use p256::{PublicKey, SecretKey};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use zeroize::Zeroizing;

use super::{Secret, SoftTokenError};

/// The HKDF `info` of a sealed seed.
pub const SEED_INFO: &str = "hamrah/soft-token/v1";

/// The contract's name of the sealing scheme.
pub const SEED_ALGORITHM: &str = "ECDH-P256+HKDF-SHA256+A256GCM";

/// Bytes of a seed the bank sends.
pub const SEED_LEN: usize = 32;

/// The contract's `EncryptedSeed`: the seed sealed to the device (all binary
/// fields base64url without padding). Nothing in it is secret without the device key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EncryptedSeed {
    /// Always [`SEED_ALGORITHM`].
    pub algorithm: String,
    /// The bank's ephemeral ECDH public key, uncompressed SEC1.
    pub server_public_key: String,
    /// 32 random bytes, the HKDF salt.
    pub salt: String,
    /// Always [`SEED_INFO`].
    pub hkdf_info: String,
    /// The 12-byte AES-GCM nonce.
    pub nonce: String,
    /// The sealed seed with its 16-byte tag.
    pub ciphertext: String,
}

/// The device's fresh ECDH P-256 key for one activation (not the signing
/// key). Its scalar is wiped on drop; `Debug` shows nothing of it.
pub struct ActivationKey {
    secret: SecretKey,
}

impl fmt::Debug for ActivationKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ActivationKey(redacted)")
    }
}

impl ActivationKey {
    /// A fresh key from the operating system's random source.
    pub fn generate() -> Result<Self, SoftTokenError> {
        // A random 32-byte string is a valid scalar except with negligible
        // probability; try again then rather than bias the key.
        for _ in 0..8 {
            let mut bytes = Zeroizing::new([0u8; 32]);
            rand::rng().fill_bytes(bytes.as_mut());
            if let Ok(secret) = SecretKey::from_slice(bytes.as_ref()) {
                return Ok(Self { secret });
            }
        }
        Err(SoftTokenError::Crypto)
    }

    /// The public key as the bank wants it: uncompressed SEC1, base64url.
    pub fn public_key(&self) -> String {
        URL_SAFE_NO_PAD.encode(self.secret.public_key().to_encoded_point(false).as_bytes())
    }

    /// Opens the seed the bank sealed to this key for `token_id`; the key is
    /// used up. Any altered byte (or another token id) is refused.
    pub fn open(self, token_id: &str, sealed: &EncryptedSeed) -> Result<Secret, SoftTokenError> {
        if sealed.algorithm != SEED_ALGORITHM || sealed.hkdf_info != SEED_INFO {
            return Err(SoftTokenError::SealedSeed);
        }
        let decode = |text: &str| {
            URL_SAFE_NO_PAD
                .decode(text)
                .map_err(|_| SoftTokenError::SealedSeed)
        };
        let server = PublicKey::from_sec1_bytes(&decode(&sealed.server_public_key)?)
            .map_err(|_| SoftTokenError::SealedSeed)?;
        let salt = decode(&sealed.salt)?;
        let nonce = decode(&sealed.nonce)?;
        if nonce.len() != 12 {
            return Err(SoftTokenError::SealedSeed);
        }
        let shared =
            p256::ecdh::diffie_hellman(self.secret.to_nonzero_scalar(), server.as_affine());
        let mut key = Zeroizing::new([0u8; 32]);
        Hkdf::<Sha256>::new(Some(&salt), shared.raw_secret_bytes())
            .expand(SEED_INFO.as_bytes(), key.as_mut())
            .map_err(|_| SoftTokenError::Crypto)?;
        let cipher = Aes256Gcm::new_from_slice(key.as_ref()).map_err(|_| SoftTokenError::Crypto)?;
        let ciphertext = decode(&sealed.ciphertext)?;
        let seed = Zeroizing::new(
            cipher
                .decrypt(
                    Nonce::from_slice(&nonce),
                    Payload {
                        msg: &ciphertext,
                        aad: token_id.as_bytes(),
                    },
                )
                .map_err(|_| SoftTokenError::SealedSeed)?,
        );
        if seed.len() != SEED_LEN {
            return Err(SoftTokenError::SealedSeed);
        }
        Secret::new(seed.to_vec()).map_err(|_| SoftTokenError::SealedSeed)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)] // a test fails loudly

    use super::*;

    fn sealed() -> EncryptedSeed {
        EncryptedSeed {
            algorithm: SEED_ALGORITHM.to_owned(),
            server_public_key: ActivationKey::generate().unwrap().public_key(),
            salt: URL_SAFE_NO_PAD.encode([1u8; 32]),
            hkdf_info: SEED_INFO.to_owned(),
            nonce: URL_SAFE_NO_PAD.encode([2u8; 12]),
            ciphertext: URL_SAFE_NO_PAD.encode([3u8; 48]),
        }
    }

    #[test]
    fn the_public_key_is_uncompressed_sec1() {
        let key = ActivationKey::generate().unwrap();
        let bytes = URL_SAFE_NO_PAD.decode(key.public_key()).unwrap();
        assert_eq!((bytes.len(), bytes[0]), (65, 4));
        assert_eq!(format!("{key:?}"), "ActivationKey(redacted)");
    }

    #[test]
    fn anything_but_a_seed_sealed_to_this_key_is_refused() {
        let refuse = |sealed: EncryptedSeed| {
            assert_eq!(
                ActivationKey::generate()
                    .unwrap()
                    .open("tok_1", &sealed)
                    .unwrap_err(),
                SoftTokenError::SealedSeed
            );
        };
        refuse(sealed());
        refuse(EncryptedSeed {
            algorithm: "RSA".to_owned(),
            ..sealed()
        });
        refuse(EncryptedSeed {
            hkdf_info: "other".to_owned(),
            ..sealed()
        });
        refuse(EncryptedSeed {
            server_public_key: "AAAA".to_owned(),
            ..sealed()
        });
        refuse(EncryptedSeed {
            nonce: URL_SAFE_NO_PAD.encode([2u8; 8]),
            ..sealed()
        });
        refuse(EncryptedSeed {
            ciphertext: "!!".to_owned(),
            ..sealed()
        });
    }
}
