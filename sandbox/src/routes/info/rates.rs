//! Exchange rates: the quote kept in the database (`exchange_rates`), served
//! with an `ETag` of its content; QA quotes new rates with
//! `admin_exchange_rates_set`.

use axum::Json;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use rusqlite::{Connection, params};
use serde::Deserialize;
use serde_json::{Value, json};

use super::conditional::{Versioned, answer, digest};
use crate::clock::{jalali, rfc3339};
use crate::error::{ApiError, ApiResult};
use crate::extract::JsonBody;
use crate::state::AppState;

/// A quote older than this is shown as out of date (the contract's
/// `stale_after_seconds`): the bank quotes at least every six hours.
const STALE_AFTER_SECONDS: i64 = 6 * 3600;

/// The contract's `ExchangeRates` as stored.
fn quote(conn: &Connection) -> ApiResult<Value> {
    let mut quoted_at = 0_i64;
    let items = conn
        .prepare_cached(
            "SELECT currency, name_fa, buy, sell, quoted_at FROM exchange_rates ORDER BY position",
        )?
        .query_map([], |r| {
            Ok((
                json!({
                    "currency": r.get::<_, String>(0)?,
                    "name_fa": r.get::<_, String>(1)?,
                    "buy_rials": r.get::<_, i64>(2)?,
                    "sell_rials": r.get::<_, i64>(3)?,
                }),
                r.get::<_, i64>(4)?,
            ))
        })?
        .map(|row| {
            row.map(|(item, at)| {
                quoted_at = quoted_at.max(at);
                item
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(json!({
        "quoted_at": rfc3339(quoted_at),
        "quoted_at_jalali": jalali(quoted_at),
        "stale_after_seconds": STALE_AFTER_SECONDS,
        "items": items,
    }))
}

pub(super) async fn exchange_rate_list(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let body = state.db.read(quote).await?;
    let reply = Versioned::of(&body, &digest(&body.to_string()));
    Ok(answer(&headers, &reply))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RatesSet {
    items: Vec<RateSet>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RateSet {
    currency: String,
    buy_rials: u64,
    sell_rials: u64,
}

fn positive(rials: u64, field: &str) -> ApiResult<i64> {
    i64::try_from(rials).ok().filter(|n| *n > 0).ok_or_else(|| {
        ApiError::malformed("A rate must be a positive number of rials.").with_field(field)
    })
}

/// `admin_exchange_rates_set`: new buy and sell rates, all quoted now.
pub(crate) async fn admin_exchange_rates_set(
    State(state): State<AppState>,
    JsonBody(request): JsonBody<RatesSet>,
) -> ApiResult<Json<Value>> {
    if request.items.is_empty() {
        return Err(ApiError::missing("items"));
    }
    let rates = request
        .items
        .into_iter()
        .map(|rate| {
            Ok((
                rate.currency,
                positive(rate.buy_rials, "items.buy_rials")?,
                positive(rate.sell_rials, "items.sell_rials")?,
            ))
        })
        .collect::<ApiResult<Vec<_>>>()?;
    let now = state.clock.now();
    let body = state
        .db
        .tx(move |tx| {
            for (currency, buy, sell) in &rates {
                let changed = tx
                    .prepare_cached(
                        "UPDATE exchange_rates SET buy = ?2, sell = ?3 WHERE currency = ?1",
                    )?
                    .execute(params![currency, buy, sell])?;
                if changed == 0 {
                    return Err(ApiError::new(
                        axum::http::StatusCode::BAD_REQUEST,
                        "request.field_invalid",
                        "این ارز در فهرست نرخ‌های بانک نیست.",
                        "The bank does not quote this currency.",
                    )
                    .with_field("items.currency"));
                }
            }
            tx.prepare_cached("UPDATE exchange_rates SET quoted_at = ?1")?
                .execute(params![now])?;
            quote(tx)
        })
        .await?;
    Ok(Json(body))
}
