//! The SHEBA transfer's states, as the screens render them.

use hamrah_core::flows::sheba_transfer as core;

use crate::types::{BankInfo, PinStatus, ProblemInfo, problem};

/// One of the customer's accounts, as the source list shows it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SourceAccount {
    /// The bank's id of the account.
    pub account_id: String,
    /// Title in Persian.
    pub title_fa: String,
    /// How every screen names it (title and the SHEBA's last four digits).
    pub label_fa: String,
    /// Masked SHEBA.
    pub sheba_masked: String,
    /// Available balance.
    pub available_balance_rials: u64,
}

impl From<&core::SourceAccount> for SourceAccount {
    fn from(a: &core::SourceAccount) -> Self {
        Self {
            account_id: a.account_id.clone(),
            title_fa: a.title_fa.clone(),
            label_fa: hamrah_core::flows::display::account_label(&a.title_fa, &a.sheba),
            sheba_masked: a.sheba_masked.clone(),
            available_balance_rials: a.available_balance_rials,
        }
    }
}

/// The destination, as the holder inquiry confirmed it (masked).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ShebaDestination {
    /// Masked SHEBA.
    pub sheba_masked: String,
    /// Holder's name, shown for confirmation.
    pub holder_name: String,
    /// The holder's bank.
    pub bank: BankInfo,
}

impl From<&core::ShebaDestination> for ShebaDestination {
    fn from(d: &core::ShebaDestination) -> Self {
        Self {
            sheba_masked: d.sheba_masked.clone(),
            holder_name: d.holder_name.clone(),
            bank: (&d.bank).into(),
        }
    }
}

/// PAYA (batched, in cycles), SATNA (gross, at once) or, to a SHEBA of this
/// bank, internal (instant, no cycle).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum TransferMethod {
    /// PAYA.
    Paya,
    /// SATNA.
    Satna,
    /// Within this bank, at once.
    Internal,
}

impl From<core::Method> for TransferMethod {
    fn from(method: core::Method) -> Self {
        match method {
            core::Method::Paya => Self::Paya,
            core::Method::Satna => Self::Satna,
            core::Method::Internal => Self::Internal,
        }
    }
}

impl From<TransferMethod> for core::Method {
    fn from(method: TransferMethod) -> Self {
        match method {
            TransferMethod::Paya => Self::Paya,
            TransferMethod::Satna => Self::Satna,
            TransferMethod::Internal => Self::Internal,
        }
    }
}

/// A moment shown to the customer: Jalali date and Tehran time.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Moment {
    /// Unix seconds.
    pub at: i64,
    /// `1403/12/11 12:45`.
    pub jalali: String,
    /// The same in Persian digits.
    pub jalali_fa: String,
    /// The long Persian date (`سه‌شنبه ۱۱ اسفند ۱۴۰۳`).
    pub date_long_fa: String,
}

impl From<&core::Moment> for Moment {
    fn from(m: &core::Moment) -> Self {
        Self {
            at: m.at,
            jalali: m.jalali.clone(),
            jalali_fa: m.jalali_fa.clone(),
            date_long_fa: m.date_long_fa.clone(),
        }
    }
}

/// A method the amount allows, with its cost and expected settlement.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct MethodOption {
    /// The method.
    pub method: TransferMethod,
    /// Persian name.
    pub name_fa: String,
    /// Its fee.
    pub fee_rials: u64,
    /// Amount plus fee.
    pub total_rials: u64,
    /// When the money is expected to arrive.
    pub expected_settlement: Option<Moment>,
}

impl From<&core::MethodOption> for MethodOption {
    fn from(o: &core::MethodOption) -> Self {
        Self {
            method: o.method.into(),
            name_fa: o.method.name_fa().to_owned(),
            fee_rials: o.fee_rials,
            total_rials: o.total_rials,
            expected_settlement: o.expected_settlement.as_ref().map(Into::into),
        }
    }
}

/// What may be sent (from the bank's config).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ShebaLimits {
    /// A PAYA order must be strictly below this.
    pub paya_below_rials: u64,
    /// A SATNA order must be at least this.
    pub satna_min_rials: u64,
    /// The source's available balance.
    pub available_rials: u64,
    /// A SHEBA of this bank: the instant internal transfer's largest amount
    /// (then the only method; no PAYA/SATNA fee or cycle).
    pub internal_max_rials: Option<u64>,
}

impl From<&core::ShebaLimits> for ShebaLimits {
    fn from(l: &core::ShebaLimits) -> Self {
        Self {
            paya_below_rials: l.paya_below_rials,
            satna_min_rials: l.satna_min_rials,
            available_rials: l.available_rials,
            internal_max_rials: l.internal.as_ref().map(|i| i.max_rials),
        }
    }
}

/// The order the customer confirms.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ShebaPayment {
    /// Source account.
    pub source: SourceAccount,
    /// Destination.
    pub destination: ShebaDestination,
    /// Amount.
    pub amount_rials: u64,
    /// Amount grouped in Persian digits.
    pub amount_grouped_fa: String,
    /// Amount in Persian words.
    pub amount_words_fa: String,
    /// The method, its cost and expected settlement.
    pub option: MethodOption,
    /// SATNA's effective date (`YYYY-MM-DD`); today when null.
    pub effective_date: Option<String>,
    /// Free text for the receipt.
    pub description: Option<String>,
}

impl From<&core::ShebaPayment> for ShebaPayment {
    fn from(p: &core::ShebaPayment) -> Self {
        Self {
            source: (&p.source).into(),
            destination: (&p.destination).into(),
            amount_rials: p.amount.get(),
            amount_grouped_fa: p.amount_grouped_fa.clone(),
            amount_words_fa: p.amount_words_fa.clone(),
            option: (&p.option).into(),
            effective_date: p.effective_date.clone(),
            description: p.description.clone(),
        }
    }
}

/// The bank's receipt.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ShebaReceipt {
    /// The transfer's id.
    pub transfer_id: String,
    /// `paya` or `satna`.
    pub method: String,
    /// `accepted`, later `settled` or `returned`.
    pub status: String,
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
    /// When accepted, Jalali date and Tehran time.
    pub accepted_at_jalali: String,
    /// When the bank expects it to settle, Jalali date and Tehran time.
    pub expected_settlement_at_jalali: String,
}

impl From<&core::ShebaReceipt> for ShebaReceipt {
    fn from(r: &core::ShebaReceipt) -> Self {
        Self {
            transfer_id: r.transfer_id.clone(),
            method: r.method.clone(),
            status: r.status.clone(),
            trace_number: r.trace_number.clone(),
            reference_number: r.reference_number.clone(),
            amount_rials: r.amount_rials,
            fee_rials: r.fee_rials,
            total_debited_rials: r.total_debited_rials,
            destination_holder_name: r.destination_holder_name.clone(),
            accepted_at_jalali: r.accepted_at_jalali.clone(),
            expected_settlement_at_jalali: r.expected_settlement_at_jalali.clone(),
        }
    }
}

/// The SHEBA transfer, one screen per state.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum ShebaTransferState {
    /// Pick a source account.
    ChooseSource {
        /// The customer's active accounts.
        accounts: Vec<SourceAccount>,
    },
    /// Type the destination SHEBA.
    EnterSheba {
        /// Chosen source.
        source: SourceAccount,
        /// The last input's problem.
        error: Option<ProblemInfo>,
    },
    /// Confirm the holder's name and bank.
    ConfirmHolder {
        /// Chosen source.
        source: SourceAccount,
        /// The destination found.
        destination: ShebaDestination,
    },
    /// Type the amount.
    EnterAmount {
        /// Chosen source.
        source: SourceAccount,
        /// Confirmed destination.
        destination: ShebaDestination,
        /// What may be sent.
        limits: ShebaLimits,
        /// The last input's problem.
        error: Option<ProblemInfo>,
    },
    /// Both methods fit the amount: pick one.
    ChooseMethod {
        /// Chosen source.
        source: SourceAccount,
        /// Confirmed destination.
        destination: ShebaDestination,
        /// The amount.
        amount_rials: u64,
        /// The methods allowed.
        options: Vec<MethodOption>,
    },
    /// Check everything and confirm with the dynamic PIN the bank sends by
    /// SMS (or a soft-token code), bound to this amount and SHEBA.
    Confirm {
        /// The order.
        payment: ShebaPayment,
        /// The SMS PIN requests.
        pin: PinStatus,
        /// The last attempt's problem.
        error: Option<ProblemInfo>,
    },
    /// Sent; the outcome is being established.
    Pending {
        /// The order.
        payment: ShebaPayment,
    },
    /// Accepted by the bank.
    Succeeded {
        /// The order.
        payment: ShebaPayment,
        /// The bank's receipt.
        receipt: ShebaReceipt,
    },
    /// Failed: nothing was debited.
    Failed {
        /// Why.
        problem: ProblemInfo,
        /// The order, when one was confirmed.
        payment: Option<ShebaPayment>,
    },
}

impl From<&core::ShebaTransferState> for ShebaTransferState {
    fn from(state: &core::ShebaTransferState) -> Self {
        use core::ShebaTransferState as S;
        match state {
            S::ChooseSource { accounts } => Self::ChooseSource {
                accounts: accounts.iter().map(Into::into).collect(),
            },
            S::EnterSheba { source, error } => Self::EnterSheba {
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
            S::ChooseMethod {
                source,
                destination,
                amount,
                options,
            } => Self::ChooseMethod {
                source: source.into(),
                destination: destination.into(),
                amount_rials: amount.get(),
                options: options.iter().map(Into::into).collect(),
            },
            S::Confirm {
                payment,
                pin,
                error,
            } => Self::Confirm {
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
