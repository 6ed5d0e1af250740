//! Sealing a new seed to the device's fresh ECDH P-256 key, as
//! `soft_token_activation_confirm` says: `key = HKDF-SHA256(ECDH x, salt,
//! "hamrah/soft-token/v1")`, `AES-256-GCM(key, nonce, seed, aad = token_id)`.

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use axum::http::StatusCode;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hkdf::Hkdf;
use p256::elliptic_curve::sec1::ToEncodedPoint;
use p256::{PublicKey, SecretKey};
use rand::RngCore;
use serde_json::{Value, json};
use sha2::Sha256;
use zeroize::Zeroizing;

use crate::error::{ApiError, ApiResult};

/// The HKDF `info` of a sealed seed.
const INFO: &str = "hamrah/soft-token/v1";

/// A device public key: uncompressed SEC1 P-256, base64url; else 400
/// `device.public_key_invalid`.
pub fn device_key(text: &str, field: &str) -> ApiResult<PublicKey> {
    URL_SAFE_NO_PAD
        .decode(text)
        .ok()
        .filter(|bytes| bytes.len() == 65 && bytes[0] == 4)
        .and_then(|bytes| PublicKey::from_sec1_bytes(&bytes).ok())
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::BAD_REQUEST,
                "device.public_key_invalid",
                "کلید عمومی دستگاه معتبر نیست.",
                "The device public key is not valid.",
            )
            .with_field(field)
        })
}

fn random<const N: usize>() -> Zeroizing<[u8; N]> {
    let mut bytes = Zeroizing::new([0u8; N]);
    rand::rng().fill_bytes(bytes.as_mut());
    bytes
}

/// A fresh ephemeral key of the bank.
fn ephemeral() -> ApiResult<SecretKey> {
    (0..8)
        .find_map(|_| SecretKey::from_slice(random::<32>().as_ref()).ok())
        .ok_or_else(ApiError::internal)
}

/// The contract's `EncryptedSeed` of `seed` for `device` and `token_id`.
pub fn seal(device: &PublicKey, token_id: &str, seed: &[u8]) -> ApiResult<Value> {
    let server = ephemeral()?;
    let shared = p256::ecdh::diffie_hellman(server.to_nonzero_scalar(), device.as_affine());
    let salt = random::<32>();
    let nonce = random::<12>();
    let mut key = Zeroizing::new([0u8; 32]);
    Hkdf::<Sha256>::new(Some(salt.as_ref()), shared.raw_secret_bytes())
        .expand(INFO.as_bytes(), key.as_mut())
        .map_err(|_| ApiError::internal())?;
    let cipher = Aes256Gcm::new_from_slice(key.as_ref()).map_err(|_| ApiError::internal())?;
    let ciphertext = cipher
        .encrypt(
            Nonce::from_slice(nonce.as_ref()),
            Payload {
                msg: seed,
                aad: token_id.as_bytes(),
            },
        )
        .map_err(|_| ApiError::internal())?;
    Ok(json!({
        "algorithm": "ECDH-P256+HKDF-SHA256+A256GCM",
        "server_public_key": URL_SAFE_NO_PAD.encode(server.public_key().to_encoded_point(false).as_bytes()),
        "salt": URL_SAFE_NO_PAD.encode(salt.as_ref()),
        "hkdf_info": INFO,
        "nonce": URL_SAFE_NO_PAD.encode(nonce.as_ref()),
        "ciphertext": URL_SAFE_NO_PAD.encode(ciphertext),
    }))
}
