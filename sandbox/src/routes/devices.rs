//! The customer's known devices: enrollment of the device key, list and revoke.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{delete, get};
use axum::{Json, Router};
use base64::Engine;
use rusqlite::Row;
use rusqlite::{OptionalExtension, params};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::auth::Session;
use crate::clock::{jalali, rfc3339};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

mod enroll;

/// The routes of this area.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/v1/devices", get(device_list).post(enroll::device_enroll))
        .route("/v1/devices/{device_id}", delete(device_revoke))
}

/// The columns [`device_json`] reads, in order.
const DEVICE_COLUMNS: &str =
    "device_id, name, platform, public_key, trusted_at, last_seen_at, revoked_at, enrolled_at";

/// The contract's `Device` from a row of [`DEVICE_COLUMNS`].
fn device_json(r: &Row<'_>, current_device: &str) -> rusqlite::Result<Value> {
    let device_id: String = r.get(0)?;
    let name: Option<String> = r.get(1)?;
    let platform: Option<String> = r.get(2)?;
    let public_key: Option<String> = r.get(3)?;
    let last_seen: i64 = r.get(5)?;
    let revoked = r.get::<_, Option<i64>>(6)?.is_some();
    let enrolled = public_key.is_some() && !revoked;
    let mut item = json!({
        "device_id": device_id,
        "state": if revoked { "revoked" } else { "active" },
        "enrolled": enrolled,
        "current": device_id == current_device,
        "first_seen_at": rfc3339(r.get(4)?),
        "last_seen_at": rfc3339(last_seen),
        "last_seen_at_jalali": jalali(last_seen),
    });
    if let Some(name) = name {
        item["name"] = name.into();
    }
    if let Some(platform) = platform {
        item["platform"] = platform.into();
    }
    if let Some(fingerprint) = public_key
        .as_deref()
        .filter(|_| enrolled)
        .and_then(key_fingerprint)
    {
        item["key_fingerprint"] = fingerprint.into();
        if let Some(at) = r.get::<_, Option<i64>>(7)? {
            item["enrolled_at"] = rfc3339(at).into();
        }
    }
    Ok(item)
}

/// Lowercase hex SHA-256 of the SEC1 public key.
fn key_fingerprint(public_key: &str) -> Option<String> {
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(public_key)
        .ok()?;
    Some(
        Sha256::digest(bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect(),
    )
}

/// `GET /v1/devices`: known devices (active or revoked), most recently seen first.
async fn device_list(State(state): State<AppState>, session: Session) -> ApiResult<Json<Value>> {
    let items = state
        .db
        .read(move |conn| {
            let rows = conn
                .prepare_cached(&format!(
                    "SELECT {DEVICE_COLUMNS} FROM devices WHERE customer_id = ?1
                     ORDER BY last_seen_at DESC, device_id"
                ))?
                .query_map(params![session.customer_id], |r| {
                    device_json(r, &session.device_id)
                })?
                .collect::<Result<Vec<_>, _>>()?;
            Ok(rows)
        })
        .await?;
    Ok(Json(json!({"items": items})))
}

/// `DELETE /v1/devices/{device_id}`: forgets the device (its key too) and
/// ends its sessions, this one included when it is the current device; its
/// next login needs an SMS code again. Revoking a revoked device is a no-op.
async fn device_revoke(
    State(state): State<AppState>,
    session: Session,
    Path(device_id): Path<String>,
) -> ApiResult<StatusCode> {
    let now = state.clock.now();
    state
        .db
        .tx(move |tx| {
            let found = tx
                .prepare_cached("SELECT 1 FROM devices WHERE customer_id = ?1 AND device_id = ?2")?
                .query_row(params![session.customer_id, device_id], |_| Ok(()))
                .optional()?;
            if found.is_none() {
                return Err(ApiError::new(
                    StatusCode::NOT_FOUND,
                    "device.not_found",
                    "این دستگاه یافت نشد.",
                    "This device was not found.",
                )
                .with_field("device_id"));
            }
            tx.prepare_cached(
                "UPDATE devices SET revoked_at = COALESCE(revoked_at, ?3), public_key = NULL, enrolled_at = NULL
                 WHERE customer_id = ?1 AND device_id = ?2",
            )?
            .execute(params![session.customer_id, device_id, now])?;
            tx.prepare_cached(
                "UPDATE sessions SET ended_at = ?3 WHERE customer_id = ?1 AND device_id = ?2 AND ended_at IS NULL",
            )?
            .execute(params![session.customer_id, device_id, now])?;
            crate::soft_token::end_for_device(tx, &session.customer_id, &device_id)?;
            Ok(StatusCode::NO_CONTENT)
        })
        .await
}
