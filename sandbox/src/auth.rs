//! The bearer session: who is calling, from which device, and whether the
//! session is still alive (idle timeout, absolute lifetime, device binding).

use axum::extract::FromRequestParts;
use axum::http::StatusCode;
use axum::http::request::Parts;
use rusqlite::{OptionalExtension, params};

use crate::error::ApiError;
use crate::extract::DeviceId;
use crate::ids::sha256_hex;
use crate::state::AppState;

/// What a session may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Everything.
    Full,
    /// Only change the expired password, read the session, log out.
    PasswordChange,
}

/// An authenticated caller. Extracting it counts as activity, except on
/// `GET /v1/sessions/current` (so a client can poll its remaining time).
#[derive(Debug, Clone)]
pub struct Session {
    /// SHA-256 of the bearer token: the session's key.
    pub token_hash: String,
    /// The customer.
    pub customer_id: String,
    /// The device the session is bound to.
    pub device_id: String,
    /// What it may do.
    pub scope: Scope,
    /// When it started, Unix seconds.
    pub created_at: i64,
    /// Its last activity before this request, Unix seconds.
    pub last_activity_at: i64,
    /// Its idle timeout in seconds.
    pub idle_timeout: i64,
}

/// Paths a `password_change` session may call.
const PASSWORD_CHANGE_PATHS: &[&str] = &["/v1/me/password", "/v1/sessions/current"];

fn unauthorized(code: &str, fa: &str, en: &str) -> ApiError {
    ApiError::new(StatusCode::UNAUTHORIZED, code, fa, en)
}

impl FromRequestParts<AppState> for Session {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let DeviceId(device_id) = DeviceId::from_request_parts(parts, state).await?;
        let token = parts
            .headers
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .ok_or_else(|| {
                unauthorized(
                    "session.missing",
                    "لطفاً ابتدا وارد شوید.",
                    "Please log in first.",
                )
            })?;
        let token_hash = sha256_hex(&[token]);
        let path = parts.uri.path().to_owned();
        let counts_as_activity = path != "/v1/sessions/current" || parts.method != "GET";
        let now = state.clock.now();
        let absolute = state.rules.session.absolute_lifetime_seconds;
        let session = state
            .db
            .tx(move |tx| {
                let row = tx
                    .prepare_cached(
                        "SELECT customer_id, device_id, scope, created_at, last_activity_at, idle_timeout, ended_at
                         FROM sessions WHERE token_hash = ?1",
                    )?
                    .query_row(params![token_hash], |r| {
                        Ok((
                            r.get::<_, String>(0)?,
                            r.get::<_, String>(1)?,
                            r.get::<_, String>(2)?,
                            r.get::<_, i64>(3)?,
                            r.get::<_, i64>(4)?,
                            r.get::<_, i64>(5)?,
                            r.get::<_, Option<i64>>(6)?,
                        ))
                    })
                    .optional()?;
                let Some((customer_id, bound_device, scope, created_at, last_activity_at, idle_timeout, ended_at)) = row
                else {
                    return Ok(Err(unauthorized(
                        "session.invalid",
                        "نشست نامعتبر است؛ دوباره وارد شوید.",
                        "The session is not valid; please log in again.",
                    )));
                };
                if ended_at.is_some() {
                    return Ok(Err(unauthorized(
                        "session.invalid",
                        "نشست پایان یافته است؛ دوباره وارد شوید.",
                        "The session has ended; please log in again.",
                    )));
                }
                if bound_device != device_id {
                    return Ok(Err(unauthorized(
                        "session.device_mismatch",
                        "این نشست متعلق به دستگاه دیگری است.",
                        "This session belongs to another device.",
                    )));
                }
                let end = |tx: &rusqlite::Transaction<'_>| {
                    tx.prepare_cached("UPDATE sessions SET ended_at = ?1 WHERE token_hash = ?2")?
                        .execute(params![now, token_hash])
                };
                if now - created_at >= absolute {
                    end(tx)?;
                    return Ok(Err(unauthorized(
                        "session.expired",
                        "زمان نشست به پایان رسیده است؛ دوباره وارد شوید.",
                        "The session has expired; please log in again.",
                    )));
                }
                if now - last_activity_at >= idle_timeout {
                    end(tx)?;
                    return Ok(Err(unauthorized(
                        "session.idle_timeout",
                        "به دلیل عدم فعالیت از سامانه خارج شدید؛ دوباره وارد شوید.",
                        "You were logged out after a period of inactivity; please log in again.",
                    )));
                }
                // Within the same second there is nothing to move: skip the write.
                if counts_as_activity && last_activity_at != now {
                    tx.prepare_cached("UPDATE sessions SET last_activity_at = ?1 WHERE token_hash = ?2")?
                        .execute(params![now, token_hash])?;
                }
                let scope = if scope == "password_change" { Scope::PasswordChange } else { Scope::Full };
                Ok(Ok(Session {
                    token_hash,
                    customer_id,
                    device_id,
                    scope,
                    created_at,
                    last_activity_at,
                    idle_timeout,
                }))
            })
            .await??;
        if session.scope == Scope::PasswordChange && !PASSWORD_CHANGE_PATHS.contains(&path.as_str())
        {
            return Err(ApiError::new(
                StatusCode::FORBIDDEN,
                "session.password_change_required",
                "رمز عبور شما منقضی شده است؛ ابتدا آن را تغییر دهید.",
                "Your password has expired; please change it first.",
            ));
        }
        Ok(session)
    }
}
