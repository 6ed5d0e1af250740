//! HOTP (RFC 4226): a code from a secret and a counter.

use std::fmt;

use super::{Algorithm, OtpError, Secret, constant_time_eq};

/// An HOTP generator: a secret, a hash and a number of digits (6 to 8).
///
/// Built on `totp-rs`: RFC 6238 defines TOTP as HOTP over the counter
/// `T = time / period`, so a `totp_rs::TOTP` with a one-second period computes
/// HOTP for counter `c` when asked for "time" `c`. The secret is held inside it,
/// zeroized on drop (its `zeroize` feature).
#[derive(Clone)]
pub struct Hotp {
    inner: totp_rs::TOTP,
    algorithm: Algorithm,
}

impl Hotp {
    /// A generator; `digits` must be 6, 7 or 8 (RFC 4226, section 5.3).
    pub fn new(secret: Secret, algorithm: Algorithm, digits: u8) -> Result<Self, OtpError> {
        check_digits(digits)?;
        let inner = totp_rs::TOTP::new_unchecked(
            algorithm.to_totp_rs(),
            usize::from(digits),
            0,
            1,
            secret.expose().to_vec(),
        );
        Ok(Self { inner, algorithm })
    }

    /// The code for `counter`.
    pub fn generate(&self, counter: u64) -> String {
        self.inner.generate(counter)
    }

    /// The counter in `counter..=counter + look_ahead` whose code is `code`, if any
    /// (the bank's resynchronisation window). Codes are compared in constant time.
    pub fn verify(&self, code: &str, counter: u64, look_ahead: u64) -> Option<u64> {
        (0..=look_ahead)
            .filter_map(|i| counter.checked_add(i))
            .find(|&c| constant_time_eq(self.generate(c).as_bytes(), code.as_bytes()))
    }

    /// The hash algorithm.
    pub fn algorithm(&self) -> Algorithm {
        self.algorithm
    }

    /// The number of digits of a code.
    pub fn digits(&self) -> u8 {
        u8::try_from(self.inner.digits).unwrap_or(u8::MAX)
    }

    /// The secret, for an export.
    pub(crate) fn secret(&self) -> Result<Secret, OtpError> {
        Secret::new(self.inner.secret.clone())
    }
}

impl fmt::Debug for Hotp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Hotp")
            .field("algorithm", &self.algorithm)
            .field("digits", &self.inner.digits)
            .field("secret", &"redacted")
            .finish()
    }
}

/// HOTP and TOTP codes have 6, 7 or 8 digits.
pub(crate) fn check_digits(digits: u8) -> Result<(), OtpError> {
    if (6..=8).contains(&digits) {
        Ok(())
    } else {
        Err(OtpError::Digits)
    }
}

/// RFC 4226's dynamic truncation of an HMAC to `digits` decimal digits (1 to 10).
pub(crate) fn truncate(mac: &[u8], digits: u8) -> String {
    let offset = usize::from(mac.last().copied().unwrap_or(0) & 0x0f);
    let word: [u8; 4] = mac
        .get(offset..offset + 4)
        .and_then(|s| s.try_into().ok())
        .unwrap_or([0; 4]);
    let binary = u64::from(u32::from_be_bytes(word) & 0x7fff_ffff);
    let modulus = 10u64.pow(u32::from(digits.min(10)));
    format!("{:0width$}", binary % modulus, width = usize::from(digits))
}
