//! The SMS dynamic second PIN: issued for one payment (named by the
//! idempotency key it will be submitted with) and bound to its card, amount
//! and payee; verified by card transfers and bill payments.
//!
//! A PIN lives `otp.lifetime_seconds`; a payment gets at most
//! `otp.max_requests_per_payment` of them, after which it is recorded as
//! failed under its key; each PIN allows `otp.verify_attempts_per_code`
//! wrong entries. Codes are stored hashed, never in clear.

use axum::http::StatusCode;
use rusqlite::{OptionalExtension, Transaction, params};

use crate::config::OtpRules;
use crate::error::{ApiError, ApiResult};
use crate::ids::{random_digits, sha256_hex};

/// The operationId card transfers are recorded under.
pub const CARD_TRANSFER: &str = "card_transfer_create";
/// The operationId bill payments are recorded under.
pub const BILL_PAYMENT: &str = "bill_payment_create";
/// The operationId loan payments are recorded under.
pub const LOAN_PAYMENT: &str = "loan_payment_create";

/// A card transfer's idempotency fingerprint: source card, destination PAN, amount.
pub fn card_transfer_fingerprint(card_id: &str, destination_pan: &str, amount: i64) -> String {
    format!("card:{card_id}|to:{destination_pan}|{amount}")
}

/// A bill payment's idempotency fingerprint: bill, payment ID, amount, source
/// (`card:{card_id}` or `account:{account_id}`).
pub fn bill_payment_fingerprint(
    bill_id: &str,
    payment_id: &str,
    amount: i64,
    source: &str,
) -> String {
    format!("bill:{bill_id}:{payment_id}|{amount}|{source}")
}

/// The canonical payee of a card transfer.
pub fn card_payee(pan: &str) -> String {
    format!("card:{pan}")
}

/// The canonical payee of a SHEBA transfer.
pub fn sheba_payee(sheba: &str) -> String {
    format!("sheba:{sheba}")
}

/// The canonical payee of a bill payment.
pub fn bill_payee(bill_id: &str, payment_id: &str) -> String {
    format!("bill:{bill_id}:{payment_id}")
}

/// The canonical payee of a loan payment.
pub fn loan_payee(loan_number: &str) -> String {
    format!("loan:{loan_number}")
}

/// One payment a PIN is for.
#[derive(Debug, Clone, Copy)]
pub struct Payment<'a> {
    /// The paying customer.
    pub customer_id: &'a str,
    /// The idempotency key the payment is (or will be) submitted with.
    pub key: &'a str,
    /// The source card's id, or `account:{id}` for an own account
    /// ([`crate::sca::pin_source`]).
    pub card_id: &'a str,
    /// The amount in rials.
    pub amount: i64,
    /// The canonical payee (`card:{pan}`, `bill:{bill_id}:{payment_id}`).
    pub payee: &'a str,
}

impl Payment<'_> {
    /// The operation and fingerprint the payment is submitted under; `None`
    /// for a SHEBA transfer or a cheque, whose fingerprint (method, date; due
    /// date, payees) a PIN does not know: its spent PIN row alone fails it.
    fn submission(&self) -> Option<(&'static str, String)> {
        let source = if self.card_id.starts_with("account:") {
            self.card_id.to_owned()
        } else {
            format!("card:{}", self.card_id)
        };
        if ["sheba:", "cheque:", "topup:", "deposit:"]
            .iter()
            .any(|kind| self.payee.starts_with(kind))
        {
            return None;
        }
        Some(
            match self
                .payee
                .strip_prefix("bill:")
                .and_then(|b| b.split_once(':'))
            {
                Some((bill_id, payment_id)) => (
                    BILL_PAYMENT,
                    bill_payment_fingerprint(bill_id, payment_id, self.amount, &source),
                ),
                None => (
                    CARD_TRANSFER,
                    card_transfer_fingerprint(
                        self.card_id,
                        self.payee.trim_start_matches("card:"),
                        self.amount,
                    ),
                ),
            },
        )
    }

    fn hash(&self, code: &str) -> String {
        let amount = self.amount.to_string();
        sha256_hex(&[
            "dynamic-pin",
            self.customer_id,
            self.key,
            self.card_id,
            &amount,
            self.payee,
            code,
        ])
    }
}

/// A payment's `dynamic_pins` row.
struct PinRow {
    card_id: String,
    amount: i64,
    payee: String,
    code_hash: String,
    expires_at: i64,
    requests: i64,
    attempts_left: i64,
    used_at: Option<i64>,
    failed_at: Option<i64>,
}

impl PinRow {
    /// Whether the row is for this card, amount and payee.
    fn binds(&self, payment: &Payment<'_>) -> bool {
        self.card_id == payment.card_id
            && self.amount == payment.amount
            && self.payee == payment.payee
    }
}

fn load(tx: &Transaction<'_>, payment: &Payment<'_>) -> ApiResult<Option<PinRow>> {
    Ok(tx
        .prepare_cached(
            "SELECT card_id, amount, payee, code_hash, expires_at, requests, attempts_left, used_at, failed_at
             FROM dynamic_pins WHERE customer_id = ?1 AND idempotency_key = ?2",
        )?
        .query_row(params![payment.customer_id, payment.key], |r| {
            Ok(PinRow {
                card_id: r.get(0)?,
                amount: r.get(1)?,
                payee: r.get(2)?,
                code_hash: r.get(3)?,
                expires_at: r.get(4)?,
                requests: r.get(5)?,
                attempts_left: r.get(6)?,
                used_at: r.get(7)?,
                failed_at: r.get(8)?,
            })
        })
        .optional()?)
}

/// A PIN just issued.
#[derive(Debug, Clone)]
pub struct Issued {
    /// The code, for the SMS only.
    pub code: String,
    /// When it stops being valid.
    pub expires_at: i64,
    /// Requests made for this payment, this one included.
    pub requests_used: i64,
}

fn unprocessable(code: &str, fa: &str, en: &str) -> ApiError {
    ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, code, fa, en)
}

/// 422 `otp.budget_exhausted`: the payment has failed.
pub fn budget_exhausted() -> ApiError {
    unprocessable(
        "otp.budget_exhausted",
        "تعداد درخواست رمز پویا به پایان رسید و تراکنش ناموفق شد.",
        "No dynamic PIN requests left; the payment has failed.",
    )
}

fn invalid() -> ApiError {
    unprocessable(
        "otp.invalid",
        "رمز پویا نادرست است.",
        "The dynamic PIN is not correct.",
    )
}

fn attempts_exceeded() -> ApiError {
    unprocessable(
        "otp.attempts_exceeded",
        "رمز پویا بیش از حد مجاز اشتباه وارد شد؛ رمز جدید درخواست کنید.",
        "Too many wrong entries of this dynamic PIN; request a new one.",
    )
}

fn conflict() -> ApiError {
    ApiError::new(
        StatusCode::CONFLICT,
        "idempotency.conflict",
        "این کلید یکتایی پیش‌تر برای پرداخت یا عملیات دیگری به کار رفته است.",
        "This idempotency key already names another payment or a completed operation.",
    )
    .with_field("idempotency_key")
}

/// Whether a refusal changed state that must be kept: a wrong PIN counted,
/// or a right one spent on wrong card credentials and the failure counted.
pub fn keeps_state(error: &ApiError) -> bool {
    matches!(
        error.code.as_str(),
        "otp.invalid"
            | "otp.attempts_exceeded"
            | "card.credentials_invalid"
            | "card.credentials_locked"
    ) || crate::soft_token::keeps_state(error)
}

/// Issues a new PIN for the payment. The outer `Err` rolls back; the inner
/// one is a refusal whose state must be committed (a payment recorded failed).
pub fn request(
    tx: &Transaction<'_>,
    rules: &OtpRules,
    payment: &Payment<'_>,
    now: i64,
) -> ApiResult<Result<Issued, ApiError>> {
    let recorded: Option<String> = tx
        .prepare_cached("SELECT response FROM idempotency WHERE customer_id = ?1 AND key = ?2")?
        .query_row(params![payment.customer_id, payment.key], |r| r.get(0))
        .optional()?;
    if let Some(response) = recorded {
        if response.contains("\"otp.budget_exhausted\"") {
            return Err(budget_exhausted());
        }
        return Err(conflict());
    }
    let row = load(tx, payment)?;
    let mut requests = 0;
    if let Some(row) = row {
        if !row.binds(payment) {
            return Err(conflict());
        }
        if now < row.expires_at && row.attempts_left > 0 && row.used_at.is_none() {
            let left = u64::try_from(row.expires_at - now).unwrap_or(0);
            return Err(ApiError::new(
                StatusCode::TOO_MANY_REQUESTS,
                "otp.request_too_early",
                "رمز پویای قبلی هنوز معتبر است؛ پس از پایان اعتبار آن دوباره درخواست کنید.",
                "The previous dynamic PIN is still valid; request again when it expires.",
            )
            .retry_after(left));
        }
        if row.requests >= rules.max_requests_per_payment {
            fail_payment(tx, payment, now)?;
            return Ok(Err(budget_exhausted()));
        }
        requests = row.requests;
    }
    let code = random_digits(rules.digits);
    let expires_at = now + rules.lifetime_seconds;
    tx.prepare_cached(
        "INSERT INTO dynamic_pins (customer_id, idempotency_key, card_id, amount, payee, code_hash,
                                   issued_at, expires_at, requests, attempts_left)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 1, ?9)
         ON CONFLICT (customer_id, idempotency_key) DO UPDATE SET
             code_hash = excluded.code_hash, issued_at = excluded.issued_at,
             expires_at = excluded.expires_at, requests = requests + 1,
             attempts_left = excluded.attempts_left, used_at = NULL",
    )?
    .execute(params![
        payment.customer_id,
        payment.key,
        payment.card_id,
        payment.amount,
        payment.payee,
        payment.hash(&code),
        now,
        expires_at,
        rules.verify_attempts_per_code
    ])?;
    Ok(Ok(Issued {
        code,
        expires_at,
        requests_used: requests + 1,
    }))
}

/// Records the payment as failed under its key, so a later submit replays the failure.
fn fail_payment(tx: &Transaction<'_>, payment: &Payment<'_>, now: i64) -> ApiResult<()> {
    tx.prepare_cached(
        "UPDATE dynamic_pins SET failed_at = ?3 WHERE customer_id = ?1 AND idempotency_key = ?2",
    )?
    .execute(params![payment.customer_id, payment.key, now])?;
    let Some((operation, fingerprint)) = payment.submission() else {
        return Ok(());
    };
    let error = budget_exhausted();
    let body = serde_json::to_string(&error).map_err(|_| ApiError::internal())?;
    tx.prepare_cached(
        "INSERT INTO idempotency (customer_id, key, operation, fingerprint, http_status, response, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        payment.customer_id,
        payment.key,
        operation,
        fingerprint,
        error.status.as_u16(),
        body,
        now
    ])?;
    Ok(())
}

/// Verifies the PIN of a payment and marks it used. A wrong PIN (or one for
/// another card, amount or payee) costs one attempt, which the caller must
/// commit although the request fails (see [`keeps_state`]).
pub fn verify(tx: &Transaction<'_>, payment: &Payment<'_>, pin: &str, now: i64) -> ApiResult<()> {
    let Some(row) = load(tx, payment)? else {
        return Err(unprocessable(
            "otp.not_requested",
            "برای این پرداخت رمز پویا درخواست نشده است.",
            "No dynamic PIN was requested for this payment.",
        ));
    };
    if row.failed_at.is_some() {
        return Err(budget_exhausted());
    }
    if row.used_at.is_some() {
        return Err(invalid());
    }
    if now >= row.expires_at {
        return Err(unprocessable(
            "otp.expired",
            "رمز پویا منقضی شده است؛ رمز جدید درخواست کنید.",
            "The dynamic PIN has expired; request a new one.",
        ));
    }
    if row.attempts_left <= 0 {
        return Err(attempts_exceeded());
    }
    if row.binds(payment) && row.code_hash == payment.hash(pin) {
        tx.prepare_cached(
            "UPDATE dynamic_pins SET used_at = ?3 WHERE customer_id = ?1 AND idempotency_key = ?2",
        )?
        .execute(params![payment.customer_id, payment.key, now])?;
        return Ok(());
    }
    tx.prepare_cached(
        "UPDATE dynamic_pins SET attempts_left = attempts_left - 1
         WHERE customer_id = ?1 AND idempotency_key = ?2",
    )?
    .execute(params![payment.customer_id, payment.key])?;
    Err(if row.attempts_left <= 1 {
        attempts_exceeded()
    } else {
        invalid()
    })
}
