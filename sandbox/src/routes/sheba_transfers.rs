//! `sheba_transfer_create`: PAYA and SATNA orders from an account to a SHEBA.
//! The account is debited at acceptance into clearing; `settlement::run_due`
//! settles or returns the order when it falls due. A SHEBA of this bank may
//! go `internal`: at once, as a transfer between accounts of the bank.

mod accept;
mod internal;

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use hamrah_core::ids::Sheba;
use jiff::civil::Date;
use serde::Deserialize;
use serde_json::Value;

use std::cell::Cell;

use crate::auth::Session;
use crate::card_auth;
use crate::error::{ApiError, ApiResult};
use crate::extract::{IdempotencyKey, JsonBody};
use crate::idempotency::{Outcome, run_once};
use crate::pin;
use crate::sca::{self, AccountPayment, AccountPinKind, Authorization};
use crate::settlement::{self, business_days::tehran_date};
use crate::soft_token;
use crate::state::AppState;

/// The routes of this area.
pub fn routes() -> Router<AppState> {
    Router::new().route("/v1/sheba-transfers", post(sheba_transfer_create))
}

/// The largest amount the contract's `PositiveRials` allows.
const MAX_AMOUNT: i64 = 999_999_999_999_999;
/// The longest description, in characters.
const MAX_DESCRIPTION: usize = 100;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ShebaTransferRequest {
    source_account_id: Option<String>,
    destination_sheba: Option<String>,
    amount_rials: Option<Value>,
    method: Option<String>,
    effective_date: Option<String>,
    description: Option<String>,
    pin: Option<String>,
    pin_kind: Option<AccountPinKind>,
    token_card_id: Option<String>,
}

/// PAYA (batched, below a limit) or SATNA (gross, from a minimum).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// Automated clearing house, settled in cycles.
    Paya,
    /// Real-time gross settlement.
    Satna,
    /// Within this bank, at once ([`crate::internal_transfer`]).
    Internal,
}

impl Method {
    /// The contract's and the ledger's name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Paya => "paya",
            Self::Satna => "satna",
            Self::Internal => "internal",
        }
    }
}

/// A validated order.
#[derive(Debug, Clone)]
pub struct Order {
    /// The customer's account to debit.
    pub source_account_id: String,
    /// Where the money goes.
    pub destination: Sheba,
    /// Rials to send.
    pub amount: i64,
    /// PAYA or SATNA.
    pub method: Method,
    /// SATNA's effective date as asked (Tehran).
    pub effective_date: Option<Date>,
    /// Free text for the receipt.
    pub description: Option<String>,
    /// The second factor.
    pub authorization: Authorization,
}

fn field_invalid(code: &str, field: &str, fa: &str, en: &str) -> ApiError {
    ApiError::new(StatusCode::BAD_REQUEST, code, fa, en).with_field(field)
}

fn effective_date_invalid() -> ApiError {
    field_invalid(
        "transfer.effective_date_invalid",
        "effective_date",
        "تاریخ اجرای انتقال نامعتبر است.",
        "The effective date is not valid.",
    )
}

fn validate(request: ShebaTransferRequest, now: i64) -> ApiResult<Order> {
    let source_account_id = request
        .source_account_id
        .ok_or_else(|| ApiError::missing("source_account_id"))?;
    let destination = request
        .destination_sheba
        .ok_or_else(|| ApiError::missing("destination_sheba"))?
        .parse::<Sheba>()
        .map_err(|e| ApiError::invalid("destination_sheba", &e))?;
    let amount = request
        .amount_rials
        .ok_or_else(|| ApiError::missing("amount_rials"))?
        .as_i64()
        .filter(|a| (1..=MAX_AMOUNT).contains(a))
        .ok_or_else(|| {
            field_invalid(
                "amount.invalid",
                "amount_rials",
                "مبلغ باید عددی صحیح و مثبت به ریال باشد.",
                "The amount must be a positive whole number of rials.",
            )
        })?;
    let method = match request.method.as_deref() {
        None => return Err(ApiError::missing("method")),
        Some("paya") => Method::Paya,
        Some("satna") => Method::Satna,
        Some("internal") => Method::Internal,
        Some(_) => {
            return Err(field_invalid(
                "request.field_invalid",
                "method",
                "روش انتقال نامعتبر است.",
                "method is paya, satna or internal.",
            ));
        }
    };
    let effective_date = match request.effective_date.as_deref() {
        None => None,
        Some(_) if method != Method::Satna => return Err(effective_date_invalid()),
        Some(text) => {
            let date = hamrah_core::calendar::parse_gregorian(text)
                .map_err(|_| effective_date_invalid())?;
            if date < tehran_date(now)? {
                return Err(effective_date_invalid());
            }
            Some(date)
        }
    };
    if request
        .description
        .as_ref()
        .is_some_and(|d| d.chars().count() > MAX_DESCRIPTION)
    {
        return Err(field_invalid(
            "transfer.description_too_long",
            "description",
            "شرح انتقال بیش از حد طولانی است.",
            "The description is too long.",
        ));
    }
    if let Some(pin) = &request.pin {
        card_auth::parse_pin(pin, "pin")?;
    }
    Ok(Order {
        source_account_id,
        destination,
        amount,
        method,
        effective_date,
        description: request.description,
        authorization: Authorization {
            pin: request.pin,
            pin_kind: request.pin_kind,
            token_card_id: request.token_card_id,
        },
    })
}

async fn sheba_transfer_create(
    State(state): State<AppState>,
    session: Session,
    IdempotencyKey(key): IdempotencyKey,
    JsonBody(request): JsonBody<ShebaTransferRequest>,
) -> ApiResult<Outcome> {
    let now = state.clock.now();
    let order = validate(request, now)?;
    let fingerprint = format!(
        "{}|{}|{}|{}|{}",
        order.source_account_id,
        order.destination.as_str(),
        order.amount,
        order.method.as_str(),
        order
            .effective_date
            .map(|d| d.to_string())
            .unwrap_or_default()
    );
    let rules = std::sync::Arc::clone(&state.rules);
    let sealer = std::sync::Arc::clone(&state.sealer);
    let bank = state.bank;
    state
        .db
        .tx(move |tx| {
            settlement::run_due(tx, now)?;
            let accepted = Cell::new(None);
            let second_factor = |tx: &rusqlite::Transaction<'_>| {
                let payee = pin::sheba_payee(order.destination.as_str());
                let payment = AccountPayment {
                    customer_id: &session.customer_id,
                    key: &key,
                    account_id: &order.source_account_id,
                    amount: order.amount,
                    payee: &payee,
                };
                let authorization = &order.authorization;
                sca::verify(
                    tx,
                    &rules,
                    &sealer,
                    &payment,
                    authorization,
                    session.channel,
                    &accepted,
                    now,
                )
            };
            let outcome = run_once(
                tx,
                &session.customer_id,
                &key,
                "sheba_transfer_create",
                &fingerprint,
                now,
                |tx| {
                    let accept = accept::Acceptance {
                        rules: &rules,
                        bank,
                        customer_id: &session.customer_id,
                        key: &key,
                        order: &order,
                        now,
                    };
                    accept.run(tx, second_factor)
                },
            );
            soft_token::keep_used(tx, &outcome, &accepted)?;
            let outcome = match outcome {
                Ok(outcome) => outcome,
                Err(refusal) if pin::keeps_state(&refusal) => return Ok(Err(refusal)),
                Err(error) => return Err(error),
            };
            // A SATNA order for now, before the cut-off, settles at once.
            settlement::run_due(tx, now)?;
            Ok(Ok(outcome))
        })
        .await?
}
