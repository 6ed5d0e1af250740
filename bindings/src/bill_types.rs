//! The bill payment's states, as the screens render them.

use hamrah_core::flows::bill_payment as core;
use hamrah_core::flows::display;

use crate::types::{PinStatus, ProblemInfo, problem};

/// A bill as parsed locally and confirmed by the biller.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct BillInfo {
    /// The bill ID.
    pub bill_id: String,
    /// The payment ID.
    pub payment_id: String,
    /// `water`, `electricity`, ...
    pub bill_type: String,
    /// The type in Persian.
    pub bill_type_fa: String,
    /// The amount due.
    pub amount_rials: u64,
    /// Amount grouped in Persian digits.
    pub amount_grouped_fa: String,
    /// Amount in Persian words.
    pub amount_words_fa: String,
    /// The biller in Persian.
    pub biller_name_fa: String,
    /// The billing period, as the biller names it.
    pub period_fa: Option<String>,
    /// When it was paid (Jalali date, Tehran time), if it was.
    pub paid_at_jalali: Option<String>,
}

impl From<&core::BillInfo> for BillInfo {
    fn from(b: &core::BillInfo) -> Self {
        Self {
            bill_id: b.bill.bill_id().to_owned(),
            payment_id: b.bill.payment_id().to_owned(),
            bill_type: b.bill_type.clone(),
            bill_type_fa: b.bill_type_fa.clone(),
            amount_rials: b.amount.get(),
            amount_grouped_fa: b.amount_grouped_fa.clone(),
            amount_words_fa: b.amount_words_fa.clone(),
            biller_name_fa: b.biller_name_fa.clone(),
            period_fa: b.period_fa.clone(),
            paid_at_jalali: b.paid_at_jalali.clone(),
        }
    }
}

/// Where the money comes from.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum BillSource {
    /// An account: no PIN needed.
    Account {
        /// The bank's id of the account.
        account_id: String,
        /// Title in Persian.
        title_fa: String,
        /// Masked SHEBA.
        sheba_masked: String,
        /// Available balance.
        available_balance_rials: u64,
        /// How every screen names it.
        label_fa: String,
    },
    /// A card: SMS dynamic PIN, CVV2 and expiry.
    Card {
        /// The bank's id of the card.
        card_id: String,
        /// Masked PAN.
        pan_masked: String,
        /// Issuer's Persian name.
        bank_name_fa: String,
        /// How every screen names it.
        label_fa: String,
    },
}

impl From<&core::BillSource> for BillSource {
    fn from(s: &core::BillSource) -> Self {
        match s {
            core::BillSource::Account {
                account_id,
                title_fa,
                sheba_masked,
                available_balance_rials,
            } => Self::Account {
                account_id: account_id.clone(),
                title_fa: title_fa.clone(),
                sheba_masked: sheba_masked.clone(),
                available_balance_rials: *available_balance_rials,
                label_fa: display::account_label(title_fa, sheba_masked),
            },
            core::BillSource::Card {
                card_id,
                pan_masked,
                bank_name_fa,
                ..
            } => Self::Card {
                card_id: card_id.clone(),
                pan_masked: pan_masked.clone(),
                bank_name_fa: bank_name_fa.clone(),
                label_fa: display::card_label(bank_name_fa, pan_masked),
            },
        }
    }
}

/// The payment the customer confirms.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct BillOrder {
    /// The bill.
    pub bill: BillInfo,
    /// The source.
    pub source: BillSource,
    /// The bank's fee.
    pub fee_rials: u64,
    /// Amount plus fee.
    pub total_rials: u64,
}

impl From<&core::BillOrder> for BillOrder {
    fn from(o: &core::BillOrder) -> Self {
        Self {
            bill: (&o.bill).into(),
            source: (&o.source).into(),
            fee_rials: o.fee_rials,
            total_rials: o.total_rials,
        }
    }
}

/// The bank's receipt.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct BillReceipt {
    /// The payment's id.
    pub bill_payment_id: String,
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
    /// `card` or `account`.
    pub source_kind: String,
    /// When, Jalali date and Tehran time.
    pub paid_at_jalali: String,
}

impl From<&core::BillReceipt> for BillReceipt {
    fn from(r: &core::BillReceipt) -> Self {
        Self {
            bill_payment_id: r.bill_payment_id.clone(),
            trace_number: r.trace_number.clone(),
            reference_number: r.reference_number.clone(),
            amount_rials: r.amount_rials,
            fee_rials: r.fee_rials,
            total_debited_rials: r.total_debited_rials,
            source_kind: r.source_kind.clone(),
            paid_at_jalali: r.paid_at_jalali.clone(),
        }
    }
}

/// The bill payment, one screen per state.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum BillPaymentState {
    /// Type (or scan) the bill ID and payment ID.
    EnterBill {
        /// The last input's problem.
        error: Option<ProblemInfo>,
    },
    /// Already paid: nothing to do.
    AlreadyPaid {
        /// The bill.
        bill: BillInfo,
    },
    /// Pick what pays it.
    ChooseSource {
        /// The bill.
        bill: BillInfo,
        /// The customer's active accounts and cards.
        sources: Vec<BillSource>,
        /// The last choice's problem.
        error: Option<ProblemInfo>,
    },
    /// Paying from an account: confirm with the dynamic PIN the bank sends
    /// by SMS (or a soft-token code), bound to this bill.
    ConfirmAccount {
        /// The payment.
        order: BillOrder,
        /// The SMS PIN requests.
        pin: PinStatus,
        /// The last attempt's problem.
        error: Option<ProblemInfo>,
    },
    /// Paying by card: dynamic PIN, CVV2 and expiry.
    Authorize {
        /// The payment.
        order: BillOrder,
        /// The SMS PIN requests.
        pin: PinStatus,
        /// The last attempt's problem.
        error: Option<ProblemInfo>,
    },
    /// Sent; the outcome is being established.
    Pending {
        /// The payment.
        order: BillOrder,
    },
    /// Paid.
    Succeeded {
        /// The payment.
        order: BillOrder,
        /// The bank's receipt.
        receipt: BillReceipt,
    },
    /// Failed: nothing was debited.
    Failed {
        /// Why.
        problem: ProblemInfo,
        /// The payment, when one was confirmed.
        order: Option<BillOrder>,
    },
}

impl From<&core::BillPaymentState> for BillPaymentState {
    fn from(state: &core::BillPaymentState) -> Self {
        use core::BillPaymentState as S;
        match state {
            S::EnterBill { error } => Self::EnterBill {
                error: problem(error),
            },
            S::AlreadyPaid { bill } => Self::AlreadyPaid { bill: bill.into() },
            S::ChooseSource {
                bill,
                sources,
                error,
            } => Self::ChooseSource {
                bill: bill.into(),
                sources: sources.iter().map(Into::into).collect(),
                error: problem(error),
            },
            S::ConfirmAccount { order, pin, error } => Self::ConfirmAccount {
                order: order.into(),
                pin: pin.into(),
                error: problem(error),
            },
            S::Authorize { order, pin, error } => Self::Authorize {
                order: order.into(),
                pin: pin.into(),
                error: problem(error),
            },
            S::Pending { order, .. } => Self::Pending {
                order: order.into(),
            },
            S::Succeeded { order, receipt } => Self::Succeeded {
                order: order.into(),
                receipt: receipt.into(),
            },
            S::Failed { problem, order } => Self::Failed {
                problem: problem.into(),
                order: order.as_ref().map(Into::into),
            },
        }
    }
}
