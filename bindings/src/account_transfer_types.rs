//! The transfer to an account of this bank: its states, as the screens render them.

use hamrah_core::flows::account_transfer as core;

use crate::sheba_types::SourceAccount;
use crate::types::{BankInfo, PinStatus, ProblemInfo, problem};

/// The destination, as the holder inquiry named it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct DepositDestination {
    /// The account number, masked (`1002****0501`).
    pub account_number_masked: String,
    /// Holder's name, shown for confirmation.
    pub holder_name: String,
    /// The bank (this one).
    pub bank: BankInfo,
}

impl From<&core::DepositDestination> for DepositDestination {
    fn from(d: &core::DepositDestination) -> Self {
        Self {
            account_number_masked: d.account_number_masked.clone(),
            holder_name: d.holder_name.clone(),
            bank: (&d.bank).into(),
        }
    }
}

/// What may be sent (the bank's numbers).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct DepositLimits {
    /// Smallest transfer.
    pub min_rials: u64,
    /// Largest transfer.
    pub max_rials: u64,
    /// Per source account per Tehran day.
    pub daily_rials: u64,
    /// Fee of one transfer.
    pub fee_rials: u64,
    /// The source's available balance.
    pub available_rials: u64,
}

impl From<&core::DepositLimits> for DepositLimits {
    fn from(l: &core::DepositLimits) -> Self {
        Self {
            min_rials: l.min_rials,
            max_rials: l.max_rials,
            daily_rials: l.daily_rials,
            fee_rials: l.fee_rials,
            available_rials: l.available_rials,
        }
    }
}

/// The transfer the customer confirms.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct DepositPayment {
    /// Source account.
    pub source: SourceAccount,
    /// Destination.
    pub destination: DepositDestination,
    /// Amount.
    pub amount_rials: u64,
    /// Amount grouped in Persian digits.
    pub amount_grouped_fa: String,
    /// Amount in Persian words.
    pub amount_words_fa: String,
    /// Fee.
    pub fee_rials: u64,
    /// Amount plus fee.
    pub total_rials: u64,
    /// Free text for the receipt.
    pub description: Option<String>,
}

impl From<&core::DepositPayment> for DepositPayment {
    fn from(p: &core::DepositPayment) -> Self {
        Self {
            source: (&p.source).into(),
            destination: (&p.destination).into(),
            amount_rials: p.amount.get(),
            amount_grouped_fa: p.amount_grouped_fa.clone(),
            amount_words_fa: p.amount_words_fa.clone(),
            fee_rials: p.fee_rials,
            total_rials: p.total_rials,
            description: p.description.clone(),
        }
    }
}

/// The bank's receipt.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct DepositReceipt {
    /// The transfer's id.
    pub transfer_id: String,
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
    /// Holder's name.
    pub destination_holder_name: String,
    /// When, Jalali date and Tehran time.
    pub created_at_jalali: String,
}

impl From<&core::DepositReceipt> for DepositReceipt {
    fn from(r: &core::DepositReceipt) -> Self {
        Self {
            transfer_id: r.transfer_id.clone(),
            trace_number: r.trace_number.clone(),
            reference_number: r.reference_number.clone(),
            amount_rials: r.amount_rials,
            fee_rials: r.fee_rials,
            total_debited_rials: r.total_debited_rials,
            destination_holder_name: r.destination_holder_name.clone(),
            created_at_jalali: r.created_at_jalali.clone(),
        }
    }
}

/// The transfer to an account of this bank, one screen per state.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum AccountTransferState {
    /// Pick a source account.
    ChooseSource {
        /// The customer's active accounts.
        accounts: Vec<SourceAccount>,
    },
    /// Type the destination account number.
    EnterDestination {
        /// Chosen source.
        source: SourceAccount,
        /// The last input's problem.
        error: Option<ProblemInfo>,
    },
    /// Confirm the holder's name.
    ConfirmHolder {
        /// Chosen source.
        source: SourceAccount,
        /// The destination found.
        destination: DepositDestination,
    },
    /// Type the amount.
    EnterAmount {
        /// Chosen source.
        source: SourceAccount,
        /// Confirmed destination.
        destination: DepositDestination,
        /// What may be sent.
        limits: DepositLimits,
        /// The last input's problem.
        error: Option<ProblemInfo>,
    },
    /// Check everything and confirm with the dynamic PIN the bank sends by SMS
    /// (or a soft-token code), bound to this amount and account number.
    Confirm {
        /// The transfer.
        payment: DepositPayment,
        /// The SMS PIN requests.
        pin: PinStatus,
        /// Whether a code of this phone's soft token can confirm instead.
        soft_token_available: bool,
        /// The last attempt's problem.
        error: Option<ProblemInfo>,
    },
    /// Sent; the outcome is being established.
    Pending {
        /// The transfer.
        payment: DepositPayment,
    },
    /// Done: the destination is credited.
    Succeeded {
        /// The transfer.
        payment: DepositPayment,
        /// The bank's receipt.
        receipt: DepositReceipt,
    },
    /// Failed: nothing was debited.
    Failed {
        /// Why.
        problem: ProblemInfo,
        /// The transfer, when one was confirmed.
        payment: Option<DepositPayment>,
    },
}

impl AccountTransferState {
    /// The core's state as the screens render it; `soft_token` says whether
    /// a soft-token code can confirm (the core's `soft_token_available`).
    pub(crate) fn of(state: &core::AccountTransferState, soft_token: bool) -> Self {
        use core::AccountTransferState as S;
        match state {
            S::ChooseSource { accounts } => Self::ChooseSource {
                accounts: accounts.iter().map(Into::into).collect(),
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
            S::Confirm {
                payment,
                pin,
                error,
            } => Self::Confirm {
                payment: payment.into(),
                pin: pin.into(),
                soft_token_available: soft_token,
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

/// What the customer does next on a transfer's screen ([`crate::AccountTransferFlow::act`]).
// No `Debug`: it carries the PIN.
#[derive(Clone, PartialEq, Eq, uniffi::Enum)]
pub enum AccountTransferInput {
    /// Picks the source account.
    ChooseSource {
        /// Its id.
        account_id: String,
    },
    /// The destination account number as typed; then the holder inquiry.
    EnterDestination {
        /// The number.
        account_number: String,
    },
    /// Confirms (or rejects) the holder.
    ConfirmHolder {
        /// Whether the name is the one meant.
        confirmed: bool,
    },
    /// The amount in rials, as typed.
    EnterAmount {
        /// The amount.
        amount: String,
    },
    /// A description for the receipt.
    Describe {
        /// The text (at most 100 characters).
        text: String,
    },
    /// Asks the bank for an SMS dynamic PIN bound to this amount and account number.
    RequestPin,
    /// Sends the transfer with the SMS dynamic PIN, exactly once.
    Submit {
        /// The dynamic PIN.
        pin: String,
    },
    /// Sends the transfer with a code of this phone's soft token, exactly once.
    SubmitWithSoftToken,
    /// A pending transfer asks the bank for its outcome.
    Resolve,
    /// Ends the journey (after the receipt was shown): the saved state is
    /// forgotten; the last state is returned, and any later input is refused
    /// (`flow.finished`).
    Finish,
}
