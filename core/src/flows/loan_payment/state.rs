//! The loan payment's states and what each screen shows.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::client::{Account, LoanHolder, LoanSummary, SettlementQuote};
use crate::flows::Problem;
use crate::flows::other_cards::PayingCard;
use crate::flows::sms_pin::SmsPinPolicy;
use crate::ids::Sheba;
use crate::money::Rials;
use crate::operation::OperationKey;

/// The loan being paid, as the bank's inquiry showed it (its number, the
/// holder's masked name, whether it is the customer's own, the unpaid
/// instalments with their penalties): the bank's `LoanHolder` itself, so the
/// phones' library carries one reader for both.
pub type LoanToPay = LoanHolder;

impl LoanToPay {
    /// What the oldest `count` unpaid instalments cost with their penalties.
    pub fn cost_of(&self, count: usize) -> Option<(u64, u64)> {
        let chosen = self.due.get(..count)?;
        let amount: u64 = chosen.iter().map(|i| i.amount_rials).sum();
        let penalty: u64 = chosen.iter().map(|i| i.penalty_rials).sum();
        Some((amount.saturating_add(penalty), penalty))
    }
}

/// What the payment covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Paying {
    /// The oldest unpaid instalments.
    Instalments {
        /// How many.
        count: u32,
    },
    /// The whole loan, at the bank's quote of the day.
    Settlement {
        /// The quote.
        quote: SettlementQuote,
    },
}

/// Where the money comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LoanSource {
    /// One of the customer's accounts: the bank's dynamic PIN (to her
    /// mobile) or a soft-token code.
    Account {
        /// The bank's id of the account.
        account_id: String,
        /// Title in Persian.
        title_fa: String,
        /// Masked SHEBA.
        sheba_masked: String,
        /// Available balance.
        available_balance_rials: u64,
    },
    /// Another bank's card added on this phone: its issuer's dynamic PIN,
    /// CVV2 and expiry.
    Card {
        /// The card.
        card: PayingCard,
    },
}

impl LoanSource {
    /// The id the source list names it by.
    pub fn id(&self) -> &str {
        match self {
            Self::Account { account_id, .. } => account_id,
            Self::Card { card } => &card.card_id,
        }
    }

    pub(super) fn of_account(account: &Account) -> Self {
        Self::Account {
            account_id: account.account_id.clone(),
            title_fa: account.title_fa.clone(),
            sheba_masked: account
                .sheba
                .parse::<Sheba>()
                .map_or_else(|_| String::new(), |s| s.masked()),
            available_balance_rials: account.available_balance_rials,
        }
    }
}

/// The payment the customer confirmed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoanOrder {
    /// Its idempotency key (names the payment for PIN requests and the submit).
    pub idempotency_key: OperationKey,
    /// The loan.
    pub loan: LoanToPay,
    /// What is paid.
    pub paying: Paying,
    /// What is debited.
    pub amount: Rials,
    /// Amount grouped in Persian digits.
    pub amount_grouped_fa: String,
    /// Amount in Persian words.
    pub amount_words_fa: String,
    /// The penalties in it.
    pub penalty_rials: u64,
    /// The profit forgiven (settlement).
    pub discount_rials: u64,
    /// The source.
    pub source: LoanSource,
}

/// The receipt shown at the end (the bank's `LoanPaymentReceipt`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoanReceipt {
    /// The payment's id.
    pub loan_payment_id: String,
    /// `succeeded`.
    pub status: String,
    /// Trace number.
    pub trace_number: String,
    /// Reference number.
    pub reference_number: String,
    /// The loan.
    pub loan_number: String,
    /// Its holder, masked.
    pub holder_name_masked: String,
    /// `instalments` or `settlement`.
    pub paid_kind: String,
    /// The instalments paid.
    pub instalments_paid: Vec<u32>,
    /// Debited.
    pub amount_rials: u64,
    /// Penalties in it.
    pub penalty_rials: u64,
    /// Profit forgiven.
    pub discount_rials: u64,
    /// Debited in all.
    pub total_debited_rials: u64,
    /// What the loan still owes.
    pub remaining_rials: u64,
    /// Whether it is settled now.
    pub loan_settled: bool,
    /// `card` or `account`.
    pub source_kind: String,
    /// The card, masked.
    #[serde(default)]
    pub source_pan_masked: Option<String>,
    /// When, Jalali date and Tehran time.
    pub paid_at_jalali: String,
}

impl LoanReceipt {
    /// From the bank's JSON.
    pub fn from_json(json: &Value) -> Option<Self> {
        serde_json::from_value(json.clone()).ok()
    }
}

/// The loan payment, one screen per state. Saved externally tagged
/// (`{"authorize": {..}}`): serde's internally tagged enums buffer every
/// variant through its generic content type, which costs the phones' library
/// far more code for the same saved state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LoanPaymentState {
    /// Pick one of the customer's active loans, or pay another's by number.
    ChooseLoan {
        /// The active loans.
        loans: Vec<LoanSummary>,
        /// The last input's problem.
        error: Option<Problem>,
    },
    /// Type the loan number (another person's loan, or one's own).
    EnterLoanNumber {
        /// The last input's problem.
        error: Option<Problem>,
    },
    /// Confirm the holder's (masked) name of another person's loan.
    ConfirmHolder {
        /// The loan found.
        loan: LoanToPay,
    },
    /// How many instalments (or, for one's own loan, an early settlement).
    ChooseInstalments {
        /// The loan.
        loan: LoanToPay,
        /// The last input's problem.
        error: Option<Problem>,
    },
    /// The bank's early-settlement quote, to accept.
    ConfirmSettlement {
        /// The loan.
        loan: LoanToPay,
        /// The quote.
        quote: SettlementQuote,
    },
    /// Pick the account or card that pays.
    ChooseSource {
        /// The loan.
        loan: LoanToPay,
        /// What is paid.
        paying: Paying,
        /// What it costs.
        amount: Rials,
        /// The penalties in it.
        penalty_rials: u64,
        /// Accounts, then other banks' cards.
        sources: Vec<LoanSource>,
        /// The last input's problem.
        error: Option<Problem>,
    },
    /// The second factor (and a card's CVV2 and expiry).
    Authorize {
        /// The confirmed payment.
        order: LoanOrder,
        /// The SMS PIN requests.
        pin: SmsPinPolicy,
        /// The last attempt's problem.
        error: Option<Problem>,
    },
    /// Sent; the outcome is being established.
    Pending {
        /// The payment.
        order: LoanOrder,
        /// The SMS PIN requests made for it, for a resend after a correctable refusal.
        #[serde(default)]
        pin: Option<SmsPinPolicy>,
    },
    /// Paid.
    Succeeded {
        /// The payment.
        order: LoanOrder,
        /// The bank's receipt.
        receipt: LoanReceipt,
    },
    /// Failed: nothing was debited.
    Failed {
        /// Why.
        problem: Problem,
        /// The payment, when one was confirmed.
        order: Option<LoanOrder>,
    },
}
