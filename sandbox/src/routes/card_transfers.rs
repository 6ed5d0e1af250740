//! `POST /v1/card-transfers`: card-to-card (Shetab) transfers, exactly once per
//! idempotency key (fingerprint: source card, destination PAN, amount).

mod execute;

use std::cell::Cell;

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use hamrah_core::ids::CardNumber;
use serde::Deserialize;

use crate::auth::Session;
use crate::card_auth::{self, CardRef};
use crate::error::{ApiError, ApiResult};
use crate::extract::{IdempotencyKey, JsonBody};
use crate::idempotency::{Outcome, run_once};
use crate::pin;
use crate::soft_token;
use crate::state::AppState;

/// The routes of this area.
pub fn routes() -> Router<AppState> {
    Router::new().route("/v1/card-transfers", post(card_transfer_create))
}

/// How the payer proves the payment: the contract's `PinKind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(super) enum PinKind {
    /// A PIN from `dynamic_pin_request`.
    Sms,
    /// A soft-token time-based code.
    Totp,
    /// A soft-token code bound to amount and payee.
    Ocra,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CardTransferRequest {
    source: CardRef,
    expiry: String,
    cvv2: String,
    pin: String,
    pin_kind: PinKind,
    destination_pan: String,
    amount_rials: i64,
    description: Option<String>,
}

/// Longest description a transfer may carry, in characters (the contract's maxLength).
const DESCRIPTION_MAX_CHARS: usize = 100;

impl PinKind {
    /// The kind of soft-token code; `None` for an SMS PIN.
    pub(super) fn code_kind(self) -> Option<crate::soft_token::CodeKind> {
        match self {
            Self::Sms => None,
            Self::Totp => Some(crate::soft_token::CodeKind::Totp),
            Self::Ocra => Some(crate::soft_token::CodeKind::Ocra),
        }
    }
}

pub(crate) async fn card_transfer_create(
    State(state): State<AppState>,
    session: Session,
    IdempotencyKey(key): IdempotencyKey,
    JsonBody(body): JsonBody<CardTransferRequest>,
) -> ApiResult<Outcome> {
    let source = body.source.parse("source")?;
    card_auth::parse_expiry(&body.expiry, "expiry")?;
    card_auth::parse_cvv2(&body.cvv2, "cvv2")?;
    card_auth::parse_pin(&body.pin, "pin")?;
    let destination = body
        .destination_pan
        .parse::<CardNumber>()
        .map_err(|e| ApiError::invalid("destination_pan", &e))?;
    let amount = card_auth::parse_amount(body.amount_rials, "amount_rials")?;
    if body
        .description
        .as_ref()
        .is_some_and(|d| d.chars().count() > DESCRIPTION_MAX_CHARS)
    {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "transfer.description_too_long",
            "شرح تراکنش بیش از حد طولانی است.",
            "The description is too long.",
        )
        .with_field("description"));
    }
    let now = state.clock.now();
    let rules = state.rules.clone();
    let sealer = std::sync::Arc::clone(&state.sealer);
    let mac = std::sync::Arc::clone(&state.cvv2);
    let (customer_id, channel) = (session.customer_id, session.channel);
    state
        .db
        .tx(move |tx| {
            let card = card_auth::find(tx, &customer_id, &source)?;
            let fingerprint =
                pin::card_transfer_fingerprint(&card.id, destination.as_str(), amount);
            let order = execute::Order {
                customer_id: &customer_id,
                key: &key,
                card: &card,
                destination: &destination,
                amount,
                expiry: &body.expiry,
                cvv2: &body.cvv2,
                pin: &body.pin,
                pin_kind: body.pin_kind,
                description: body.description.as_deref(),
                channel,
                accepted_code: Cell::new(None),
            };
            let outcome = run_once(
                tx,
                &customer_id,
                &key,
                pin::CARD_TRANSFER,
                &fingerprint,
                now,
                |tx| execute::execute(tx, &rules, &sealer, &mac, &order, now),
            );
            soft_token::keep_used(tx, &outcome, &order.accepted_code)?;
            match outcome {
                Ok(outcome) => Ok(Ok(outcome)),
                Err(refusal) if pin::keeps_state(&refusal) => Ok(Err(refusal)),
                Err(error) => Err(error),
            }
        })
        .await?
}
