//! Issuing sessions, known devices, and the contract's `Session` and
//! `LoginResult` bodies.

use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde_json::{Value, json};

use super::customer::{self, Customer, masked_mobile};
use crate::auth::Scope;
use crate::clock::{jalali, rfc3339};
use crate::error::{ApiError, ApiResult};
use crate::ids::{new_token, sha256_hex};
use crate::sms::{self, Sms, SmsKind};
use crate::state::AppState;

const DAY_SECONDS: i64 = 86_400;

/// Whether the device is known (trusted, not revoked) for the customer.
pub(crate) fn known_device(
    conn: &Connection,
    customer_id: &str,
    device_id: &str,
) -> ApiResult<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT 1 FROM devices WHERE customer_id = ?1 AND device_id = ?2 AND revoked_at IS NULL",
        )?
        .query_row(params![customer_id, device_id], |_| Ok(()))
        .optional()?
        .is_some())
}

/// Makes the device known after an SMS code or an activation (again, after a revocation).
pub(crate) fn trust_device(
    tx: &Transaction<'_>,
    customer_id: &str,
    device_id: &str,
    name: Option<&str>,
    platform: Option<&str>,
    now: i64,
) -> ApiResult<()> {
    tx.prepare_cached(
        "INSERT INTO devices (customer_id, device_id, name, platform, trusted_at, last_seen_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5)
         ON CONFLICT (customer_id, device_id) DO UPDATE SET
             name = COALESCE(excluded.name, name),
             platform = COALESCE(excluded.platform, platform),
             trusted_at = CASE WHEN revoked_at IS NULL THEN trusted_at ELSE excluded.trusted_at END,
             revoked_at = NULL,
             last_seen_at = excluded.last_seen_at",
    )?
    .execute(params![customer_id, device_id, name, platform, now])?;
    Ok(())
}

/// Ends every open session of the customer (password change, recovery).
pub(crate) fn end_all_sessions(tx: &Transaction<'_>, customer_id: &str, now: i64) -> ApiResult<()> {
    tx.prepare_cached(
        "UPDATE sessions SET ended_at = ?2 WHERE customer_id = ?1 AND ended_at IS NULL",
    )?
    .execute(params![customer_id, now])?;
    Ok(())
}

/// A new session bound to the device; returns its bearer token (stored only
/// as its SHA-256). The idle timeout is the customer's choice, else the bank's.
pub(crate) fn issue(
    tx: &Transaction<'_>,
    state: &AppState,
    customer_id: &str,
    device_id: &str,
    scope: Scope,
    previous_login_at: Option<i64>,
    now: i64,
) -> ApiResult<String> {
    let rules = &state.rules.session;
    let chosen: Option<i64> = tx
        .prepare_cached("SELECT idle_timeout FROM customers WHERE id = ?1")?
        .query_row(params![customer_id], |r| r.get(0))?;
    let idle = chosen
        .unwrap_or(rules.inactivity_timeout_seconds)
        .min(rules.inactivity_timeout_max_seconds);
    let token = new_token();
    let scope = match scope {
        Scope::Full => "full",
        Scope::PasswordChange => "password_change",
    };
    tx.prepare_cached(
        "INSERT INTO sessions (token_hash, customer_id, device_id, scope, created_at, last_activity_at,
             idle_timeout, previous_login_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6, ?7)",
    )?
    .execute(params![
        sha256_hex(&[&token]),
        customer_id,
        device_id,
        scope,
        now,
        idle,
        previous_login_at
    ])?;
    Ok(token)
}

/// Why the password must be changed before anything else, if it must:
/// `initial` (issued by a branch) or `expired` (older than `password_max_age_days`).
fn password_change_reason(state: &AppState, customer: &Customer, now: i64) -> Option<&'static str> {
    if customer.must_change_password {
        return Some("initial");
    }
    let max_age = state.rules.session.password_max_age_days * DAY_SECONDS;
    let changed = customer.password_changed_at.unwrap_or(now);
    (now - changed >= max_age).then_some("expired")
}

/// A successful login on a known device: clears the failure count, issues a
/// full session (or a restricted one when the password must change), records
/// the login and sends the SMS login notice. Returns the `LoginResult`.
pub(crate) fn complete_login(
    tx: &Transaction<'_>,
    state: &AppState,
    customer: &Customer,
    device_id: &str,
    now: i64,
) -> ApiResult<Value> {
    customer::record_success(tx, &customer.id)?;
    tx.prepare_cached("UPDATE customers SET last_login_at = ?2 WHERE id = ?1")?
        .execute(params![customer.id, now])?;
    tx.prepare_cached(
        "UPDATE devices SET last_seen_at = ?3 WHERE customer_id = ?1 AND device_id = ?2",
    )?
    .execute(params![customer.id, device_id, now])?;
    let reason = password_change_reason(state, customer, now);
    let scope = if reason.is_some() {
        Scope::PasswordChange
    } else {
        Scope::Full
    };
    let token = issue(
        tx,
        state,
        &customer.id,
        device_id,
        scope,
        customer.last_login_at,
        now,
    )?;
    login_notice(tx, state, &customer.mobile, now)?;
    let session = session_json(tx, state, &sha256_hex(&[&token]), Some(&token))?;
    Ok(match reason {
        Some(reason) => json!({"state": "password_expired", "reason": reason, "session": session}),
        None => json!({"state": "authenticated", "session": session}),
    })
}

/// The SMS every successful login sends to the customer's mobile.
pub(crate) fn login_notice(
    tx: &Transaction<'_>,
    state: &AppState,
    mobile: &str,
    now: i64,
) -> ApiResult<()> {
    let text = format!(
        "{}\nورود به همراه‌بانک در {}.\nاگر شما وارد نشده‌اید، فوراً با بانک تماس بگیرید.",
        state.bank.name_fa,
        jalali(now)
    );
    sms::send(
        tx,
        &Sms {
            mobile,
            kind: SmsKind::LoginNotice,
            text: &text,
            idempotency_key: None,
        },
        now,
    )
}

/// The SMS a lock after failed logins sends to the customer's mobile.
pub(crate) fn lock_notice(
    tx: &Transaction<'_>,
    state: &AppState,
    mobile: &str,
    until: i64,
    now: i64,
) -> ApiResult<()> {
    let text = format!(
        "{}\nبه دلیل تلاش‌های ناموفق پیاپی، ورود و فعال‌سازی همراه‌بانک شما تا {} مسدود شد.\nاگر شما نبوده‌اید، فوراً با بانک تماس بگیرید.",
        state.bank.name_fa,
        jalali(until)
    );
    sms::send(
        tx,
        &Sms {
            mobile,
            kind: SmsKind::Other,
            text: &text,
            idempotency_key: None,
        },
        now,
    )
}

/// The contract's `Session` for a stored session; `token` only when it was just issued.
pub(crate) fn session_json(
    conn: &Connection,
    state: &AppState,
    token_hash: &str,
    token: Option<&str>,
) -> ApiResult<Value> {
    let rules = &state.rules.session;
    let mut session = conn
        .prepare_cached(
            "SELECT s.customer_id, s.device_id, s.scope, s.created_at, s.last_activity_at, s.idle_timeout,
                    s.previous_login_at, c.name_fa, c.name_en, c.mobile, c.password_changed_at,
                    CASE WHEN d.device_id IS NOT NULL AND d.revoked_at IS NULL THEN 1 ELSE 0 END,
                    CASE WHEN d.public_key IS NOT NULL AND d.revoked_at IS NULL THEN 1 ELSE 0 END
             FROM sessions s JOIN customers c ON c.id = s.customer_id
             LEFT JOIN devices d ON d.customer_id = s.customer_id AND d.device_id = s.device_id
             WHERE s.token_hash = ?1",
        )?
        .query_row(params![token_hash], |r| {
            let created_at: i64 = r.get(3)?;
            let last_activity_at: i64 = r.get(4)?;
            let idle = r.get::<_, i64>(5)?.min(rules.inactivity_timeout_max_seconds);
            let previous: Option<i64> = r.get(6)?;
            let changed: Option<i64> = r.get(10)?;
            let mut session = json!({
                "token_type": "Bearer",
                "scope": r.get::<_, String>(2)?,
                "customer": {
                    "customer_id": r.get::<_, String>(0)?,
                    "full_name_fa": r.get::<_, String>(7)?,
                    "full_name_en": r.get::<_, String>(8)?,
                    "mobile_masked": masked_mobile(&r.get::<_, String>(9)?),
                },
                "device": {
                    "device_id": r.get::<_, String>(1)?,
                    "known": r.get::<_, bool>(11)?,
                    "enrolled": r.get::<_, bool>(12)?,
                },
                "created_at": rfc3339(created_at),
                "idle_timeout_seconds": idle,
                "idle_expires_at": rfc3339(last_activity_at + idle),
                "expires_at": rfc3339(created_at + rules.absolute_lifetime_seconds),
                "password_expires_at": rfc3339(changed.unwrap_or(created_at) + rules.password_max_age_days * DAY_SECONDS),
            });
            if let Some(previous) = previous {
                session["last_login_at"] = rfc3339(previous).into();
                session["last_login_at_jalali"] = jalali(previous).into();
            }
            Ok(session)
        })
        .optional()?
        .ok_or_else(ApiError::internal)?;
    if let Some(token) = token {
        session["token"] = token.into();
    }
    Ok(session)
}
