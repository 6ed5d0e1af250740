//! The SHEBA transfer's states and what each screen shows.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::settlement::Moment;
use crate::client::{Account, BankRef};
use crate::flows::Problem;
use crate::flows::sms_pin::SmsPinPolicy;
use crate::ids::Sheba;
use crate::money::Rials;
use crate::operation::OperationKey;

/// One of the customer's accounts, as the source list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceAccount {
    /// The bank's id of the account.
    pub account_id: String,
    /// Title in Persian (`حساب جاری`).
    pub title_fa: String,
    /// The account's own SHEBA (shown on request, never logged).
    pub sheba: String,
    /// Masked SHEBA for lists.
    pub sheba_masked: String,
    /// Available balance.
    pub available_balance_rials: u64,
}

impl From<&Account> for SourceAccount {
    fn from(account: &Account) -> Self {
        let sheba_masked = account
            .sheba
            .parse::<Sheba>()
            .map_or_else(|_| String::new(), |s| s.masked());
        Self {
            account_id: account.account_id.clone(),
            title_fa: account.title_fa.clone(),
            sheba: account.sheba.clone(),
            sheba_masked,
            available_balance_rials: account.available_balance_rials,
        }
    }
}

/// The destination, as the holder inquiry confirmed it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShebaDestination {
    /// The SHEBA (`Debug` masks it; the saved state is sealed).
    pub sheba: Sheba,
    /// Masked, for the screen.
    pub sheba_masked: String,
    /// Holder's name, shown for confirmation.
    pub holder_name: String,
    /// The holder's bank.
    pub bank: BankRef,
}

/// PAYA (batched, settles in cycles), SATNA (gross, at once), or, to a SHEBA
/// of this bank, an internal transfer (instant, no cycle, its own limits).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// Automated clearing house: below the bank's PAYA limit.
    Paya,
    /// Real-time gross settlement: from the bank's SATNA minimum.
    Satna,
    /// Within this bank: a SHEBA of this bank, credited at once.
    Internal,
}

impl Method {
    /// The contract's name (`paya`, `satna`).
    pub fn id(self) -> &'static str {
        match self {
            Self::Paya => "paya",
            Self::Satna => "satna",
            Self::Internal => "internal",
        }
    }

    /// Persian name.
    pub fn name_fa(self) -> &'static str {
        match self {
            Self::Paya => "پایا",
            Self::Satna => "ساتنا",
            Self::Internal => "انتقال داخلی (آنی)",
        }
    }

    /// English name.
    pub fn name_en(self) -> &'static str {
        match self {
            Self::Paya => "PAYA",
            Self::Satna => "SATNA",
            Self::Internal => "Internal (instant)",
        }
    }
}

/// What may be sent, shown on the amount screen (all from the bank's config).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShebaLimits {
    /// A PAYA order must be strictly below this.
    pub paya_below_rials: u64,
    /// A SATNA order must be at least this.
    pub satna_min_rials: u64,
    /// Fee of a PAYA order.
    pub paya_fee_rials: u64,
    /// Fee of a SATNA order.
    pub satna_fee_rials: u64,
    /// The source's available balance.
    pub available_rials: u64,
    /// A SHEBA of this bank: the limits of the instant internal transfer,
    /// the only method offered then.
    #[serde(default)]
    pub internal: Option<crate::flows::account_transfer::DepositLimits>,
}

/// One method the amount allows, with its cost and expected settlement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MethodOption {
    /// The method.
    pub method: Method,
    /// Its fee.
    pub fee_rials: u64,
    /// Amount plus fee: what leaves the account.
    pub total_rials: u64,
    /// When the money is expected to arrive (Jalali date, Tehran time).
    pub expected_settlement: Option<Moment>,
}

/// The order the customer is asked to confirm.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShebaPayment {
    /// Its idempotency key.
    pub idempotency_key: OperationKey,
    /// Source account.
    pub source: SourceAccount,
    /// Destination.
    pub destination: ShebaDestination,
    /// Amount.
    pub amount: Rials,
    /// Amount grouped in Persian digits.
    pub amount_grouped_fa: String,
    /// Amount in Persian words.
    pub amount_words_fa: String,
    /// The method and its cost.
    pub option: MethodOption,
    /// SATNA's effective date (Gregorian `YYYY-MM-DD`, Tehran); today when absent.
    pub effective_date: Option<String>,
    /// Free text for the receipt (at most 100 characters).
    pub description: Option<String>,
}

/// The receipt shown at the end.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShebaReceipt {
    /// The transfer's id (for `transfer_get`).
    pub transfer_id: String,
    /// `paya` or `satna`.
    pub method: String,
    /// `accepted`, later `settled` or `returned`.
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
    /// When accepted, Jalali date and Tehran time.
    pub accepted_at_jalali: String,
    /// The effective date, Jalali.
    pub effective_date_jalali: String,
    /// When the bank expects it to settle.
    pub expected_settlement_at: String,
    /// The same, Jalali date and Tehran time.
    pub expected_settlement_at_jalali: String,
}

impl ShebaReceipt {
    /// From the bank's `ShebaTransferReceipt`.
    pub fn from_json(json: &Value) -> Option<Self> {
        serde_json::from_value(json.clone()).ok()
    }

    /// The expected settlement, shown the Iranian way.
    pub fn expected_settlement(&self) -> Option<Moment> {
        Moment::parse(&self.expected_settlement_at)
    }
}

/// The SHEBA transfer, one screen per state.
/// Saved externally tagged (`{"authorize": {..}}`), like every saved journey
/// (see [`LoanPaymentState`](crate::flows::loan_payment::LoanPaymentState)).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ShebaTransferState {
    /// Pick a source account.
    ChooseSource {
        /// The customer's active accounts.
        accounts: Vec<SourceAccount>,
    },
    /// Type the destination SHEBA.
    EnterSheba {
        /// Chosen source.
        source: SourceAccount,
        /// The last input's problem.
        error: Option<Problem>,
    },
    /// Confirm the holder's name and bank.
    ConfirmHolder {
        /// Chosen source.
        source: SourceAccount,
        /// The destination found.
        destination: ShebaDestination,
    },
    /// Type the amount.
    EnterAmount {
        /// Chosen source.
        source: SourceAccount,
        /// Confirmed destination.
        destination: ShebaDestination,
        /// What may be sent.
        limits: ShebaLimits,
        /// The last input's problem.
        error: Option<Problem>,
    },
    /// Both methods are allowed for this amount: pick one.
    ChooseMethod {
        /// Chosen source.
        source: SourceAccount,
        /// Confirmed destination.
        destination: ShebaDestination,
        /// The amount.
        amount: Rials,
        /// The methods allowed.
        options: Vec<MethodOption>,
    },
    /// Check everything (amount in digits and words, method, fee, settlement)
    /// and confirm with the dynamic PIN the bank sends by SMS (or a
    /// soft-token code), bound to this amount and SHEBA.
    Confirm {
        /// The order.
        payment: ShebaPayment,
        /// The SMS PIN requests.
        pin: SmsPinPolicy,
        /// The last attempt's problem.
        error: Option<Problem>,
    },
    /// Sent; the outcome is being established.
    Pending {
        /// The order.
        payment: ShebaPayment,
        /// The SMS PIN requests, for a resend after a correctable refusal.
        #[serde(default)]
        pin: Option<SmsPinPolicy>,
    },
    /// Accepted by the bank.
    Succeeded {
        /// The order.
        payment: ShebaPayment,
        /// The bank's receipt.
        receipt: ShebaReceipt,
    },
    /// Failed: nothing was debited.
    Failed {
        /// Why.
        problem: Problem,
        /// The order, when one was confirmed.
        payment: Option<ShebaPayment>,
    },
}
