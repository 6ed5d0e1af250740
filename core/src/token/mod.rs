//! The soft token's offline codes ("ramz-saz"): HOTP (RFC 4226), TOTP (RFC 6238),
//! OCRA (RFC 6287) with Hamrah's transaction-bound code, and `otpauth://` URIs;
//! and a card's token on the phone: [`ActivationKey`] opens the seed the bank
//! sealed to it, [`SoftTokenVault`] keeps it only in the platform's
//! `SecretStore`, [`SoftToken`] makes its codes.
//!
//! Everything here is pure: no clock is read unless a `*_now` helper is called, no
//! I/O, no global state. Key bytes live in [`Secret`], which wipes them on drop and
//! never shows them in `Debug`.
//!
//! ```
//! use hamrah_core::token::{Algorithm, Secret, Totp};
//! let secret = Secret::new(b"12345678901234567890".to_vec()).unwrap();
//! let totp = Totp::new(secret, Algorithm::Sha1, 8, 30).unwrap();
//! assert_eq!(totp.at(59), "94287082");
//! assert_eq!(totp.seconds_left(59), 1);
//! assert_eq!(totp.verify("94287082", 89, 1), Some(1));
//! ```

mod activation;
mod error;
mod hotp;
mod ocra;
mod otpauth;
mod secret;
mod soft_token;
mod totp;
mod transaction;
mod vault;

use std::fmt;
use std::str::FromStr;

use hmac::{Hmac, Mac};
use sha1::Sha1;
use sha2::{Digest, Sha256, Sha512};

pub use activation::{ActivationKey, EncryptedSeed, SEED_ALGORITHM, SEED_INFO, SEED_LEN};
pub use error::OtpError;
pub use hotp::Hotp;
pub use ocra::{OcraInput, OcraSuite, Pin, QuestionFormat, TimeStep};
pub use otpauth::{OtpAuth, OtpKind};
pub use secret::Secret;
pub use soft_token::{SoftToken, SoftTokenError, TokenParams, bank_time};
pub use totp::{Totp, TotpCode};
pub use transaction::{
    Payee, TRANSACTION_SUITE, transaction_code, transaction_question, verify_transaction_code,
};
pub use vault::SoftTokenVault;

/// The hash function under the HMAC: SHA1 (the default of most tokens), SHA256 or SHA512.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Algorithm {
    /// HMAC-SHA1, 20-byte output.
    #[default]
    Sha1,
    /// HMAC-SHA256, 32-byte output.
    Sha256,
    /// HMAC-SHA512, 64-byte output.
    Sha512,
}

impl Algorithm {
    /// The name as written in suites and URIs: `SHA1`, `SHA256`, `SHA512`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Sha1 => "SHA1",
            Self::Sha256 => "SHA256",
            Self::Sha512 => "SHA512",
        }
    }

    /// The length of the plain hash in bytes (20, 32 or 64).
    pub fn output_len(self) -> usize {
        match self {
            Self::Sha1 => 20,
            Self::Sha256 => 32,
            Self::Sha512 => 64,
        }
    }

    /// The plain hash of `data` (used for OCRA's PIN input).
    pub(crate) fn digest(self, data: &[u8]) -> Vec<u8> {
        match self {
            Self::Sha1 => Sha1::digest(data).to_vec(),
            Self::Sha256 => Sha256::digest(data).to_vec(),
            Self::Sha512 => Sha512::digest(data).to_vec(),
        }
    }

    /// HMAC of `message` under `key`.
    pub(crate) fn hmac(self, key: &[u8], message: &[u8]) -> Result<Vec<u8>, OtpError> {
        fn run<M: Mac + hmac::digest::KeyInit>(
            key: &[u8],
            message: &[u8],
        ) -> Result<Vec<u8>, OtpError> {
            let mut mac =
                <M as hmac::digest::KeyInit>::new_from_slice(key).map_err(|_| OtpError::Secret)?;
            mac.update(message);
            Ok(mac.finalize().into_bytes().to_vec())
        }
        match self {
            Self::Sha1 => run::<Hmac<Sha1>>(key, message),
            Self::Sha256 => run::<Hmac<Sha256>>(key, message),
            Self::Sha512 => run::<Hmac<Sha512>>(key, message),
        }
    }

    pub(crate) fn to_totp_rs(self) -> totp_rs::Algorithm {
        match self {
            Self::Sha1 => totp_rs::Algorithm::SHA1,
            Self::Sha256 => totp_rs::Algorithm::SHA256,
            Self::Sha512 => totp_rs::Algorithm::SHA512,
        }
    }
}

impl fmt::Display for Algorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Algorithm {
    type Err = OtpError;

    /// `sha1`, `SHA256`, `sha-512`: case and one dash are ignored.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_uppercase().replace('-', "").as_str() {
            "SHA1" => Ok(Self::Sha1),
            "SHA256" => Ok(Self::Sha256),
            "SHA512" => Ok(Self::Sha512),
            _ => Err(OtpError::Algorithm),
        }
    }
}

/// Compares two codes in time that does not depend on where they differ.
pub(crate) fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The current Unix time in seconds.
pub(crate) fn unix_now() -> Result<u64, OtpError> {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .map_err(|_| OtpError::Time)
}
