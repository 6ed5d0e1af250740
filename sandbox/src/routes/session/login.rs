//! `session_create` (username and password) and `session_otp_verify` (the
//! SMS code of a login from a new device).

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::Deserialize;
use serde_json::{Value, json};

use super::customer::{self, invalid_credentials, user_locked};
use super::issue::{complete_login, known_device, trust_device};
use super::otp::{self, CodeRequest, NewChallenge};
use crate::error::{ApiError, ApiResult};
use crate::extract::{DeviceId, JsonBody};
use crate::password;
use crate::state::AppState;

/// The contract's `LoginRequest`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct LoginRequest {
    username: Option<String>,
    password: Option<String>,
    device_name: Option<String>,
    platform: Option<String>,
}

/// What the client says about its device, checked.
pub(crate) struct DeviceInfo {
    /// Shown in the device list.
    pub name: Option<String>,
    /// `android`, `ios` or `desktop`.
    pub platform: Option<String>,
}

impl DeviceInfo {
    /// Checks `device_name` (at most 64 characters) and `platform`.
    pub(crate) fn checked(name: Option<String>, platform: Option<String>) -> ApiResult<Self> {
        let invalid = |field: &str| {
            ApiError::new(
                StatusCode::BAD_REQUEST,
                "request.field_invalid",
                "یکی از اطلاعات درخواست نامعتبر است.",
                "A field of the request is not valid.",
            )
            .with_field(field)
        };
        if name.as_ref().is_some_and(|n| n.chars().count() > 64) {
            return Err(invalid("device_name"));
        }
        if platform
            .as_deref()
            .is_some_and(|p| !["android", "ios", "desktop"].contains(&p))
        {
            return Err(invalid("platform"));
        }
        Ok(Self { name, platform })
    }
}

/// `POST /v1/sessions`.
pub(super) async fn session_create(
    State(state): State<AppState>,
    DeviceId(device_id): DeviceId,
    JsonBody(body): JsonBody<LoginRequest>,
) -> ApiResult<Json<Value>> {
    let username = body.username.ok_or_else(|| ApiError::missing("username"))?;
    let given = body.password.ok_or_else(|| ApiError::missing("password"))?;
    let device = DeviceInfo::checked(body.device_name, body.platform)?;
    let now = state.clock.now();
    let found = state
        .db
        .read(move |conn| customer::by_username(conn, &username))
        .await?;
    if let Some(left) = found.as_ref().and_then(|c| c.lock_left(now)) {
        return Err(user_locked(left));
    }
    let phc = found.as_ref().and_then(|c| c.password_hash.clone());
    let right = password::verify_blocking(given, phc.clone()).await;
    let Some(found) = found else {
        return Err(invalid_credentials());
    };
    let task = state.clone();
    let result = state
        .db
        .tx(move |tx| {
            let state = task;
            let customer = customer::by_id(tx, &found.id)?;
            if let Some(left) = customer.lock_left(now) {
                return Ok(Err(user_locked(left)));
            }
            if customer.password_hash != phc {
                // Changed while we were checking: refuse without counting.
                return Ok(Err(invalid_credentials()));
            }
            if !right {
                let refusal =
                    customer::record_failure(tx, &state, &customer.id, now, invalid_credentials())?;
                return Ok(Err(refusal));
            }
            if known_device(tx, &customer.id, &device_id)? {
                return complete_login(tx, &state, &customer, &device_id, now).map(Ok);
            }
            // A new device: the password alone is not a login; the failure
            // count is left as it is until the SMS code is right.
            let (challenge_id, sent) = otp::create(
                tx,
                &state,
                &NewChallenge {
                    prefix: "lch",
                    purpose: "login",
                    customer_id: &customer.id,
                    mobile: &customer.mobile,
                    device_id: &device_id,
                    subject: None,
                    device_name: device.name.as_deref(),
                    platform: device.platform.as_deref(),
                    what_fa: "کد ورود از دستگاه جدید",
                },
                now,
            )?;
            let mut result = json!({"state": "otp_required", "challenge_id": challenge_id});
            if let (Some(result), Some(sent)) = (result.as_object_mut(), sent.as_object()) {
                result.extend(sent.clone());
            }
            Ok(Ok(result))
        })
        .await??;
    Ok(Json(result))
}

fn challenge_not_found() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "auth.challenge_not_found",
        "درخواست ورود یافت نشد یا منقضی شده است؛ دوباره وارد شوید.",
        "The login request was not found or has ended; please log in again.",
    )
}

/// `POST /v1/sessions/challenges/{challenge_id}/verify`.
pub(super) async fn session_otp_verify(
    State(state): State<AppState>,
    Path(challenge_id): Path<String>,
    DeviceId(device_id): DeviceId,
    JsonBody(body): JsonBody<CodeRequest>,
) -> ApiResult<Json<Value>> {
    let code = otp::code_field(body.code, &state)?;
    let now = state.clock.now();
    let task = state.clone();
    let result = state
        .db
        .tx(move |tx| {
            let state = task;
            let Some(challenge) = otp::open(tx, &challenge_id, "login", &device_id)? else {
                return Ok(Err(challenge_not_found()));
            };
            if let Err(refusal) = otp::check_counting(tx, &state, &challenge, &code, now)? {
                return Ok(Err(refusal));
            }
            let customer = customer::by_id(tx, &challenge.customer_id)?;
            otp::complete(tx, &challenge.id, now)?;
            trust_device(
                tx,
                &customer.id,
                &device_id,
                challenge.device_name.as_deref(),
                challenge.platform.as_deref(),
                now,
            )?;
            complete_login(tx, &state, &customer, &device_id, now).map(Ok)
        })
        .await??;
    Ok(Json(result))
}
