//! The paying card, reusable by every card payment (card-to-card, bills,
//! loans, and the top-up): one of the customer's own cards, named to the
//! bank by its id, or another bank's card she added, named by its number
//! (`{"pan": ...}`, as the contract's `CardRef` allows). The dynamic PIN is
//! asked for the same card ([`PayingCard::pin_source`]): its issuer sends it.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::{Context, OtherCard, Problem, list};
use crate::client::{Card, PinSource};
use crate::ids::CardNumber;

/// A card that can pay, as a source list shows it (`Debug` masks the number).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PayingCard {
    /// The bank's id of an own card, or this phone's id of another bank's card.
    pub card_id: String,
    /// Masked number.
    pub pan_masked: String,
    /// The issuer's Persian name.
    pub bank_name_fa: String,
    /// Another bank's card: its number (the bank has no id for it) and label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other: Option<OtherCardRef>,
}

/// What names another bank's card in a payment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OtherCardRef {
    /// The number.
    pub pan: CardNumber,
    /// The customer's label.
    pub label: String,
}

impl PayingCard {
    /// One of the customer's own cards.
    pub fn own(card: &Card) -> Self {
        Self {
            card_id: card.card_id.clone(),
            pan_masked: card.pan_masked.clone(),
            bank_name_fa: card.bank.name_fa.clone(),
            other: None,
        }
    }

    /// A card of another bank added on this phone.
    pub fn other(card: &OtherCard) -> Self {
        Self {
            card_id: card.id.clone(),
            pan_masked: card.pan_masked.clone(),
            bank_name_fa: card.bank_name_fa.clone(),
            other: Some(OtherCardRef {
                pan: card.pan.clone(),
                label: card.label.clone(),
            }),
        }
    }

    /// The contract's `CardRef`: `{"card_id"}` for an own card, `{"pan"}` for another bank's.
    pub fn card_ref(&self) -> Value {
        match &self.other {
            Some(other) => json!({"pan": other.pan.as_str()}),
            None => json!({"card_id": self.card_id}),
        }
    }

    /// Who sends this card's dynamic PIN: the request names the same card.
    pub fn pin_source(&self) -> PinSource {
        match &self.other {
            Some(other) => PinSource::Pan(other.pan.clone()),
            None => PinSource::Card(self.card_id.clone()),
        }
    }

    /// Whether this is another bank's card.
    pub fn is_other_bank(&self) -> bool {
        self.other.is_some()
    }
}

/// The cards that can pay: the customer's active own cards (from the
/// bank's `cards`, already fetched) then the other banks' cards on this phone.
pub fn paying_cards(ctx: &Context, own: &[Card]) -> Result<Vec<PayingCard>, Problem> {
    let own = own
        .iter()
        .filter(|c| c.state == "active")
        .map(PayingCard::own);
    let others = list(ctx)?;
    Ok(own.chain(others.iter().map(PayingCard::other)).collect())
}
