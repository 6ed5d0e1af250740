//! The second-PIN change's states: pick the card, type the current PIN and
//! the new one twice, then the bank's receipt. No state holds a PIN.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::block_state::BlockableCard;
use crate::flows::Problem;
use crate::operation::OperationKey;

/// The change the customer is typing PINs for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecondPinOrder {
    /// Its idempotency key.
    pub idempotency_key: OperationKey,
    /// The card.
    pub card: BlockableCard,
}

/// The bank's `SecondPinChangeReceipt`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecondPinReceipt {
    /// The card.
    pub card_id: String,
    /// Masked PAN.
    pub pan_masked: String,
    /// The change's reference number.
    pub reference_number: String,
    /// When, RFC 3339.
    pub changed_at: String,
    /// When, Jalali date and Tehran time.
    pub changed_at_jalali: String,
}

impl SecondPinReceipt {
    /// From the bank's reply.
    pub fn from_json(json: &Value) -> Option<Self> {
        serde_json::from_value(json.clone()).ok()
    }
}

/// The second-PIN change, one screen per state; saved externally tagged
/// like every journey.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SecondPinState {
    /// Pick the card.
    ChooseCard {
        /// The customer's active cards.
        cards: Vec<BlockableCard>,
    },
    /// Type the current second PIN and the new one twice.
    EnterPins {
        /// The change.
        order: SecondPinOrder,
        /// The last attempt's problem, with the field it is about (nothing
        /// was changed): a wrong current PIN says how many tries are left.
        error: Option<Problem>,
    },
    /// Sent; the outcome is being established.
    Pending {
        /// The change.
        order: SecondPinOrder,
    },
    /// The new second PIN is in force.
    Changed {
        /// The change.
        order: SecondPinOrder,
        /// The bank's receipt.
        receipt: SecondPinReceipt,
    },
    /// Not changed (locked for today, a blocked card, an unenrolled device).
    Failed {
        /// Why.
        problem: Problem,
        /// The change, when one was sent.
        order: Option<SecondPinOrder>,
    },
}
