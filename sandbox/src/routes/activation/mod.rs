//! Activation (also credential recovery): identity and a card of this bank ->
//! SMS code -> username and password -> a full session on this device.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use axum::{Extension, Json, Router};
use hamrah_core::calendar::JalaliDate;
use hamrah_core::ids::{CardNumber, MobileNumber, NationalId};
use rusqlite::{OptionalExtension, params};
use serde::Deserialize;
use serde_json::{Value, json};

use super::session::customer;
use super::session::otp::{self, NewChallenge};
use crate::error::{ApiError, ApiResult};
use crate::extract::{DeviceId, JsonBody};
use crate::server::Peer;
use crate::state::AppState;

mod credentials;
mod throttle;
mod verify;

/// The routes of this area.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/v1/activations", post(activation_start))
        .route(
            "/v1/activations/{activation_id}/verify",
            post(verify::activation_verify),
        )
        .route(
            "/v1/activations/{activation_id}/credentials",
            post(credentials::activation_credentials_set),
        )
}

/// The contract's `ActivationStartRequest`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ActivationStartRequest {
    national_id: Option<String>,
    mobile: Option<String>,
    birth_date: Option<String>,
    pan: Option<String>,
    expiry: Option<String>,
}

pub(super) fn required(value: Option<String>, field: &str) -> ApiResult<String> {
    value.ok_or_else(|| ApiError::missing(field))
}

pub(super) fn refuse(status: StatusCode, code: &str, fa: &str, en: &str) -> ApiError {
    ApiError::new(status, code, fa, en)
}

fn identity_mismatch() -> ApiError {
    refuse(
        StatusCode::UNPROCESSABLE_ENTITY,
        "activation.identity_mismatch",
        "اطلاعات وارد شده با اطلاعات بانک مطابقت ندارد.",
        "The details entered do not match the bank's records.",
    )
}

pub(super) fn not_found() -> ApiError {
    refuse(
        StatusCode::NOT_FOUND,
        "activation.not_found",
        "درخواست فعال‌سازی یافت نشد یا منقضی شده است؛ از ابتدا شروع کنید.",
        "The activation was not found or has expired; please start again.",
    )
}

/// `POST /v1/activations`.
async fn activation_start(
    State(state): State<AppState>,
    peer: Option<Extension<Peer>>,
    DeviceId(device_id): DeviceId,
    JsonBody(body): JsonBody<ActivationStartRequest>,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let national_id = required(body.national_id, "national_id")?
        .parse::<NationalId>()
        .map_err(|e| ApiError::invalid("national_id", &e))?;
    let mobile = required(body.mobile, "mobile")?
        .parse::<MobileNumber>()
        .map_err(|e| ApiError::invalid("mobile", &e))?;
    let birth_date = required(body.birth_date, "birth_date")?
        .parse::<JalaliDate>()
        .map_err(|e| ApiError::invalid("birth_date", &e))?;
    let pan = required(body.pan, "pan")?
        .parse::<CardNumber>()
        .map_err(|e| ApiError::invalid("pan", &e))?;
    let expiry = required(body.expiry, "expiry")?;
    crate::card_auth::parse_expiry(&expiry, "expiry")?;
    let now = state.clock.now();
    let address = peer.map(|Extension(Peer(address))| address.ip());
    // Refused on a reader first, so a throttled client never queues on the writer.
    let (id, rules) = (national_id.as_str().to_owned(), state.rules.clone());
    state
        .db
        .read(move |conn| {
            let attempt = throttle::Attempt {
                national_id: &id,
                address,
            };
            throttle::refuse_while_throttled(conn, &rules.activation, &attempt, now)
        })
        .await?;
    if pan.bank().is_none_or(|bank| bank.id != state.bank.id) {
        return Err(refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            "card.not_this_bank",
            "برای فعال‌سازی، کارت همین بانک را وارد کنید.",
            "Activation needs a card of this bank.",
        )
        .with_field("pan"));
    }
    let task = state.clone();
    let (activation_id, sent) = state
        .db
        .tx(move |tx| {
            let state = task;
            let attempt = throttle::Attempt {
                national_id: national_id.as_str(),
                address,
            };
            // Checked again on the writer: the read above may miss a failure just queued.
            throttle::refuse_while_throttled(tx, &state.rules.activation, &attempt, now)?;
            let found = customer::by_national_id(tx, national_id.as_str())?;
            let card: Option<(String, Option<String>, String, String)> = tx
                .prepare_cached("SELECT id, customer_id, expiry, status FROM cards WHERE pan = ?1")?
                .query_row(params![pan.as_str()], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
                })
                .optional()?;
            // Every element is compared before answering, and the answer never
            // says which failed, nor whether the national ID is a customer's.
            let matched = match (found, card) {
                (Some(customer), Some((card_id, owner, card_expiry, status)))
                    if (customer.mobile == mobile.as_str())
                        & (customer.birth_date == birth_date.to_string())
                        & (owner.as_deref() == Some(customer.id.as_str()))
                        & (card_expiry == expiry) =>
                {
                    Some((customer, card_id, status))
                }
                _ => None,
            };
            let Some((customer, card_id, status)) = matched else {
                throttle::record_mismatch(tx, &state.rules.activation, &attempt, now)?;
                return Ok(Err(identity_mismatch()));
            };
            // Locked after failed logins or codes: no new code until the lock ends.
            if let Some(left) = customer.lock_left(now) {
                return Err(customer::user_locked(left));
            }
            if status != "active" {
                return Err(refuse(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "card.blocked",
                    "این کارت مسدود است.",
                    "This card is blocked.",
                )
                .with_field("pan"));
            }
            refuse_while_code_pending(tx, &customer.id, now)?;
            otp::create(
                tx,
                &state,
                &NewChallenge {
                    prefix: "act",
                    purpose: "activation",
                    customer_id: &customer.id,
                    mobile: &customer.mobile,
                    device_id: &device_id,
                    subject: Some(&card_id),
                    device_name: None,
                    platform: None,
                    what_fa: "کد فعال‌سازی همراه‌بانک",
                },
                now,
            )
            .map(Ok)
        })
        .await??;
    let mut body = json!({"activation_id": activation_id});
    if let (Some(body), Some(sent)) = (body.as_object_mut(), sent.as_object()) {
        body.extend(sent.clone());
    }
    Ok((StatusCode::CREATED, Json(body)))
}

/// One activation code at a time per customer: another start while a code
/// is still usable is 429 `activation.too_many_attempts` with the seconds left.
fn refuse_while_code_pending(
    tx: &rusqlite::Transaction<'_>,
    customer_id: &str,
    now: i64,
) -> ApiResult<()> {
    otp::refuse_while_pending(tx, "activation", customer_id, None, now, || {
        refuse(
            StatusCode::TOO_MANY_REQUESTS,
            "activation.too_many_attempts",
            "کد فعال‌سازی قبلی هنوز معتبر است؛ کمی بعد دوباره تلاش کنید.",
            "The previous activation code is still valid; please try again shortly.",
        )
    })
}
