//! The inbox: every notice the bank sends a customer by SMS is also kept as
//! an inbox item, served by `notice_list` and marked read by
//! `notice_mark_read`. One-time codes never are (they go through
//! [`crate::sms::send_code`], which does not come here).
//!
//! Read state is one mark per customer: a notice is read when its id is at
//! most the mark, so every device of the customer sees the same.

use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde_json::{Value, json};

use crate::clock::{jalali, rfc3339};
use crate::error::ApiResult;
use crate::sms::{Sms, SmsKind};

/// Keeps the notice `sms` (the outbox row `sms_id`) in the inbox of every
/// customer with its mobile number, in the transaction that sent it.
pub fn record(
    tx: &Transaction<'_>,
    sms_id: i64,
    sms: &Sms<'_>,
    amount: Option<i64>,
    now: i64,
) -> ApiResult<()> {
    if matches!(sms.kind, SmsKind::Otp) {
        return Ok(());
    }
    tx.prepare_cached(
        "INSERT INTO notices (customer_id, sms_id, kind, text, amount, created_at)
         SELECT id, ?2, ?3, ?4, ?5, ?6 FROM customers WHERE mobile = ?1",
    )?
    .execute(params![
        sms.mobile,
        sms_id,
        sms.kind.as_str(),
        sms.text,
        amount,
        now
    ])?;
    Ok(())
}

/// The customer's read mark (0 before anything was read).
pub fn read_up_to(conn: &Connection, customer_id: &str) -> ApiResult<i64> {
    Ok(conn
        .prepare_cached("SELECT read_up_to FROM notice_reads WHERE customer_id = ?1")?
        .query_row(params![customer_id], |r| r.get(0))
        .optional()?
        .unwrap_or(0))
}

/// How many of the customer's notices lie past the read mark `mark`.
pub fn unread_count(conn: &Connection, customer_id: &str, mark: i64) -> ApiResult<i64> {
    Ok(conn
        .prepare_cached("SELECT COUNT(*) FROM notices WHERE customer_id = ?1 AND id > ?2")?
        .query_row(params![customer_id, mark], |r| r.get(0))?)
}

/// Up to `limit` notices after the id `after`, oldest first, as the contract's
/// `Notice`; and whether more follow.
pub fn page(
    conn: &Connection,
    customer_id: &str,
    after: i64,
    limit: i64,
    mark: i64,
) -> ApiResult<(Vec<Value>, bool)> {
    let mut items = conn
        .prepare_cached(
            "SELECT id, kind, text, amount, created_at FROM notices
             WHERE customer_id = ?1 AND id > ?2 ORDER BY id LIMIT ?3",
        )?
        .query_map(params![customer_id, after, limit + 1], |r| {
            let id: i64 = r.get(0)?;
            let created_at: i64 = r.get(4)?;
            let mut item = json!({
                "notice_id": id,
                "kind": r.get::<_, String>(1)?,
                "text_fa": r.get::<_, String>(2)?,
                "created_at": rfc3339(created_at),
                "created_at_jalali": jalali(created_at),
                "read": id <= mark,
            });
            if let Some(amount) = r.get::<_, Option<i64>>(3)? {
                item["amount_rials"] = amount.into();
            }
            Ok(item)
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let more = items.len() as i64 > limit;
    items.truncate(usize::try_from(limit).unwrap_or(0));
    Ok((items, more))
}

/// Moves the read mark to `up_to`, never back and never past the customer's
/// newest notice; the new mark.
pub fn mark_read(tx: &Transaction<'_>, customer_id: &str, up_to: i64) -> ApiResult<i64> {
    let newest: i64 = tx
        .prepare_cached("SELECT COALESCE(MAX(id), 0) FROM notices WHERE customer_id = ?1")?
        .query_row(params![customer_id], |r| r.get(0))?;
    let current = read_up_to(tx, customer_id)?;
    let mark = current.max(up_to.min(newest));
    if mark != current {
        tx.prepare_cached(
            "INSERT INTO notice_reads (customer_id, read_up_to) VALUES (?1, ?2)
             ON CONFLICT (customer_id) DO UPDATE SET read_up_to = excluded.read_up_to",
        )?
        .execute(params![customer_id, mark])?;
    }
    Ok(mark)
}
