//! Mobile top-up and internet packages (خرید شارژ و بسته اینترنت):
//! `topup_catalog_get` (what each operator's lines can be charged with) and
//! `topup_create` (a purchase from an own account or a card, exactly once per
//! idempotency key; fingerprint: line, product, amount, source).

mod purchase;

use std::cell::Cell;

use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use hamrah_core::ids::{MobileNumber, TopupProduct, TopupTarget, operator_by_id};
use rusqlite::params;
use serde::Deserialize;

use crate::auth::Session;
use crate::card_auth;
use crate::error::{ApiError, ApiResult};
use crate::extract::{IdempotencyKey, JsonBody};
use crate::idempotency::{Outcome, run_once};
use crate::payment_source::{self, SourceBody};
use crate::pin;
use crate::soft_token;
use crate::state::AppState;

/// The operationId top-ups are recorded under.
const TOPUP: &str = "topup_create";

/// The routes of this area.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/v1/topup-catalog", get(topup_catalog_get))
        .route("/v1/topups", post(topup_create))
}

async fn topup_catalog_get(State(state): State<AppState>, session: Session) -> ApiResult<Response> {
    let customer_id = session.customer_id;
    let own: String = state
        .db
        .read(move |conn| {
            Ok(conn
                .prepare_cached("SELECT mobile FROM customers WHERE id = ?1")?
                .query_row(params![customer_id], |r| r.get(0))?)
        })
        .await?;
    let catalog = &state.rules.topup;
    let mut response = Json(catalog.json(Some(&own))).into_response();
    let cache = format!("private, max-age={}", catalog.cache_seconds);
    if let Ok(value) = HeaderValue::from_str(&cache) {
        response.headers_mut().insert(header::CACHE_CONTROL, value);
    }
    Ok(response)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct TopupRequest {
    mobile: String,
    operator: String,
    product: String,
    package_id: Option<String>,
    amount_rials: i64,
    source: SourceBody,
}

/// The line and product, parsed with the core's parsers (400 with the field).
fn target(request: &TopupRequest) -> ApiResult<TopupTarget> {
    let mobile = request
        .mobile
        .parse::<MobileNumber>()
        .map_err(|e| ApiError::invalid("mobile", &e))?;
    let operator =
        operator_by_id(&request.operator).map_err(|e| ApiError::invalid("operator", &e))?;
    let product =
        TopupProduct::parse(&request.product, request.package_id.as_deref()).map_err(|e| {
            let field = if request.product == "package" || request.package_id.is_some() {
                "package_id"
            } else {
                "product"
            };
            ApiError::invalid(field, &e)
        })?;
    Ok(TopupTarget {
        mobile,
        operator,
        product,
    })
}

async fn topup_create(
    State(state): State<AppState>,
    session: Session,
    IdempotencyKey(key): IdempotencyKey,
    JsonBody(body): JsonBody<TopupRequest>,
) -> ApiResult<Outcome> {
    let target = target(&body)?;
    let amount = card_auth::parse_amount(body.amount_rials, "amount_rials")?;
    body.source.check_formats()?;
    let now = state.clock.now();
    let rules = state.rules.clone();
    let sealer = std::sync::Arc::clone(&state.sealer);
    let mac = std::sync::Arc::clone(&state.cvv2);
    let (customer_id, channel) = (session.customer_id, session.channel);
    state
        .db
        .tx(move |tx| {
            let source = payment_source::resolve(tx, &customer_id, body.source)?;
            let payee = target.canonical();
            let fingerprint = format!("{payee}|{amount}|{}", source.fingerprint_name());
            let order = purchase::Order {
                customer_id: &customer_id,
                key: &key,
                target: &target,
                payee: &payee,
                amount,
                source: &source,
                channel,
                accepted_code: Cell::new(None),
            };
            let outcome = run_once(tx, &customer_id, &key, TOPUP, &fingerprint, now, |tx| {
                purchase::buy(tx, &rules, &sealer, &mac, &order, now)
            });
            soft_token::keep_used(tx, &outcome, &order.accepted_code)?;
            match outcome {
                Ok(outcome) => Ok(Ok(outcome)),
                Err(refusal) if pin::keeps_state(&refusal) => Ok(Err(refusal)),
                Err(error) => Err(error),
            }
        })
        .await?
}

/// 422 with a top-up's code.
fn refuse(code: &str, fa: &str, en: &str) -> ApiError {
    ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, code, fa, en)
}
