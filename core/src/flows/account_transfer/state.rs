//! The transfer to an account of this bank: its states and what each screen shows.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::client::{AccountTransferLimits, BankRef};
use crate::flows::Problem;
use crate::flows::sheba_transfer::SourceAccount;
use crate::flows::sms_pin::SmsPinPolicy;
use crate::ids::AccountNumber;
use crate::money::Rials;
use crate::operation::OperationKey;

/// The destination, as the holder inquiry named it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DepositDestination {
    /// The account number (`Debug` masks it; the saved state is sealed).
    pub account_number: AccountNumber,
    /// Masked, for lists (`1002****0501`).
    pub account_number_masked: String,
    /// Holder's name, shown for confirmation.
    pub holder_name: String,
    /// The bank (this one).
    pub bank: BankRef,
}

/// What may be sent, shown on the amount screen (the bank's numbers).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DepositLimits {
    /// Smallest transfer.
    pub min_rials: u64,
    /// Largest transfer.
    pub max_rials: u64,
    /// Per source account per Tehran day (the bank counts what was used).
    pub daily_rials: u64,
    /// Fee of one transfer.
    pub fee_rials: u64,
    /// The source's available balance.
    pub available_rials: u64,
}

impl DepositLimits {
    /// From the bank's config and the source's balance.
    pub fn new(limits: &AccountTransferLimits, fee_rials: u64, available_rials: u64) -> Self {
        Self {
            min_rials: limits.per_transfer_min_rials,
            max_rials: limits.per_transfer_max_rials,
            daily_rials: limits.daily_per_account_rials,
            fee_rials,
            available_rials,
        }
    }

    /// The limit an amount breaks, if any (codes as the bank's).
    pub fn check(&self, amount: u64) -> Result<(), Problem> {
        let (code, fa, en) = if amount < self.min_rials {
            (
                "limit.per_transfer_min",
                "مبلغ کمتر از حداقل مجاز است.",
                "The amount is below the minimum.",
            )
        } else if amount > self.max_rials {
            (
                "limit.per_transfer_max",
                "مبلغ بیش از سقف یک انتقال به سپرده است.",
                "The amount is above one transfer's maximum.",
            )
        } else if amount > self.daily_rials {
            (
                "limit.daily_exceeded",
                "مبلغ از سقف روزانه انتقال از این حساب بیشتر است.",
                "The amount exceeds this account's daily limit.",
            )
        } else if amount.saturating_add(self.fee_rials) > self.available_rials {
            (
                "funds.insufficient",
                "موجودی حساب برای این مبلغ کافی نیست.",
                "The available balance does not cover the amount.",
            )
        } else {
            return Ok(());
        };
        Err(Problem::new(code, fa, en).at("amount_rials"))
    }
}

/// The transfer the customer is asked to confirm.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DepositPayment {
    /// Its idempotency key.
    pub idempotency_key: OperationKey,
    /// Source account.
    pub source: SourceAccount,
    /// Destination.
    pub destination: DepositDestination,
    /// Amount.
    pub amount: Rials,
    /// Amount grouped in Persian digits.
    pub amount_grouped_fa: String,
    /// Amount in Persian words.
    pub amount_words_fa: String,
    /// Fee.
    pub fee_rials: u64,
    /// Amount plus fee: what leaves the account.
    pub total_rials: u64,
    /// Free text for the receipt (at most 100 characters).
    pub description: Option<String>,
}

/// The bank's `AccountTransferReceipt`, as far as the screens show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DepositReceipt {
    /// The transfer's id.
    pub transfer_id: String,
    /// `succeeded`.
    pub status: String,
    /// Trace number.
    pub trace_number: String,
    /// Reference number.
    pub reference_number: String,
    /// Amount.
    pub amount_rials: u64,
    /// Fee.
    pub fee_rials: u64,
    /// Debited from the source.
    pub total_debited_rials: u64,
    /// Holder's name.
    pub destination_holder_name: String,
    /// When, Jalali date and Tehran time.
    pub created_at_jalali: String,
}

impl DepositReceipt {
    /// From the bank's JSON.
    pub fn from_json(json: &Value) -> Option<Self> {
        serde_json::from_value(json.clone()).ok()
    }
}

/// The transfer to an account of this bank, one screen per state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
// Externally tagged (`{"confirm": {..}}`): read back without serde's content
// buffering, which an internally tagged enum costs the phones' library in code.
#[serde(rename_all = "snake_case")]
pub enum AccountTransferState {
    /// Pick a source account.
    ChooseSource {
        /// The customer's active accounts.
        accounts: Vec<SourceAccount>,
    },
    /// Type the destination account number.
    EnterDestination {
        /// Chosen source.
        source: SourceAccount,
        /// The last input's problem.
        error: Option<Problem>,
    },
    /// Confirm the holder's name.
    ConfirmHolder {
        /// Chosen source.
        source: SourceAccount,
        /// The destination found.
        destination: DepositDestination,
    },
    /// Type the amount.
    EnterAmount {
        /// Chosen source.
        source: SourceAccount,
        /// Confirmed destination.
        destination: DepositDestination,
        /// What may be sent.
        limits: DepositLimits,
        /// The last input's problem.
        error: Option<Problem>,
    },
    /// Check everything (amount in digits and words, holder, fee) and confirm
    /// with the dynamic PIN the bank sends by SMS (or a soft-token code),
    /// bound to this amount and account number.
    Confirm {
        /// The transfer.
        payment: DepositPayment,
        /// The SMS PIN requests.
        pin: SmsPinPolicy,
        /// The last attempt's problem.
        error: Option<Problem>,
    },
    /// Sent; the outcome is being established.
    Pending {
        /// The transfer.
        payment: DepositPayment,
        /// The SMS PIN requests, for a resend after a correctable refusal.
        #[serde(default)]
        pin: Option<SmsPinPolicy>,
    },
    /// Done: the destination is credited.
    Succeeded {
        /// The transfer.
        payment: DepositPayment,
        /// The bank's receipt.
        receipt: DepositReceipt,
    },
    /// Failed: nothing was debited.
    Failed {
        /// Why.
        problem: Problem,
        /// The transfer, when one was confirmed.
        payment: Option<DepositPayment>,
    },
}
