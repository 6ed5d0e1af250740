//! Cards: `card_list` (own cards, full PAN to their owner), `card_limits_get`
//! (card-to-card limits with today's and this month's usage), `card_block`
//! and `card_second_pin_change`.

pub(super) mod block;
mod second_pin;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use hamrah_core::calendar::JalaliDate;
use rusqlite::{Connection, OptionalExtension, params};
use serde_json::{Value, json};

use super::config::bank_ref;
use crate::auth::Session;
use crate::clock::rfc3339;
use crate::error::{ApiError, ApiResult};
use crate::settlement::business_days::{start_of_day, tehran_date};
use crate::state::AppState;
use crate::usage;

/// The routes of this area.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/v1/cards", get(card_list))
        .route("/v1/cards/{card_id}/limits", get(card_limits_get))
        .route("/v1/cards/{card_id}/block", post(block::card_block))
        .route(
            "/v1/cards/{card_id}/second-pin",
            post(second_pin::card_second_pin_change),
        )
}

/// 404 `card.not_found`: no such card, or another customer's.
pub fn card_not_found() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "card.not_found",
        "کارت یافت نشد.",
        "No such card.",
    )
}

/// Whether a card's printed expiry (`YYMM`, Jalali) has passed at `now`.
fn expired(expiry: &str, now: i64) -> bool {
    let (Some(yy), Some(mm)) = (
        expiry.get(..2).and_then(|s| s.parse::<i32>().ok()),
        expiry.get(2..4).and_then(|s| s.parse::<u8>().ok()),
    ) else {
        return false;
    };
    let Some(today) = tehran_date(now)
        .ok()
        .and_then(|d| JalaliDate::from_gregorian(d).ok())
    else {
        return false;
    };
    // A card is valid to the end of its month; `YY` is the Jalali year within the 1400s.
    (1400 + yy, mm) < (today.year(), today.month())
}

fn card_json(r: &rusqlite::Row<'_>, now: i64) -> rusqlite::Result<Value> {
    let pan: String = r.get(1)?;
    let bank_id: String = r.get(4)?;
    let status: String = r.get(6)?;
    let expiry: String = r.get(7)?;
    let state = if status == "blocked" {
        "blocked"
    } else if expired(&expiry, now) {
        "expired"
    } else {
        "active"
    };
    let masked = pan
        .parse::<hamrah_core::ids::CardNumber>()
        .map(|p| p.masked())
        .unwrap_or_default();
    let bank = hamrah_core::banks::by_id(&bank_id).map_or(Value::Null, bank_ref);
    Ok(json!({
        "card_id": r.get::<_, String>(0)?,
        "pan": pan,
        "pan_masked": masked,
        "holder_name_fa": r.get::<_, String>(2)?,
        "holder_name_en": r.get::<_, String>(3)?,
        "bank": bank,
        "account_id": r.get::<_, Option<String>>(5)?.unwrap_or_default(),
        "state": state,
        "soft_token": soft_token_json(r)?,
    }))
}

/// The contract's `SoftTokenState` from the joined `soft_tokens` columns.
fn soft_token_json(r: &rusqlite::Row<'_>) -> rusqlite::Result<Value> {
    Ok(match r.get::<_, Option<String>>(8)? {
        Some(state) => json!({
            "state": state,
            "token_id": r.get::<_, String>(9)?,
            "device_id": r.get::<_, String>(10)?,
        }),
        None => json!({"state": "none"}),
    })
}

async fn card_list(State(state): State<AppState>, session: Session) -> ApiResult<Json<Value>> {
    let now = state.clock.now();
    let items = state
        .db
        .read(move |conn| {
            Ok(conn
                .prepare_cached(
                    "SELECT k.id, k.pan, k.holder_name_fa, k.holder_name_en, k.bank_id, k.account_id, k.status, k.expiry,
                            t.state, t.token_id, t.device_id
                     FROM cards k LEFT JOIN soft_tokens t ON t.card_id = k.id
                     WHERE k.customer_id = ?1 ORDER BY k.id",
                )?
                .query_map(params![session.customer_id], |r| card_json(r, now))?
                .collect::<Result<Vec<_>, _>>()?)
        })
        .await?;
    Ok(Json(json!({ "items": items })))
}

/// Whether the customer owns the card.
fn owns(conn: &Connection, customer_id: &str, card_id: &str) -> ApiResult<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM cards WHERE id = ?1 AND customer_id = ?2")?
        .query_row(params![card_id, customer_id], |_| Ok(()))
        .optional()?
        .is_some())
}

async fn card_limits_get(
    State(state): State<AppState>,
    session: Session,
    Path(card_id): Path<String>,
) -> ApiResult<Json<Value>> {
    let now = state.clock.now();
    let id = card_id.clone();
    let (daily_used, monthly_used) = state
        .db
        .read(move |conn| {
            if !owns(conn, &session.customer_id, &id)? {
                return Err(card_not_found());
            }
            usage::used(conn, &id, now)
        })
        .await?;
    let limits = &state.rules.limits.card_to_card;
    let (day_resets_at, month_resets_at) = resets(now)?;
    Ok(Json(json!({
        "card_id": card_id,
        "per_transfer_min_rials": limits.per_transfer_min_rials,
        "per_transfer_max_rials": limits.per_transfer_max_rials,
        "daily_limit_rials": limits.daily_per_card_rials,
        "daily_used_rials": daily_used,
        "daily_remaining_rials": (limits.daily_per_card_rials - daily_used).max(0),
        "monthly_limit_rials": limits.monthly_per_card_rials,
        "monthly_used_rials": monthly_used,
        "monthly_remaining_rials": (limits.monthly_per_card_rials - monthly_used).max(0),
        "day_resets_at": rfc3339(day_resets_at),
        "month_resets_at": rfc3339(month_resets_at),
    })))
}

/// The next Tehran midnight and the start of the next Jalali month.
fn resets(now: i64) -> ApiResult<(i64, i64)> {
    let today = tehran_date(now)?;
    let tomorrow = today.tomorrow().map_err(|_| ApiError::internal())?;
    let jalali = JalaliDate::from_gregorian(today).map_err(|_| ApiError::internal())?;
    let (year, month) = if jalali.month() == 12 {
        (jalali.year() + 1, 1)
    } else {
        (jalali.year(), jalali.month() + 1)
    };
    let next_month = JalaliDate::new(year, month, 1).map_err(|_| ApiError::internal())?;
    Ok((
        start_of_day(tomorrow)?,
        start_of_day(next_month.to_gregorian())?,
    ))
}
