//! Failed checks counted over time, for the throttles on guessing: identity
//! mismatches at activation (per national ID and per client address) and
//! wrong card credentials and wrong second PINs (per card and per customer). Each failure is a row
//! with its time; a throttle counts the rows of its subject in its window.

use rusqlite::{Connection, Transaction, params};

use crate::error::ApiResult;

/// What a failure is counted against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Activation identity mismatches of a national ID.
    ActivationIdentity,
    /// Activation identity mismatches from a client address.
    ActivationAddress,
    /// Wrong CVV2 or expiry of a card.
    CardCredentials,
    /// Wrong CVV2 or expiry given by a customer, any card.
    CardCustomer,
    /// Wrong current second PIN of a card, when changing it.
    SecondPinCard,
    /// Wrong current second PIN given by a customer, any card.
    SecondPinCustomer,
}

impl Kind {
    fn as_str(self) -> &'static str {
        match self {
            Self::ActivationIdentity => "activation_identity",
            Self::ActivationAddress => "activation_address",
            Self::CardCredentials => "card_credentials",
            Self::CardCustomer => "card_customer",
            Self::SecondPinCard => "second_pin_card",
            Self::SecondPinCustomer => "second_pin_customer",
        }
    }
}

/// Records one failure of `subject` at `now` (by `customer_id`, when known),
/// forgetting the subject's failures from before `forget_before`.
pub fn record(
    tx: &Transaction<'_>,
    kind: Kind,
    subject: &str,
    customer_id: Option<&str>,
    now: i64,
    forget_before: i64,
) -> ApiResult<()> {
    tx.prepare_cached("DELETE FROM failures WHERE kind = ?1 AND subject = ?2 AND at < ?3")?
        .execute(params![kind.as_str(), subject, forget_before])?;
    tx.prepare_cached(
        "INSERT INTO failures (kind, subject, customer_id, at) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![kind.as_str(), subject, customer_id, now])?;
    Ok(())
}

/// The subject's failures at or after `since`.
pub fn count_since(conn: &Connection, kind: Kind, subject: &str, since: i64) -> ApiResult<i64> {
    Ok(conn
        .prepare_cached(
            "SELECT COUNT(*) FROM failures WHERE kind = ?1 AND subject = ?2 AND at >= ?3",
        )?
        .query_row(params![kind.as_str(), subject, since], |r| r.get(0))?)
}

/// A sliding window: `Some(seconds)` until fewer than `limit` of the
/// subject's failures are younger than `window` seconds, `None` when fewer already.
pub fn wait_in_window(
    conn: &Connection,
    kind: Kind,
    subject: &str,
    limit: i64,
    window: i64,
    now: i64,
) -> ApiResult<Option<u64>> {
    let since = now - window + 1;
    let count = count_since(conn, kind, subject, since)?;
    if count < limit {
        return Ok(None);
    }
    // The failure whose ageing out brings the count below the limit.
    let pivot: i64 = conn
        .prepare_cached(
            "SELECT at FROM failures WHERE kind = ?1 AND subject = ?2 AND at >= ?3
             ORDER BY at LIMIT 1 OFFSET ?4",
        )?
        .query_row(params![kind.as_str(), subject, since, count - limit], |r| {
            r.get(0)
        })?;
    Ok(Some(
        u64::try_from(pivot + window - now).unwrap_or(0).max(1),
    ))
}

/// Forgets the failures a customer caused, and those of her national ID
/// (an admin unlock).
pub fn clear_customer(tx: &Transaction<'_>, customer_id: &str, national_id: &str) -> ApiResult<()> {
    tx.prepare_cached("DELETE FROM failures WHERE customer_id = ?1")?
        .execute(params![customer_id])?;
    tx.prepare_cached("DELETE FROM failures WHERE kind = ?1 AND subject = ?2")?
        .execute(params![Kind::ActivationIdentity.as_str(), national_id])?;
    Ok(())
}
