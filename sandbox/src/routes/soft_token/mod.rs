//! Soft-token activation per card: start (an SMS code goes to the owner),
//! confirm with the code and the device's fresh ECDH key (the new seed comes
//! back sealed to that key), and deactivation.
//!
//! One code at a time per card: a start while the card's last code is still
//! usable is 429 `token.activation_pending`, so each start does not send an SMS.
//!
//! Start and confirm are reserved to an enrolled device (its requests are
//! signed): a device without an enrolled key, never enrolled or revoked, gets
//! 403 `device.not_enrolled` before anything is sent or checked.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{delete, post};
use axum::{Json, Router};
use rusqlite::{OptionalExtension, Transaction, params};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::auth::Session;
use crate::card_auth::not_found as card_not_found;
use crate::clock::rfc3339;
use crate::error::{ApiError, ApiResult};
use crate::extract::JsonBody;
use crate::routes::session::{customer, otp};
use crate::soft_token::{self, seal};
use crate::state::AppState;

/// The routes of this area.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/v1/soft-token-activations", post(activation_start))
        .route(
            "/v1/soft-token-activations/{activation_id}/confirm",
            post(activation_confirm),
        )
        .route("/v1/cards/{card_id}/soft-token", delete(deactivate))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StartRequest {
    card_id: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfirmRequest {
    code: Option<String>,
    device_public_key: Option<String>,
}

/// The customer's own card: its status; 404 `card.not_found` otherwise.
fn own_card(tx: &Transaction<'_>, customer_id: &str, card_id: &str) -> ApiResult<String> {
    tx.prepare_cached("SELECT status FROM cards WHERE id = ?1 AND customer_id = ?2")?
        .query_row(params![card_id, customer_id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| card_not_found().with_field("card_id"))
}

fn usable_card(tx: &Transaction<'_>, customer_id: &str, card_id: &str) -> ApiResult<()> {
    if own_card(tx, customer_id, card_id)? == "active" {
        Ok(())
    } else {
        Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "card.blocked",
            "کارت مسدود است.",
            "The card is blocked.",
        ))
    }
}

/// `POST /v1/soft-token-activations`.
async fn activation_start(
    State(state): State<AppState>,
    session: Session,
    JsonBody(body): JsonBody<StartRequest>,
) -> ApiResult<(StatusCode, Json<Value>)> {
    crate::signature::require_enrolled(&state, &session).await?;
    let now = state.clock.now();
    let task = state.clone();
    let card_id = body.card_id;
    let reply_card = card_id.clone();
    let (activation_id, sent) = state
        .db
        .tx(move |tx| {
            usable_card(tx, &session.customer_id, &card_id)?;
            refuse_while_code_pending(tx, &session.customer_id, &card_id, now)?;
            let owner = customer::by_id(tx, &session.customer_id)?;
            otp::create(
                tx,
                &task,
                &otp::NewChallenge {
                    prefix: "sta",
                    purpose: "soft_token",
                    customer_id: &session.customer_id,
                    mobile: &owner.mobile,
                    device_id: &session.device_id,
                    subject: Some(&card_id),
                    device_name: None,
                    platform: None,
                    what_fa: "کد فعال‌سازی رمزساز",
                },
                now,
            )
        })
        .await?;
    let mut reply = json!({"activation_id": activation_id, "card_id": reply_card});
    if let (Some(reply), Some(sent)) = (reply.as_object_mut(), sent.as_object()) {
        reply.extend(sent.clone());
    }
    Ok((StatusCode::CREATED, Json(reply)))
}

/// One activation code at a time per card: another start while the card's
/// code is still usable is 429 `token.activation_pending` with the seconds left.
fn refuse_while_code_pending(
    tx: &Transaction<'_>,
    customer_id: &str,
    card_id: &str,
    now: i64,
) -> ApiResult<()> {
    otp::refuse_while_pending(tx, "soft_token", customer_id, Some(card_id), now, || {
        ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "token.activation_pending",
            "کد فعال‌سازی رمزساز برای این کارت پیش‌تر فرستاده شده و هنوز معتبر است.",
            "A soft-token activation code for this card was already sent and is still valid.",
        )
    })
}

fn activation_not_found() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "activation.not_found",
        "این فعال‌سازی یافت نشد یا منقضی شده است.",
        "This activation was not found or has expired.",
    )
}

/// `POST /v1/soft-token-activations/{activation_id}/confirm`.
async fn activation_confirm(
    State(state): State<AppState>,
    session: Session,
    Path(activation_id): Path<String>,
    JsonBody(body): JsonBody<ConfirmRequest>,
) -> ApiResult<(StatusCode, Json<Value>)> {
    crate::signature::require_enrolled(&state, &session).await?;
    let code = otp::code_field(body.code, &state)?;
    let key_text = body
        .device_public_key
        .ok_or_else(|| ApiError::missing("device_public_key"))?;
    let device_key = seal::device_key(&key_text, "device_public_key")?;
    let now = state.clock.now();
    let rules = state.rules.soft_token.clone();
    let sealer = std::sync::Arc::clone(&state.sealer);
    let task = state.clone();
    let reply = state
        .db
        .tx(move |tx| {
            let challenge = otp::open(tx, &activation_id, "soft_token", &session.device_id)?
                .filter(|c| c.customer_id == session.customer_id);
            let Some(challenge) = challenge else {
                return Ok(Err(activation_not_found()));
            };
            if let Err(refusal) = otp::check_counting(tx, &task, &challenge, &code, now)? {
                return Ok(Err(refusal));
            }
            let card_id: String = tx
                .prepare_cached("SELECT subject FROM challenges WHERE id = ?1")?
                .query_row(params![challenge.id], |r| r.get(0))?;
            usable_card(tx, &session.customer_id, &card_id)?;
            otp::complete(tx, &challenge.id, now)?;
            let (token_id, seed) = soft_token::activate(
                tx,
                &sealer,
                &session.customer_id,
                &session.device_id,
                &card_id,
                now,
            )?;
            let sealed = seal::seal(&device_key, &token_id, &seed)?;
            tracing::info!(%token_id, "soft token activated");
            Ok(Ok(json!({
                "card_id": card_id,
                "token_id": token_id,
                "encrypted_seed": sealed,
                "totp": {
                    "digits": rules.totp.digits,
                    "period_seconds": rules.totp.period_seconds,
                    "algorithm": rules.totp.algorithm,
                },
                "ocra_suite": rules.ocra_suite,
                "activated_at": rfc3339(now),
            })))
        })
        .await??;
    Ok((StatusCode::CREATED, Json(reply)))
}

/// `DELETE /v1/cards/{card_id}/soft-token`: idempotent.
async fn deactivate(
    State(state): State<AppState>,
    session: Session,
    Path(card_id): Path<String>,
) -> ApiResult<StatusCode> {
    state
        .db
        .tx(move |tx| {
            own_card(tx, &session.customer_id, &card_id)?;
            soft_token::end(tx, &card_id)?;
            Ok(StatusCode::NO_CONTENT)
        })
        .await
}
