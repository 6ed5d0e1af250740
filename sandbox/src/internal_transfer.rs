//! Transfers between two deposit accounts of this bank (انتقال وجه به
//! سپرده): instant, no PAYA or SATNA cycle. Shared by `account_transfer_create`
//! (destination by account number) and `sheba_transfer_create` with `method:
//! internal` (a SHEBA of this bank): the limits of `limits.account_transfer`
//! (per transfer, and per source account per Tehran day over both), the fee
//! `fees.account_transfer_rials`, one journal entry debiting the source and
//! crediting the destination, and an SMS notice to each side.

use axum::http::StatusCode;
use hamrah_core::ids::{AccountNumber, Sheba};
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde_json::Value;

use crate::config::BankRules;
use crate::error::{ApiError, ApiResult};
use crate::ids::{new_id, random_digits};
use crate::ledger::{self, Posting, internal};
use crate::settlement::money_alert;
use crate::sms::SmsKind;
use crate::usage::tehran_day;

/// The `transfers` kinds that count towards the daily limit.
const KINDS: &str = "('account', 'internal')";

fn refuse(code: &str, fa: &str, en: &str) -> ApiError {
    ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, code, fa, en)
}

/// A deposit account of this bank and its holder.
#[derive(Debug, Clone)]
pub struct Holder {
    /// The ledger account.
    pub account_id: String,
    /// Its account number.
    pub number: String,
    /// Its SHEBA.
    pub sheba: String,
    /// The holder's customer id.
    pub customer_id: String,
    /// The holder's Persian name.
    pub name_fa: String,
    /// Whether it may be credited (active).
    pub active: bool,
}

const HOLDER: &str = "SELECT a.id, COALESCE(a.number, ''), COALESCE(a.sheba, ''), c.id, c.name_fa, a.state = 'active'
     FROM accounts a JOIN customers c ON c.id = a.customer_id WHERE a.kind = 'deposit' AND ";

fn holder(conn: &Connection, column: &str, value: &str) -> ApiResult<Option<Holder>> {
    Ok(conn
        .prepare_cached(&format!("{HOLDER}a.{column} = ?1"))?
        .query_row(params![value], |r| {
            Ok(Holder {
                account_id: r.get(0)?,
                number: r.get(1)?,
                sheba: r.get(2)?,
                customer_id: r.get(3)?,
                name_fa: r.get(4)?,
                active: r.get(5)?,
            })
        })
        .optional()?)
}

/// The account of this bank with this number.
pub fn by_number(conn: &Connection, number: &AccountNumber) -> ApiResult<Option<Holder>> {
    holder(conn, "number", number.as_str())
}

/// The account of this bank with this SHEBA.
pub fn by_sheba(conn: &Connection, sheba: &Sheba) -> ApiResult<Option<Holder>> {
    holder(conn, "sheba", sheba.as_str())
}

/// The source: the customer's own active deposit account (404 / 422 otherwise).
pub fn source(tx: &Transaction<'_>, customer_id: &str, account_id: &str) -> ApiResult<Holder> {
    let found = holder(tx, "id", account_id)?.filter(|h| h.customer_id == customer_id);
    let Some(source) = found else {
        return Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "account.not_found",
            "حساب یافت نشد.",
            "No such account.",
        ));
    };
    if !source.active {
        return Err(refuse(
            "account.inactive",
            "حساب مبدأ فعال نیست.",
            "The source account is blocked or closed.",
        ));
    }
    Ok(source)
}

/// One transfer, its source already the customer's and its second factor right.
#[derive(Debug)]
pub struct Move<'a> {
    /// The paying customer.
    pub customer_id: &'a str,
    /// Its idempotency key.
    pub key: &'a str,
    /// The source account.
    pub source: &'a Holder,
    /// The destination, if this bank has it.
    pub destination: Option<&'a Holder>,
    /// Rials.
    pub amount: i64,
    /// `account` (by number) or `internal` (by SHEBA), as `transfers` records it.
    pub kind: &'static str,
    /// Bank time.
    pub now: i64,
}

/// What a transfer did.
#[derive(Debug)]
pub struct Moved {
    /// Its id.
    pub transfer_id: String,
    /// The receipt's trace number.
    pub trace_number: String,
    /// The receipt's reference number.
    pub reference_number: String,
    /// The fee charged.
    pub fee: i64,
    /// The source's balance after.
    pub balance_after: i64,
}

/// The checks (destination, same account, limits, funds), the postings and
/// both notices; the caller records the receipt ([`record`]).
pub fn execute(tx: &Transaction<'_>, rules: &BankRules, m: &Move<'_>) -> ApiResult<Moved> {
    let Some(destination) = m.destination else {
        return Err(refuse(
            "transfer.destination_not_found",
            "حساب مقصد یافت نشد.",
            "The destination account was not found.",
        ));
    };
    if destination.account_id == m.source.account_id {
        return Err(refuse(
            "transfer.same_account",
            "حساب مبدأ و مقصد یکی است.",
            "The source and destination are the same account.",
        ));
    }
    if !destination.active {
        return Err(refuse(
            "transfer.destination_not_creditable",
            "به حساب مقصد نمی‌توان واریز کرد.",
            "The destination account cannot be credited.",
        ));
    }
    check_limits(tx, rules, m)?;
    let fee = rules.fees.account_transfer_rials;
    let transfer_id = new_id("trf");
    let trace_number = random_digits(6);
    let reference_number = random_digits(12);
    let to_masked = mask_number(&destination.number);
    let debit_text = format!("انتقال به سپرده {to_masked}");
    let credit_text = format!("واریز از سپرده {}", mask_number(&m.source.number));
    let mut postings = vec![
        Posting {
            account_id: &m.source.account_id,
            amount: -(m.amount + fee),
            description_fa: &debit_text,
            counterparty: Some(&to_masked),
        },
        Posting {
            account_id: &destination.account_id,
            amount: m.amount,
            description_fa: &credit_text,
            counterparty: Some(&m.source.sheba),
        },
    ];
    if fee != 0 {
        postings.push(Posting {
            account_id: internal::FEE_INCOME,
            amount: fee,
            description_fa: "کارمزد انتقال به سپرده",
            counterparty: None,
        });
    }
    ledger::post(tx, "account_transfer", Some(&transfer_id), &postings, m.now)?;
    let balance_after: i64 = tx
        .prepare_cached("SELECT balance FROM accounts WHERE id = ?1")?
        .query_row(params![m.source.account_id], |r| r.get(0))?;
    let debit_alert = format!("{debit_text}\nپیگیری {trace_number}");
    money_alert(
        tx,
        m.customer_id,
        SmsKind::Debit,
        m.amount + fee,
        &debit_alert,
        &m.source.account_id,
        m.now,
    )?;
    let credit_alert = format!("{credit_text}\nپیگیری {trace_number}");
    money_alert(
        tx,
        &destination.customer_id,
        SmsKind::Credit,
        m.amount,
        &credit_alert,
        &destination.account_id,
        m.now,
    )?;
    Ok(Moved {
        transfer_id,
        trace_number,
        reference_number,
        fee,
        balance_after,
    })
}

/// Per transfer, then the source's day (both kinds together).
fn check_limits(tx: &Transaction<'_>, rules: &BankRules, m: &Move<'_>) -> ApiResult<()> {
    let limits = &rules.limits.account_transfer;
    if m.amount < limits.per_transfer_min_rials {
        return Err(refuse(
            "limit.per_transfer_min",
            "مبلغ کمتر از حداقل مجاز هر انتقال است.",
            "The amount is below the minimum of one transfer.",
        ));
    }
    if m.amount > limits.per_transfer_max_rials {
        return Err(refuse(
            "limit.per_transfer_max",
            "مبلغ بیشتر از سقف هر انتقال به سپرده است.",
            "The amount is above the maximum of one transfer to an account.",
        ));
    }
    let (start, next) = tehran_day(m.now)?;
    let used: i64 = tx
        .prepare_cached(&format!(
            "SELECT COALESCE(SUM(amount), 0) FROM transfers
             WHERE source = ?1 AND kind IN {KINDS} AND created_at >= ?2 AND created_at < ?3"
        ))?
        .query_row(params![m.source.account_id, start, next], |r| r.get(0))?;
    if used + m.amount > limits.daily_per_account_rials {
        return Err(refuse(
            "limit.daily_exceeded",
            "مبلغ از سقف روزانه انتقال از این حساب بیشتر است.",
            "The amount exceeds this account's daily transfer limit.",
        ));
    }
    Ok(())
}

/// Records the transfer with its receipt (`status` as the receipt says).
pub fn record(
    tx: &Transaction<'_>,
    m: &Move<'_>,
    moved: &Moved,
    destination: &str,
    status: &str,
    receipt: &Value,
) -> ApiResult<()> {
    tx.prepare_cached(
        "INSERT INTO transfers (id, customer_id, kind, idempotency_key, source, destination, amount, fee,
                                status, trace_number, reference_number, created_at, settled_at, receipt)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12, ?13)",
    )?
    .execute(params![
        moved.transfer_id,
        m.customer_id,
        m.kind,
        m.key,
        m.source.account_id,
        destination,
        m.amount,
        moved.fee,
        status,
        moved.trace_number,
        moved.reference_number,
        m.now,
        receipt.to_string()
    ])?;
    Ok(())
}

/// An account number masked as the core masks it (`1002****0501`).
pub fn mask_number(number: &str) -> String {
    number
        .parse::<AccountNumber>()
        .map_or_else(|_| "****".to_owned(), |n| n.masked())
}
