//! Statement entries: an account's postings as the contract's `StatementEntry`.

use hamrah_core::ids::{CardNumber, Sheba};
use rusqlite::{Connection, params};
use serde_json::{Value, json};

use super::paging::Page;
use crate::clock::{jalali, rfc3339};
use crate::error::ApiResult;

/// One page of the account's entries (`page.fetch()` rows), newest first, with their posting ids.
pub fn entries(
    conn: &Connection,
    account_id: &str,
    customer_id: &str,
    page: Page,
) -> ApiResult<Vec<(i64, Value)>> {
    let rows = conn
        .prepare_cached(
            "SELECT p.id, p.amount, p.balance_after, p.description_fa, p.counterparty, p.created_at,
                    j.kind, t.id, t.customer_id, t.trace_number, t.reference_number
             FROM postings p
             JOIN journal j ON j.id = p.journal_id
             LEFT JOIN transfers t ON t.id = j.transfer_id
             WHERE p.account_id = ?1 AND p.amount != 0 AND (?2 IS NULL OR p.id < ?2)
             ORDER BY p.id DESC LIMIT ?3",
        )?
        .query_map(params![account_id, page.before, page.fetch()], |r| {
            let id: i64 = r.get(0)?;
            let amount: i64 = r.get(1)?;
            let posted_at: i64 = r.get(5)?;
            let kind: String = r.get(6)?;
            let mut entry = json!({
                "entry_id": format!("pst_{id:012}"),
                "posted_at": rfc3339(posted_at),
                "posted_at_jalali": jalali(posted_at),
                "direction": if amount < 0 { "debit" } else { "credit" },
                "amount_rials": amount.unsigned_abs(),
                "balance_after_rials": r.get::<_, i64>(2)?,
                "kind": entry_kind(&kind),
                "description_fa": r.get::<_, String>(3)?,
            });
            if let Some(counterparty) = r.get::<_, Option<String>>(4)? {
                add_counterparty(&mut entry, &counterparty);
            }
            if let Some(transfer_id) = r.get::<_, Option<String>>(7)? {
                // Only the transfer's owner can open it with `transfer_get`.
                if r.get::<_, Option<String>>(8)?.as_deref() == Some(customer_id) {
                    entry["transfer_id"] = transfer_id.into();
                }
                if let Some(trace) = r.get::<_, Option<String>>(9)? {
                    entry["trace_number"] = trace.into();
                }
                if let Some(reference) = r.get::<_, Option<String>>(10)? {
                    entry["reference_number"] = reference.into();
                }
            }
            Ok((id, entry))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// The statement kind of a journal entry's kind.
fn entry_kind(journal_kind: &str) -> &'static str {
    match journal_kind {
        "card_transfer" => "card_transfer",
        "paya" | "satna" => "sheba_transfer",
        "bill" | "bill_payment" => "bill_payment",
        "fee" => "fee",
        "reversal" => "reversal",
        "return" => "return",
        "seed" | "deposit" => "deposit",
        "withdrawal" => "withdrawal",
        "interest" => "interest",
        "purchase" => "purchase",
        _ => "other",
    }
}

/// The other side as the statement shows it: a SHEBA in full, a card masked, anything else by name.
fn add_counterparty(entry: &mut Value, counterparty: &str) {
    if let Ok(sheba) = counterparty.parse::<Sheba>() {
        entry["counterparty_sheba"] = sheba.as_str().into();
    } else if let Ok(pan) = counterparty.parse::<CardNumber>() {
        entry["counterparty_pan_masked"] = pan.masked().into();
    } else if is_masked_pan(counterparty) {
        entry["counterparty_pan_masked"] = counterparty.into();
    } else if !counterparty.is_empty() {
        entry["counterparty_name"] = counterparty.into();
    }
}

/// `603799******0602`: already masked by whoever posted it.
fn is_masked_pan(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 16
        && bytes.iter().enumerate().all(|(i, b)| match i {
            6..=11 => *b == b'*',
            _ => b.is_ascii_digit(),
        })
}
