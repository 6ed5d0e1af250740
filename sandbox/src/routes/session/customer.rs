//! The customer as login sees it: credentials, failed-login counter and lock.

use axum::http::StatusCode;
use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};

use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// A customer's identity and credential state.
#[derive(Debug, Clone)]
pub(crate) struct Customer {
    /// `cus_...`.
    pub id: String,
    /// National ID, 10 digits.
    pub national_id: String,
    /// Mobile, `09xxxxxxxxx`.
    pub mobile: String,
    /// Jalali `YYYY/MM/DD`.
    pub birth_date: String,
    /// Username, once activated.
    pub username: Option<String>,
    /// Argon2 PHC string, once activated.
    pub password_hash: Option<String>,
    /// When the password was set.
    pub password_changed_at: Option<i64>,
    /// Credentials issued by a branch: change at first use.
    pub must_change_password: bool,
    /// End of the current lock.
    pub locked_until: Option<i64>,
    /// The latest successful login.
    pub last_login_at: Option<i64>,
}

const COLUMNS: &str =
    "id, national_id, mobile, birth_date, username, password_hash, password_changed_at,
     must_change_password, locked_until, last_login_at";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Customer> {
    Ok(Customer {
        id: r.get(0)?,
        national_id: r.get(1)?,
        mobile: r.get(2)?,
        birth_date: r.get(3)?,
        username: r.get(4)?,
        password_hash: r.get(5)?,
        password_changed_at: r.get(6)?,
        must_change_password: r.get(7)?,
        locked_until: r.get(8)?,
        last_login_at: r.get(9)?,
    })
}

/// The activated customer with this username.
pub(crate) fn by_username(conn: &Connection, username: &str) -> ApiResult<Option<Customer>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM customers WHERE username = ?1"
        ))?
        .query_row(params![username], from_row)
        .optional()?)
}

/// The customer with this id.
pub(crate) fn by_id(conn: &Connection, id: &str) -> ApiResult<Customer> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM customers WHERE id = ?1"))?
        .query_row(params![id], from_row)
        .optional()?
        .ok_or_else(ApiError::internal)
}

/// The customer with this national ID.
pub(crate) fn by_national_id(conn: &Connection, national_id: &str) -> ApiResult<Option<Customer>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM customers WHERE national_id = ?1"
        ))?
        .query_row(params![national_id], from_row)
        .optional()?)
}

impl Customer {
    /// Seconds left of the lock, when locked now.
    pub(crate) fn lock_left(&self, now: i64) -> Option<i64> {
        self.locked_until
            .filter(|until| *until > now)
            .map(|until| until - now)
    }
}

/// 401 `auth.invalid_credentials`: never says which element was wrong.
pub(crate) fn invalid_credentials() -> ApiError {
    ApiError::new(
        StatusCode::UNAUTHORIZED,
        "auth.invalid_credentials",
        "نام کاربری یا رمز عبور نادرست است.",
        "The username or password is wrong.",
    )
}

/// 423 `auth.user_locked` with the seconds left.
pub(crate) fn user_locked(seconds_left: i64) -> ApiError {
    ApiError::new(
        StatusCode::LOCKED,
        "auth.user_locked",
        "به دلیل ورودهای ناموفق پیاپی، دسترسی شما موقتاً مسدود شده است.",
        "Access is temporarily locked after repeated failed logins.",
    )
    .retry_after(u64::try_from(seconds_left).unwrap_or(0))
}

/// Counts one failed login (wrong password, SMS code of a login or an
/// activation, quick-login signature or current password); the failure that
/// reaches `session.max_failed_logins` locks the user for
/// `session.lockout_seconds` and tells the customer by SMS. Returns the
/// refusal to answer with.
pub(crate) fn record_failure(
    tx: &Transaction<'_>,
    state: &AppState,
    customer_id: &str,
    now: i64,
    refusal: ApiError,
) -> ApiResult<ApiError> {
    let rules = &state.rules.session;
    // A lock that ran out by time starts a new count.
    tx.prepare_cached(
        "UPDATE customers SET failed_logins = 0, locked_until = NULL
         WHERE id = ?1 AND locked_until IS NOT NULL AND locked_until <= ?2",
    )?
    .execute(params![customer_id, now])?;
    let failures: i64 = tx
        .prepare_cached(
            "UPDATE customers SET failed_logins = failed_logins + 1 WHERE id = ?1 RETURNING failed_logins",
        )?
        .query_row(params![customer_id], |r| r.get(0))?;
    if failures < rules.max_failed_logins {
        return Ok(refusal);
    }
    let until = now + rules.lockout_seconds;
    let mobile: String = tx
        .prepare_cached(
            "UPDATE customers SET failed_logins = 0, locked_until = ?2 WHERE id = ?1 RETURNING mobile",
        )?
        .query_row(params![customer_id, until], |r| r.get(0))?;
    super::issue::lock_notice(tx, state, &mobile, until, now)?;
    tracing::info!(customer_id, "user locked after failed logins");
    Ok(user_locked(rules.lockout_seconds))
}

/// A successful login (or proof of identity) clears the failure count.
pub(crate) fn record_success(tx: &Transaction<'_>, customer_id: &str) -> ApiResult<()> {
    tx.prepare_cached("UPDATE customers SET failed_logins = 0, locked_until = NULL WHERE id = ?1")?
        .execute(params![customer_id])?;
    Ok(())
}

/// `0912***4567`, through the core's parser.
pub(crate) fn masked_mobile(mobile: &str) -> String {
    mobile
        .parse::<hamrah_core::ids::MobileNumber>()
        .map(|m| m.masked())
        .unwrap_or_default()
}
