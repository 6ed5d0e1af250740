//! Saved destinations: the cards and SHEBAs the customer paid to, with the
//! holder's name the bank's inquiry gave, most recently used first. A
//! transfer's success remembers its destination; the shells offer them for
//! one-tap reuse (the value goes back into the transfer's destination step).

use serde::{Deserialize, Serialize};

use crate::client::local_now;
use crate::flows::{Context, Problem};
use crate::ids::{CardNumber, Sheba};
use crate::store::DestinationKind;

/// A card or SHEBA paid to before (`Debug` masks the number).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Payee {
    /// A card number.
    Card {
        /// The card.
        pan: CardNumber,
    },
    /// A SHEBA.
    Sheba {
        /// The SHEBA.
        sheba: Sheba,
    },
}

impl Payee {
    /// The number as the destination step takes it.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Card { pan } => pan.as_str(),
            Self::Sheba { sheba } => sheba.as_str(),
        }
    }

    /// Masked for display.
    pub fn masked(&self) -> String {
        match self {
            Self::Card { pan } => pan.masked(),
            Self::Sheba { sheba } => sheba.masked(),
        }
    }

    /// The bank's Persian name, from the registry.
    pub fn bank_name_fa(&self) -> Option<&'static str> {
        match self {
            Self::Card { pan } => pan.bank().map(|b| b.name_fa),
            Self::Sheba { sheba } => sheba.bank().map(|b| b.name_fa),
        }
    }
}

/// One saved destination, as the list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedPayee {
    /// The card or SHEBA.
    pub payee: Payee,
    /// Masked for display.
    pub masked: String,
    /// The holder's name.
    pub holder_name: String,
    /// The bank's Persian name, when known.
    pub bank_name_fa: Option<String>,
    /// When it was last paid to, Unix seconds.
    pub last_used_at: i64,
}

/// The saved destinations, most recently used first (a damaged entry is skipped).
pub fn saved_destinations(ctx: &Context) -> Result<Vec<SavedPayee>, Problem> {
    let saved = ctx.store.destinations()?;
    Ok(saved
        .into_iter()
        .filter_map(|d| {
            let payee = match d.kind {
                DestinationKind::Card => Payee::Card {
                    pan: d.value.parse().ok()?,
                },
                DestinationKind::Sheba => Payee::Sheba {
                    sheba: d.value.parse().ok()?,
                },
            };
            Some(SavedPayee {
                masked: payee.masked(),
                bank_name_fa: payee.bank_name_fa().map(str::to_owned),
                payee,
                holder_name: d.holder,
                last_used_at: d.last_used_at,
            })
        })
        .collect())
}

/// Remembers a card paid to (a failure is logged: the receipt matters more).
pub(crate) fn remember_card(ctx: &Context, pan: &CardNumber, holder: &str) {
    remember(ctx, DestinationKind::Card, pan.as_str(), holder);
}

/// Remembers a SHEBA paid to.
pub(crate) fn remember_sheba(ctx: &Context, sheba: &Sheba, holder: &str) {
    remember(ctx, DestinationKind::Sheba, sheba.as_str(), holder);
}

fn remember(ctx: &Context, kind: DestinationKind, value: &str, holder: &str) {
    if let Err(error) = ctx.store.save_destination(kind, value, holder, local_now()) {
        tracing::error!(code = %crate::Coded::code(&error), "destination not saved");
    }
}
