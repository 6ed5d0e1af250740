//! Loans (تسهیلات) and their instalments: the schedule as stored, what is
//! due by the sandbox clock (late-payment penalties per Tehran day, as
//! [`LoanRules`] says), the early-settlement quote, and the holder's name
//! masked as banks show it to another payer.
//!
//! Amounts follow the formula Iranian banks publish for instalment loans:
//! profit = principal × annual rate (%) × (months + 1) ÷ 2400, spread evenly
//! over the instalments ([`schedule`]).

pub mod reminders;
pub mod seed;

use axum::http::StatusCode;
use hamrah_core::calendar::JalaliDate;
use jiff::civil::Date;
use rusqlite::{Connection, OptionalExtension, params};
use serde_json::{Value, json};

use crate::clock::{jalali, rfc3339};
use crate::config::LoanRules;
use crate::error::{ApiError, ApiResult};

/// One loan as stored.
#[derive(Debug, Clone)]
pub struct Loan {
    /// `lon_...`.
    pub id: String,
    /// The printed number.
    pub loan_number: String,
    /// The holder.
    pub customer_id: String,
    /// Its ledger account.
    pub account_id: String,
    /// `qard_al_hasan`, `consumer`, `mortgage`, `murabaha`.
    pub loan_type: String,
    /// Title in Persian.
    pub title_fa: String,
    /// Title in English.
    pub title_en: String,
    /// Rials lent.
    pub principal: i64,
    /// Annual profit rate, basis points.
    pub rate_bp: i64,
    /// Months.
    pub term_months: i64,
    /// Tehran date.
    pub disbursed_on: Date,
    /// When the last instalment was paid.
    pub settled_at: Option<i64>,
    /// The holder's name in Persian.
    pub holder_name_fa: String,
    /// The holder's mobile.
    pub holder_mobile: String,
}

/// One instalment as stored.
#[derive(Debug, Clone)]
pub struct Instalment {
    /// 1 to the term.
    pub number: i64,
    /// Tehran date.
    pub due_date: Date,
    /// Principal part and profit part.
    pub amount: i64,
    /// The profit part.
    pub profit: i64,
    /// When it was paid.
    pub paid_at: Option<i64>,
    /// The penalty paid with it.
    pub penalty_paid: i64,
}

/// An unpaid instalment with its penalty so far.
#[derive(Debug, Clone)]
pub struct Due {
    /// The instalment.
    pub instalment: Instalment,
    /// Tehran days past its due date.
    pub days_overdue: i64,
    /// Its late-payment penalty so far.
    pub penalty: i64,
}

/// 404 `loan.not_found`.
pub fn not_found() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "loan.not_found",
        "تسهیلاتی با این مشخصات یافت نشد.",
        "No such loan was found.",
    )
}

/// 422 `loan.settled`.
pub fn settled() -> ApiError {
    ApiError::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        "loan.settled",
        "این تسهیلات تسویه شده است.",
        "This loan has been settled.",
    )
}

const LOAN_COLUMNS: &str =
    "l.id, l.loan_number, l.customer_id, l.account_id, l.loan_type, l.title_fa, l.title_en,
     l.principal, l.rate_bp, l.term_months, l.disbursed_on, l.settled_at, c.name_fa, c.mobile
     FROM loans l JOIN customers c ON c.id = l.customer_id";

fn loan_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Loan> {
    let disbursed: String = r.get(10)?;
    Ok(Loan {
        id: r.get(0)?,
        loan_number: r.get(1)?,
        customer_id: r.get(2)?,
        account_id: r.get(3)?,
        loan_type: r.get(4)?,
        title_fa: r.get(5)?,
        title_en: r.get(6)?,
        principal: r.get(7)?,
        rate_bp: r.get(8)?,
        term_months: r.get(9)?,
        disbursed_on: disbursed.parse().unwrap_or_default(),
        settled_at: r.get(11)?,
        holder_name_fa: r.get(12)?,
        holder_mobile: r.get(13)?,
    })
}

/// A loan by its number, whoever holds it.
pub fn by_number(conn: &Connection, loan_number: &str) -> ApiResult<Loan> {
    conn.prepare_cached(&format!("SELECT {LOAN_COLUMNS} WHERE l.loan_number = ?1"))?
        .query_row(params![loan_number], loan_row)
        .optional()?
        .ok_or_else(not_found)
}

/// One of the customer's loans by id (another's is `loan.not_found`).
pub fn own(conn: &Connection, customer_id: &str, loan_id: &str) -> ApiResult<Loan> {
    conn.prepare_cached(&format!(
        "SELECT {LOAN_COLUMNS} WHERE l.id = ?1 AND l.customer_id = ?2"
    ))?
    .query_row(params![loan_id, customer_id], loan_row)
    .optional()?
    .ok_or_else(not_found)
}

/// The customer's loans, newest first.
pub fn of_customer(conn: &Connection, customer_id: &str) -> ApiResult<Vec<Loan>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {LOAN_COLUMNS} WHERE l.customer_id = ?1 ORDER BY l.disbursed_on DESC, l.id"
        ))?
        .query_map(params![customer_id], loan_row)?
        .collect::<Result<Vec<_>, _>>()?)
}

/// A loan's instalments in order.
pub fn instalments(conn: &Connection, loan_id: &str) -> ApiResult<Vec<Instalment>> {
    Ok(conn
        .prepare_cached(
            "SELECT number, due_date, amount, profit, paid_at, penalty_paid FROM loan_instalments
             WHERE loan_id = ?1 ORDER BY number",
        )?
        .query_map(params![loan_id], |r| {
            let due: String = r.get(1)?;
            Ok(Instalment {
                number: r.get(0)?,
                due_date: due.parse().unwrap_or_default(),
                amount: r.get(2)?,
                profit: r.get(3)?,
                paid_at: r.get(4)?,
                penalty_paid: r.get(5)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?)
}

/// Tehran days from `due` to `today` (0 until the day after it).
pub fn days_overdue(due: Date, today: Date) -> i64 {
    if today <= due {
        return 0;
    }
    today
        .since(due)
        .map(|span| i64::from(span.get_days()))
        .unwrap_or(0)
}

/// The penalty of `amount` overdue `days` Tehran days, at the yearly rate.
pub fn penalty(amount: i64, days: i64, rules: &LoanRules) -> i64 {
    let value = i128::from(amount) * i128::from(rules.penalty_rate_bp_per_year) * i128::from(days)
        / (10_000 * 365);
    i64::try_from(value).unwrap_or(i64::MAX)
}

/// The unpaid instalments, oldest first, with their penalties on `today`.
pub fn unpaid(instalments: &[Instalment], today: Date, rules: &LoanRules) -> Vec<Due> {
    instalments
        .iter()
        .filter(|i| i.paid_at.is_none())
        .map(|i| {
            let days = days_overdue(i.due_date, today);
            Due {
                instalment: i.clone(),
                days_overdue: days,
                penalty: penalty(i.amount, days, rules),
            }
        })
        .collect()
}

/// What settles a loan on `today`: every unpaid instalment and penalty, less
/// the profit of those not yet due.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quote {
    /// The unpaid instalments.
    pub unpaid: i64,
    /// Their penalties.
    pub penalty: i64,
    /// The profit forgiven.
    pub discount: i64,
    /// What to pay.
    pub amount: i64,
}

/// The early-settlement quote of `due` on `today`.
pub fn quote(due: &[Due], today: Date) -> Quote {
    let unpaid: i64 = due.iter().map(|d| d.instalment.amount).sum();
    let penalty: i64 = due.iter().map(|d| d.penalty).sum();
    let discount: i64 = due
        .iter()
        .filter(|d| d.instalment.due_date > today)
        .map(|d| d.instalment.profit)
        .sum();
    Quote {
        unpaid,
        penalty,
        discount,
        amount: unpaid + penalty - discount,
    }
}

/// A name as banks show it to someone else: each word's second half hidden
/// (`سارا احمدی` -> `سا** احم**`).
pub fn mask_name(name: &str) -> String {
    name.split_whitespace()
        .map(|word| {
            let chars: Vec<char> = word.chars().collect();
            let shown = chars.len().div_ceil(2);
            chars
                .iter()
                .enumerate()
                .map(|(i, c)| if i < shown { *c } else { '*' })
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A Tehran date as the contract's Jalali `YYYY/MM/DD`.
pub fn jalali_date(date: Date) -> String {
    JalaliDate::from_gregorian(date)
        .map(|d| d.to_string())
        .unwrap_or_default()
}

/// The contract's `LoanInstalment`.
pub fn instalment_json(instalment: &Instalment, today: Date, rules: &LoanRules) -> Value {
    let mut value = json!({
        "number": instalment.number,
        "due_date": instalment.due_date.to_string(),
        "due_date_jalali": jalali_date(instalment.due_date),
        "amount_rials": instalment.amount,
    });
    if let Some(paid_at) = instalment.paid_at {
        value["status"] = "paid".into();
        value["penalty_rials"] = instalment.penalty_paid.into();
        value["paid_at"] = rfc3339(paid_at).into();
        value["paid_at_jalali"] = jalali(paid_at).into();
    } else {
        let days = days_overdue(instalment.due_date, today);
        value["status"] = if days > 0 { "overdue" } else { "upcoming" }.into();
        value["penalty_rials"] = penalty(instalment.amount, days, rules).into();
        if days > 0 {
            value["days_overdue"] = days.into();
        }
    }
    value
}

/// The contract's `Loan`.
pub fn loan_json(loan: &Loan, instalments: &[Instalment], today: Date, rules: &LoanRules) -> Value {
    let due = unpaid(instalments, today, rules);
    let paid: i64 = instalments
        .iter()
        .filter(|i| i.paid_at.is_some())
        .map(|i| i.amount)
        .sum();
    let overdue: Vec<&Due> = due.iter().filter(|d| d.days_overdue > 0).collect();
    let mut value = json!({
        "loan_id": loan.id,
        "loan_number": loan.loan_number,
        "loan_type": loan.loan_type,
        "title_fa": loan.title_fa,
        "title_en": loan.title_en,
        "principal_rials": loan.principal,
        "annual_rate_bp": loan.rate_bp,
        "term_months": loan.term_months,
        "instalment_count": instalments.len(),
        "paid_count": instalments.len() - due.len(),
        "instalment_rials": instalments.first().map_or(0, |i| i.amount),
        "paid_rials": paid,
        "remaining_rials": due.iter().map(|d| d.instalment.amount).sum::<i64>(),
        "overdue_count": overdue.len(),
        "overdue_rials": overdue.iter().map(|d| d.instalment.amount).sum::<i64>(),
        "penalty_rials": due.iter().map(|d| d.penalty).sum::<i64>(),
        "state": if loan.settled_at.is_some() { "settled" } else { "active" },
        "disbursed_on": loan.disbursed_on.to_string(),
        "disbursed_on_jalali": jalali_date(loan.disbursed_on),
    });
    if let Some(next) = due.iter().find(|d| d.days_overdue == 0) {
        value["next_due_date"] = next.instalment.due_date.to_string().into();
        value["next_due_date_jalali"] = jalali_date(next.instalment.due_date).into();
        value["next_due_rials"] = next.instalment.amount.into();
    }
    value
}

/// A loan's numbers at the Iranian banks' formula: each instalment's amount
/// and profit part, rounded up to 1,000 rials (the last takes the rest).
pub fn schedule(principal: i64, rate_bp: i64, months: i64) -> Vec<(i64, i64)> {
    let months = months.max(1);
    let profit = i64::try_from(
        i128::from(principal) * i128::from(rate_bp) * i128::from(months + 1) / 240_000,
    )
    .unwrap_or(0);
    let total = principal + profit;
    let each = (total / months + 999) / 1000 * 1000;
    let profit_each = profit / months;
    (1..=months)
        .map(|n| {
            if n == months {
                (
                    total - each * (months - 1),
                    profit - profit_each * (months - 1),
                )
            } else {
                (each, profit_each)
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails loudly
    use super::*;

    #[test]
    fn the_banks_formula() {
        // 300,000,000 at 18 % over 24 months: profit 300e6 × 18 × 25 / 2400 = 56,250,000.
        let rows = schedule(300_000_000, 1800, 24);
        assert_eq!(rows.len(), 24);
        let total: i64 = rows.iter().map(|r| r.0).sum();
        let profit: i64 = rows.iter().map(|r| r.1).sum();
        assert_eq!(total, 356_250_000);
        assert_eq!(profit, 56_250_000);
        assert_eq!(rows[0].0, 14_844_000);
        assert!(rows.iter().all(|r| r.0 > r.1));
    }

    #[test]
    fn penalties_by_the_day() {
        let rules = LoanRules {
            penalty_rate_bp_per_year: 600,
            reminder_days_before: 3,
            max_instalments_per_payment: 12,
        };
        // 14,844,000 × 6 % × 10 / 365 = 24,401.09, rounded down.
        assert_eq!(penalty(14_844_000, 10, &rules), 24_401);
        assert_eq!(penalty(14_844_000, 0, &rules), 0);
        let due: Date = "2026-03-01".parse().unwrap();
        assert_eq!(days_overdue(due, due), 0);
        assert_eq!(days_overdue(due, "2026-03-11".parse().unwrap()), 10);
        assert_eq!(days_overdue(due, "2026-02-11".parse().unwrap()), 0);
    }

    #[test]
    fn masks_each_word() {
        assert_eq!(mask_name("سارا احمدی"), "سا** احم**");
        assert_eq!(mask_name("رضا کریمی"), "رض* کری**");
    }
}
