//! A card's transfers per Tehran day and Jalali month, for its limits.

use hamrah_core::calendar::{JalaliDate, tehran};
use rusqlite::{Connection, OptionalExtension, params};

use crate::error::{ApiError, ApiResult};

/// The usage periods of a moment: `d:1404/01/05` (Tehran day) and `m:1404/01` (Jalali month).
pub fn periods(now: i64) -> ApiResult<(String, String)> {
    let date = jiff::Timestamp::from_second(now)
        .map_err(|_| ApiError::internal())?
        .to_zoned(tehran())
        .date();
    let jalali = JalaliDate::from_gregorian(date).map_err(|_| ApiError::internal())?;
    Ok((
        format!("d:{jalali}"),
        format!("m:{}/{:02}", jalali.year(), jalali.month()),
    ))
}

/// The Tehran day of a moment: its first second and the next day's, Unix seconds.
pub fn tehran_day(now: i64) -> ApiResult<(i64, i64)> {
    let here = jiff::Timestamp::from_second(now)
        .map_err(|_| ApiError::internal())?
        .to_zoned(tehran());
    let start = here.start_of_day().map_err(|_| ApiError::internal())?;
    let next = here
        .tomorrow()
        .and_then(|day| day.start_of_day())
        .map_err(|_| ApiError::internal())?;
    Ok((start.timestamp().as_second(), next.timestamp().as_second()))
}

/// Rials a card has moved today and this month.
pub fn used(conn: &Connection, card_id: &str, now: i64) -> ApiResult<(i64, i64)> {
    let (day, month) = periods(now)?;
    let mut statement =
        conn.prepare_cached("SELECT used FROM card_usage WHERE card_id = ?1 AND period = ?2")?;
    let mut read = |period: &str| -> ApiResult<i64> {
        Ok(statement
            .query_row(params![card_id, period], |r| r.get(0))
            .optional()?
            .unwrap_or(0))
    };
    Ok((read(&day)?, read(&month)?))
}

/// Adds a transfer's amount to the card's day and month (negative to undo a reversal).
pub fn add(conn: &Connection, card_id: &str, now: i64, amount: i64) -> ApiResult<()> {
    let (day, month) = periods(now)?;
    let mut statement = conn.prepare_cached(
        "INSERT INTO card_usage (card_id, period, used) VALUES (?1, ?2, ?3)
         ON CONFLICT (card_id, period) DO UPDATE SET used = used + excluded.used",
    )?;
    statement.execute(params![card_id, day, amount])?;
    statement.execute(params![card_id, month, amount])?;
    Ok(())
}
