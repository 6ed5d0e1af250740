//! The card block's states, as the screens render them.

use hamrah_core::flows::accounts as core;

use crate::types::{ProblemInfo, problem};

/// Why a card is blocked (the contract's reasons).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
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

impl From<core::BlockReason> for BlockReason {
    fn from(reason: core::BlockReason) -> Self {
        match reason {
            core::BlockReason::Lost => Self::Lost,
            core::BlockReason::Stolen => Self::Stolen,
            core::BlockReason::Damaged => Self::Damaged,
            core::BlockReason::SuspectedFraud => Self::SuspectedFraud,
            core::BlockReason::Other => Self::Other,
        }
    }
}

impl From<BlockReason> for core::BlockReason {
    fn from(reason: BlockReason) -> Self {
        match reason {
            BlockReason::Lost => Self::Lost,
            BlockReason::Stolen => Self::Stolen,
            BlockReason::Damaged => Self::Damaged,
            BlockReason::SuspectedFraud => Self::SuspectedFraud,
            BlockReason::Other => Self::Other,
        }
    }
}

/// A reason as the picker lists it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct BlockReasonOption {
    /// The reason.
    pub reason: BlockReason,
    /// In Persian.
    pub name_fa: String,
}

/// A card that may be blocked (never the full PAN).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct BlockableCard {
    /// The bank's id of the card.
    pub card_id: String,
    /// How every screen names it.
    pub label_fa: String,
    /// Masked PAN.
    pub pan_masked: String,
}

impl From<&core::BlockableCard> for BlockableCard {
    fn from(card: &core::BlockableCard) -> Self {
        Self {
            card_id: card.card_id.clone(),
            label_fa: hamrah_core::flows::display::card_label(&card.bank_name_fa, &card.pan_masked),
            pan_masked: card.pan_masked.clone(),
        }
    }
}

/// The block the customer is asked to confirm.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct BlockOrder {
    /// The card.
    pub card: BlockableCard,
    /// Why.
    pub reason: BlockReason,
    /// Why, in Persian.
    pub reason_fa: String,
}

impl From<&core::BlockOrder> for BlockOrder {
    fn from(order: &core::BlockOrder) -> Self {
        Self {
            card: (&order.card).into(),
            reason: order.reason.into(),
            reason_fa: order.reason.name_fa().to_owned(),
        }
    }
}

/// The bank's receipt of a block.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct BlockReceipt {
    /// The card.
    pub card_id: String,
    /// Masked PAN.
    pub pan_masked: String,
    /// The block's reference number.
    pub reference_number: String,
    /// When, Jalali date and Tehran time.
    pub blocked_at_jalali: String,
}

/// Blocking a card, one screen per state.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum CardBlockState {
    /// Pick the card and the reason.
    ChooseCard {
        /// The customer's active cards.
        cards: Vec<BlockableCard>,
        /// The reasons, in the order to list them.
        reasons: Vec<BlockReasonOption>,
    },
    /// «Block this card? It cannot be undone in the app.»
    Confirm {
        /// The block to confirm.
        order: BlockOrder,
        /// The last attempt's problem (nothing was done).
        error: Option<ProblemInfo>,
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
        problem: ProblemInfo,
        /// The block, when one was confirmed.
        order: Option<BlockOrder>,
    },
}

impl From<&core::CardBlockState> for CardBlockState {
    fn from(state: &core::CardBlockState) -> Self {
        use core::CardBlockState as S;
        match state {
            S::ChooseCard { cards } => Self::ChooseCard {
                cards: cards.iter().map(Into::into).collect(),
                reasons: core::BlockReason::ALL
                    .iter()
                    .map(|r| BlockReasonOption {
                        reason: (*r).into(),
                        name_fa: r.name_fa().to_owned(),
                    })
                    .collect(),
            },
            S::Confirm { order, error } => Self::Confirm {
                order: order.into(),
                error: problem(error),
            },
            S::Pending { order } => Self::Pending {
                order: order.into(),
            },
            S::Blocked { order, receipt } => Self::Blocked {
                order: order.into(),
                receipt: BlockReceipt {
                    card_id: receipt.card_id.clone(),
                    pan_masked: receipt.pan_masked.clone(),
                    reference_number: receipt.reference_number.clone(),
                    blocked_at_jalali: receipt.blocked_at_jalali.clone(),
                },
            },
            S::Failed { problem, order } => Self::Failed {
                problem: problem.into(),
                order: order.as_ref().map(Into::into),
            },
        }
    }
}
