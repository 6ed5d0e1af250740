//! Payment history: `transfer_list` (cursor pages, newest first) and
//! `transfer_get`, each rendering the receipt stored with the payment in its
//! current state (due PAYA/SATNA settlements run first): transfers of every
//! kind, bill payments, top-ups and loan payments.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use rusqlite::{OptionalExtension, params};
use serde_json::{Value, json};

use super::accounts::paging::{Page, PageQuery};
use crate::auth::Session;
use crate::error::{ApiError, ApiResult};
use crate::settlement;
use crate::state::AppState;

/// The routes of this area.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/v1/transfers", get(transfer_list))
        .route("/v1/transfers/{transfer_id}", get(transfer_get))
}

/// Payment kinds the contract's `TransferReceipt` covers: every kind the
/// `transfers` table holds.
const LISTED_KINDS: &str =
    "('card', 'paya', 'satna', 'internal', 'account', 'bill', 'topup', 'loan')";

fn transfer_not_found() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "transfer.not_found",
        "انتقال یافت نشد.",
        "No such transfer.",
    )
}

fn parse_receipt(text: &str) -> rusqlite::Result<Value> {
    serde_json::from_str(text).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
    })
}

async fn transfer_list(
    State(state): State<AppState>,
    session: Session,
    query: Result<Query<PageQuery>, QueryRejection>,
) -> ApiResult<Json<Value>> {
    let page = Page::from_query(query)?;
    let now = state.clock.now();
    let (items, next) = state
        .db
        .tx(move |tx| {
            settlement::run_due(tx, now)?;
            let rows = tx
                .prepare_cached(&format!(
                    "SELECT rowid, receipt FROM transfers
                     WHERE customer_id = ?1 AND kind IN {LISTED_KINDS} AND (?2 IS NULL OR rowid < ?2)
                     ORDER BY rowid DESC LIMIT ?3"
                ))?
                .query_map(
                    params![session.customer_id, page.before, page.fetch()],
                    |r| Ok((r.get::<_, i64>(0)?, parse_receipt(&r.get::<_, String>(1)?)?)),
                )?
                .collect::<Result<Vec<_>, _>>()?;
            Ok(page.finish(rows))
        })
        .await?;
    let mut body = json!({ "items": items });
    if let Some(next) = next {
        body["next_cursor"] = next.into();
    }
    Ok(Json(body))
}

async fn transfer_get(
    State(state): State<AppState>,
    session: Session,
    Path(transfer_id): Path<String>,
) -> ApiResult<Json<Value>> {
    let now = state.clock.now();
    let receipt = state
        .db
        .tx(move |tx| {
            settlement::run_due(tx, now)?;
            tx.prepare_cached(&format!(
                "SELECT receipt FROM transfers WHERE id = ?1 AND customer_id = ?2 AND kind IN {LISTED_KINDS}"
            ))?
            .query_row(params![transfer_id, session.customer_id], |r| {
                parse_receipt(&r.get::<_, String>(0)?)
            })
            .optional()?
            .ok_or_else(transfer_not_found)
        })
        .await?;
    Ok(Json(receipt))
}
