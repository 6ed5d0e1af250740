//! Sayad cheques: `cheque_book_list`, `cheque_received_list` and
//! `cheque_inquiry` (reads, after presenting whatever fell due), and the
//! operations that change a cheque's state, each exactly once per
//! idempotency key: `cheque_register` ([`register`]), `cheque_accept` and
//! `cheque_refuse` ([`answer`]), `cheque_transfer` ([`transfer`]).

mod answer;
mod register;
mod transfer;

use axum::extract::State;
use axum::routing::{get, post};
use axum::{Json, Router};
use rusqlite::params;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::auth::Session;
use crate::cheques::{self, COLUMNS, ChequeRow, present};
use crate::clock::{jalali, rfc3339};
use crate::error::ApiResult;
use crate::extract::JsonBody;
use crate::state::AppState;

/// The routes of this area.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/v1/cheque-books", get(cheque_book_list))
        .route("/v1/cheques", post(register::cheque_register))
        .route("/v1/cheques/received", get(cheque_received_list))
        .route("/v1/cheques/{sayad_id}/accept", post(answer::cheque_accept))
        .route("/v1/cheques/{sayad_id}/refuse", post(answer::cheque_refuse))
        .route(
            "/v1/cheques/{sayad_id}/transfer",
            post(transfer::cheque_transfer),
        )
        .route("/v1/cheque-inquiries", post(cheque_inquiry))
}

async fn cheque_book_list(
    State(state): State<AppState>,
    session: Session,
) -> ApiResult<Json<Value>> {
    let now = state.clock.now();
    let reply = state
        .db
        .tx(move |tx| {
            present::run_due(tx, now)?;
            let me = cheques::national_id_of(tx, &session.customer_id)?;
            let books: Vec<(String, String, String, i64)> = tx
                .prepare_cached(
                    "SELECT id, account_id, series, issued_at FROM cheque_books WHERE customer_id = ?1
                     ORDER BY issued_at DESC, id",
                )?
                .query_map(params![session.customer_id], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
                })?
                .collect::<Result<_, _>>()?;
            let mut items = Vec::with_capacity(books.len());
            for (book_id, account_id, series, issued_at) in books {
                let leaves: Vec<(String, String, String)> = tx
                    .prepare_cached(
                        "SELECT sayad_id, serial, state FROM cheque_leaves WHERE book_id = ?1 ORDER BY serial",
                    )?
                    .query_map(params![book_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                    .collect::<Result<_, _>>()?;
                let mut shown = Vec::with_capacity(leaves.len());
                for (sayad_id, serial, leaf_state) in leaves {
                    let mut leaf = json!({"sayad_id": sayad_id, "serial": serial, "state": leaf_state});
                    if let Some(cheque) = cheques::load(tx, &sayad_id)? {
                        leaf["cheque"] = cheque.to_json(tx, &me)?;
                    }
                    shown.push(leaf);
                }
                items.push(json!({
                    "book_id": book_id,
                    "account_id": account_id,
                    "series": series,
                    "issued_at": rfc3339(issued_at),
                    "issued_at_jalali": jalali(issued_at),
                    "leaves": shown,
                }));
            }
            Ok(json!({"items": items, "standing": cheques::standing(tx, &me)?}))
        })
        .await?;
    Ok(Json(reply))
}

async fn cheque_received_list(
    State(state): State<AppState>,
    session: Session,
) -> ApiResult<Json<Value>> {
    let now = state.clock.now();
    let reply = state
        .db
        .tx(move |tx| {
            present::run_due(tx, now)?;
            let me = cheques::national_id_of(tx, &session.customer_id)?;
            let pattern = format!("%,{me},%");
            let rows: Vec<ChequeRow> = tx
                .prepare_cached(&format!(
                    "SELECT {COLUMNS} FROM cheques
                     WHERE (',' || holders || ',') LIKE ?1 OR (',' || pending || ',') LIKE ?1
                     ORDER BY registered_at DESC, sayad_id"
                ))?
                .query_map(params![pattern], ChequeRow::from_row)?
                .collect::<Result<_, _>>()?;
            let items = rows
                .iter()
                .map(|c| c.to_json(tx, &me))
                .collect::<ApiResult<Vec<_>>>()?;
            Ok(json!({ "items": items }))
        })
        .await?;
    Ok(Json(reply))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ChequeInquiryRequest {
    sayad_id: String,
}

async fn cheque_inquiry(
    State(state): State<AppState>,
    session: Session,
    JsonBody(request): JsonBody<ChequeInquiryRequest>,
) -> ApiResult<Json<Value>> {
    let sayad_id = cheques::parse_sayad(&request.sayad_id, "sayad_id")?;
    let now = state.clock.now();
    let reply = state
        .db
        .tx(move |tx| {
            present::run_due(tx, now)?;
            let me = cheques::national_id_of(tx, &session.customer_id)?;
            let cheque = cheques::load(tx, sayad_id.as_str())?.ok_or_else(cheques::not_found)?;
            cheque.to_json(tx, &me)
        })
        .await?;
    Ok(Json(reply))
}
