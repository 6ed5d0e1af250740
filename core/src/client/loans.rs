//! Loans: the customer's list, a schedule, the inquiry by number (to pay
//! someone else's instalment too) and the early-settlement quote. The
//! structs mirror the contract's schemas (the fields the core uses); the
//! payment itself goes through the operation engine like every payment.

use serde::{Deserialize, Serialize};
use serde_json::json;

use super::{Api, Auth, BankRef};
use crate::channel::{ChannelError, Method};
use crate::ids::LoanNumber;

/// The contract's `Loan`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoanSummary {
    /// The bank's id.
    pub loan_id: String,
    /// The printed number (`Debug` masks it).
    pub loan_number: LoanNumber,
    /// `qard_al_hasan`, `consumer`, `mortgage`, `murabaha`.
    pub loan_type: String,
    /// Title in Persian.
    pub title_fa: String,
    /// Rials lent.
    pub principal_rials: u64,
    /// Annual profit rate, basis points (1800 = 18 %).
    pub annual_rate_bp: u32,
    /// Months.
    pub term_months: u32,
    /// Instalments in all.
    pub instalment_count: u32,
    /// Instalments paid.
    pub paid_count: u32,
    /// One instalment.
    pub instalment_rials: u64,
    /// Paid so far.
    pub paid_rials: u64,
    /// Still owed (instalments, without penalties).
    pub remaining_rials: u64,
    /// The next instalment not yet overdue: Jalali date.
    #[serde(default)]
    pub next_due_date_jalali: Option<String>,
    /// Its amount.
    #[serde(default)]
    pub next_due_rials: Option<u64>,
    /// Instalments past their due date.
    pub overdue_count: u32,
    /// Their amount.
    pub overdue_rials: u64,
    /// Their late-payment penalty so far.
    pub penalty_rials: u64,
    /// `active` or `settled`.
    pub state: String,
    /// When it was paid out, Jalali.
    pub disbursed_on_jalali: String,
}

/// The contract's `LoanList`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoanList {
    /// The loans.
    pub items: Vec<LoanSummary>,
}

/// The contract's `LoanInstalment`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Instalment {
    /// 1 to the term.
    pub number: u32,
    /// Due date, Jalali `YYYY/MM/DD`.
    pub due_date_jalali: String,
    /// Amount.
    pub amount_rials: u64,
    /// `paid`, `overdue` or `upcoming`.
    pub status: String,
    /// Days past the due date.
    #[serde(default)]
    pub days_overdue: Option<u32>,
    /// Penalty so far (overdue) or paid with it (paid).
    pub penalty_rials: u64,
    /// When it was paid, Jalali date and Tehran time.
    #[serde(default)]
    pub paid_at_jalali: Option<String>,
}

/// The contract's `LoanSchedule`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoanSchedule {
    /// The loan.
    pub loan_id: String,
    /// Its number.
    pub loan_number: LoanNumber,
    /// Every instalment in order.
    pub items: Vec<Instalment>,
}

/// The contract's `LoanHolder`: a loan as a payer sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoanHolder {
    /// The number.
    pub loan_number: LoanNumber,
    /// The holder's name, masked as banks show it (`سا** احم**`).
    pub holder_name_masked: String,
    /// The loan's type.
    pub loan_type: String,
    /// The lending bank.
    pub bank: BankRef,
    /// The caller's own loan.
    pub own: bool,
    /// The loan's id, when own.
    #[serde(default)]
    pub loan_id: Option<String>,
    /// The unpaid instalments, oldest first.
    pub due: Vec<Instalment>,
}

/// The contract's `LoanSettlementQuote`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SettlementQuote {
    /// The loan.
    pub loan_id: String,
    /// Unpaid instalments.
    pub unpaid_rials: u64,
    /// Their penalties.
    pub penalty_rials: u64,
    /// Profit forgiven.
    pub discount_rials: u64,
    /// What settles it today.
    pub amount_rials: u64,
    /// Until when, Jalali date and Tehran time.
    pub valid_until_jalali: String,
}

impl Api {
    /// `loan_list`.
    pub async fn loans(&self) -> Result<LoanList, ChannelError> {
        self.call(Method::GET, "/v1/loans", None, Auth::Bearer)
            .await
    }

    /// `loan_instalment_list`.
    pub async fn loan_schedule(&self, loan_id: &str) -> Result<LoanSchedule, ChannelError> {
        let path = format!("/v1/loans/{loan_id}/instalments");
        self.call(Method::GET, &path, None, Auth::Bearer).await
    }

    /// `loan_holder_inquiry`: a loan by its number (never in a URL).
    pub async fn loan_holder(&self, number: &LoanNumber) -> Result<LoanHolder, ChannelError> {
        let body = json!({"loan_number": number.as_str()});
        self.call(
            Method::POST,
            "/v1/holder-inquiries/loan",
            Some(&body),
            Auth::Bearer,
        )
        .await
    }

    /// `loan_settlement_quote`.
    pub async fn settlement_quote(&self, loan_id: &str) -> Result<SettlementQuote, ChannelError> {
        let path = format!("/v1/loans/{loan_id}/settlement-quote");
        self.call(Method::GET, &path, None, Auth::Bearer).await
    }
}
