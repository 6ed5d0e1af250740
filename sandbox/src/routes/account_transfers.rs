//! Transfers to accounts of this bank by account number (انتقال وجه به
//! سپرده): `account_holder_inquiry` (the holder's name, shown before the
//! customer confirms) and `account_transfer_create` (instant, exactly once per
//! idempotency key; fingerprint: source account, destination number, amount).

use std::cell::Cell;

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use axum::{Json, Router};
use hamrah_core::ids::AccountNumber;
use serde::Deserialize;
use serde_json::{Value, json};

use super::config::bank_ref;
use crate::auth::Session;
use crate::card_auth;
use crate::clock::{jalali, rfc3339};
use crate::error::{ApiError, ApiResult};
use crate::extract::{IdempotencyKey, JsonBody};
use crate::idempotency::{Outcome, run_once};
use crate::internal_transfer::{self, Move};
use crate::pin;
use crate::sca::{self, AccountPayment, AccountPinKind, Authorization};
use crate::soft_token;
use crate::state::AppState;

/// The operationId account transfers are recorded under.
const ACCOUNT_TRANSFER: &str = "account_transfer_create";
/// The longest description, in characters.
const MAX_DESCRIPTION: usize = 100;

/// The routes of this area.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/v1/holder-inquiries/account", post(account_holder_inquiry))
        .route("/v1/account-transfers", post(account_transfer_create))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HolderInquiry {
    account_number: Option<String>,
}

fn parse_number(text: Option<String>, field: &str) -> ApiResult<AccountNumber> {
    text.ok_or_else(|| ApiError::missing(field))?
        .parse::<AccountNumber>()
        .map_err(|e| ApiError::invalid(field, &e))
}

async fn account_holder_inquiry(
    State(state): State<AppState>,
    _session: Session,
    JsonBody(request): JsonBody<HolderInquiry>,
) -> ApiResult<Json<Value>> {
    let number = parse_number(request.account_number, "account_number")?;
    let lookup = number.clone();
    let holder = state
        .db
        .read(move |conn| internal_transfer::by_number(conn, &lookup))
        .await?
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::NOT_FOUND,
                "inquiry.account_not_found",
                "حسابی با این شماره در این بانک یافت نشد.",
                "No account of this bank has this number.",
            )
        })?;
    if !holder.active {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "inquiry.account_not_creditable",
            "امکان واریز به این حساب وجود ندارد.",
            "This account cannot receive transfers.",
        ));
    }
    Ok(Json(json!({
        "account_number": number.as_str(),
        "holder_name": holder.name_fa,
        "bank": bank_ref(state.bank),
    })))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct AccountTransferRequest {
    source_account_id: Option<String>,
    destination_account_number: Option<String>,
    amount_rials: Option<i64>,
    description: Option<String>,
    pin: Option<String>,
    pin_kind: Option<AccountPinKind>,
    token_card_id: Option<String>,
}

async fn account_transfer_create(
    State(state): State<AppState>,
    session: Session,
    IdempotencyKey(key): IdempotencyKey,
    JsonBody(body): JsonBody<AccountTransferRequest>,
) -> ApiResult<Outcome> {
    let source_account_id = body
        .source_account_id
        .ok_or_else(|| ApiError::missing("source_account_id"))?;
    let number = parse_number(
        body.destination_account_number,
        "destination_account_number",
    )?;
    let amount = card_auth::parse_amount(
        body.amount_rials
            .ok_or_else(|| ApiError::missing("amount_rials"))?,
        "amount_rials",
    )?;
    if body
        .description
        .as_ref()
        .is_some_and(|d| d.chars().count() > MAX_DESCRIPTION)
    {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "transfer.description_too_long",
            "شرح انتقال بیش از حد طولانی است.",
            "The description is too long.",
        )
        .with_field("description"));
    }
    if let Some(pin) = &body.pin {
        card_auth::parse_pin(pin, "pin")?;
    }
    let authorization = Authorization {
        pin: body.pin,
        pin_kind: body.pin_kind,
        token_card_id: body.token_card_id,
    };
    let description = body.description;
    let fingerprint = format!("{source_account_id}|{}|{amount}", number.as_str());
    let now = state.clock.now();
    let rules = std::sync::Arc::clone(&state.rules);
    let sealer = std::sync::Arc::clone(&state.sealer);
    let (customer_id, channel) = (session.customer_id, session.channel);
    state
        .db
        .tx(move |tx| {
            let accepted = Cell::new(None);
            let payee = format!("deposit:{}", number.as_str());
            let outcome = run_once(
                tx,
                &customer_id,
                &key,
                ACCOUNT_TRANSFER,
                &fingerprint,
                now,
                |tx| {
                    let source = internal_transfer::source(tx, &customer_id, &source_account_id)?;
                    let payment = AccountPayment {
                        customer_id: &customer_id,
                        key: &key,
                        account_id: &source.account_id,
                        amount,
                        payee: &payee,
                    };
                    sca::verify(
                        tx,
                        &rules,
                        &sealer,
                        &payment,
                        &authorization,
                        channel,
                        &accepted,
                        now,
                    )?;
                    let destination = internal_transfer::by_number(tx, &number)?;
                    let order = Move {
                        customer_id: &customer_id,
                        key: &key,
                        source: &source,
                        destination: destination.as_ref(),
                        amount,
                        kind: "account",
                        now,
                    };
                    let moved = internal_transfer::execute(tx, &rules, &order)?;
                    let holder = destination.as_ref().map_or("", |d| d.name_fa.as_str());
                    let mut receipt = json!({
                        "kind": "account_transfer",
                        "transfer_id": moved.transfer_id,
                        "idempotency_key": key,
                        "status": "succeeded",
                        "trace_number": moved.trace_number,
                        "reference_number": moved.reference_number,
                        "source_account_id": source.account_id,
                        "destination_account_number": number.as_str(),
                        "destination_holder_name": holder,
                        "amount_rials": amount,
                        "fee_rials": moved.fee,
                        "total_debited_rials": amount + moved.fee,
                        "created_at": rfc3339(now),
                        "created_at_jalali": jalali(now),
                        "source_balance_after_rials": moved.balance_after,
                        "channel": channel.as_str(),
                    });
                    if let Some(text) = &description {
                        receipt["description"] = text.as_str().into();
                    }
                    internal_transfer::record(
                        tx,
                        &order,
                        &moved,
                        number.as_str(),
                        "succeeded",
                        &receipt,
                    )?;
                    Ok((StatusCode::CREATED, receipt))
                },
            );
            soft_token::keep_used(tx, &outcome, &accepted)?;
            match outcome {
                Ok(outcome) => Ok(Ok(outcome)),
                Err(refusal) if pin::keeps_state(&refusal) => Ok(Err(refusal)),
                Err(error) => Err(error),
            }
        })
        .await?
}
