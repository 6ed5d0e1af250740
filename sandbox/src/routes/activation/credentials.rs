//! `activation_credentials_set`: username and password, then a full session
//! on the activating device.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use rusqlite::{OptionalExtension, params};
use serde::Deserialize;
use serde_json::{Value, json};

use super::{not_found, refuse, required};
use crate::error::{ApiError, ApiResult};
use crate::extract::{DeviceId, JsonBody};
use crate::password;
use crate::routes::session::customer::{self, Customer};
use crate::routes::session::issue::{complete_login, end_all_sessions, trust_device};
use crate::routes::session::login::DeviceInfo;
use crate::routes::session::otp::{self, Challenge};
use crate::state::AppState;

/// The contract's `CredentialsRequest`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct CredentialsRequest {
    username: Option<String>,
    password: Option<String>,
    device_name: Option<String>,
    platform: Option<String>,
}

/// The contract's `Username`: 6 to 32 of `a-z 0-9 . _`, starting with a letter.
fn username_field(username: &str) -> ApiResult<()> {
    let mut chars = username.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_ascii_lowercase());
    let rest_ok =
        chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '_');
    if !(first_ok && rest_ok && (6..=32).contains(&username.len())) {
        return Err(refuse(
            StatusCode::BAD_REQUEST,
            "username.format",
            "نام کاربری باید ۶ تا ۳۲ نویسه از حروف کوچک انگلیسی، رقم، نقطه یا خط زیر باشد و با حرف شروع شود.",
            "The username must be 6 to 32 lowercase letters, digits, dots or underscores, starting with a letter.",
        )
        .with_field("username"));
    }
    Ok(())
}

/// A verified, unexpired activation of this device, and its customer (not locked).
fn verified(
    conn: &rusqlite::Connection,
    id: &str,
    device_id: &str,
    now: i64,
) -> ApiResult<Result<(Challenge, Customer), ApiError>> {
    let Some(challenge) = otp::open(conn, id, "activation", device_id)? else {
        return Ok(Err(not_found()));
    };
    if challenge.verified_at.is_none() {
        if now >= challenge.expires_at || challenge.attempts_left <= 0 {
            return Ok(Err(not_found()));
        }
        return Ok(Err(refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            "activation.not_verified",
            "ابتدا کد پیامک‌شده را وارد کنید.",
            "Enter the SMS code first.",
        )));
    }
    if now >= challenge.expires_at {
        return Ok(Err(not_found()));
    }
    let customer = customer::by_id(conn, &challenge.customer_id)?;
    if let Some(left) = customer.lock_left(now) {
        return Ok(Err(customer::user_locked(left)));
    }
    Ok(Ok((challenge, customer)))
}

fn username_taken(
    conn: &rusqlite::Connection,
    username: &str,
    customer_id: &str,
) -> ApiResult<Option<ApiError>> {
    let taken = conn
        .prepare_cached("SELECT 1 FROM customers WHERE username = ?1 AND id != ?2")?
        .query_row(params![username, customer_id], |_| Ok(()))
        .optional()?
        .is_some();
    Ok(taken.then(|| {
        refuse(
            StatusCode::CONFLICT,
            "username.taken",
            "این نام کاربری قبلاً انتخاب شده است؛ نام دیگری برگزینید.",
            "This username is taken; please choose another.",
        )
        .with_field("username")
    }))
}

/// `POST /v1/activations/{activation_id}/credentials`.
pub(super) async fn activation_credentials_set(
    State(state): State<AppState>,
    Path(activation_id): Path<String>,
    DeviceId(device_id): DeviceId,
    JsonBody(body): JsonBody<CredentialsRequest>,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let username = required(body.username, "username")?;
    let new_password = required(body.password, "password")?;
    let device = DeviceInfo::checked(body.device_name, body.platform)?;
    let now = state.clock.now();
    let (id, dev) = (activation_id.clone(), device_id.clone());
    let (_, customer) = state
        .db
        .read(move |conn| verified(conn, &id, &dev, now))
        .await??;
    username_field(&username)?;
    password::check_policy(
        &new_password,
        &username,
        &customer.national_id,
        &customer.birth_date,
        &state.rules.password_policy,
    )?;
    let (name, customer_id) = (username.clone(), customer.id.clone());
    if let Some(taken) = state
        .db
        .read(move |conn| username_taken(conn, &name, &customer_id))
        .await?
    {
        return Err(taken);
    }
    let new_hash = password::hash_blocking(new_password).await?;
    let task = state.clone();
    let session = state
        .db
        .tx(move |tx| {
            let state = task;
            let (challenge, customer) = match verified(tx, &activation_id, &device_id, now)? {
                Ok(found) => found,
                Err(refusal) => return Err(refusal),
            };
            if let Some(taken) = username_taken(tx, &username, &customer.id)? {
                return Err(taken);
            }
            if let Some(old) = &customer.password_hash {
                tx.prepare_cached(
                    "INSERT INTO password_history (customer_id, password_hash, changed_at) VALUES (?1, ?2, ?3)",
                )?
                .execute(params![customer.id, old, now])?;
            }
            tx.prepare_cached(
                "UPDATE customers SET username = ?2, password_hash = ?3, password_changed_at = ?4,
                     must_change_password = 0 WHERE id = ?1",
            )?
            .execute(params![customer.id, username, new_hash, now])?;
            // Recovery: whoever held the old credentials is logged out.
            end_all_sessions(tx, &customer.id, now)?;
            otp::complete(tx, &challenge.id, now)?;
            trust_device(tx, &customer.id, &device_id, device.name.as_deref(), device.platform.as_deref(), now)?;
            let customer = customer::by_id(tx, &customer.id)?;
            let login = complete_login(tx, &state, &customer, &device_id, now)?;
            Ok(json!({"username": username, "session": login["session"]}))
        })
        .await?;
    Ok((StatusCode::CREATED, Json(session)))
}
