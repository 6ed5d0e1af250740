//! The card block's states: pick the card and the reason, confirm, then the
//! bank's receipt.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::client::Card;
use crate::flows::Problem;

/// Why a card is blocked (the contract's reasons).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockReason {
    /// The card is lost.
    Lost,
    /// The card was stolen.
    Stolen,
    /// The card is damaged.
    Damaged,
    /// The customer suspects fraud.
    SuspectedFraud,
    /// Another reason.
    Other,
}

impl BlockReason {
    /// Every reason, in the order a screen lists them.
    pub const ALL: [Self; 5] = [
        Self::Lost,
        Self::Stolen,
        Self::Damaged,
        Self::SuspectedFraud,
        Self::Other,
    ];

    /// The contract's value (`lost`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Lost => "lost",
            Self::Stolen => "stolen",
            Self::Damaged => "damaged",
            Self::SuspectedFraud => "suspected_fraud",
            Self::Other => "other",
        }
    }

    /// The reason in Persian.
    pub fn name_fa(self) -> &'static str {
        match self {
            Self::Lost => "مفقودی",
            Self::Stolen => "سرقت",
            Self::Damaged => "خرابی",
            Self::SuspectedFraud => "مشکوک به تقلب",
            Self::Other => "سایر",
        }
    }

    /// The reason in English.
    pub fn name_en(self) -> &'static str {
        match self {
            Self::Lost => "lost",
            Self::Stolen => "stolen",
            Self::Damaged => "damaged",
            Self::SuspectedFraud => "suspected fraud",
            Self::Other => "other",
        }
    }
}

/// An active card of the customer's that a card service (block, second-PIN
/// change) acts on (never the full PAN).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BlockableCard {
    /// The bank's id of the card.
    pub card_id: String,
    /// Masked PAN.
    pub pan_masked: String,
    /// Issuer's Persian name.
    pub bank_name_fa: String,
}

impl From<&Card> for BlockableCard {
    fn from(card: &Card) -> Self {
        Self {
            card_id: card.card_id.clone(),
            pan_masked: card.pan_masked.clone(),
            bank_name_fa: card.bank.name_fa.clone(),
        }
    }
}

/// The block the customer is asked to confirm.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BlockOrder {
    /// Its idempotency key (the same over HTTPS and SMS).
    pub idempotency_key: crate::operation::OperationKey,
    /// The card.
    pub card: BlockableCard,
    /// Why.
    pub reason: BlockReason,
}

/// The bank's `CardBlockReceipt`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BlockReceipt {
    /// The card.
    pub card_id: String,
    /// Masked PAN.
    pub pan_masked: String,
    /// `blocked`.
    pub state: String,
    /// The reason the bank recorded (an earlier block's, if the card already was).
    pub reason: String,
    /// The block's reference number.
    pub reference_number: String,
    /// When, RFC 3339.
    pub blocked_at: String,
    /// When, Jalali date and Tehran time.
    pub blocked_at_jalali: String,
}

impl BlockReceipt {
    /// From the bank's reply.
    pub fn from_json(json: &Value) -> Option<Self> {
        serde_json::from_value(json.clone()).ok()
    }
}

/// The card block, one screen per state.
/// Saved externally tagged (`{"authorize": {..}}`), like every saved journey
/// (see [`LoanPaymentState`](crate::flows::loan_payment::LoanPaymentState)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CardBlockState {
    /// Pick the card (and then the reason).
    ChooseCard {
        /// The customer's active cards.
        cards: Vec<BlockableCard>,
    },
    /// "Block this card? It cannot be undone in the app."
    Confirm {
        /// The block to confirm.
        order: BlockOrder,
        /// The last attempt's problem (nothing was done).
        error: Option<Problem>,
    },
    /// Sent; the outcome is being established.
    Pending {
        /// The block.
        order: BlockOrder,
    },
    /// The card is blocked.
    Blocked {
        /// The block.
        order: BlockOrder,
        /// The bank's receipt.
        receipt: BlockReceipt,
    },
    /// Not blocked.
    Failed {
        /// Why.
        problem: Problem,
        /// The block, when one was confirmed.
        order: Option<BlockOrder>,
    },
}
