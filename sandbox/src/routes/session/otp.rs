//! SMS codes of customer journeys (activation, login from a new device,
//! soft-token activation): a row in `challenges` with the code stored hashed,
//! its lifetime and digits from `rules.otp`, and
//! `otp.verify_attempts_per_code` wrong tries. A wrong code is also a failed
//! login of the customer ([`check_counting`]), so wrong codes add up across
//! challenges: a new challenge never buys fresh tries.

use axum::http::StatusCode;
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde_json::{Value, json};

use super::customer::{self, masked_mobile, user_locked};
use crate::clock::rfc3339;
use crate::error::{ApiError, ApiResult};
use crate::ids::{new_id, random_digits, sha256_hex};
use crate::sms::{self, Sms, SmsKind};
use crate::state::AppState;

/// A challenge to create and send.
pub(crate) struct NewChallenge<'a> {
    /// `act` or `lch`.
    pub prefix: &'a str,
    /// `activation` or `login`.
    pub purpose: &'a str,
    /// The customer.
    pub customer_id: &'a str,
    /// Where the code goes.
    pub mobile: &'a str,
    /// The device the journey is bound to.
    pub device_id: &'a str,
    /// Activation: the card used.
    pub subject: Option<&'a str>,
    /// Login: what the client calls the device.
    pub device_name: Option<&'a str>,
    /// Login: the client's platform.
    pub platform: Option<&'a str>,
    /// What the code is for, in the SMS (Persian).
    pub what_fa: &'a str,
}

/// Creates the challenge, sends its code by SMS, and returns its id with the
/// contract's `OtpSent` fields.
pub(crate) fn create(
    tx: &Transaction<'_>,
    state: &AppState,
    new: &NewChallenge<'_>,
    now: i64,
) -> ApiResult<(String, Value)> {
    let rules = &state.rules.otp;
    let id = new_id(new.prefix);
    let code = random_digits(rules.digits);
    let expires_at = now + rules.lifetime_seconds;
    tx.prepare_cached(
        "INSERT INTO challenges (id, purpose, customer_id, device_id, subject, code_hash, expires_at,
             attempts_left, device_name, platform, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        id,
        new.purpose,
        new.customer_id,
        new.device_id,
        new.subject,
        code_hash(&id, &code),
        expires_at,
        rules.verify_attempts_per_code,
        new.device_name,
        new.platform,
        now
    ])?;
    let text = format!(
        "{}\n{}: {code}\nاین کد را به هیچ کس ندهید.",
        state.bank.name_fa, new.what_fa
    );
    let sms = Sms {
        mobile: new.mobile,
        kind: SmsKind::Otp,
        text: &text,
        idempotency_key: None,
    };
    sms::send_code(tx, &state.sealer, &sms, &code, now)?;
    let sent = json!({
        "sent_to_mobile_masked": masked_mobile(new.mobile),
        "expires_at": rfc3339(expires_at),
        "seconds_left": rules.lifetime_seconds,
        "digits": rules.digits,
        "attempts_left": rules.verify_attempts_per_code,
    });
    Ok((id, sent))
}

/// One code at a time: while the customer's code of `purpose` (for `subject`,
/// when given) is still usable, a start that would send another is refused
/// with `refusal` (a 429) and the seconds until that code expires.
pub(crate) fn refuse_while_pending(
    tx: &Transaction<'_>,
    purpose: &str,
    customer_id: &str,
    subject: Option<&str>,
    now: i64,
    refusal: impl FnOnce() -> ApiError,
) -> ApiResult<()> {
    let pending: Option<i64> = tx
        .prepare_cached(
            "SELECT MAX(expires_at) FROM challenges WHERE purpose = ?1 AND customer_id = ?2
             AND (?3 IS NULL OR subject = ?3) AND completed_at IS NULL AND verified_at IS NULL
             AND attempts_left > 0 AND expires_at > ?4",
        )?
        .query_row(params![purpose, customer_id, subject, now], |r| r.get(0))?;
    match pending {
        Some(until) => Err(refusal().retry_after(u64::try_from(until - now).unwrap_or(0))),
        None => Ok(()),
    }
}

fn code_hash(challenge_id: &str, code: &str) -> String {
    sha256_hex(&[challenge_id, code])
}

/// A stored challenge.
#[derive(Debug, Clone)]
pub(crate) struct Challenge {
    /// Its id.
    pub id: String,
    /// The customer.
    pub customer_id: String,
    /// Code deadline (after verification: the journey's deadline).
    pub expires_at: i64,
    /// Wrong codes still allowed.
    pub attempts_left: i64,
    /// When the code was accepted.
    pub verified_at: Option<i64>,
    /// Login: the device's name.
    pub device_name: Option<String>,
    /// Login: the device's platform.
    pub platform: Option<String>,
    code_hash: String,
}

/// The open (not completed) challenge with this id, purpose and device.
pub(crate) fn open(
    conn: &Connection,
    id: &str,
    purpose: &str,
    device_id: &str,
) -> ApiResult<Option<Challenge>> {
    Ok(conn
        .prepare_cached(
            "SELECT id, customer_id, expires_at, attempts_left, verified_at, device_name, platform, code_hash
             FROM challenges WHERE id = ?1 AND purpose = ?2 AND device_id = ?3 AND completed_at IS NULL",
        )?
        .query_row(params![id, purpose, device_id], |r| {
            Ok(Challenge {
                id: r.get(0)?,
                customer_id: r.get(1)?,
                expires_at: r.get(2)?,
                attempts_left: r.get(3)?,
                verified_at: r.get(4)?,
                device_name: r.get(5)?,
                platform: r.get(6)?,
                code_hash: r.get(7)?,
            })
        })
        .optional()?)
}

/// Marks a challenge used.
pub(crate) fn complete(tx: &Transaction<'_>, id: &str, now: i64) -> ApiResult<()> {
    tx.prepare_cached("UPDATE challenges SET completed_at = ?2 WHERE id = ?1")?
        .execute(params![id, now])?;
    Ok(())
}

/// Why a code was refused.
enum Refusal {
    /// A wrong code (counted against the code's attempts).
    Wrong(ApiError),
    /// Expired or out of attempts: nothing was compared.
    Dead(ApiError),
}

/// Checks a code that proves the customer: refused while the customer is
/// locked, and a wrong one uses up an attempt of the code and counts as a
/// failed login ([`customer::record_failure`]: the fifth in a row locks).
/// Both are committed although the request is refused: return `Ok(Err(..))`.
pub(crate) fn check_counting(
    tx: &Transaction<'_>,
    state: &AppState,
    challenge: &Challenge,
    code: &str,
    now: i64,
) -> ApiResult<Result<(), ApiError>> {
    let owner = customer::by_id(tx, &challenge.customer_id)?;
    if let Some(left) = owner.lock_left(now) {
        return Ok(Err(user_locked(left)));
    }
    Ok(match check(tx, challenge, code, now)? {
        Ok(()) => Ok(()),
        Err(Refusal::Dead(refusal)) => Err(refusal),
        Err(Refusal::Wrong(refusal)) => Err(customer::record_failure(
            tx, state, &owner.id, now, refusal,
        )?),
    })
}

/// Compares a code with the challenge's; a wrong one uses up an attempt.
fn check(
    tx: &Transaction<'_>,
    challenge: &Challenge,
    code: &str,
    now: i64,
) -> ApiResult<Result<(), Refusal>> {
    if challenge.attempts_left <= 0 {
        return Ok(Err(Refusal::Dead(attempts_exceeded())));
    }
    if now >= challenge.expires_at {
        return Ok(Err(Refusal::Dead(otp_error(
            "otp.expired",
            "کد یک‌بار مصرف منقضی شده است؛ کد جدید بگیرید.",
            "The code has expired; please request a new one.",
        ))));
    }
    if code_hash(&challenge.id, code) == challenge.code_hash {
        return Ok(Ok(()));
    }
    let left: i64 = tx
        .prepare_cached(
            "UPDATE challenges SET attempts_left = attempts_left - 1 WHERE id = ?1 RETURNING attempts_left",
        )?
        .query_row(params![challenge.id], |r| r.get(0))?;
    if left <= 0 {
        return Ok(Err(Refusal::Wrong(attempts_exceeded())));
    }
    Ok(Err(Refusal::Wrong(otp_error(
        "otp.invalid",
        "کد وارد شده نادرست است.",
        "The code is wrong.",
    ))))
}

fn attempts_exceeded() -> ApiError {
    otp_error(
        "otp.attempts_exceeded",
        "تعداد تلاش‌های نادرست برای این کد بیش از حد مجاز است؛ کد جدید بگیرید.",
        "Too many wrong tries for this code; please request a new one.",
    )
}

fn otp_error(code: &str, fa: &str, en: &str) -> ApiError {
    ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, code, fa, en).with_field("code")
}

/// The `code` of a `CodeRequest`: present and exactly `otp.digits` ASCII digits.
pub(crate) fn code_field(code: Option<String>, state: &AppState) -> ApiResult<String> {
    let code = code.ok_or_else(|| ApiError::missing("code"))?;
    let digits = usize::try_from(state.rules.otp.digits).unwrap_or(usize::MAX);
    if code.len() != digits || !code.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "otp.format",
            "کد باید فقط شامل رقم و به طول درست باشد.",
            "The code must be digits of the right length.",
        )
        .with_field("code"));
    }
    Ok(code)
}

/// The body of `activation_verify` and `session_otp_verify`.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CodeRequest {
    /// The SMS code.
    pub code: Option<String>,
}
