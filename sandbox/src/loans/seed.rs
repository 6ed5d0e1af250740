//! The demo customers' loans: each with its ledger account (minus what is
//! still owed), a monthly schedule on the Jalali day it was disbursed, the
//! instalments already due paid except where the demo wants one overdue.

use hamrah_core::calendar::{JalaliDate, days_in_month};
use jiff::civil::Date;
use rusqlite::{Transaction, params};

use super::schedule;
use crate::error::{ApiError, ApiResult};
use crate::ledger::{self, Posting, internal};
use crate::settlement::business_days::tehran_date;

/// A seeded loan: holder (index into the demo people), number, type,
/// titles, principal, rate (bp), months, months and days since it was
/// disbursed, and how many of the instalments already due are left unpaid.
pub struct SeedLoan {
    /// The holder's customer id.
    pub customer_id: &'static str,
    /// The printed number.
    pub loan_number: &'static str,
    /// The contract's `LoanType`.
    pub loan_type: &'static str,
    /// Persian title.
    pub title_fa: &'static str,
    /// English title.
    pub title_en: &'static str,
    /// Rials lent.
    pub principal: i64,
    /// Annual rate, basis points.
    pub rate_bp: i64,
    /// Months.
    pub months: i64,
    /// Disbursed this many Jalali months ...
    pub age_months: i64,
    /// ... and days ago.
    pub age_days: i64,
    /// Instalments already due left unpaid (the newest ones).
    pub overdue: i64,
}

/// The demo's loans.
pub const LOANS: &[SeedLoan] = &[
    SeedLoan {
        customer_id: "cus_demo0",
        loan_number: "0101234567001",
        loan_type: "consumer",
        title_fa: "تسهیلات خرید کالا",
        title_en: "Consumer goods loan",
        principal: 300_000_000,
        rate_bp: 1800,
        months: 24,
        age_months: 7,
        age_days: 10,
        overdue: 1,
    },
    SeedLoan {
        customer_id: "cus_demo0",
        loan_number: "0101234567002",
        loan_type: "qard_al_hasan",
        title_fa: "قرض‌الحسنه ازدواج",
        title_en: "Marriage qard al-hasan loan",
        principal: 100_000_000,
        rate_bp: 400,
        months: 36,
        age_months: 2,
        age_days: -5,
        overdue: 0,
    },
    SeedLoan {
        customer_id: "cus_demo1",
        loan_number: "0101234567003",
        loan_type: "mortgage",
        title_fa: "تسهیلات مسکن",
        title_en: "Mortgage",
        principal: 500_000_000,
        rate_bp: 1800,
        months: 60,
        age_months: 12,
        age_days: -15,
        overdue: 0,
    },
    SeedLoan {
        customer_id: "cus_demo2",
        loan_number: "0101234567004",
        loan_type: "murabaha",
        title_fa: "مرابحه خرید لوازم خانگی",
        title_en: "Murabaha for home appliances",
        principal: 50_000_000,
        rate_bp: 2300,
        months: 12,
        age_months: 3,
        age_days: 5,
        overdue: 1,
    },
];

/// `date` moved by `months` Jalali months, on the same day (or the month's last).
pub fn add_months(date: JalaliDate, months: i64) -> ApiResult<JalaliDate> {
    let index = i64::from(date.year()) * 12 + i64::from(date.month()) - 1 + months;
    let year = i32::try_from(index.div_euclid(12)).map_err(|_| ApiError::internal())?;
    let month = u8::try_from(index.rem_euclid(12) + 1).map_err(|_| ApiError::internal())?;
    let last = days_in_month(year, month).ok_or_else(ApiError::internal)?;
    JalaliDate::new(year, month, date.day().min(last)).map_err(|_| ApiError::internal())
}

/// Seeds [`LOANS`] as of `now`.
pub fn demo(tx: &Transaction<'_>, now: i64) -> ApiResult<()> {
    let today = tehran_date(now)?;
    let today_jalali = JalaliDate::from_gregorian(today).map_err(|_| ApiError::internal())?;
    for (index, loan) in LOANS.iter().enumerate() {
        let start = add_months(today_jalali, -loan.age_months)?.to_gregorian();
        let disbursed = start
            .checked_sub(jiff::Span::new().days(loan.age_days))
            .map_err(|_| ApiError::internal())?;
        let disbursed_jalali =
            JalaliDate::from_gregorian(disbursed).map_err(|_| ApiError::internal())?;
        let loan_id = format!("lon_demo{index}");
        let account_id = format!("acc_loan{index}");
        tx.execute(
            "INSERT INTO accounts (id, customer_id, kind, product, title_fa, title_en, number, balance, opened_at)
             VALUES (?1, ?2, 'loan', ?3, ?4, ?5, ?6, 0, ?7)",
            params![account_id, loan.customer_id, loan.loan_type, loan.title_fa, loan.title_en, loan.loan_number, now],
        )?;
        tx.execute(
            "INSERT INTO loans (id, loan_number, customer_id, account_id, loan_type, title_fa, title_en,
                                principal, rate_bp, term_months, disbursed_on)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            params![loan_id, loan.loan_number, loan.customer_id, account_id, loan.loan_type,
                    loan.title_fa, loan.title_en, loan.principal, loan.rate_bp, loan.months,
                    disbursed.to_string()],
        )?;
        let rows = schedule(loan.principal, loan.rate_bp, loan.months);
        let due_dates = (1..=loan.months)
            .map(|n| add_months(disbursed_jalali, n).map(|d| d.to_gregorian()))
            .collect::<ApiResult<Vec<Date>>>()?;
        let already_due = due_dates.iter().filter(|d| **d < today).count();
        let paid_up_to = i64::try_from(already_due).unwrap_or(0) - loan.overdue;
        let mut owed = 0;
        for ((number, (amount, profit)), due) in (1..).zip(rows).zip(due_dates) {
            let paid = number <= paid_up_to;
            if !paid {
                owed += amount;
            }
            // Instalments already due were reminded (and noticed) before the seed.
            let past = (due < today).then_some(now);
            tx.execute(
                "INSERT INTO loan_instalments (loan_id, number, due_date, amount, profit, paid_at, reminded_at, overdue_noticed_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
                params![loan_id, number, due.to_string(), amount, profit, paid.then_some(now), past],
            )?;
        }
        ledger::post(
            tx,
            "seed",
            None,
            &[
                Posting {
                    account_id: internal::EQUITY,
                    amount: owed,
                    description_fa: "پرداخت تسهیلات",
                    counterparty: None,
                },
                Posting {
                    account_id: &account_id,
                    amount: -owed,
                    description_fa: "مانده تسهیلات",
                    counterparty: None,
                },
            ],
            now,
        )?;
    }
    Ok(())
}
