//! Work that falls due with time: PAYA cycles, SATNA effective dates and
//! returns. Runs whenever the sandbox clock moves and before a transfer is read.
//!
//! An accepted SHEBA transfer sits in PAYA or SATNA clearing until its
//! `effective_at`. Then the destination is credited (an account of this bank)
//! or paid out to the other bank (INTERBANK); a destination that cannot be
//! credited gets the money back to the source at once (PAYA in full, SATNA
//! minus the transfer's `return_fee`), well within the next business day.

pub mod business_days;

use hamrah_core::money::Rials;
use rusqlite::{OptionalExtension, Transaction, params};
use serde_json::Value;

use crate::clock::{jalali, rfc3339};
use crate::error::{ApiError, ApiResult};
use crate::ledger::{self, Posting, internal};
use crate::sms::{self, Sms, SmsKind};

/// A transfer due for settlement.
struct Due {
    id: String,
    kind: String,
    source: String,
    destination: String,
    amount: i64,
    return_fee: i64,
    effective_at: i64,
    receipt: String,
}

/// Where a SHEBA's money goes at settlement.
enum Credit {
    /// An account of this bank, with its owner.
    Account { id: String, customer_id: String },
    /// Another bank: paid out through interbank settlement.
    OtherBank,
    /// Nowhere: the transfer comes back.
    NotCreditable,
}

/// Settles every transfer due at `now`; returns how many changed state.
pub fn run_due(tx: &Transaction<'_>, now: i64) -> ApiResult<usize> {
    let due = tx
        .prepare_cached(
            "SELECT id, kind, source, destination, amount, return_fee, effective_at, receipt
             FROM transfers WHERE status = 'accepted' AND kind IN ('paya', 'satna') AND effective_at <= ?1
             ORDER BY effective_at, rowid",
        )?
        .query_map(params![now], |r| {
            Ok(Due {
                id: r.get(0)?,
                kind: r.get(1)?,
                source: r.get(2)?,
                destination: r.get(3)?,
                amount: r.get(4)?,
                return_fee: r.get(5)?,
                effective_at: r.get(6)?,
                receipt: r.get(7)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    for transfer in &due {
        match destination(tx, &transfer.destination)? {
            Credit::NotCreditable => give_back(tx, transfer, now)?,
            credit => settle(tx, transfer, &credit, now)?,
        }
    }
    Ok(due.len())
}

fn clearing(kind: &str) -> &'static str {
    if kind == "satna" {
        internal::SATNA_CLEARING
    } else {
        internal::PAYA_CLEARING
    }
}

fn method_fa(kind: &str) -> &'static str {
    if kind == "satna" {
        "ساتنا"
    } else {
        "پایا"
    }
}

fn destination(tx: &Transaction<'_>, sheba: &str) -> ApiResult<Credit> {
    let own: Option<(String, Option<String>, String)> = tx
        .prepare_cached(
            "SELECT id, customer_id, state FROM accounts WHERE sheba = ?1 AND kind = 'deposit'",
        )?
        .query_row(params![sheba], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    if let Some((id, customer_id, state)) = own {
        return Ok(match customer_id {
            Some(customer_id) if state == "active" => Credit::Account { id, customer_id },
            _ => Credit::NotCreditable,
        });
    }
    let creditable: Option<bool> = tx
        .prepare_cached("SELECT creditable FROM external_shebas WHERE sheba = ?1")?
        .query_row(params![sheba], |r| r.get(0))
        .optional()?;
    Ok(match creditable {
        Some(true) => Credit::OtherBank,
        _ => Credit::NotCreditable,
    })
}

fn settle(tx: &Transaction<'_>, transfer: &Due, credit: &Credit, now: i64) -> ApiResult<()> {
    let (source_sheba, source_name) = account_holder(tx, &transfer.source)?;
    let description = format!("واریز {} از {source_name}", method_fa(&transfer.kind));
    let target = match credit {
        Credit::Account { id, .. } => id.as_str(),
        _ => internal::INTERBANK,
    };
    ledger::post(
        tx,
        &transfer.kind,
        Some(&transfer.id),
        &[
            Posting {
                account_id: clearing(&transfer.kind),
                amount: -transfer.amount,
                description_fa: &description,
                counterparty: Some(&transfer.destination),
            },
            Posting {
                account_id: target,
                amount: transfer.amount,
                description_fa: &description,
                counterparty: Some(&source_sheba),
            },
        ],
        now,
    )?;
    let mut receipt = parse_receipt(&transfer.receipt)?;
    receipt["status"] = "settled".into();
    receipt["settled_at"] = rfc3339(transfer.effective_at).into();
    receipt["settled_at_jalali"] = jalali(transfer.effective_at).into();
    tx.prepare_cached(
        "UPDATE transfers SET status = 'settled', settled_at = ?1, receipt = ?2 WHERE id = ?3",
    )?
    .execute(params![
        transfer.effective_at,
        receipt.to_string(),
        transfer.id
    ])?;
    if let Credit::Account { id, customer_id } = credit {
        let what = format!("واریز {}", method_fa(&transfer.kind));
        money_alert(
            tx,
            customer_id,
            SmsKind::Credit,
            transfer.amount,
            &what,
            id,
            now,
        )?;
    }
    Ok(())
}

fn give_back(tx: &Transaction<'_>, transfer: &Due, now: i64) -> ApiResult<()> {
    let fee = transfer.return_fee.clamp(0, transfer.amount);
    let refund = transfer.amount - fee;
    let description = format!("برگشت {} (مقصد قابل واریز نبود)", method_fa(&transfer.kind));
    let mut postings = vec![
        Posting {
            account_id: clearing(&transfer.kind),
            amount: -transfer.amount,
            description_fa: &description,
            counterparty: Some(&transfer.destination),
        },
        Posting {
            account_id: &transfer.source,
            amount: refund,
            description_fa: &description,
            counterparty: Some(&transfer.destination),
        },
    ];
    if fee > 0 {
        postings.push(Posting {
            account_id: internal::FEE_INCOME,
            amount: fee,
            description_fa: "کارمزد برگشت ساتنا",
            counterparty: None,
        });
    }
    ledger::post(tx, "return", Some(&transfer.id), &postings, now)?;
    let mut receipt = parse_receipt(&transfer.receipt)?;
    receipt["status"] = "returned".into();
    receipt["returned_at"] = rfc3339(transfer.effective_at).into();
    receipt["returned_at_jalali"] = jalali(transfer.effective_at).into();
    receipt["return_fee_rials"] = fee.into();
    receipt["refunded_rials"] = refund.into();
    tx.prepare_cached(
        "UPDATE transfers SET status = 'returned', settled_at = ?1, receipt = ?2 WHERE id = ?3",
    )?
    .execute(params![
        transfer.effective_at,
        receipt.to_string(),
        transfer.id
    ])?;
    let owner: Option<String> = tx
        .prepare_cached("SELECT customer_id FROM accounts WHERE id = ?1")?
        .query_row(params![transfer.source], |r| r.get(0))?;
    if let Some(owner) = owner {
        let what = format!("برگشت {}", method_fa(&transfer.kind));
        money_alert(
            tx,
            &owner,
            SmsKind::Credit,
            refund,
            &what,
            &transfer.source,
            now,
        )?;
    }
    Ok(())
}

fn parse_receipt(text: &str) -> ApiResult<Value> {
    serde_json::from_str(text).map_err(|_| ApiError::internal())
}

/// An account's SHEBA and its holder's Persian name.
fn account_holder(tx: &Transaction<'_>, account_id: &str) -> ApiResult<(String, String)> {
    Ok(tx
        .prepare_cached(
            "SELECT a.sheba, c.name_fa FROM accounts a JOIN customers c ON c.id = a.customer_id WHERE a.id = ?1",
        )?
        .query_row(params![account_id], |r| {
            Ok((r.get::<_, Option<String>>(0)?.unwrap_or_default(), r.get(1)?))
        })?)
}

/// Sends a customer a debit or credit alert: the amount, what it was, the
/// account's balance after it and the time.
pub fn money_alert(
    tx: &Transaction<'_>,
    customer_id: &str,
    kind: SmsKind,
    amount: i64,
    what: &str,
    account_id: &str,
    now: i64,
) -> ApiResult<()> {
    let row: Option<(String, i64, Option<String>)> = tx
        .prepare_cached(
            "SELECT c.mobile, a.balance, a.number FROM customers c JOIN accounts a ON a.customer_id = c.id
             WHERE c.id = ?1 AND a.id = ?2",
        )?
        .query_row(params![customer_id, account_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?;
    let Some((mobile, balance, number)) = row else {
        return Ok(());
    };
    let sign = match kind {
        SmsKind::Debit => "-",
        _ => "+",
    };
    let grouped = |n: i64| Rials::new(n.unsigned_abs()).grouped();
    let bank = hamrah_core::banks::by_id(crate::SANDBOX_BANK_ID).map_or("", |b| b.name_fa);
    let text = format!(
        "{bank}\nحساب {}\n{what}\n{sign}{} ریال\nمانده {} ریال\n{}",
        number.unwrap_or_default(),
        grouped(amount),
        grouped(balance),
        jalali(now)
    );
    sms::send(
        tx,
        &Sms {
            mobile: &mobile,
            kind,
            text: &text,
            idempotency_key: None,
        },
        now,
    )
}
