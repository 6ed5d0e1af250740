//! The Sayad cheques' records, as the screens render them (enums of the
//! contract travel as their stable names: `pending_acceptance`, `white`, ...).

use hamrah_core::client as core;
use hamrah_core::flows::cheques as flows;

use crate::types::{BankInfo, PinStatus, ProblemInfo, problem};

/// A registered cheque's status, with its issuer's standing.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ChequeInfo {
    /// Sayad ID, 16 digits.
    pub sayad_id: String,
    /// Printed series/serial.
    pub serial: String,
    /// `pending_acceptance`, `accepted`, `refused`, `paid` or `bounced`.
    pub status: String,
    /// The status in Persian.
    pub status_fa: String,
    /// Amount.
    pub amount_rials: u64,
    /// Due date, Jalali.
    pub due_date_jalali: String,
    /// Description.
    pub description: Option<String>,
    /// The issuer's name.
    pub issuer_name_fa: String,
    /// The issuer's bank.
    pub issuer_bank: BankInfo,
    /// The issuer's colour code: `white`, `yellow`, `orange`, `brown` or `red`.
    pub colour: String,
    /// The colour in Persian.
    pub colour_fa: String,
    /// What it means, in Persian.
    pub colour_meaning_fa: String,
    /// Whether the screen warns before accepting (anything but white).
    pub colour_warns: bool,
    /// The issuer's returned cheques not cleared.
    pub returned_count: u64,
    /// Holders (or payees), masked.
    pub holders_masked: Vec<String>,
    /// Who still has to confirm, masked.
    pub pending_masked: Vec<String>,
    /// `issuer`, `pending`, `holder` or `none`.
    pub role: String,
    /// When it was presented, if it was.
    pub presented_at_jalali: Option<String>,
}

fn role(role: core::ChequeRole) -> &'static str {
    match role {
        core::ChequeRole::Issuer => "issuer",
        core::ChequeRole::Pending => "pending",
        core::ChequeRole::Holder => "holder",
        core::ChequeRole::None => "none",
    }
}

impl From<&core::Cheque> for ChequeInfo {
    fn from(c: &core::Cheque) -> Self {
        let colour = c.issuer.standing.colour;
        Self {
            sayad_id: c.sayad_id.as_str().to_owned(),
            serial: c.serial.canonical(),
            status: c.status.id().to_owned(),
            status_fa: c.status.name_fa().to_owned(),
            amount_rials: c.amount_rials,
            due_date_jalali: c.due_date_jalali.clone(),
            description: c.description.clone(),
            issuer_name_fa: c.issuer.name_fa.clone(),
            issuer_bank: (&c.issuer.bank).into(),
            colour: colour.id().to_owned(),
            colour_fa: colour.name_fa().to_owned(),
            colour_meaning_fa: colour.meaning_fa().to_owned(),
            colour_warns: colour.warns(),
            returned_count: c.issuer.standing.returned_count,
            holders_masked: c.holders_masked.clone(),
            pending_masked: c.pending_masked.clone(),
            role: role(c.role).to_owned(),
            presented_at_jalali: c.presented_at_jalali.clone(),
        }
    }
}

/// One leaf of a cheque book.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ChequeLeafInfo {
    /// Sayad ID.
    pub sayad_id: String,
    /// Printed series/serial.
    pub serial: String,
    /// `unused`, `issued` or `cancelled`.
    pub state: String,
    /// The cheque registered on it.
    pub cheque: Option<ChequeInfo>,
}

/// The customer's cheque books, from the bank or the phone's kept copy.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ChequeBooksInfo {
    /// Every leaf of every book, in order.
    pub leaves: Vec<ChequeLeafInfo>,
    /// The customer's own colour code as an issuer.
    pub own_colour: String,
    /// True when the bank could not be reached.
    pub from_cache: bool,
    /// Why, then.
    pub error: Option<ProblemInfo>,
}

impl From<&flows::ChequeBooksView> for ChequeBooksInfo {
    fn from(view: &flows::ChequeBooksView) -> Self {
        let leaves = view
            .books()
            .iter()
            .flat_map(|b| &b.leaves)
            .map(|l| ChequeLeafInfo {
                sayad_id: l.sayad_id.as_str().to_owned(),
                serial: l.serial.canonical(),
                state: match l.state {
                    core::LeafState::Unused => "unused",
                    core::LeafState::Issued => "issued",
                    core::LeafState::Cancelled => "cancelled",
                }
                .to_owned(),
                cheque: l.cheque.as_ref().map(Into::into),
            })
            .collect();
        Self {
            leaves,
            own_colour: view.standing().colour.id().to_owned(),
            from_cache: view.from_cache,
            error: problem(&view.error),
        }
    }
}

/// The cheques offered to or held by the customer.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ReceivedChequesInfo {
    /// The cheques.
    pub cheques: Vec<ChequeInfo>,
    /// Bounced ones (the home screen's notice).
    pub bounced_count: u32,
    /// True when the bank could not be reached.
    pub from_cache: bool,
    /// Why, then.
    pub error: Option<ProblemInfo>,
}

impl From<&flows::ReceivedCheques> for ReceivedChequesInfo {
    fn from(view: &flows::ReceivedCheques) -> Self {
        Self {
            cheques: view.value.iter().map(Into::into).collect(),
            bounced_count: u32::try_from(view.bounced().count()).unwrap_or(u32::MAX),
            from_cache: view.from_cache,
            error: problem(&view.error),
        }
    }
}

/// The bank's receipt of a cheque operation.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ChequeReceiptInfo {
    /// `register`, `accept`, `refuse` or `transfer`.
    pub action: String,
    /// Sayad ID.
    pub sayad_id: String,
    /// The status after it.
    pub status: String,
    /// Holders (or whom it is offered to), masked.
    pub holders_masked: Vec<String>,
    /// Reference number.
    pub reference_number: String,
    /// When, Jalali date and Tehran time.
    pub at_jalali: String,
}

impl From<&core::ChequeReceipt> for ChequeReceiptInfo {
    fn from(r: &core::ChequeReceipt) -> Self {
        Self {
            action: r.action.clone(),
            sayad_id: r.sayad_id.as_str().to_owned(),
            status: r.status.id().to_owned(),
            holders_masked: r.holders_masked.clone(),
            reference_number: r.reference_number.clone(),
            at_jalali: r.at_jalali.clone(),
        }
    }
}

/// A cheque the customer is registering, as the confirmation shows it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ChequeOrderInfo {
    /// Sayad ID.
    pub sayad_id: String,
    /// Printed series/serial.
    pub serial: String,
    /// Amount.
    pub amount_rials: u64,
    /// Amount grouped in Persian digits.
    pub amount_grouped_fa: String,
    /// Amount in Persian words.
    pub amount_words_fa: String,
    /// Due date in long Persian.
    pub due_date_long_fa: String,
    /// The payees' national IDs.
    pub payees: Vec<String>,
}

impl From<&flows::ChequeOrder> for ChequeOrderInfo {
    fn from(o: &flows::ChequeOrder) -> Self {
        Self {
            sayad_id: o.leaf.sayad_id.as_str().to_owned(),
            serial: o.leaf.serial.canonical(),
            amount_rials: o.amount.get(),
            amount_grouped_fa: o.amount_grouped_fa.clone(),
            amount_words_fa: o.amount_words_fa.clone(),
            due_date_long_fa: o.due_date_long_fa.clone(),
            payees: o.payees.iter().map(|p| p.as_str().to_owned()).collect(),
        }
    }
}

/// Registering a cheque, one screen per state.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum ChequeRegistrationState {
    /// Pick the leaf: the unused leaves' Sayad IDs and serials.
    ChooseLeaf {
        /// Sayad IDs.
        sayad_ids: Vec<String>,
        /// Their serials, in the same order.
        serials: Vec<String>,
    },
    /// Amount, Jalali due date, payees, description.
    EnterDetails {
        /// The leaf's Sayad ID.
        sayad_id: String,
        /// The last input's problem.
        error: Option<ProblemInfo>,
    },
    /// Confirm with the dynamic PIN bound to the amount and Sayad ID.
    Confirm {
        /// The cheque.
        order: ChequeOrderInfo,
        /// The PIN requests.
        pin: PinStatus,
        /// The last attempt's problem.
        error: Option<ProblemInfo>,
    },
    /// Sent; the outcome is being established.
    Pending {
        /// The cheque.
        order: ChequeOrderInfo,
    },
    /// Registered; waiting for the payees.
    Registered {
        /// The cheque.
        order: ChequeOrderInfo,
        /// The bank's receipt.
        receipt: ChequeReceiptInfo,
    },
    /// Not registered.
    Failed {
        /// Why.
        problem: ProblemInfo,
    },
}

impl From<&flows::ChequeRegistrationState> for ChequeRegistrationState {
    fn from(state: &flows::ChequeRegistrationState) -> Self {
        use flows::ChequeRegistrationState as S;
        match state {
            S::ChooseLeaf { leaves } => Self::ChooseLeaf {
                sayad_ids: leaves
                    .iter()
                    .map(|l| l.sayad_id.as_str().to_owned())
                    .collect(),
                serials: leaves.iter().map(|l| l.serial.canonical()).collect(),
            },
            S::EnterDetails { leaf, error } => Self::EnterDetails {
                sayad_id: leaf.sayad_id.as_str().to_owned(),
                error: problem(error),
            },
            S::Confirm { order, pin, error } => Self::Confirm {
                order: order.into(),
                pin: pin.into(),
                error: problem(error),
            },
            S::Pending { order, .. } => Self::Pending {
                order: order.into(),
            },
            S::Registered { order, receipt } => Self::Registered {
                order: order.into(),
                receipt: receipt.into(),
            },
            S::Failed { problem, .. } => Self::Failed {
                problem: problem.into(),
            },
        }
    }
}

/// A received cheque, one screen per state.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum ReceivedChequeState {
    /// The cheque with its issuer's colour code, before any answer.
    Review {
        /// The cheque.
        cheque: ChequeInfo,
        /// The last attempt's problem.
        error: Option<ProblemInfo>,
    },
    /// Confirm a transfer with the dynamic PIN.
    ConfirmTransfer {
        /// The cheque.
        cheque: ChequeInfo,
        /// The new holder's national ID.
        to_national_id: String,
        /// The PIN requests.
        pin: PinStatus,
        /// The last attempt's problem.
        error: Option<ProblemInfo>,
    },
    /// Sent; the outcome is being established.
    Pending {
        /// The cheque.
        cheque: ChequeInfo,
    },
    /// Done.
    Done {
        /// The bank's receipt.
        receipt: ChequeReceiptInfo,
    },
    /// Not done.
    Failed {
        /// Why.
        problem: ProblemInfo,
    },
}

impl From<&flows::ReceivedChequeState> for ReceivedChequeState {
    fn from(state: &flows::ReceivedChequeState) -> Self {
        use flows::ReceivedChequeState as S;
        match state {
            S::Review { cheque, error } => Self::Review {
                cheque: cheque.into(),
                error: problem(error),
            },
            S::ConfirmTransfer { answer, pin, error } => Self::ConfirmTransfer {
                cheque: (&answer.cheque).into(),
                to_national_id: match &answer.action {
                    flows::ChequeAction::Transfer { to, .. } => to.as_str().to_owned(),
                    _ => String::new(),
                },
                pin: pin.into(),
                error: problem(error),
            },
            S::Pending { answer, .. } => Self::Pending {
                cheque: (&answer.cheque).into(),
            },
            S::Done { receipt, .. } => Self::Done {
                receipt: receipt.into(),
            },
            S::Failed { problem, .. } => Self::Failed {
                problem: problem.into(),
            },
        }
    }
}
