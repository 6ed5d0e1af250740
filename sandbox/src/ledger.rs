//! The double-entry ledger: every movement of money is a journal entry whose
//! postings sum to zero, and every balance equals the sum of its postings.

use axum::http::StatusCode;
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::Serialize;

use crate::error::{ApiError, ApiResult};
use crate::ids::new_id;

/// The bank's internal ledger accounts.
pub mod internal {
    /// Fees earned.
    pub const FEE_INCOME: &str = "internal:fee_income";
    /// Money owed to or by other banks through Shetab (card-to-card).
    pub const SHETAB_SETTLEMENT: &str = "internal:shetab_settlement";
    /// PAYA orders accepted, not yet settled.
    pub const PAYA_CLEARING: &str = "internal:paya_clearing";
    /// SATNA orders accepted, not yet settled.
    pub const SATNA_CLEARING: &str = "internal:satna_clearing";
    /// Money paid out to other banks (settled PAYA and SATNA).
    pub const INTERBANK: &str = "internal:interbank";
    /// Money collected for billers.
    pub const BILLERS: &str = "internal:billers";
    /// Money owed to mobile operators for top-ups and internet packages sold.
    pub const OPERATORS: &str = "internal:operator_settlement";
    /// The bank's own capital: the other side of opening balances.
    pub const EQUITY: &str = "internal:equity";
    /// Loan income: late-payment penalties, less profit forgiven at early settlement.
    pub const LOAN_INCOME: &str = "internal:loan_income";

    /// Every internal account with its Persian and English titles.
    pub const ALL: &[(&str, &str, &str)] = &[
        (FEE_INCOME, "درآمد کارمزد", "Fee income"),
        (SHETAB_SETTLEMENT, "تسویه شتاب", "Shetab settlement"),
        (PAYA_CLEARING, "پایاپای پایا", "PAYA clearing"),
        (SATNA_CLEARING, "پایاپای ساتنا", "SATNA clearing"),
        (INTERBANK, "تسویه بین‌بانکی", "Interbank settlement"),
        (BILLERS, "وصولی قبوض", "Bill collections"),
        (
            OPERATORS,
            "تسویه اپراتورهای تلفن همراه",
            "Mobile operators settlement",
        ),
        (EQUITY, "سرمایه", "Equity"),
        (LOAN_INCOME, "درآمد تسهیلات", "Loan income"),
    ];
}

/// One line of a journal entry.
#[derive(Debug, Clone)]
pub struct Posting<'a> {
    /// The ledger account.
    pub account_id: &'a str,
    /// Signed rials: positive credits, negative debits.
    pub amount: i64,
    /// What the customer's statement says.
    pub description_fa: &'a str,
    /// The other side as the statement shows it (masked PAN, SHEBA, biller).
    pub counterparty: Option<&'a str>,
}

/// Posts a balanced journal entry, keeping balances in step. A deposit
/// account may not go below zero: `insufficient_funds` is refused with 422
/// and, since it runs inside the caller's transaction, nothing is left behind.
pub fn post(
    tx: &Transaction<'_>,
    kind: &str,
    transfer_id: Option<&str>,
    postings: &[Posting<'_>],
    now: i64,
) -> ApiResult<String> {
    let sum: i64 = postings.iter().map(|p| p.amount).sum();
    if sum != 0 || postings.len() < 2 {
        tracing::error!(kind, sum, "unbalanced journal entry refused");
        return Err(ApiError::internal());
    }
    let journal_id = new_id("jrn");
    tx.prepare_cached(
        "INSERT INTO journal (id, kind, transfer_id, created_at) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![journal_id, kind, transfer_id, now])?;
    for posting in postings {
        let (balance, account_kind): (i64, String) = tx
            .prepare_cached(
                "UPDATE accounts SET balance = balance + ?1 WHERE id = ?2 RETURNING balance, kind",
            )?
            .query_row(params![posting.amount, posting.account_id], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?
            .ok_or_else(ApiError::internal)?;
        if balance < 0 && account_kind == "deposit" {
            return Err(insufficient_funds());
        }
        tx.prepare_cached(
            "INSERT INTO postings (journal_id, account_id, amount, balance_after, description_fa, counterparty, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?
        .execute(params![
            journal_id,
            posting.account_id,
            posting.amount,
            balance,
            posting.description_fa,
            posting.counterparty,
            now
        ])?;
    }
    Ok(journal_id)
}

/// 422 `funds.insufficient`.
pub fn insufficient_funds() -> ApiError {
    ApiError::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        "funds.insufficient",
        "موجودی حساب کافی نیست.",
        "The account balance is not sufficient.",
    )
}

/// The ledger's health: postings sum to zero and every balance matches its postings.
#[derive(Debug, Serialize)]
pub struct LedgerCheck {
    /// True when both invariants hold.
    pub ok: bool,
    /// The sum of every posting; always 0 in a healthy ledger.
    pub postings_sum_rials: i64,
    /// Journal entries (transactions).
    pub transactions: i64,
    /// Postings.
    pub postings: i64,
    /// Journal entries whose postings do not sum to zero.
    pub unbalanced_transactions: Vec<String>,
    /// Accounts whose balance differs from the sum of their postings.
    pub balance_mismatches: Vec<BalanceMismatch>,
}

/// An account whose balance does not equal the sum of its postings.
#[derive(Debug, Serialize)]
pub struct BalanceMismatch {
    /// The account.
    pub account_id: String,
    /// Its recorded balance.
    pub balance_rials: i64,
    /// The sum of its postings.
    pub postings_sum_rials: i64,
}

/// Checks both invariants over the whole ledger.
pub fn check(conn: &Connection) -> ApiResult<LedgerCheck> {
    let (postings_sum_rials, postings): (i64, i64) = conn.query_row(
        "SELECT COALESCE(SUM(amount), 0), COUNT(*) FROM postings",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let transactions: i64 = conn.query_row("SELECT COUNT(*) FROM journal", [], |r| r.get(0))?;
    let unbalanced_transactions = conn
        .prepare("SELECT journal_id FROM postings GROUP BY journal_id HAVING SUM(amount) != 0")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<Vec<String>, _>>()?;
    let mut statement = conn.prepare(
        "SELECT a.id, a.balance, COALESCE(SUM(p.amount), 0) AS total
         FROM accounts a LEFT JOIN postings p ON p.account_id = a.id
         GROUP BY a.id HAVING a.balance != total",
    )?;
    let balance_mismatches = statement
        .query_map([], |r| {
            Ok(BalanceMismatch {
                account_id: r.get(0)?,
                balance_rials: r.get(1)?,
                postings_sum_rials: r.get(2)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(LedgerCheck {
        ok: postings_sum_rials == 0
            && unbalanced_transactions.is_empty()
            && balance_mismatches.is_empty(),
        postings_sum_rials,
        transactions,
        postings,
        unbalanced_transactions,
        balance_mismatches,
    })
}
