//! The card-to-card journey's states: what each screen shows.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::super::Problem;
use super::super::sms_pin::SmsPinPolicy;
use crate::client::{BankRef, CardLimits, CardToCardLimits};
use crate::ids::CardNumber;
use crate::money::Rials;
use crate::operation::OperationKey;

/// A card that can pay, as the source list shows it: one of the customer's
/// own cards or another bank's card added on this phone.
pub type SourceCard = crate::flows::other_cards::PayingCard;

/// The destination, as the holder inquiry confirmed it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Destination {
    /// The PAN (the saved state is sealed; `Debug` masks it).
    pub pan: CardNumber,
    /// Masked PAN.
    pub pan_masked: String,
    /// Holder's name, shown for confirmation.
    pub holder_name: String,
    /// Issuer.
    pub bank: BankRef,
}

/// The amounts the customer may send now, shown on the amount screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AmountLimits {
    /// Smallest transfer.
    pub min_rials: u64,
    /// Largest transfer.
    pub max_rials: u64,
    /// Left today on this card.
    pub daily_remaining_rials: u64,
    /// Left this month on this card.
    pub monthly_remaining_rials: u64,
    /// Fee of one transfer.
    pub fee_rials: u64,
}

impl AmountLimits {
    /// From the card's limits (or, offline, the bank's config).
    pub fn new(card: Option<&CardLimits>, config: &CardToCardLimits, fee_rials: u64) -> Self {
        match card {
            Some(l) => Self {
                min_rials: l.per_transfer_min_rials,
                max_rials: l.per_transfer_max_rials,
                daily_remaining_rials: l.daily_remaining_rials,
                monthly_remaining_rials: l.monthly_remaining_rials,
                fee_rials,
            },
            None => Self {
                min_rials: config.per_transfer_min_rials,
                max_rials: config.per_transfer_max_rials,
                daily_remaining_rials: config.daily_per_card_rials,
                monthly_remaining_rials: config.monthly_per_card_rials,
                fee_rials,
            },
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
                "مبلغ بیش از سقف یک انتقال است.",
                "The amount is above one transfer's maximum.",
            )
        } else if amount > self.daily_remaining_rials {
            (
                "limit.daily_exceeded",
                "مبلغ از سقف روزانه کارت بیشتر است.",
                "The amount exceeds the card's daily limit.",
            )
        } else if amount > self.monthly_remaining_rials {
            (
                "limit.monthly_exceeded",
                "مبلغ از سقف ماهانه کارت بیشتر است.",
                "The amount exceeds the card's monthly limit.",
            )
        } else {
            return Ok(());
        };
        Err(Problem::new(code, fa, en).at("amount_rials"))
    }
}

/// The payment the customer confirmed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Payment {
    /// Its idempotency key (names the payment for PIN requests and the submit).
    pub idempotency_key: OperationKey,
    /// Source card.
    pub source: SourceCard,
    /// Destination.
    pub destination: Destination,
    /// Amount.
    pub amount: Rials,
    /// Amount grouped in Persian digits.
    pub amount_grouped_fa: String,
    /// Amount in Persian words (the payment page shows both).
    pub amount_words_fa: String,
    /// Fee.
    pub fee: Rials,
}

/// The receipt shown at the end.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Receipt {
    /// `succeeded`, or `reversed` (the destination could not be credited; no money moved).
    pub status: String,
    /// Trace number.
    pub trace_number: String,
    /// Reference number.
    pub reference_number: String,
    /// Amount.
    pub amount_rials: u64,
    /// Fee.
    pub fee_rials: u64,
    /// Net debit.
    pub total_debited_rials: u64,
    /// Holder's name.
    pub destination_holder_name: String,
    /// Masked destination.
    pub destination_pan_masked: String,
    /// When, Jalali date and Tehran time.
    pub created_at_jalali: String,
}

impl Receipt {
    /// From the bank's `CardTransferReceipt`.
    pub fn from_json(json: &Value) -> Option<Self> {
        serde_json::from_value(json.clone()).ok()
    }
}

/// The card-to-card journey, one screen per state.
/// Saved externally tagged (`{"authorize": {..}}`), like every saved journey
/// (see [`LoanPaymentState`](crate::flows::loan_payment::LoanPaymentState)).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CardTransferState {
    /// Pick a source card.
    ChooseSource {
        /// The customer's active cards.
        cards: Vec<SourceCard>,
    },
    /// Type the destination card number.
    EnterDestination {
        /// Chosen source.
        source: SourceCard,
        /// The last input's problem.
        error: Option<Problem>,
    },
    /// Confirm the holder's name and bank.
    ConfirmHolder {
        /// Chosen source.
        source: SourceCard,
        /// The destination found.
        destination: Destination,
    },
    /// Type the amount.
    EnterAmount {
        /// Chosen source.
        source: SourceCard,
        /// Confirmed destination.
        destination: Destination,
        /// What may be sent.
        limits: AmountLimits,
        /// The last input's problem.
        error: Option<Problem>,
    },
    /// Dynamic PIN, CVV2 and expiry.
    Authorize {
        /// The confirmed payment.
        payment: Payment,
        /// The SMS PIN requests.
        pin: SmsPinPolicy,
        /// The last attempt's problem.
        error: Option<Problem>,
    },
    /// Sent; the outcome is being established.
    Pending {
        /// The payment.
        payment: Payment,
        /// The SMS PIN requests made for it, for a resend after a correctable refusal.
        #[serde(default)]
        pin: Option<SmsPinPolicy>,
    },
    /// Done.
    Succeeded {
        /// The payment.
        payment: Payment,
        /// The bank's receipt.
        receipt: Receipt,
    },
    /// Failed: nothing was debited.
    Failed {
        /// Why.
        problem: Problem,
        /// The payment, when one was confirmed.
        payment: Option<Payment>,
    },
}
