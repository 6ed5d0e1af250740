//! The bank's side of the soft token ("ramz-saz"): one token per card, its
//! seed kept for verification, and the check of a code in the payment paths.
//!
//! A code is accepted within `soft_token.accepted_skew_steps` time steps
//! either side of the bank's clock, and only once (TOTP by its step; OCRA by
//! its step and question, i.e. amount and payee), even when the payment it was
//! given for is then refused. `max_consecutive_failures`
//! wrong codes in a row lock the card's token until it is activated again.

mod accepted;
pub mod seal;

pub use accepted::AcceptedCode;

use std::cell::Cell;

use axum::http::StatusCode;
use hamrah_core::store::Sealer;
use hamrah_core::token::{Algorithm, OcraInput, OcraSuite, Secret, Totp};
use rand::RngCore;
use rusqlite::{OptionalExtension, Transaction, params};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::config::SoftTokenRules;
use crate::error::{ApiError, ApiResult};
use crate::ids::new_id;
use crate::vault;

/// Bytes of a seed.
const SEED_LEN: usize = 32;

/// Which kind of code the payer sent (the contract's `pin_kind` besides `sms`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeKind {
    /// Time-based (RFC 6238).
    Totp,
    /// Bound to amount and payee (RFC 6287).
    Ocra,
}

impl CodeKind {
    pub(super) fn as_str(self) -> &'static str {
        match self {
            Self::Totp => "totp",
            Self::Ocra => "ocra",
        }
    }
}

/// A code to check for one payment.
#[derive(Debug, Clone, Copy)]
pub struct CodeCheck<'a> {
    /// The paying card.
    pub card_id: &'a str,
    /// The kind of code.
    pub kind: CodeKind,
    /// The code as sent.
    pub code: &'a str,
    /// The payment's amount in rials.
    pub amount: i64,
    /// The canonical payee (`card:{pan}`, `bill:{bill_id}:{payment_id}`).
    pub payee: &'a str,
}

fn refuse(code: &str, fa: &str, en: &str) -> ApiError {
    ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, code, fa, en)
}

/// 422 `token.not_active`.
pub fn not_active() -> ApiError {
    refuse(
        "token.not_active",
        "رمزساز برای این کارت فعال نیست.",
        "No soft token is active for this card.",
    )
}

fn locked() -> ApiError {
    refuse(
        "token.locked",
        "رمزساز این کارت به دلیل رمزهای نادرست پیاپی قفل شد؛ آن را دوباره فعال کنید.",
        "This card's soft token is locked after too many wrong codes; activate it again.",
    )
}

/// Whether a refusal changed state that must be committed (a wrong code counted).
pub fn keeps_state(error: &ApiError) -> bool {
    matches!(error.code.as_str(), "token.code_invalid" | "token.locked")
}

/// A new token for the card held by `device_id`, replacing the card's
/// previous one: its id and seed.
pub fn activate(
    tx: &Transaction<'_>,
    sealer: &Sealer,
    customer_id: &str,
    device_id: &str,
    card_id: &str,
    now: i64,
) -> ApiResult<(String, Zeroizing<Vec<u8>>)> {
    let token_id = new_id("tok");
    let mut seed = Zeroizing::new(vec![0u8; SEED_LEN]);
    rand::rng().fill_bytes(&mut seed);
    tx.prepare_cached(
        "INSERT OR REPLACE INTO soft_tokens (card_id, token_id, customer_id, device_id, seed, state, failures, activated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, 'active', 0, ?6)",
    )?
    .execute(params![
        card_id,
        token_id,
        customer_id,
        device_id,
        vault::seal(sealer, &vault::seed_binding(&token_id), &seed)?,
        now
    ])?;
    Ok((token_id, seed))
}

/// After a money-moving call: a code accepted by a payment that was then
/// refused (its savepoint rolled back) is recorded used again, so it cannot
/// pay a second time under a new key.
pub fn keep_used<T>(
    tx: &Transaction<'_>,
    outcome: &ApiResult<T>,
    accepted: &Cell<Option<AcceptedCode>>,
) -> ApiResult<()> {
    if let (Ok(_), Some(code)) = (outcome, accepted.take()) {
        code.record(tx)?;
    }
    Ok(())
}

/// Ends the card's token (deactivation, card blocked).
pub fn end(tx: &Transaction<'_>, card_id: &str) -> ApiResult<()> {
    tx.prepare_cached("DELETE FROM soft_tokens WHERE card_id = ?1")?
        .execute(params![card_id])?;
    Ok(())
}

/// Ends every token held by a device (device revoked).
pub fn end_for_device(tx: &Transaction<'_>, customer_id: &str, device_id: &str) -> ApiResult<()> {
    tx.prepare_cached("DELETE FROM soft_tokens WHERE customer_id = ?1 AND device_id = ?2")?
        .execute(params![customer_id, device_id])?;
    Ok(())
}

/// The OCRA question of a payment: the amount as 8 bytes big-endian, then the
/// first 12 bytes of SHA-256 of the canonical payee, 40 upper-case hex digits.
pub fn question(amount: i64, payee: &str) -> String {
    let digest = Sha256::digest(payee.as_bytes());
    amount
        .to_be_bytes()
        .iter()
        .chain(digest.iter().take(12))
        .map(|b| format!("{b:02X}"))
        .collect()
}

/// Checks a payment's soft-token code and records it used. A wrong code
/// counts towards the lock, which the caller must commit although the request
/// fails (see [`keeps_state`]). The accepted code is returned so the caller
/// can record it again when the payment is refused (see [`AcceptedCode`]).
pub fn verify(
    tx: &Transaction<'_>,
    sealer: &Sealer,
    rules: &SoftTokenRules,
    check: &CodeCheck<'_>,
    now: i64,
) -> ApiResult<AcceptedCode> {
    let row: Option<(String, Vec<u8>, String, i64)> = tx
        .prepare_cached(
            "SELECT token_id, seed, state, failures FROM soft_tokens WHERE card_id = ?1",
        )?
        .query_row(params![check.card_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .optional()?;
    let Some((token_id, seed, state, failures)) = row else {
        return Err(not_active());
    };
    let seed = vault::open(sealer, &vault::seed_binding(&token_id), &seed)?;
    let seed = Secret::new(seed.to_vec()).map_err(|_| ApiError::internal())?;
    if state != "active" {
        return Err(locked());
    }
    let unix = u64::try_from(now).map_err(|_| ApiError::internal())?;
    let skew = u64::try_from(rules.accepted_skew_steps).unwrap_or(0);
    let (step, question) = match check.kind {
        CodeKind::Totp => {
            let algorithm: Algorithm = rules
                .totp
                .algorithm
                .parse()
                .map_err(|_| ApiError::internal())?;
            let digits = u8::try_from(rules.totp.digits).map_err(|_| ApiError::internal())?;
            let totp = Totp::new(seed, algorithm, digits, rules.totp.period_seconds)
                .map_err(|_| ApiError::internal())?;
            (totp.verify(check.code, unix, skew), String::new())
        }
        CodeKind::Ocra => {
            let suite: OcraSuite = rules.ocra_suite.parse().map_err(|_| ApiError::internal())?;
            let question = question(check.amount, check.payee);
            let input = OcraInput {
                question: &question,
                time: Some(unix),
                ..OcraInput::default()
            };
            let step = suite
                .verify(&seed, &input, check.code, skew)
                .map_err(|_| ApiError::internal())?;
            (step, question)
        }
    };
    let Some(step) = step else {
        return Err(count_failure(tx, rules, check.card_id, failures)?);
    };
    let accepted = AcceptedCode {
        token_id,
        kind: check.kind,
        step: i64::try_from(step).map_err(|_| ApiError::internal())?,
        question,
        at: now,
    };
    if !accepted.record(tx)? {
        return Err(refuse(
            "token.code_reused",
            "این رمز پیش‌تر به کار رفته است؛ منتظر رمز بعدی رمزساز بمانید.",
            "This code was already used; wait for the soft token's next code.",
        ));
    }
    tx.prepare_cached("UPDATE soft_tokens SET failures = 0 WHERE card_id = ?1")?
        .execute(params![check.card_id])?;
    Ok(accepted)
}

/// Counts one wrong code; the refusal to answer with.
fn count_failure(
    tx: &Transaction<'_>,
    rules: &SoftTokenRules,
    card_id: &str,
    failures: i64,
) -> ApiResult<ApiError> {
    let failures = failures + 1;
    let lock = failures >= rules.max_consecutive_failures;
    tx.prepare_cached(
        "UPDATE soft_tokens SET failures = ?2, state = CASE WHEN ?3 THEN 'locked' ELSE state END
         WHERE card_id = ?1",
    )?
    .execute(params![card_id, failures, lock])?;
    Ok(if lock {
        locked()
    } else {
        refuse(
            "token.code_invalid",
            "رمز رمزساز نادرست است.",
            "The soft-token code is not correct.",
        )
    })
}
