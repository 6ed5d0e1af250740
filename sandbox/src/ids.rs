//! Opaque ids, trace and reference numbers, and secret hashing.

use rand::Rng;
use sha2::{Digest, Sha256};

/// A new opaque id with a type prefix: `trf_019a...`. The id is a UUIDv7:
/// time first, then 74 random bits, so new rows go to the end of their
/// table's index instead of a random page of it (under load, random ids made
/// every commit rewrite a few scattered index pages per transfer).
pub fn new_id(prefix: &str) -> String {
    format!("{prefix}_{}", uuid::Uuid::now_v7().simple())
}

/// A numeric string of `digits` random digits (trace numbers, OTP codes).
pub fn random_digits(digits: u32) -> String {
    let mut rng = rand::rng();
    (0..digits)
        .map(|_| char::from(b'0' + rng.random_range(0..10u8)))
        .collect()
}

/// SHA-256 in lower-case hex: how tokens and codes are stored, never in clear.
pub fn sha256_hex(parts: &[&str]) -> String {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update(part.as_bytes());
        hasher.update([0u8]);
    }
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A new bearer token: 32 random bytes, base64url.
pub fn new_token() -> String {
    use base64::Engine;
    let bytes: [u8; 32] = rand::rng().random();
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}
