//! Quick login (mobile e-signature): `quick_login_challenge_create` hands an
//! enrolled device a single-use challenge; `quick_login_create` logs in when
//! the device key signed `hamrah-quick-login-v1\n{challenge_id}\n{challenge}\n{device_id}`.
//! A bad signature counts as a failed login (5 in a row lock the user).

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hamrah_core::client::signing::quick_login_message;
use p256::ecdsa::signature::Verifier;
use rand::RngCore;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Deserialize;
use serde_json::{Value, json};

use super::customer::{self, user_locked};
use super::issue::complete_login;
use crate::clock::rfc3339;
use crate::error::{ApiError, ApiResult};
use crate::extract::{DeviceId, JsonBody};
use crate::ids::new_id;
use crate::signature::{self, parse_public_key, parse_signature};
use crate::state::AppState;

/// The contract's `QuickLoginRequest`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct QuickLoginRequest {
    challenge_id: Option<String>,
    signature: Option<String>,
}

/// The device's enrolled key and its customer: 403 `device.revoked` or
/// `device.not_enrolled` when it has none.
fn enrolled(conn: &Connection, device_id: &str) -> ApiResult<(String, String)> {
    let rows = conn
        .prepare_cached(
            "SELECT customer_id, public_key, revoked_at FROM devices WHERE device_id = ?1
             ORDER BY enrolled_at IS NULL, enrolled_at DESC, last_seen_at DESC",
        )?
        .query_map(params![device_id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, Option<i64>>(2)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    if let Some((customer_id, Some(key), None)) = rows.first() {
        return Ok((customer_id.clone(), key.clone()));
    }
    if rows.iter().any(|(_, _, revoked)| revoked.is_some()) {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "device.revoked",
            "این دستگاه لغو شده است؛ با رمز عبور و کد پیامکی وارد شوید.",
            "This device was revoked; log in with your password and an SMS code.",
        ));
    }
    Err(ApiError::new(
        StatusCode::FORBIDDEN,
        "device.not_enrolled",
        "این دستگاه برای ورود سریع ثبت نشده است.",
        "This device is not enrolled for quick login.",
    ))
}

fn challenge_not_found() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "auth.challenge_not_found",
        "درخواست ورود یافت نشد یا منقضی شده است؛ دوباره تلاش کنید.",
        "The login challenge was not found or has ended; please try again.",
    )
}

/// `POST /v1/sessions/quick-challenges`.
pub(super) async fn quick_login_challenge_create(
    State(state): State<AppState>,
    DeviceId(device_id): DeviceId,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let now = state.clock.now();
    let ttl = state.rules.signature.challenge_ttl_seconds;
    let result = state
        .db
        .tx(move |tx| {
            let (customer_id, _) = enrolled(tx, &device_id)?;
            if let Some(left) = customer::by_id(tx, &customer_id)?.lock_left(now) {
                return Err(user_locked(left));
            }
            let id = new_id("qch");
            let mut bytes = [0u8; 32];
            rand::rng().fill_bytes(&mut bytes);
            let challenge = URL_SAFE_NO_PAD.encode(bytes);
            tx.prepare_cached(
                "INSERT INTO quick_challenges (id, customer_id, device_id, challenge, expires_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![id, customer_id, device_id, challenge, now + ttl])?;
            Ok(json!({"challenge_id": id, "challenge": challenge, "expires_at": rfc3339(now + ttl)}))
        })
        .await?;
    Ok((StatusCode::CREATED, Json(result)))
}

/// `POST /v1/sessions/quick`.
pub(super) async fn quick_login_create(
    State(state): State<AppState>,
    DeviceId(device_id): DeviceId,
    JsonBody(body): JsonBody<QuickLoginRequest>,
) -> ApiResult<Json<Value>> {
    let challenge_id = body
        .challenge_id
        .ok_or_else(|| ApiError::missing("challenge_id"))?;
    let signature = body
        .signature
        .ok_or_else(|| ApiError::missing("signature"))?;
    let signature = parse_signature(&signature, "signature")?;
    let now = state.clock.now();
    // Read and verify off the writer; the writer then consumes the challenge once.
    let (id, device) = (challenge_id.clone(), device_id.clone());
    let (customer_id, key, challenge) = state
        .db
        .read(move |conn| {
            let challenge = conn
                .prepare_cached(
                    "SELECT challenge FROM quick_challenges
                     WHERE id = ?1 AND device_id = ?2 AND used_at IS NULL AND expires_at > ?3",
                )?
                .query_row(params![id, device, now], |r| r.get::<_, String>(0))
                .optional()?
                .ok_or_else(challenge_not_found)?;
            let (customer_id, key) = enrolled(conn, &device)?;
            Ok((customer_id, key, challenge))
        })
        .await?;
    let key = parse_public_key(&key).ok_or_else(ApiError::internal)?;
    let message = quick_login_message(&challenge_id, &challenge, &device_id);
    let right = key.verify(message.as_bytes(), &signature).is_ok();
    let task = state.clone();
    let result = state
        .db
        .tx(move |tx| {
            let state = task;
            let used = tx
                .prepare_cached(
                    "UPDATE quick_challenges SET used_at = ?2 WHERE id = ?1 AND used_at IS NULL",
                )?
                .execute(params![challenge_id, now])?;
            if used == 0 {
                return Ok(Err(challenge_not_found()));
            }
            let customer = customer::by_id(tx, &customer_id)?;
            if let Some(left) = customer.lock_left(now) {
                return Ok(Err(user_locked(left)));
            }
            if !right {
                let refusal =
                    customer::record_failure(tx, &state, &customer.id, now, signature::invalid())?;
                return Ok(Err(refusal));
            }
            complete_login(tx, &state, &customer, &device_id, now).map(Ok)
        })
        .await??;
    Ok(Json(result))
}
