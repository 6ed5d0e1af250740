//! `cheque_accept` (تأیید) and `cheque_refuse` (رد): a payee or transferee
//! answers a cheque offered to her, exactly once per idempotency key. No
//! second factor: she takes a claim and commits nothing.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use rusqlite::Transaction;
use serde::Deserialize;
use serde_json::Value;

use crate::auth::Session;
use crate::cheques::{self, grouped, present, refuse};
use crate::error::ApiResult;
use crate::extract::{IdempotencyKey, JsonBody};
use crate::idempotency::{Outcome, run_once};
use crate::state::AppState;

/// The contract's `ChequeAnswerRequest`: nothing beyond the path.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ChequeAnswerRequest {}

pub(crate) async fn cheque_accept(
    state: State<AppState>,
    session: Session,
    path: Path<String>,
    key: IdempotencyKey,
    body: JsonBody<ChequeAnswerRequest>,
) -> ApiResult<Outcome> {
    answer(state, session, path, key, body, true).await
}

pub(crate) async fn cheque_refuse(
    state: State<AppState>,
    session: Session,
    path: Path<String>,
    key: IdempotencyKey,
    body: JsonBody<ChequeAnswerRequest>,
) -> ApiResult<Outcome> {
    answer(state, session, path, key, body, false).await
}

async fn answer(
    State(state): State<AppState>,
    session: Session,
    Path(sayad_id): Path<String>,
    IdempotencyKey(key): IdempotencyKey,
    JsonBody(_): JsonBody<ChequeAnswerRequest>,
    accept: bool,
) -> ApiResult<Outcome> {
    let sayad_id = cheques::parse_sayad(&sayad_id, "sayad_id")?;
    let now = state.clock.now();
    let operation = if accept {
        "cheque_accept"
    } else {
        "cheque_refuse"
    };
    state
        .db
        .tx(move |tx| {
            present::run_due(tx, now)?;
            run_once(
                tx,
                &session.customer_id,
                &key,
                operation,
                sayad_id.as_str(),
                now,
                |tx| apply(tx, &session.customer_id, sayad_id.as_str(), accept, now),
            )
        })
        .await
}

fn apply(
    tx: &Transaction<'_>,
    customer_id: &str,
    sayad_id: &str,
    accept: bool,
    now: i64,
) -> ApiResult<(StatusCode, Value)> {
    let me = cheques::national_id_of(tx, customer_id)?;
    let mut cheque = cheques::load(tx, sayad_id)?.ok_or_else(cheques::not_found)?;
    if cheque.status != "pending_acceptance" {
        return Err(cheques::state_invalid());
    }
    if !cheque.pending.contains(&me) {
        return Err(refuse(
            "cheque.not_addressed",
            "این چک در انتظار تأیید شما نیست.",
            "This cheque is not waiting for your answer.",
        ));
    }
    let transfer = !cheque.offered.is_empty();
    let amount = grouped(cheque.amount);
    if accept {
        cheque.pending.retain(|n| n != &me);
        if cheque.pending.is_empty() {
            if transfer {
                cheque.holders = std::mem::take(&mut cheque.offered);
            }
            cheque.status = "accepted".into();
        }
    } else {
        cheque.pending.clear();
        let offered_by = if transfer {
            cheque.offered.clear();
            cheque.status = "accepted".into();
            cheque.holders.clone()
        } else {
            cheque.status = "refused".into();
            vec![cheque.issuer_national_id.clone()]
        };
        for who in &offered_by {
            cheques::notify(
                tx,
                who,
                &format!("چک صیادی به مبلغ {amount} ریال را گیرنده رد کرد."),
                now,
            )?;
        }
    }
    cheque.save_state(tx)?;
    let action = if accept { "accept" } else { "refuse" };
    Ok((StatusCode::OK, cheque.receipt(action, now)?))
}
