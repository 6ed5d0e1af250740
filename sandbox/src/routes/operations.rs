//! `GET /v1/operations/{idempotency_key}`: what the bank knows about a
//! money-moving call, from the outcome recorded under its key.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use rusqlite::{OptionalExtension, params};
use serde_json::{Value, json};

use crate::auth::Session;
use crate::clock::rfc3339;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// The routes of this area.
pub fn routes() -> Router<AppState> {
    Router::new().route("/v1/operations/{idempotency_key}", get(operation_get))
}

/// The contract's `OperationKind` of a recorded operation.
fn kind(operation: &str, body: &Value) -> Option<String> {
    let known = [
        ("card_transfer", "card_transfer"),
        ("sheba_transfer", "sheba_transfer"),
        ("bill_payment", "bill_payment"),
        ("topup", "topup"),
        ("account_transfer", "account_transfer"),
        ("card_block", "card_block"),
        ("card_second_pin_change", "second_pin_change"),
        ("loan_payment", "loan_payment"),
    ];
    known
        .iter()
        .find(|(prefix, _)| operation.starts_with(prefix))
        .map(|(_, kind)| (*kind).to_owned())
        .or_else(|| body["kind"].as_str().map(str::to_owned))
}

pub(crate) async fn operation_get(
    State(state): State<AppState>,
    session: Session,
    Path(raw_key): Path<String>,
) -> ApiResult<Json<Value>> {
    let key = uuid::Uuid::parse_str(&raw_key)
        .ok()
        .filter(|uuid| uuid.hyphenated().to_string() == raw_key.to_ascii_lowercase())
        .map(|uuid| uuid.hyphenated().to_string())
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::BAD_REQUEST,
                "idempotency.key_format",
                "کلید یکتایی عملیات نامعتبر است.",
                "The idempotency key is not a UUID.",
            )
            .with_field("idempotency_key")
        })?;
    let customer_id = session.customer_id;
    let lookup = key.clone();
    let row: Option<(String, u16, String, i64)> = state
        .db
        .read(move |conn| {
            Ok(conn
                .prepare_cached(
                    "SELECT operation, http_status, response, created_at FROM idempotency
                     WHERE customer_id = ?1 AND key = ?2",
                )?
                .query_row(params![customer_id, lookup], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
                })
                .optional()?)
        })
        .await?;
    let Some((operation, http_status, response, created_at)) = row else {
        return Ok(Json(json!({"idempotency_key": key, "status": "not_found"})));
    };
    let body: Value = serde_json::from_str(&response).map_err(|_| ApiError::internal())?;
    let succeeded = (200..300).contains(&http_status);
    let mut reply = json!({
        "idempotency_key": key,
        "status": if succeeded { "succeeded" } else { "failed" },
        "channel": body["channel"].as_str().unwrap_or("https"),
        "created_at": rfc3339(created_at),
        "completed_at": rfc3339(created_at),
        "http_status": http_status,
    });
    if let Some(kind) = kind(&operation, &body) {
        reply["kind"] = kind.into();
    }
    reply[if succeeded { "receipt" } else { "error" }] = body;
    Ok(Json(reply))
}
