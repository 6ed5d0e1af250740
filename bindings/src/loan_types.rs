//! The loans' records and the loan payment's states, as the screens render them.

use hamrah_core::client as bank;
use hamrah_core::flows::loan_payment as core;

use crate::types::{BankInfo, PinStatus, ProblemInfo, problem};

/// One of the customer's loans.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct LoanInfo {
    /// The bank's id.
    pub loan_id: String,
    /// Its number.
    pub loan_number: String,
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
    /// Still owed.
    pub remaining_rials: u64,
    /// The next instalment not yet overdue, Jalali.
    pub next_due_date_jalali: Option<String>,
    /// Its amount.
    pub next_due_rials: Option<u64>,
    /// Instalments overdue.
    pub overdue_count: u32,
    /// Their amount.
    pub overdue_rials: u64,
    /// Their penalty so far.
    pub penalty_rials: u64,
    /// `active` or `settled`.
    pub state: String,
}

impl From<&bank::LoanSummary> for LoanInfo {
    fn from(l: &bank::LoanSummary) -> Self {
        Self {
            loan_id: l.loan_id.clone(),
            loan_number: l.loan_number.as_str().to_owned(),
            loan_type: l.loan_type.clone(),
            title_fa: l.title_fa.clone(),
            principal_rials: l.principal_rials,
            annual_rate_bp: l.annual_rate_bp,
            term_months: l.term_months,
            instalment_count: l.instalment_count,
            paid_count: l.paid_count,
            instalment_rials: l.instalment_rials,
            paid_rials: l.paid_rials,
            remaining_rials: l.remaining_rials,
            next_due_date_jalali: l.next_due_date_jalali.clone(),
            next_due_rials: l.next_due_rials,
            overdue_count: l.overdue_count,
            overdue_rials: l.overdue_rials,
            penalty_rials: l.penalty_rials,
            state: l.state.clone(),
        }
    }
}

/// One instalment.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct InstalmentInfo {
    /// 1 to the term.
    pub number: u32,
    /// Due date, Jalali.
    pub due_date_jalali: String,
    /// Amount.
    pub amount_rials: u64,
    /// `paid`, `overdue` or `upcoming`.
    pub status: String,
    /// Penalty so far (or paid with it).
    pub penalty_rials: u64,
    /// When paid, Jalali.
    pub paid_at_jalali: Option<String>,
}

impl From<&bank::Instalment> for InstalmentInfo {
    fn from(i: &bank::Instalment) -> Self {
        Self {
            number: i.number,
            due_date_jalali: i.due_date_jalali.clone(),
            amount_rials: i.amount_rials,
            status: i.status.clone(),
            penalty_rials: i.penalty_rials,
            paid_at_jalali: i.paid_at_jalali.clone(),
        }
    }
}

/// Figures from the bank now, or the last ones kept on the phone.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct LoansView {
    /// The loans.
    pub loans: Vec<LoanInfo>,
    /// When the bank sent them, Unix seconds.
    pub fetched_at: i64,
    /// True when kept figures are shown (the bank could not be reached).
    pub offline: bool,
}

/// One loan's schedule, now or as last kept.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ScheduleView {
    /// Every instalment in order.
    pub items: Vec<InstalmentInfo>,
    /// When the bank sent it, Unix seconds.
    pub fetched_at: i64,
    /// True when the kept schedule is shown.
    pub offline: bool,
}

/// The loan being paid, as the bank's inquiry showed it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct LoanToPayInfo {
    /// Its number.
    pub loan_number: String,
    /// The holder, masked as banks show it.
    pub holder_name_masked: String,
    /// The loan's type.
    pub loan_type: String,
    /// The lending bank.
    pub bank: BankInfo,
    /// The customer's own loan (an early settlement may be asked).
    pub own: bool,
    /// The unpaid instalments, oldest first.
    pub due: Vec<InstalmentInfo>,
}

impl From<&core::LoanToPay> for LoanToPayInfo {
    fn from(l: &core::LoanToPay) -> Self {
        Self {
            loan_number: l.loan_number.as_str().to_owned(),
            holder_name_masked: l.holder_name_masked.clone(),
            loan_type: l.loan_type.clone(),
            bank: (&l.bank).into(),
            own: l.own,
            due: l.due.iter().map(Into::into).collect(),
        }
    }
}

/// The bank's early-settlement quote.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SettlementQuoteInfo {
    /// Unpaid instalments.
    pub unpaid_rials: u64,
    /// Their penalties.
    pub penalty_rials: u64,
    /// Profit forgiven.
    pub discount_rials: u64,
    /// What settles the loan today.
    pub amount_rials: u64,
    /// Until when, Jalali.
    pub valid_until_jalali: String,
}

impl From<&bank::SettlementQuote> for SettlementQuoteInfo {
    fn from(q: &bank::SettlementQuote) -> Self {
        Self {
            unpaid_rials: q.unpaid_rials,
            penalty_rials: q.penalty_rials,
            discount_rials: q.discount_rials,
            amount_rials: q.amount_rials,
            valid_until_jalali: q.valid_until_jalali.clone(),
        }
    }
}

/// What pays a loan.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum LoanSourceInfo {
    /// An account: the bank's dynamic PIN (or a soft-token code).
    Account {
        /// The bank's id.
        account_id: String,
        /// Title in Persian.
        title_fa: String,
        /// Masked SHEBA.
        sheba_masked: String,
        /// Available balance.
        available_balance_rials: u64,
    },
    /// Another bank's card: its issuer's dynamic PIN, CVV2 and expiry.
    Card {
        /// Its id on this phone.
        card_id: String,
        /// Masked number.
        pan_masked: String,
        /// The issuer's Persian name.
        bank_name_fa: String,
    },
}

impl From<&core::LoanSource> for LoanSourceInfo {
    fn from(s: &core::LoanSource) -> Self {
        match s {
            core::LoanSource::Account {
                account_id,
                title_fa,
                sheba_masked,
                available_balance_rials,
            } => Self::Account {
                account_id: account_id.clone(),
                title_fa: title_fa.clone(),
                sheba_masked: sheba_masked.clone(),
                available_balance_rials: *available_balance_rials,
            },
            core::LoanSource::Card { card } => Self::Card {
                card_id: card.card_id.clone(),
                pan_masked: card.pan_masked.clone(),
                bank_name_fa: card.bank_name_fa.clone(),
            },
        }
    }
}

/// The payment the customer confirmed.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct LoanOrderInfo {
    /// The loan.
    pub loan: LoanToPayInfo,
    /// Instalments paid (0 for a settlement).
    pub instalment_count: u32,
    /// An early settlement.
    pub settlement: bool,
    /// What is debited.
    pub amount_rials: u64,
    /// Grouped in Persian digits.
    pub amount_grouped_fa: String,
    /// In Persian words.
    pub amount_words_fa: String,
    /// The penalties in it.
    pub penalty_rials: u64,
    /// Profit forgiven.
    pub discount_rials: u64,
    /// The source.
    pub source: LoanSourceInfo,
}

impl From<&core::LoanOrder> for LoanOrderInfo {
    fn from(o: &core::LoanOrder) -> Self {
        let (instalment_count, settlement) = match &o.paying {
            core::Paying::Instalments { count } => (*count, false),
            core::Paying::Settlement { .. } => (0, true),
        };
        Self {
            loan: (&o.loan).into(),
            instalment_count,
            settlement,
            amount_rials: o.amount.get(),
            amount_grouped_fa: o.amount_grouped_fa.clone(),
            amount_words_fa: o.amount_words_fa.clone(),
            penalty_rials: o.penalty_rials,
            discount_rials: o.discount_rials,
            source: (&o.source).into(),
        }
    }
}

/// The bank's receipt.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct LoanReceiptInfo {
    /// Trace number.
    pub trace_number: String,
    /// Reference number.
    pub reference_number: String,
    /// The instalments paid.
    pub instalments_paid: Vec<u32>,
    /// Debited in all.
    pub total_debited_rials: u64,
    /// Penalties in it.
    pub penalty_rials: u64,
    /// Profit forgiven.
    pub discount_rials: u64,
    /// What the loan still owes.
    pub remaining_rials: u64,
    /// Settled now.
    pub loan_settled: bool,
    /// The card, masked (card payments).
    pub source_pan_masked: Option<String>,
    /// When, Jalali date and Tehran time.
    pub paid_at_jalali: String,
}

impl From<&core::LoanReceipt> for LoanReceiptInfo {
    fn from(r: &core::LoanReceipt) -> Self {
        Self {
            trace_number: r.trace_number.clone(),
            reference_number: r.reference_number.clone(),
            instalments_paid: r.instalments_paid.clone(),
            total_debited_rials: r.total_debited_rials,
            penalty_rials: r.penalty_rials,
            discount_rials: r.discount_rials,
            remaining_rials: r.remaining_rials,
            loan_settled: r.loan_settled,
            source_pan_masked: r.source_pan_masked.clone(),
            paid_at_jalali: r.paid_at_jalali.clone(),
        }
    }
}

/// The customer's input at a step of the loan payment.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum LoanPaymentInput {
    /// From the list: pay a loan by its number instead.
    PayByNumber,
    /// Picks one of the customer's loans.
    ChooseLoan {
        /// The loan's id.
        loan_id: String,
    },
    /// The loan number as typed (Persian digits and separators allowed).
    EnterLoanNumber {
        /// As typed.
        number: String,
    },
    /// Confirms (or rejects) the holder's masked name.
    ConfirmHolder {
        /// Confirmed.
        confirmed: bool,
    },
    /// Pays the oldest `count` unpaid instalments.
    ChooseInstalments {
        /// How many.
        count: u32,
    },
    /// Asks the bank's early-settlement quote (one's own loan).
    RequestSettlement,
    /// Accepts (or declines) the quote.
    AcceptSettlement {
        /// Accepted.
        accepted: bool,
    },
    /// Picks the account or card that pays.
    ChooseSource {
        /// An account's id or a card's id on this phone.
        source_id: String,
    },
    /// Asks for an SMS dynamic PIN bound to this loan and amount.
    RequestPin,
    /// Pays from the account with the SMS dynamic PIN, exactly once.
    Submit {
        /// The PIN.
        pin: String,
    },
    /// Pays from the account with a code of this phone's soft token, exactly once.
    SubmitWithSoftToken,
    /// Pays from another bank's card, exactly once.
    SubmitCard {
        /// The issuer's dynamic PIN.
        pin: String,
        /// Typed for this payment, never kept.
        cvv2: String,
        /// `YYMM`.
        expiry: String,
    },
    /// A pending payment asks the bank for its outcome.
    Resolve,
}

/// The loan payment, one screen per state.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum LoanPaymentState {
    /// Pick a loan, or pay another's by number.
    ChooseLoan {
        /// The active loans.
        loans: Vec<LoanInfo>,
        /// The last input's problem.
        error: Option<ProblemInfo>,
    },
    /// Type the loan number.
    EnterLoanNumber {
        /// The last input's problem.
        error: Option<ProblemInfo>,
    },
    /// Confirm the holder's masked name.
    ConfirmHolder {
        /// The loan found.
        loan: LoanToPayInfo,
    },
    /// How many instalments (or an early settlement of one's own loan).
    ChooseInstalments {
        /// The loan.
        loan: LoanToPayInfo,
        /// The last input's problem.
        error: Option<ProblemInfo>,
    },
    /// The early-settlement quote, to accept.
    ConfirmSettlement {
        /// The loan.
        loan: LoanToPayInfo,
        /// The quote.
        quote: SettlementQuoteInfo,
    },
    /// Pick the account or card that pays.
    ChooseSource {
        /// The loan.
        loan: LoanToPayInfo,
        /// What it costs.
        amount_rials: u64,
        /// The penalties in it.
        penalty_rials: u64,
        /// Accounts, then other banks' cards.
        sources: Vec<LoanSourceInfo>,
        /// The last input's problem.
        error: Option<ProblemInfo>,
    },
    /// The second factor (and a card's CVV2 and expiry).
    Authorize {
        /// The confirmed payment.
        order: LoanOrderInfo,
        /// The SMS PIN requests.
        pin: PinStatus,
        /// The last attempt's problem.
        error: Option<ProblemInfo>,
    },
    /// Sent; the outcome is being established.
    Pending {
        /// The payment.
        order: LoanOrderInfo,
    },
    /// Paid.
    Succeeded {
        /// The payment.
        order: LoanOrderInfo,
        /// The bank's receipt.
        receipt: LoanReceiptInfo,
    },
    /// Failed: nothing was debited.
    Failed {
        /// Why.
        problem: ProblemInfo,
        /// The payment, when one was confirmed.
        order: Option<LoanOrderInfo>,
    },
}

impl From<&core::LoanPaymentState> for LoanPaymentState {
    fn from(state: &core::LoanPaymentState) -> Self {
        use core::LoanPaymentState as S;
        match state {
            S::ChooseLoan { loans, error } => Self::ChooseLoan {
                loans: loans.iter().map(Into::into).collect(),
                error: problem(error),
            },
            S::EnterLoanNumber { error } => Self::EnterLoanNumber {
                error: problem(error),
            },
            S::ConfirmHolder { loan } => Self::ConfirmHolder { loan: loan.into() },
            S::ChooseInstalments { loan, error } => Self::ChooseInstalments {
                loan: loan.into(),
                error: problem(error),
            },
            S::ConfirmSettlement { loan, quote } => Self::ConfirmSettlement {
                loan: loan.into(),
                quote: quote.into(),
            },
            S::ChooseSource {
                loan,
                amount,
                penalty_rials,
                sources,
                error,
                ..
            } => Self::ChooseSource {
                loan: loan.into(),
                amount_rials: amount.get(),
                penalty_rials: *penalty_rials,
                sources: sources.iter().map(Into::into).collect(),
                error: problem(error),
            },
            S::Authorize { order, pin, error } => Self::Authorize {
                order: order.into(),
                pin: pin.into(),
                error: problem(error),
            },
            S::Pending { order, .. } => Self::Pending {
                order: order.into(),
            },
            S::Succeeded { order, receipt } => Self::Succeeded {
                order: order.into(),
                receipt: receipt.into(),
            },
            S::Failed { problem, order } => Self::Failed {
                problem: problem.into(),
                order: order.as_ref().map(Into::into),
            },
        }
    }
}
