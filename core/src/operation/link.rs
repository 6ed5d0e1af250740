//! [`Link`]: what an operation's second factor and device signature are
//! bound to (PSD2 "dynamic linking"), carried typed from the flow that made
//! it to every place that binds it.

use crate::client::signing::DynamicLink;
use crate::ids::{Payee, SayadId};
use crate::money::Rials;

/// The amount and payee of a payment, or the card of a block order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Link {
    /// A payment of `amount` to `payee`.
    Payment {
        /// The amount.
        amount: Rials,
        /// Where it goes.
        payee: Payee,
    },
    /// Blocking the card with this bank id (no amount).
    CardBlock {
        /// The bank's id of the card.
        card_id: String,
    },
    /// Changing the second PIN of the card with this bank id (no amount).
    SecondPinChange {
        /// The bank's id of the card.
        card_id: String,
    },
    /// Accepting (or refusing) a cheque received (no amount moves now).
    ChequeResponse {
        /// The cheque.
        sayad_id: SayadId,
        /// True to accept, false to refuse.
        accept: bool,
    },
}

impl Link {
    /// A payment's link.
    pub fn payment(amount: Rials, payee: Payee) -> Self {
        Self::Payment { amount, payee }
    }

    /// The two lines a request signature covers: decimal rials and the
    /// canonical payee (`card_block:{card_id}` with amount `0` for a block,
    /// `second_pin:{card_id}` with amount `0` for a second-PIN change,
    /// `cheque_accept:{sayad_id}` or `cheque_refuse:{sayad_id}` with amount
    /// `0` for a cheque's answer).
    pub fn lines(&self) -> DynamicLink {
        match self {
            Self::Payment { amount, payee } => DynamicLink {
                amount: amount.get().to_string(),
                payee: payee.canonical(),
            },
            Self::CardBlock { card_id } => DynamicLink {
                amount: "0".to_owned(),
                payee: format!("card_block:{card_id}"),
            },
            Self::SecondPinChange { card_id } => DynamicLink {
                amount: "0".to_owned(),
                payee: format!("second_pin:{card_id}"),
            },
            Self::ChequeResponse { sayad_id, accept } => DynamicLink {
                amount: "0".to_owned(),
                payee: format!(
                    "{}:{}",
                    if *accept {
                        "cheque_accept"
                    } else {
                        "cheque_refuse"
                    },
                    sayad_id.as_str()
                ),
            },
        }
    }
}
