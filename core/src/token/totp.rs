//! TOTP (RFC 6238): a code from a secret and the time, with the countdown and a skew window.

use std::fmt;

use super::hotp::check_digits;
use super::{Algorithm, OtpError, Secret, constant_time_eq, unix_now};

/// A TOTP generator over `totp-rs`: secret, hash, digits (6 to 8) and period in seconds.
///
/// The bank sends digits, period and algorithm; the secret is zeroized on drop.
#[derive(Clone)]
pub struct Totp {
    inner: totp_rs::TOTP,
    algorithm: Algorithm,
}

/// One code with what a countdown needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TotpCode {
    /// The code, zero-padded to the token's digits.
    pub code: String,
    /// Seconds until the code changes (1 to the period).
    pub seconds_left: u64,
    /// The time-step counter `T = time / period` the code belongs to.
    pub step: u64,
}

impl Totp {
    /// The period most tokens use.
    pub const DEFAULT_PERIOD: u64 = 30;

    /// A generator; `digits` must be 6, 7 or 8 and `period` at least one second.
    pub fn new(
        secret: Secret,
        algorithm: Algorithm,
        digits: u8,
        period: u64,
    ) -> Result<Self, OtpError> {
        check_digits(digits)?;
        if period == 0 {
            return Err(OtpError::Period);
        }
        let inner = totp_rs::TOTP::new_unchecked(
            algorithm.to_totp_rs(),
            usize::from(digits),
            0,
            period,
            secret.expose().to_vec(),
        );
        Ok(Self { inner, algorithm })
    }

    /// The code at Unix time `unix` (seconds).
    pub fn at(&self, unix: u64) -> String {
        self.inner.generate(unix)
    }

    /// The code at `unix`, with the seconds left and its step.
    pub fn code(&self, unix: u64) -> TotpCode {
        TotpCode {
            code: self.at(unix),
            seconds_left: self.seconds_left(unix),
            step: self.step(unix),
        }
    }

    /// The code now, by the system clock.
    pub fn now(&self) -> Result<TotpCode, OtpError> {
        Ok(self.code(unix_now()?))
    }

    /// Seconds until the code at `unix` changes: from the period down to 1.
    pub fn seconds_left(&self, unix: u64) -> u64 {
        self.inner.step - unix % self.inner.step
    }

    /// The time-step counter at `unix`.
    pub fn step(&self, unix: u64) -> u64 {
        unix / self.inner.step
    }

    /// The step whose code is `code`, looking `skew` steps either side of the step at
    /// `unix`, if any. The bank records the step to accept each code once. Codes are
    /// compared in constant time.
    pub fn verify(&self, code: &str, unix: u64, skew: u64) -> Option<u64> {
        let now = self.step(unix);
        let first = now.saturating_sub(skew);
        let last = now.saturating_add(skew);
        (first..=last).find(|&step| {
            step.checked_mul(self.inner.step)
                .is_some_and(|t| constant_time_eq(self.at(t).as_bytes(), code.as_bytes()))
        })
    }

    /// The hash algorithm.
    pub fn algorithm(&self) -> Algorithm {
        self.algorithm
    }

    /// The number of digits of a code.
    pub fn digits(&self) -> u8 {
        u8::try_from(self.inner.digits).unwrap_or(u8::MAX)
    }

    /// The period in seconds.
    pub fn period(&self) -> u64 {
        self.inner.step
    }

    /// The secret, for an export.
    pub(crate) fn secret(&self) -> Result<Secret, OtpError> {
        Secret::new(self.inner.secret.clone())
    }
}

impl fmt::Debug for Totp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Totp")
            .field("algorithm", &self.algorithm)
            .field("digits", &self.inner.digits)
            .field("period", &self.inner.step)
            .field("secret", &"redacted")
            .finish()
    }
}
