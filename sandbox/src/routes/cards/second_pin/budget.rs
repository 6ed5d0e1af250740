//! The failure budget of a card's current second PIN in
//! `card_second_pin_change`: wrong ones counted per card and per customer for
//! the Tehran day (`second_pin.*`). The failure that reaches either limit
//! tells the owner by SMS; from then on every change of that card (or by that
//! customer) is refused with 423 `card.pin_locked` until the next Tehran day,
//! before any PIN is compared.

use axum::http::StatusCode;
use hamrah_core::digits::to_persian_digits;
use rusqlite::{Connection, Transaction};

use crate::card_auth::SourceCard;
use crate::config::CardCredentialRules;
use crate::error::{ApiError, ApiResult};
use crate::failures::{self, Kind};
use crate::usage::tehran_day;

/// Whether a refusal of the change carries state to commit (a counted
/// failure, the owner's SMS) although the operation is not recorded.
pub(super) fn keeps_state(error: &ApiError) -> bool {
    matches!(
        error.code.as_str(),
        "card.pin_incorrect" | "card.pin_locked"
    )
}

/// 423 `card.pin_locked` until `next_day`.
fn locked(now: i64, next_day: i64) -> ApiError {
    ApiError::new(
        StatusCode::LOCKED,
        "card.pin_locked",
        "به دلیل ورود نادرست پیاپی رمز دوم، تغییر رمز دوم این کارت تا پایان امروز ممکن نیست.",
        "Changing this card's second PIN is locked until tomorrow after repeated wrong second PINs.",
    )
    .retry_after(u64::try_from(next_day - now).unwrap_or(0))
}

/// 422 `card.pin_incorrect` with `left` tries today (correctable: not recorded).
fn incorrect(left: i64) -> ApiError {
    let tries = if left == 1 { "try" } else { "tries" };
    ApiError::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        "card.pin_incorrect",
        &format!(
            "رمز دوم فعلی کارت نادرست است؛ امروز {} بار دیگر می‌توانید تلاش کنید.",
            to_persian_digits(&left.to_string())
        ),
        &format!("The card's current second PIN is not correct; {left} more {tries} today."),
    )
}

/// Tries left today: the smaller of the card's and the customer's.
fn left(rules: &CardCredentialRules, (card, customer): (i64, i64)) -> i64 {
    (rules.failures_per_card_per_day - card).min(rules.failures_per_customer_per_day - customer)
}

/// Today's failures of the card and of the customer.
fn today(conn: &Connection, customer_id: &str, card_id: &str, since: i64) -> ApiResult<(i64, i64)> {
    Ok((
        failures::count_since(conn, Kind::SecondPinCard, card_id, since)?,
        failures::count_since(conn, Kind::SecondPinCustomer, customer_id, since)?,
    ))
}

/// 423 while the card or the customer has no try left today.
pub(super) fn refuse_while_locked(
    conn: &Connection,
    rules: &CardCredentialRules,
    customer_id: &str,
    card_id: &str,
    now: i64,
) -> ApiResult<()> {
    let (start, next_day) = tehran_day(now)?;
    if left(rules, today(conn, customer_id, card_id, start)?) <= 0 {
        return Err(locked(now, next_day));
    }
    Ok(())
}

/// Counts one wrong current PIN; the refusal to answer with:
/// `card.pin_incorrect` with the tries left, or the lock when this failure
/// reaches a limit (the owner is then told by SMS).
pub(super) fn record_failure(
    tx: &Transaction<'_>,
    rules: &CardCredentialRules,
    customer_id: &str,
    card: &SourceCard,
    now: i64,
) -> ApiResult<ApiError> {
    let (start, next_day) = tehran_day(now)?;
    let who = Some(customer_id);
    failures::record(tx, Kind::SecondPinCard, &card.id, who, now, start)?;
    failures::record(tx, Kind::SecondPinCustomer, customer_id, who, now, start)?;
    let left = left(rules, today(tx, customer_id, &card.id, start)?);
    if left > 0 {
        return Ok(incorrect(left));
    }
    card.tell_owner_locked(tx, "رمز دوم", "تغییر رمز دوم کارت", now)?;
    tracing::info!(card_id = %card.id, customer_id, "second PIN changes locked for the day");
    Ok(locked(now, next_day))
}
