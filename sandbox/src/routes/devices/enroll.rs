//! `device_enroll`: registers the device's P-256 public key, in a request
//! signed with that very key (proof of possession), only shortly after the
//! device was confirmed by SMS code or activation.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Deserialize;
use serde_json::Value;

use super::{DEVICE_COLUMNS, device_json};
use crate::auth::Session;
use crate::error::{ApiError, ApiResult};
use crate::extract::JsonBody;
use crate::routes::session::login::DeviceInfo;
use crate::signature::{RequestParts, check, parse_public_key};
use crate::state::AppState;

/// How long after the SMS code or activation a device may enroll.
const ENROLL_WINDOW_SECONDS: i64 = 600;

/// The contract's `DeviceEnrollRequest`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct EnrollRequest {
    public_key: Option<String>,
    algorithm: Option<String>,
    name: Option<String>,
    platform: Option<String>,
    hardware_backed: Option<bool>,
}

fn forbidden(code: &str, fa: &str, en: &str) -> ApiError {
    ApiError::new(StatusCode::FORBIDDEN, code, fa, en)
}

/// `POST /v1/devices`.
pub(super) async fn device_enroll(
    State(state): State<AppState>,
    session: Session,
    RequestParts(parts): RequestParts,
    JsonBody(body): JsonBody<EnrollRequest>,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let public_key = body
        .public_key
        .ok_or_else(|| ApiError::missing("public_key"))?;
    let algorithm = body
        .algorithm
        .ok_or_else(|| ApiError::missing("algorithm"))?;
    let name = body.name.ok_or_else(|| ApiError::missing("name"))?;
    let platform = body.platform.ok_or_else(|| ApiError::missing("platform"))?;
    let device = DeviceInfo::checked(Some(name), Some(platform))?;
    if algorithm != "ES256" {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "request.field_invalid",
            "یکی از اطلاعات درخواست نامعتبر است.",
            "A field of the request is not valid.",
        )
        .with_field("algorithm"));
    }
    let key = parse_public_key(&public_key).ok_or_else(|| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "device.public_key_invalid",
            "کلید عمومی دستگاه نامعتبر است.",
            "The device's public key is not a valid P-256 key.",
        )
        .with_field("public_key")
    })?;
    let now = state.clock.now();
    let (customer_id, device_id) = (session.customer_id, session.device_id);
    // The device's state first: an enrolled device's request was already
    // checked (and its nonce used) against its current key.
    let (customer, device_key) = (customer_id.clone(), device_id.clone());
    state
        .db
        .read(move |conn| enrollable(conn, &customer, &device_key, now))
        .await?;
    check(&parts, &state, &device_id, &key).await?;
    let item = state
        .db
        .tx(move |tx| {
            enrollable(tx, &customer_id, &device_id, now)?;
            tx.prepare_cached(
                "UPDATE devices SET public_key = ?3, enrolled_at = ?4, last_seen_at = ?4,
                     name = ?5, platform = ?6, hardware_backed = ?7
                 WHERE customer_id = ?1 AND device_id = ?2",
            )?
            .execute(params![
                customer_id,
                device_id,
                public_key,
                now,
                device.name,
                device.platform,
                body.hardware_backed
            ])?;
            tracing::info!(customer_id, "device key enrolled");
            Ok(tx
                .prepare_cached(&format!(
                    "SELECT {DEVICE_COLUMNS} FROM devices WHERE customer_id = ?1 AND device_id = ?2"
                ))?
                .query_row(params![customer_id, device_id], |r| {
                    device_json(r, &device_id)
                })?)
        })
        .await?;
    Ok((StatusCode::CREATED, Json(item)))
}

/// Whether the device may enroll now: known, not revoked, without a key,
/// confirmed within [`ENROLL_WINDOW_SECONDS`].
fn enrollable(conn: &Connection, customer_id: &str, device_id: &str, now: i64) -> ApiResult<()> {
    let row = conn
        .prepare_cached(
            "SELECT trusted_at, public_key, revoked_at FROM devices
             WHERE customer_id = ?1 AND device_id = ?2",
        )?
        .query_row(params![customer_id, device_id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, Option<i64>>(2)?,
            ))
        })
        .optional()?;
    match row {
        Some((_, Some(_), None)) => Err(ApiError::new(
            StatusCode::CONFLICT,
            "device.already_enrolled",
            "این دستگاه پیش‌تر ثبت شده است؛ ابتدا آن را لغو کنید.",
            "This device is already enrolled; revoke it first.",
        )),
        Some((trusted_at, None, None)) if now - trusted_at <= ENROLL_WINDOW_SECONDS => Ok(()),
        _ => Err(not_allowed()),
    }
}

/// 403 `device.enrollment_not_allowed`.
fn not_allowed() -> ApiError {
    forbidden(
        "device.enrollment_not_allowed",
        "ثبت این دستگاه فقط کمی پس از تأیید آن با کد پیامکی ممکن است.",
        "A device can be enrolled only shortly after its SMS code or activation.",
    )
}
