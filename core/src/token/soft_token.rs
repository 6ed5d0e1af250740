//! [`SoftToken`]: one card's soft token on this phone, making its codes
//! offline: the time-based dynamic PIN with its countdown, and the code bound
//! to one payment's amount and payee.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::{Algorithm, OcraInput, OcraSuite, Payee, Secret, Totp, TotpCode, transaction_question};
use crate::money::Rials;

crate::coded_error! {
    /// Why a soft token could not be activated, kept or used on this phone.
    /// No variant carries a seed, a key or a code.
    pub enum SoftTokenError {
        /// This phone holds no token for the card.
        NotActive => ("token.not_active", "رمزساز برای این کارت روی این دستگاه فعال نیست.", "No soft token is active for this card on this device."),
        /// The sealed seed from the bank could not be opened (altered, or not for this key).
        SealedSeed => ("token.seed_invalid", "کلید رمزساز دریافتی از بانک باز نشد؛ فعال‌سازی را دوباره انجام دهید.", "The seed from the bank could not be opened; activate again."),
        /// A key could not be made or used.
        Crypto => ("token.crypto", "عملیات رمزنگاری رمزساز انجام نشد.", "A soft-token cryptographic operation failed."),
        /// The bank's token parameters (digits, period, algorithm, OCRA suite) are not usable.
        Parameters => ("token.parameters", "مشخصات رمزساز ارسالی بانک پشتیبانی نمی‌شود.", "The bank's soft-token parameters are not supported."),
        /// The device's secure store could not keep or give back the token.
        Vault => ("token.vault_unavailable", "دسترسی به انبار امن دستگاه برای رمزساز ممکن نشد.", "The device's secure store is not available for the soft token."),
        /// The clock could not be read.
        Clock => ("token.clock", "ساعت دستگاه خوانده نشد.", "The device clock could not be read."),
    }
}

/// What the bank said about a card's token at activation (nothing secret).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenParams {
    /// The card the token is for.
    pub card_id: String,
    /// The bank's id of the token.
    pub token_id: String,
    /// Digits of a time-based code.
    pub digits: u8,
    /// Seconds per time step.
    pub period_seconds: u64,
    /// `sha1`, `sha256` or `sha512`.
    pub algorithm: String,
    /// RFC 6287 suite of the transaction-bound codes.
    pub ocra_suite: String,
}

/// One card's token: its parameters and its seed (wiped on drop, never shown).
#[derive(Clone)]
pub struct SoftToken {
    params: TokenParams,
    totp: Totp,
    ocra: OcraSuite,
    seed: Secret,
}

impl fmt::Debug for SoftToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SoftToken")
            .field("params", &self.params)
            .field("seed", &"redacted")
            .finish()
    }
}

impl SoftToken {
    /// A token from its parameters and seed; refuses parameters it cannot honour.
    pub fn new(params: TokenParams, seed: Secret) -> Result<Self, SoftTokenError> {
        let algorithm: Algorithm = params
            .algorithm
            .parse()
            .map_err(|_| SoftTokenError::Parameters)?;
        let totp = Totp::new(
            seed.clone(),
            algorithm,
            params.digits,
            params.period_seconds,
        )
        .map_err(|_| SoftTokenError::Parameters)?;
        let ocra: OcraSuite = params
            .ocra_suite
            .parse()
            .map_err(|_| SoftTokenError::Parameters)?;
        Ok(Self {
            params,
            totp,
            ocra,
            seed,
        })
    }

    /// The card it is for.
    pub fn card_id(&self) -> &str {
        &self.params.card_id
    }

    /// The bank's id of the token.
    pub fn token_id(&self) -> &str {
        &self.params.token_id
    }

    /// Its parameters.
    pub fn params(&self) -> &TokenParams {
        &self.params
    }

    /// The time-based dynamic PIN at Unix time `unix` (the bank's clock),
    /// with the seconds left for the countdown.
    pub fn code_at(&self, unix: u64) -> TotpCode {
        self.totp.code(unix)
    }

    /// The code that approves paying `amount` to `payee` at Unix time `unix`
    /// (the bank's clock); refused by the bank for any other amount or payee.
    pub fn transaction_code_at(
        &self,
        amount: Rials,
        payee: &Payee,
        unix: u64,
    ) -> Result<String, SoftTokenError> {
        let question = transaction_question(amount, payee);
        let input = OcraInput {
            question: &question,
            time: Some(unix),
            ..OcraInput::default()
        };
        self.ocra
            .generate(&self.seed, &input)
            .map_err(|_| SoftTokenError::Parameters)
    }
}

/// The bank's clock now: this phone's clock plus the measured offset, Unix seconds.
pub fn bank_time(clock_offset: i64) -> Result<u64, SoftTokenError> {
    let local = super::unix_now().map_err(|_| SoftTokenError::Clock)?;
    local
        .checked_add_signed(clock_offset)
        .ok_or(SoftTokenError::Clock)
}
