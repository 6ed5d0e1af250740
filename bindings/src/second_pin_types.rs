//! The second-PIN change's states, as the screens render them. No state
//! holds a PIN.

use hamrah_core::flows::accounts as core;

use crate::card_block_types::BlockableCard;
use crate::types::{ProblemInfo, problem};

/// The bank's receipt of a second-PIN change.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SecondPinReceipt {
    /// The card.
    pub card_id: String,
    /// Masked PAN.
    pub pan_masked: String,
    /// The change's reference number.
    pub reference_number: String,
    /// When, Jalali date and Tehran time.
    pub changed_at_jalali: String,
}

/// Changing a card's second PIN, one screen per state.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum SecondPinState {
    /// Pick the card.
    ChooseCard {
        /// The customer's active cards.
        cards: Vec<BlockableCard>,
    },
    /// Type the current second PIN and the new one twice.
    EnterPins {
        /// The card.
        card: BlockableCard,
        /// The last attempt's problem with its field (`current_pin`,
        /// `new_pin`, `repeat_pin`); nothing was changed.
        error: Option<ProblemInfo>,
    },
    /// Sent; the outcome is being established.
    Pending {
        /// The card.
        card: BlockableCard,
    },
    /// The new second PIN is in force.
    Changed {
        /// The card.
        card: BlockableCard,
        /// The bank's receipt.
        receipt: SecondPinReceipt,
    },
    /// Not changed.
    Failed {
        /// Why.
        problem: ProblemInfo,
        /// The card, when a change was sent.
        card: Option<BlockableCard>,
    },
}

impl From<&core::SecondPinState> for SecondPinState {
    fn from(state: &core::SecondPinState) -> Self {
        use core::SecondPinState as S;
        match state {
            S::ChooseCard { cards } => Self::ChooseCard {
                cards: cards.iter().map(Into::into).collect(),
            },
            S::EnterPins { order, error } => Self::EnterPins {
                card: (&order.card).into(),
                error: problem(error),
            },
            S::Pending { order } => Self::Pending {
                card: (&order.card).into(),
            },
            S::Changed { order, receipt } => Self::Changed {
                card: (&order.card).into(),
                receipt: SecondPinReceipt {
                    card_id: receipt.card_id.clone(),
                    pan_masked: receipt.pan_masked.clone(),
                    reference_number: receipt.reference_number.clone(),
                    changed_at_jalali: receipt.changed_at_jalali.clone(),
                },
            },
            S::Failed { problem, order } => Self::Failed {
                problem: problem.into(),
                card: order.as_ref().map(|o| (&o.card).into()),
            },
        }
    }
}
