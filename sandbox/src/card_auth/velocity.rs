//! The velocity limit of card credentials: wrong CVV2 or expiry counted per
//! card and per customer for the Tehran day (`card_credentials.*`). Past
//! either limit, card payments from that card (or by that customer) are
//! refused with 423 `card.credentials_locked` until the next Tehran day or an
//! admin unlock, before anything else is checked, so no dynamic PIN is sent
//! and no guess is compared.

use axum::http::StatusCode;
use rusqlite::{Connection, Transaction};

use super::SourceCard;
use crate::config::CardCredentialRules;
use crate::error::{ApiError, ApiResult};
use crate::failures::{self, Kind};
use crate::usage::tehran_day;

/// 423 `card.credentials_locked` until `next_day`.
fn locked(now: i64, next_day: i64) -> ApiError {
    ApiError::new(
        StatusCode::LOCKED,
        "card.credentials_locked",
        "به دلیل ورود نادرست پیاپی CVV2 یا تاریخ انقضا، پرداخت با این کارت تا پایان امروز ممکن نیست.",
        "Card payments are locked until tomorrow after repeated wrong card details (CVV2 or expiry).",
    )
    .retry_after(u64::try_from(next_day - now).unwrap_or(0))
}

/// Today's failures of the card and of the customer.
fn today(conn: &Connection, customer_id: &str, card_id: &str, since: i64) -> ApiResult<(i64, i64)> {
    Ok((
        failures::count_since(conn, Kind::CardCredentials, card_id, since)?,
        failures::count_since(conn, Kind::CardCustomer, customer_id, since)?,
    ))
}

fn over(rules: &CardCredentialRules, (card, customer): (i64, i64)) -> bool {
    card >= rules.failures_per_card_per_day || customer >= rules.failures_per_customer_per_day
}

/// 423 while the card or the customer is past today's limit.
pub fn refuse_while_locked(
    conn: &Connection,
    rules: &CardCredentialRules,
    customer_id: &str,
    card_id: &str,
    now: i64,
) -> ApiResult<()> {
    let (start, next_day) = tehran_day(now)?;
    if over(rules, today(conn, customer_id, card_id, start)?) {
        return Err(locked(now, next_day));
    }
    Ok(())
}

/// Counts one wrong CVV2 or expiry; the refusal to answer with:
/// `card.credentials_invalid`, or the lock when this failure reaches a limit
/// (a card of this bank then tells its owner by SMS).
pub fn record_failure(
    tx: &Transaction<'_>,
    rules: &CardCredentialRules,
    customer_id: &str,
    card: &SourceCard,
    now: i64,
) -> ApiResult<ApiError> {
    let (start, next_day) = tehran_day(now)?;
    let who = Some(customer_id);
    failures::record(tx, Kind::CardCredentials, &card.id, who, now, start)?;
    failures::record(tx, Kind::CardCustomer, customer_id, who, now, start)?;
    let counts = today(tx, customer_id, &card.id, start)?;
    if !over(rules, counts) {
        return Ok(super::credentials_invalid());
    }
    if counts.0 == rules.failures_per_card_per_day && card.account_id.is_some() {
        card.tell_owner_locked(tx, "CVV2 یا تاریخ انقضا", "پرداخت با کارت", now)?;
    }
    tracing::info!(card_id = %card.id, customer_id, "card credentials locked for the day");
    Ok(locked(now, next_day))
}
