//! Accounts: `account_list`, `account_get` (balances from the ledger) and
//! `account_statement_list` (the account's postings, newest first, in cursor pages).

pub mod paging;
mod statement;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use rusqlite::{Connection, OptionalExtension, params};
use serde_json::{Value, json};

use crate::auth::Session;
use crate::clock::{jalali, rfc3339};
use crate::error::{ApiError, ApiResult};
use crate::settlement;
use crate::state::AppState;
use paging::{Page, PageQuery};

/// The routes of this area.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/v1/accounts", get(account_list))
        .route("/v1/accounts/{account_id}", get(account_get))
        .route(
            "/v1/accounts/{account_id}/statement",
            get(account_statement_list),
        )
}

/// 404 `account.not_found`: no such account, or another customer's.
pub fn account_not_found() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "account.not_found",
        "حساب یافت نشد.",
        "No such account.",
    )
}

const ACCOUNT_COLUMNS: &str =
    "SELECT a.id, a.number, a.sheba, a.title_fa, a.product, a.state, a.balance, a.opened_at,
        (SELECT MAX(p.created_at) FROM postings p WHERE p.account_id = a.id)
     FROM accounts a WHERE a.kind = 'deposit' AND a.customer_id = ?1";

fn account_json(r: &rusqlite::Row<'_>) -> rusqlite::Result<Value> {
    let product: Option<String> = r.get(4)?;
    let kind = match product.as_deref() {
        Some(p @ ("current" | "savings" | "short_term_deposit" | "long_term_deposit")) => {
            p.to_owned()
        }
        _ => "current".to_owned(),
    };
    let balance: i64 = r.get(6)?;
    let opened_at: i64 = r.get(7)?;
    let updated_at = r.get::<_, Option<i64>>(8)?.unwrap_or(opened_at);
    let rate = super::info::interest_rate_percent(&kind);
    let mut account = json!({
        "account_id": r.get::<_, String>(0)?,
        "number": r.get::<_, Option<String>>(1)?.unwrap_or_default(),
        "sheba": r.get::<_, Option<String>>(2)?.unwrap_or_default(),
        "title_fa": r.get::<_, String>(3)?,
        "type": kind,
        "state": r.get::<_, String>(5)?,
        "balance_rials": balance,
        "available_balance_rials": balance.max(0),
        "updated_at": rfc3339(updated_at),
        "updated_at_jalali": jalali(updated_at),
    });
    if let Some(rate) = rate {
        account["interest_rate_percent"] = rate.into();
    }
    Ok(account)
}

/// The customer's account `account_id`, or 404.
fn own_account(conn: &Connection, customer_id: &str, account_id: &str) -> ApiResult<Value> {
    conn.prepare_cached(&format!("{ACCOUNT_COLUMNS} AND a.id = ?2"))?
        .query_row(params![customer_id, account_id], account_json)
        .optional()?
        .ok_or_else(account_not_found)
}

async fn account_list(State(state): State<AppState>, session: Session) -> ApiResult<Json<Value>> {
    let now = state.clock.now();
    let items = state
        .db
        .tx(move |tx| {
            settlement::run_due(tx, now)?;
            let items = tx
                .prepare_cached(&format!("{ACCOUNT_COLUMNS} ORDER BY a.id"))?
                .query_map(params![session.customer_id], account_json)?
                .collect::<Result<Vec<_>, _>>()?;
            Ok(items)
        })
        .await?;
    Ok(Json(json!({ "items": items })))
}

pub(crate) async fn account_get(
    State(state): State<AppState>,
    session: Session,
    Path(account_id): Path<String>,
) -> ApiResult<Json<Value>> {
    let now = state.clock.now();
    let account = state
        .db
        .tx(move |tx| {
            settlement::run_due(tx, now)?;
            own_account(tx, &session.customer_id, &account_id)
        })
        .await?;
    Ok(Json(account))
}

pub(crate) async fn account_statement_list(
    State(state): State<AppState>,
    session: Session,
    Path(account_id): Path<String>,
    query: Result<Query<PageQuery>, QueryRejection>,
) -> ApiResult<Json<Value>> {
    let page = Page::from_query(query)?;
    let now = state.clock.now();
    let id = account_id.clone();
    let (items, next) = state
        .db
        .tx(move |tx| {
            settlement::run_due(tx, now)?;
            own_account(tx, &session.customer_id, &id)?;
            let rows = statement::entries(tx, &id, &session.customer_id, page)?;
            Ok(page.finish(rows))
        })
        .await?;
    let mut body = json!({ "account_id": account_id, "items": items });
    if let Some(next) = next {
        body["next_cursor"] = next.into();
    }
    Ok(Json(body))
}
