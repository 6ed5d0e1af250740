//! The card-to-card journey's states, as the screens render them.

use hamrah_core::flows::card_transfer as core;

use crate::types::{BankInfo, PinStatus, ProblemInfo, problem};

/// One of the customer's cards, as the source list shows it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SourceCard {
    /// The bank's id of the card.
    pub card_id: String,
    /// How every screen names it (bank and masked PAN).
    pub label_fa: String,
    /// Masked PAN.
    pub pan_masked: String,
    /// Issuer's Persian name.
    pub bank_name_fa: String,
}

impl From<&core::SourceCard> for SourceCard {
    fn from(card: &core::SourceCard) -> Self {
        Self {
            card_id: card.card_id.clone(),
            label_fa: hamrah_core::flows::display::card_label(&card.bank_name_fa, &card.pan_masked),
            pan_masked: card.pan_masked.clone(),
            bank_name_fa: card.bank_name_fa.clone(),
        }
    }
}

/// The destination card, as the holder inquiry confirmed it (masked).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct DestinationCard {
    /// Masked PAN.
    pub pan_masked: String,
    /// Holder's name, shown for confirmation.
    pub holder_name: String,
    /// Issuer.
    pub bank: BankInfo,
}

impl From<&core::Destination> for DestinationCard {
    fn from(destination: &core::Destination) -> Self {
        Self {
            pan_masked: destination.pan_masked.clone(),
            holder_name: destination.holder_name.clone(),
            bank: (&destination.bank).into(),
        }
    }
}

/// What may be sent now.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CardAmountLimits {
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

impl From<&core::AmountLimits> for CardAmountLimits {
    fn from(l: &core::AmountLimits) -> Self {
        Self {
            min_rials: l.min_rials,
            max_rials: l.max_rials,
            daily_remaining_rials: l.daily_remaining_rials,
            monthly_remaining_rials: l.monthly_remaining_rials,
            fee_rials: l.fee_rials,
        }
    }
}

/// The payment the customer confirmed.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CardPayment {
    /// Source card.
    pub source: SourceCard,
    /// Destination.
    pub destination: DestinationCard,
    /// Amount.
    pub amount_rials: u64,
    /// Amount grouped in Persian digits.
    pub amount_grouped_fa: String,
    /// Amount in Persian words.
    pub amount_words_fa: String,
    /// Fee.
    pub fee_rials: u64,
}

impl From<&core::Payment> for CardPayment {
    fn from(p: &core::Payment) -> Self {
        Self {
            source: (&p.source).into(),
            destination: (&p.destination).into(),
            amount_rials: p.amount.get(),
            amount_grouped_fa: p.amount_grouped_fa.clone(),
            amount_words_fa: p.amount_words_fa.clone(),
            fee_rials: p.fee.get(),
        }
    }
}

/// The bank's receipt.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CardReceipt {
    /// `succeeded`, or `reversed` (nothing moved).
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

impl From<&core::Receipt> for CardReceipt {
    fn from(r: &core::Receipt) -> Self {
        Self {
            status: r.status.clone(),
            trace_number: r.trace_number.clone(),
            reference_number: r.reference_number.clone(),
            amount_rials: r.amount_rials,
            fee_rials: r.fee_rials,
            total_debited_rials: r.total_debited_rials,
            destination_holder_name: r.destination_holder_name.clone(),
            destination_pan_masked: r.destination_pan_masked.clone(),
            created_at_jalali: r.created_at_jalali.clone(),
        }
    }
}

/// The card-to-card journey, one screen per state.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
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
        error: Option<ProblemInfo>,
    },
    /// Confirm the holder's name and bank.
    ConfirmHolder {
        /// Chosen source.
        source: SourceCard,
        /// The destination found.
        destination: DestinationCard,
    },
    /// Type the amount.
    EnterAmount {
        /// Chosen source.
        source: SourceCard,
        /// Confirmed destination.
        destination: DestinationCard,
        /// What may be sent.
        limits: CardAmountLimits,
        /// The last input's problem.
        error: Option<ProblemInfo>,
    },
    /// Dynamic PIN, CVV2 and expiry.
    Authorize {
        /// The confirmed payment.
        payment: CardPayment,
        /// The SMS PIN requests.
        pin: PinStatus,
        /// The last attempt's problem.
        error: Option<ProblemInfo>,
    },
    /// Sent; the outcome is being established.
    Pending {
        /// The payment.
        payment: CardPayment,
    },
    /// Done.
    Succeeded {
        /// The payment.
        payment: CardPayment,
        /// The bank's receipt.
        receipt: CardReceipt,
    },
    /// Failed: nothing was debited.
    Failed {
        /// Why.
        problem: ProblemInfo,
        /// The payment, when one was confirmed.
        payment: Option<CardPayment>,
    },
}

impl From<&core::CardTransferState> for CardTransferState {
    fn from(state: &core::CardTransferState) -> Self {
        use core::CardTransferState as S;
        match state {
            S::ChooseSource { cards } => Self::ChooseSource {
                cards: cards.iter().map(Into::into).collect(),
            },
            S::EnterDestination { source, error } => Self::EnterDestination {
                source: source.into(),
                error: problem(error),
            },
            S::ConfirmHolder {
                source,
                destination,
            } => Self::ConfirmHolder {
                source: source.into(),
                destination: destination.into(),
            },
            S::EnterAmount {
                source,
                destination,
                limits,
                error,
            } => Self::EnterAmount {
                source: source.into(),
                destination: destination.into(),
                limits: limits.into(),
                error: problem(error),
            },
            S::Authorize {
                payment,
                pin,
                error,
            } => Self::Authorize {
                payment: payment.into(),
                pin: pin.into(),
                error: problem(error),
            },
            S::Pending { payment, .. } => Self::Pending {
                payment: payment.into(),
            },
            S::Succeeded { payment, receipt } => Self::Succeeded {
                payment: payment.into(),
                receipt: receipt.into(),
            },
            S::Failed { problem, payment } => Self::Failed {
                problem: problem.into(),
                payment: payment.as_ref().map(Into::into),
            },
        }
    }
}
