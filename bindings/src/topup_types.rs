//! The top-up's states, as the screens render them.

use hamrah_core::client as bank;
use hamrah_core::flows::topup as core;

use crate::bill_types::BillSource;
use crate::types::{PinStatus, ProblemInfo, problem};

/// An internet package the bank sells.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct TopupPackage {
    /// The bank's id.
    pub package_id: String,
    /// Its Persian title.
    pub title_fa: String,
    /// Days it lasts.
    pub duration_days: u32,
    /// Megabytes it carries.
    pub volume_mb: u32,
    /// Its price.
    pub price_rials: u64,
}

impl From<&bank::InternetPackage> for TopupPackage {
    fn from(p: &bank::InternetPackage) -> Self {
        Self {
            package_id: p.package_id.as_str().to_owned(),
            title_fa: p.title_fa.clone(),
            duration_days: p.duration_days,
            volume_mb: p.volume_mb,
            price_rials: p.price.get(),
        }
    }
}

/// What an operator's lines can be charged with.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct TopupOffer {
    /// `mci`, `irancell` or `rightel`.
    pub operator_id: String,
    /// Its Persian name.
    pub name_fa: String,
    /// The fixed top-up amounts, ascending.
    pub charge_amounts_rials: Vec<u64>,
    /// The amazing top-up's name here, when sold.
    pub amazing_title_fa: Option<String>,
    /// The internet packages.
    pub packages: Vec<TopupPackage>,
}

impl From<&bank::OperatorOffer> for TopupOffer {
    fn from(o: &bank::OperatorOffer) -> Self {
        Self {
            operator_id: o.operator.id().to_owned(),
            name_fa: o.name_fa.clone(),
            charge_amounts_rials: o.charge_amounts.iter().map(|a| a.get()).collect(),
            amazing_title_fa: o.amazing_title_fa.clone(),
            packages: o.packages.iter().map(Into::into).collect(),
        }
    }
}

/// The line being charged.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct TopupLine {
    /// The number, `09xxxxxxxxx`.
    pub mobile: String,
    /// Masked (`0935***4567`).
    pub mobile_masked: String,
    /// The customer's own number.
    pub own: bool,
    /// The operator charged.
    pub operator_id: String,
    /// Its Persian name.
    pub operator_name_fa: String,
    /// Another operator than the prefix's was chosen (a ported number).
    pub ported: bool,
}

impl From<&core::TopupLine> for TopupLine {
    fn from(l: &core::TopupLine) -> Self {
        Self {
            mobile: l.mobile.as_str().to_owned(),
            mobile_masked: l.mobile_masked.clone(),
            own: l.own,
            operator_id: l.operator.id().to_owned(),
            operator_name_fa: l.operator_name_fa.clone(),
            ported: l.ported(),
        }
    }
}

/// What the customer chose to buy.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct TopupPurchase {
    /// The line.
    pub line: TopupLine,
    /// `charge`, `amazing` or `package`.
    pub product: String,
    /// What the receipt calls it.
    pub title_fa: String,
    /// The package, for a package.
    pub package: Option<TopupPackage>,
    /// The amount.
    pub amount_rials: u64,
    /// Amount grouped in Persian digits.
    pub amount_grouped_fa: String,
    /// Amount in Persian words.
    pub amount_words_fa: String,
}

impl From<&core::Purchase> for TopupPurchase {
    fn from(p: &core::Purchase) -> Self {
        Self {
            line: (&p.line).into(),
            product: p.product.kind().to_owned(),
            title_fa: p.title_fa.clone(),
            package: p.package.as_ref().map(Into::into),
            amount_rials: p.amount.get(),
            amount_grouped_fa: p.amount_grouped_fa.clone(),
            amount_words_fa: p.amount_words_fa.clone(),
        }
    }
}

/// The purchase the customer confirms.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct TopupOrder {
    /// What is bought.
    pub purchase: TopupPurchase,
    /// What pays.
    pub source: BillSource,
    /// The bank's fee.
    pub fee_rials: u64,
    /// Amount plus fee.
    pub total_rials: u64,
}

impl From<&core::TopupOrder> for TopupOrder {
    fn from(o: &core::TopupOrder) -> Self {
        Self {
            purchase: (&o.purchase).into(),
            source: (&o.source).into(),
            fee_rials: o.fee_rials,
            total_rials: o.total_rials,
        }
    }
}

/// The bank's receipt.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct TopupReceipt {
    /// Trace number.
    pub trace_number: String,
    /// Reference number.
    pub reference_number: String,
    /// The operator's reference (شماره پیگیری اپراتور).
    pub operator_reference: String,
    /// The line, masked.
    pub mobile_masked: String,
    /// The operator charged.
    pub operator_id: String,
    /// Amount.
    pub amount_rials: u64,
    /// Fee.
    pub fee_rials: u64,
    /// Debited.
    pub total_debited_rials: u64,
    /// The card, masked (card payments).
    pub source_pan_masked: Option<String>,
    /// When, Jalali date and Tehran time.
    pub created_at_jalali: String,
}

impl From<&core::TopupReceipt> for TopupReceipt {
    fn from(r: &core::TopupReceipt) -> Self {
        Self {
            trace_number: r.trace_number.clone(),
            reference_number: r.reference_number.clone(),
            operator_reference: r.operator_reference.clone(),
            mobile_masked: r.mobile_masked.clone(),
            operator_id: r.operator.clone(),
            amount_rials: r.amount_rials,
            fee_rials: r.fee_rials,
            total_debited_rials: r.total_debited_rials,
            source_pan_masked: r.source_pan_masked.clone(),
            created_at_jalali: r.created_at_jalali.clone(),
        }
    }
}

/// The top-up, one screen per state.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum TopupState {
    /// Type a number, or take the customer's own.
    EnterMobile {
        /// The customer's own number.
        own_mobile: Option<String>,
        /// The last input's problem.
        error: Option<ProblemInfo>,
    },
    /// The line and its operator: pick an amount, an amazing top-up or a package.
    ChooseProduct {
        /// The line.
        line: TopupLine,
        /// The operator's offer (none when the bank sells none of its).
        offer: Option<TopupOffer>,
        /// Every operator sold, for a ported number (`choose_operator`).
        operators: Vec<TopupOffer>,
        /// The last input's problem.
        error: Option<ProblemInfo>,
    },
    /// Pick the account or card that pays.
    ChooseSource {
        /// What is bought.
        purchase: TopupPurchase,
        /// The customer's active accounts and cards.
        sources: Vec<BillSource>,
        /// The last choice's problem.
        error: Option<ProblemInfo>,
    },
    /// Paying from an account: the dynamic PIN the bank sends by SMS (or a soft-token code).
    ConfirmAccount {
        /// The order.
        order: TopupOrder,
        /// The SMS PIN requests.
        pin: PinStatus,
        /// Whether a code of this phone's soft token can pay instead.
        soft_token_available: bool,
        /// The last attempt's problem.
        error: Option<ProblemInfo>,
    },
    /// Paying by card: dynamic PIN, CVV2 and expiry.
    Authorize {
        /// The order.
        order: TopupOrder,
        /// The SMS PIN requests.
        pin: PinStatus,
        /// Whether the card's soft token on this phone can pay instead.
        soft_token_available: bool,
        /// The last attempt's problem.
        error: Option<ProblemInfo>,
    },
    /// Sent; the outcome is being established.
    Pending {
        /// The order.
        order: TopupOrder,
    },
    /// Bought.
    Succeeded {
        /// The order.
        order: TopupOrder,
        /// The bank's receipt.
        receipt: TopupReceipt,
    },
    /// Failed: nothing was debited.
    Failed {
        /// Why.
        problem: ProblemInfo,
        /// The order, when one was confirmed.
        order: Option<TopupOrder>,
    },
}

impl TopupState {
    /// The core's state as the screens render it; `soft_token` says whether
    /// a soft-token code can pay (the core's `Topup::soft_token_available`).
    pub(crate) fn of(state: &core::TopupState, soft_token: bool) -> Self {
        use core::TopupState as S;
        match state {
            S::EnterMobile { catalog, error } => Self::EnterMobile {
                own_mobile: catalog.own_mobile.as_ref().map(|m| m.as_str().to_owned()),
                error: problem(error),
            },
            S::ChooseProduct {
                catalog,
                line,
                error,
            } => Self::ChooseProduct {
                line: line.into(),
                offer: state.offer().map(Into::into),
                operators: catalog.operators.iter().map(Into::into).collect(),
                error: problem(error),
            },
            S::ChooseSource {
                purchase,
                sources,
                error,
            } => Self::ChooseSource {
                purchase: purchase.into(),
                sources: sources.iter().map(Into::into).collect(),
                error: problem(error),
            },
            S::ConfirmAccount { order, pin, error } => Self::ConfirmAccount {
                order: order.into(),
                pin: pin.into(),
                soft_token_available: soft_token,
                error: problem(error),
            },
            S::Authorize { order, pin, error } => Self::Authorize {
                order: order.into(),
                pin: pin.into(),
                soft_token_available: soft_token,
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

/// A card's printed credentials, for paying by card.
// No `Debug`: it carries the CVV2.
#[derive(Clone, PartialEq, Eq, uniffi::Record)]
pub struct CardCredentials {
    /// CVV2.
    pub cvv2: String,
    /// Expiry as printed, `YYMM` (Jalali).
    pub expiry: String,
}

/// What the customer does next on a top-up's screen ([`crate::TopupFlow::act`]).
// No `Debug`: it carries the PIN or the CVV2.
#[derive(Clone, PartialEq, Eq, uniffi::Enum)]
pub enum TopupInput {
    /// The number as typed (or the customer's own); its operator is proposed.
    EnterMobile {
        /// The number.
        mobile: String,
    },
    /// Another operator for a ported number (`mci`, `irancell`, `rightel`).
    ChooseOperator {
        /// The operator's id.
        operator_id: String,
    },
    /// One of the operator's amounts, as typed or tapped.
    ChooseCharge {
        /// The amount in rials.
        amount: String,
        /// The operator's amazing top-up instead of a direct one.
        amazing: bool,
    },
    /// An internet package of the operator's.
    ChoosePackage {
        /// The bank's id of the package.
        package_id: String,
    },
    /// The account or card that pays.
    ChooseSource {
        /// Its id.
        source_id: String,
    },
    /// Asks for an SMS dynamic PIN bound to this purchase.
    RequestPin,
    /// Pays with the SMS dynamic PIN, exactly once (`card` when a card pays).
    Pay {
        /// The dynamic PIN.
        pin: String,
        /// The card's CVV2 and expiry, when a card pays.
        card: Option<CardCredentials>,
    },
    /// Pays with a code of this phone's soft token, exactly once.
    PayWithSoftToken {
        /// The card's CVV2 and expiry, when a card pays.
        card: Option<CardCredentials>,
    },
    /// A pending purchase asks the bank for its outcome.
    Resolve,
    /// Ends the journey (after the receipt was shown): the saved state is
    /// forgotten; the last state is returned, and any later input is refused
    /// (`flow.finished`).
    Finish,
}
