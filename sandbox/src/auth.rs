//! The bearer session: who is calling, from which device, and whether the
//! session is still alive (idle timeout, absolute lifetime, device binding).

use axum::extract::FromRequestParts;
use axum::http::StatusCode;
use axum::http::request::Parts;
use rusqlite::{Connection, OptionalExtension, params};

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

/// How the customer reached the bank, as written on receipts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    /// The HTTPS API.
    Https,
    /// The SMS gateway (an encrypted frame).
    Sms,
}

impl Channel {
    /// The contract's name of the channel.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Https => "https",
            Self::Sms => "sms",
        }
    }
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
    /// Where the request came in.
    pub channel: Channel,
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
        let check = Check {
            device_id,
            now: state.clock.now(),
            absolute: state.rules.session.absolute_lifetime_seconds,
            max_idle: state.rules.session.inactivity_timeout_max_seconds,
        };
        // The common case only reads; a session that must end is confirmed
        // and ended on the writer, which also sees every queued activity update.
        let hash = token_hash.clone();
        let row = state.db.lookup(move |conn| Ok(load(conn, &hash)?)).await?;
        let row = match check.judge(row) {
            Verdict::Alive(row) => row,
            Verdict::Refused(error) => return Err(error),
            Verdict::Ends(_) => {
                let hash = token_hash.clone();
                let check = check.clone();
                state
                    .db
                    .tx(move |tx| match check.judge(load(tx, &hash)?) {
                        Verdict::Alive(row) => Ok(Ok(row)),
                        Verdict::Refused(error) => Ok(Err(error)),
                        Verdict::Ends(error) => {
                            tx.prepare_cached(
                                "UPDATE sessions SET ended_at = ?1 WHERE token_hash = ?2",
                            )?
                            .execute(params![check.now, hash])?;
                            Ok(Err(error))
                        }
                    })
                    .await??
            }
        };
        // The customer's share of the rate limit, from whichever address.
        state
            .rate_limiter
            .hit_customer(&row.customer_id, check.now)?;
        if let Some(key) = &row.enrolled_key {
            crate::signature::verify_enrolled(parts, state, &check.device_id, key).await?;
        }
        // Within the same second there is nothing to move. The update need not
        // be waited for: losing it in a crash only ends the session a little early.
        if counts_as_activity && row.last_activity_at != check.now {
            let (now, hash) = (check.now, token_hash.clone());
            state.db.tx_detached(move |tx| {
                tx.prepare_cached(
                    "UPDATE sessions SET last_activity_at = MAX(last_activity_at, ?1)
                     WHERE token_hash = ?2 AND ended_at IS NULL",
                )?
                .execute(params![now, hash])?;
                Ok(())
            });
        }
        let session = Session {
            token_hash,
            customer_id: row.customer_id,
            device_id: check.device_id,
            scope: row.scope,
            created_at: row.created_at,
            last_activity_at: row.last_activity_at,
            idle_timeout: row.idle_timeout.min(check.max_idle),
            channel: Channel::Https,
        };
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

/// A session as stored.
struct Row {
    customer_id: String,
    bound_device: String,
    scope: Scope,
    created_at: i64,
    last_activity_at: i64,
    idle_timeout: i64,
    ended_at: Option<i64>,
    /// The device's enrolled signing key (base64url SEC1), when it has one.
    enrolled_key: Option<String>,
}

/// Reads the session with this token hash.
fn load(conn: &Connection, token_hash: &str) -> rusqlite::Result<Option<Row>> {
    conn.prepare_cached(
        "SELECT s.customer_id, s.device_id, s.scope, s.created_at, s.last_activity_at,
                s.idle_timeout, s.ended_at, d.public_key
         FROM sessions s
         LEFT JOIN devices d ON d.customer_id = s.customer_id AND d.device_id = s.device_id
                            AND d.revoked_at IS NULL
         WHERE s.token_hash = ?1",
    )?
    .query_row(params![token_hash], |r| {
        Ok(Row {
            customer_id: r.get(0)?,
            bound_device: r.get(1)?,
            scope: if r.get::<_, String>(2)? == "password_change" {
                Scope::PasswordChange
            } else {
                Scope::Full
            },
            created_at: r.get(3)?,
            last_activity_at: r.get(4)?,
            idle_timeout: r.get(5)?,
            ended_at: r.get(6)?,
            enrolled_key: r.get(7)?,
        })
    })
    .optional()
}

/// What a request is checked against.
#[derive(Clone)]
struct Check {
    device_id: String,
    now: i64,
    absolute: i64,
    /// The bank's cap on idle timeouts, over what a session stored.
    max_idle: i64,
}

/// The fate of a session for one request.
enum Verdict {
    /// It may go on.
    Alive(Row),
    /// Refused; nothing to write.
    Refused(ApiError),
    /// Refused, and the session must be ended now (expired or idle).
    Ends(ApiError),
}

impl Check {
    fn judge(&self, row: Option<Row>) -> Verdict {
        let Some(row) = row else {
            return Verdict::Refused(unauthorized(
                "session.invalid",
                "نشست نامعتبر است؛ دوباره وارد شوید.",
                "The session is not valid; please log in again.",
            ));
        };
        if row.ended_at.is_some() {
            return Verdict::Refused(unauthorized(
                "session.invalid",
                "نشست پایان یافته است؛ دوباره وارد شوید.",
                "The session has ended; please log in again.",
            ));
        }
        if row.bound_device != self.device_id {
            return Verdict::Refused(unauthorized(
                "session.device_mismatch",
                "این نشست متعلق به دستگاه دیگری است.",
                "This session belongs to another device.",
            ));
        }
        if self.now - row.created_at >= self.absolute {
            return Verdict::Ends(unauthorized(
                "session.expired",
                "زمان نشست به پایان رسیده است؛ دوباره وارد شوید.",
                "The session has expired; please log in again.",
            ));
        }
        if self.now - row.last_activity_at >= row.idle_timeout.min(self.max_idle) {
            return Verdict::Ends(unauthorized(
                "session.idle_timeout",
                "به دلیل عدم فعالیت از سامانه خارج شدید؛ دوباره وارد شوید.",
                "You were logged out after a period of inactivity; please log in again.",
            ));
        }
        Verdict::Alive(row)
    }
}
