//! The current session: read it (not activity), choose its idle timeout, log out.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use rusqlite::{OptionalExtension, params};
use serde::Deserialize;
use serde_json::Value;

use super::issue::session_json;
use crate::auth::{Scope, Session};
use crate::error::{ApiError, ApiResult};
use crate::extract::{DeviceId, JsonBody};
use crate::ids::sha256_hex;
use crate::state::AppState;

/// `GET /v1/sessions/current` (the extractor does not count it as activity).
pub(super) async fn session_get(
    State(state): State<AppState>,
    session: Session,
) -> ApiResult<Json<Value>> {
    let task = state.clone();
    let body = state
        .db
        .read(move |conn| session_json(conn, &task, &session.token_hash, None))
        .await?;
    Ok(Json(body))
}

/// The contract's `SessionUpdateRequest`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct SessionUpdateRequest {
    idle_timeout_seconds: Option<i64>,
}

/// The shortest idle timeout a customer may choose (the contract's minimum).
const MIN_IDLE_TIMEOUT_SECONDS: i64 = 60;

/// `PATCH /v1/sessions/current`: the idle timeout of this and later sessions.
pub(super) async fn session_update(
    State(state): State<AppState>,
    session: Session,
    JsonBody(body): JsonBody<SessionUpdateRequest>,
) -> ApiResult<Json<Value>> {
    if session.scope == Scope::PasswordChange {
        return Err(password_change_required());
    }
    let idle = body
        .idle_timeout_seconds
        .ok_or_else(|| ApiError::missing("idle_timeout_seconds"))?;
    let max = state.rules.session.inactivity_timeout_max_seconds;
    if !(MIN_IDLE_TIMEOUT_SECONDS..=max).contains(&idle) {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "session.idle_timeout_out_of_range",
            "زمان خروج خودکار خارج از بازهٔ مجاز است.",
            "The idle timeout is outside the allowed range.",
        )
        .with_field("idle_timeout_seconds"));
    }
    let task = state.clone();
    let body = state
        .db
        .tx(move |tx| {
            tx.prepare_cached("UPDATE sessions SET idle_timeout = ?2 WHERE token_hash = ?1")?
                .execute(params![session.token_hash, idle])?;
            tx.prepare_cached("UPDATE customers SET idle_timeout = ?2 WHERE id = ?1")?
                .execute(params![session.customer_id, idle])?;
            session_json(tx, &task, &session.token_hash, None)
        })
        .await?;
    Ok(Json(body))
}

fn password_change_required() -> ApiError {
    ApiError::new(
        StatusCode::FORBIDDEN,
        "session.password_change_required",
        "رمز عبور شما منقضی شده است؛ ابتدا آن را تغییر دهید.",
        "Your password has expired; please change it first.",
    )
}

/// `DELETE /v1/sessions/current`: ends the session. Idempotent: a session
/// that already ended (logout, timeout) also gets 204; an unknown token or
/// another device's token does not.
pub(super) async fn session_delete(
    State(state): State<AppState>,
    DeviceId(device_id): DeviceId,
    headers: HeaderMap,
) -> ApiResult<StatusCode> {
    let token = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::UNAUTHORIZED,
                "session.missing",
                "لطفاً ابتدا وارد شوید.",
                "Please log in first.",
            )
        })?;
    let token_hash = sha256_hex(&[token]);
    let now = state.clock.now();
    state
        .db
        .tx(move |tx| {
            let bound: Option<String> = tx
                .prepare_cached("SELECT device_id FROM sessions WHERE token_hash = ?1")?
                .query_row(params![token_hash], |r| r.get(0))
                .optional()?;
            match bound {
                None => Err(ApiError::new(
                    StatusCode::UNAUTHORIZED,
                    "session.invalid",
                    "نشست نامعتبر است؛ دوباره وارد شوید.",
                    "The session is not valid; please log in again.",
                )),
                Some(bound) if bound != device_id => Err(ApiError::new(
                    StatusCode::UNAUTHORIZED,
                    "session.device_mismatch",
                    "این نشست متعلق به دستگاه دیگری است.",
                    "This session belongs to another device.",
                )),
                Some(_) => {
                    tx.prepare_cached(
                        "UPDATE sessions SET ended_at = ?2 WHERE token_hash = ?1 AND ended_at IS NULL",
                    )?
                    .execute(params![token_hash, now])?;
                    Ok(StatusCode::NO_CONTENT)
                }
            }
        })
        .await
}
