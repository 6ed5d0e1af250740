//! `cheque_transfer` (انتقال چک): a holder offers the cheque to another
//! national ID, with a second factor bound to its amount and
//! `cheque:{sayad_id}:{to_national_id}`; the new holder confirms or refuses
//! it ([`super::answer`]). Exactly once per idempotency key.

use std::cell::Cell;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use hamrah_core::ids::NationalId;
use rusqlite::{OptionalExtension, Transaction, params};
use serde::Deserialize;
use serde_json::Value;

use crate::auth::Session;
use crate::card_auth;
use crate::cheques::{self, grouped, present, refuse};
use crate::error::{ApiError, ApiResult};
use crate::extract::{IdempotencyKey, JsonBody};
use crate::idempotency::{Outcome, run_once};
use crate::pin;
use crate::routes::accounts::account_not_found;
use crate::sca::{self, AccountPayment, AccountPinKind, Authorization};
use crate::soft_token;
use crate::state::AppState;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ChequeTransferRequest {
    to_national_id: Option<String>,
    amount_rials: Option<i64>,
    account_id: Option<String>,
    pin: Option<String>,
    pin_kind: Option<AccountPinKind>,
    token_card_id: Option<String>,
}

/// A checked transfer.
struct Order {
    sayad_id: String,
    to: String,
    amount: i64,
    account_id: String,
    authorization: Authorization,
}

pub(crate) async fn cheque_transfer(
    State(state): State<AppState>,
    session: Session,
    Path(sayad_id): Path<String>,
    IdempotencyKey(key): IdempotencyKey,
    JsonBody(request): JsonBody<ChequeTransferRequest>,
) -> ApiResult<Outcome> {
    let sayad_id = cheques::parse_sayad(&sayad_id, "sayad_id")?;
    let to = request
        .to_national_id
        .ok_or_else(|| ApiError::missing("to_national_id"))?
        .parse::<NationalId>()
        .map_err(|e| ApiError::invalid("to_national_id", &e))?;
    let amount = card_auth::parse_amount(
        request
            .amount_rials
            .ok_or_else(|| ApiError::missing("amount_rials"))?,
        "amount_rials",
    )?;
    if let Some(pin) = &request.pin {
        card_auth::parse_pin(pin, "pin")?;
    }
    let order = Order {
        sayad_id: sayad_id.as_str().to_owned(),
        to: to.as_str().to_owned(),
        amount,
        account_id: request
            .account_id
            .ok_or_else(|| ApiError::missing("account_id"))?,
        authorization: Authorization {
            pin: request.pin,
            pin_kind: request.pin_kind,
            token_card_id: request.token_card_id,
        },
    };
    let fingerprint = format!("{}|{}", order.sayad_id, order.to);
    let now = state.clock.now();
    let rules = std::sync::Arc::clone(&state.rules);
    let sealer = std::sync::Arc::clone(&state.sealer);
    state
        .db
        .tx(move |tx| {
            present::run_due(tx, now)?;
            let accepted = Cell::new(None);
            let outcome = run_once(
                tx,
                &session.customer_id,
                &key,
                "cheque_transfer",
                &fingerprint,
                now,
                |tx| {
                    check(tx, &session.customer_id, &order)?;
                    let payee = format!("cheque:{}:{}", order.sayad_id, order.to);
                    let payment = AccountPayment {
                        customer_id: &session.customer_id,
                        key: &key,
                        account_id: &order.account_id,
                        amount: order.amount,
                        payee: &payee,
                    };
                    sca::verify(
                        tx,
                        &rules,
                        &sealer,
                        &payment,
                        &order.authorization,
                        session.channel,
                        &accepted,
                        now,
                    )?;
                    offer(tx, &order, now)
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

/// The holder's account is hers and active; she holds the cheque, as confirmed.
fn check(tx: &Transaction<'_>, customer_id: &str, order: &Order) -> ApiResult<()> {
    let account: Option<String> = tx
        .prepare_cached(
            "SELECT state FROM accounts WHERE id = ?1 AND customer_id = ?2 AND kind = 'deposit'",
        )?
        .query_row(params![order.account_id, customer_id], |r| r.get(0))
        .optional()?;
    match account.as_deref() {
        None => return Err(account_not_found()),
        Some("active") => {}
        Some(_) => {
            return Err(refuse(
                "account.inactive",
                "حساب فعال نیست.",
                "The account is blocked or closed.",
            ));
        }
    }
    let me = cheques::national_id_of(tx, customer_id)?;
    let cheque = cheques::load(tx, &order.sayad_id)?.ok_or_else(cheques::not_found)?;
    if !cheque.holders.contains(&me) || cheque.pending.contains(&me) {
        return Err(refuse(
            "cheque.not_holder",
            "این چک در اختیار شما نیست.",
            "You do not hold this cheque.",
        ));
    }
    if cheque.status != "accepted" || !cheque.offered.is_empty() {
        return Err(cheques::state_invalid());
    }
    if cheque.amount != order.amount {
        return Err(refuse(
            "cheque.amount_mismatch",
            "مبلغ با مبلغ چک یکی نیست.",
            "The amount differs from the cheque's.",
        ));
    }
    if order.to == me || cheque.holders.contains(&order.to) {
        return Err(cheques::payee_self());
    }
    Ok(())
}

fn offer(tx: &Transaction<'_>, order: &Order, now: i64) -> ApiResult<(StatusCode, Value)> {
    let mut cheque = cheques::load(tx, &order.sayad_id)?.ok_or_else(cheques::not_found)?;
    cheque.offered = vec![order.to.clone()];
    cheque.pending = vec![order.to.clone()];
    cheque.status = "pending_acceptance".into();
    cheque.save_state(tx)?;
    cheques::notify(
        tx,
        &order.to,
        &format!(
            "چک صیادی به مبلغ {} ریال به شما منتقل شد؛ برای تأیید یا رد آن به همراه بانک بروید.",
            grouped(cheque.amount)
        ),
        now,
    )?;
    Ok((StatusCode::OK, cheque.receipt("transfer", now)?))
}
