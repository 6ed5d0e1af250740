//! `activation_verify`: the SMS code of an activation.

use axum::Json;
use axum::extract::{Path, State};
use rusqlite::params;
use serde_json::{Value, json};

use super::not_found;
use crate::clock::rfc3339;
use crate::error::ApiResult;
use crate::extract::{DeviceId, JsonBody};
use crate::routes::session::customer;
use crate::routes::session::otp::{self, CodeRequest};
use crate::state::AppState;

/// `POST /v1/activations/{activation_id}/verify`.
pub(super) async fn activation_verify(
    State(state): State<AppState>,
    Path(activation_id): Path<String>,
    DeviceId(device_id): DeviceId,
    JsonBody(body): JsonBody<CodeRequest>,
) -> ApiResult<Json<Value>> {
    let code = otp::code_field(body.code, &state)?;
    let now = state.clock.now();
    let window = state.rules.session.inactivity_timeout_seconds;
    let task = state.clone();
    let body = state
        .db
        .tx(move |tx| {
            let state = task;
            let Some(challenge) = otp::open(tx, &activation_id, "activation", &device_id)? else {
                return Ok(Err(not_found()));
            };
            let deadline = match challenge.verified_at {
                Some(_) if now < challenge.expires_at => challenge.expires_at,
                Some(_) => return Ok(Err(not_found())),
                None => match otp::check_counting(tx, &state, &challenge, &code, now)? {
                    Err(refusal) => return Ok(Err(refusal)),
                    Ok(()) => {
                        // Credentials must follow within the idle timeout.
                        let deadline = now + window;
                        tx.prepare_cached("UPDATE challenges SET verified_at = ?2, expires_at = ?3 WHERE id = ?1")?
                            .execute(params![challenge.id, now, deadline])?;
                        deadline
                    }
                },
            };
            let customer = customer::by_id(tx, &challenge.customer_id)?;
            let mut body = json!({
                "activation_id": challenge.id,
                "state": "verified",
                "expires_at": rfc3339(deadline),
            });
            if let Some(username) = customer.username {
                body["existing_username"] = username.into();
            }
            Ok(Ok(body))
        })
        .await??;
    Ok(Json(body))
}
