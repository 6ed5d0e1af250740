//! `PUT /v1/me/password`: change the password (also the forced change of an
//! expired one). Ends every session of the customer and returns a fresh full
//! session for this device, as the contract says.

use axum::Json;
use axum::extract::State;
use rusqlite::params;
use serde::Deserialize;
use serde_json::Value;

use super::customer::{self, invalid_credentials, user_locked};
use super::issue::{end_all_sessions, issue, session_json};
use crate::auth::{Scope, Session};
use crate::error::{ApiError, ApiResult};
use crate::extract::JsonBody;
use crate::ids::sha256_hex;
use crate::password;
use crate::sms::{self, Sms, SmsKind};
use crate::state::AppState;

/// The contract's `PasswordChangeRequest`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct PasswordChangeRequest {
    current_password: Option<String>,
    new_password: Option<String>,
}

/// `PUT /v1/me/password`.
pub(super) async fn password_change(
    State(state): State<AppState>,
    session: Session,
    JsonBody(body): JsonBody<PasswordChangeRequest>,
) -> ApiResult<Json<Value>> {
    let current = body
        .current_password
        .ok_or_else(|| ApiError::missing("current_password"))?;
    let new = body
        .new_password
        .ok_or_else(|| ApiError::missing("new_password"))?;
    let now = state.clock.now();
    let customer_id = session.customer_id.clone();
    let history_len = state.rules.session.password_history;
    let (found, history) = state
        .db
        .read(move |conn| {
            let found = customer::by_id(conn, &customer_id)?;
            let history = conn
                .prepare_cached(
                    "SELECT password_hash FROM password_history WHERE customer_id = ?1
                     ORDER BY changed_at DESC, rowid DESC LIMIT ?2",
                )?
                .query_map(params![customer_id, (history_len - 1).max(0)], |r| r.get(0))?
                .collect::<Result<Vec<String>, _>>()?;
            Ok((found, history))
        })
        .await?;
    if let Some(left) = found.lock_left(now) {
        return Err(user_locked(left));
    }
    password::check_policy(
        &new,
        found.username.as_deref().unwrap_or_default(),
        &found.national_id,
        &found.birth_date,
        &state.rules.password_policy,
    )
    .map_err(|e| e.with_field("new_password"))?;
    let phc = found.password_hash.clone();
    if !password::verify_blocking(current, phc.clone()).await {
        let task = state.clone();
        let refusal = state
            .db
            .tx(move |tx| {
                customer::record_failure(tx, &task, &found.id, now, invalid_credentials())
            })
            .await?;
        return Err(refusal);
    }
    // The last `password_history` passwords, the current one included.
    let mut recent: Vec<String> = phc.iter().cloned().collect();
    recent.extend(history);
    recent.truncate(usize::try_from(history_len).unwrap_or(0));
    if password::matches_any_blocking(new.clone(), recent).await {
        return Err(ApiError::new(
            axum::http::StatusCode::BAD_REQUEST,
            "password.reused",
            "رمز عبور جدید نباید با رمزهای اخیر شما یکسان باشد.",
            "The new password must differ from your recent passwords.",
        )
        .with_field("new_password"));
    }
    let new_hash = password::hash_blocking(new).await?;
    let task = state.clone();
    let body = state
        .db
        .tx(move |tx| {
            let state = task;
            let customer = customer::by_id(tx, &session.customer_id)?;
            if customer.password_hash != phc {
                // Changed meanwhile by another request: check again.
                return Err(invalid_credentials());
            }
            if let Some(old) = &customer.password_hash {
                tx.prepare_cached(
                    "INSERT INTO password_history (customer_id, password_hash, changed_at) VALUES (?1, ?2, ?3)",
                )?
                .execute(params![customer.id, old, now])?;
            }
            tx.prepare_cached(
                "UPDATE customers SET password_hash = ?2, password_changed_at = ?3, must_change_password = 0,
                     failed_logins = 0, locked_until = NULL WHERE id = ?1",
            )?
            .execute(params![customer.id, new_hash, now])?;
            let previous_login: Option<i64> = tx
                .prepare_cached("SELECT previous_login_at FROM sessions WHERE token_hash = ?1")?
                .query_row(params![session.token_hash], |r| r.get(0))?;
            end_all_sessions(tx, &customer.id, now)?;
            let token = issue(
                tx,
                &state,
                &customer.id,
                &session.device_id,
                Scope::Full,
                previous_login,
                now,
            )?;
            let text = format!(
                "{}\nرمز عبور همراه‌بانک شما تغییر کرد. اگر شما تغییر نداده‌اید، فوراً با بانک تماس بگیرید.",
                state.bank.name_fa
            );
            sms::send(
                tx,
                &Sms {
                    mobile: &customer.mobile,
                    kind: SmsKind::Other,
                    text: &text,
                    idempotency_key: None,
                },
                now,
            )?;
            session_json(tx, &state, &sha256_hex(&[&token]), Some(&token))
        })
        .await?;
    Ok(Json(body))
}
