//! Registering an issued cheque (ثبت چک صیادی): its states, one per screen.

use serde::{Deserialize, Serialize};

use crate::client::ChequeReceipt;
use crate::flows::Problem;
use crate::flows::sms_pin::SmsPinPolicy;
use crate::ids::{ChequeSerial, NationalId, Payee, SayadId};
use crate::money::Rials;
use crate::operation::{Link, OperationKey};

/// An unused leaf of one of the customer's cheque books.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BlankLeaf {
    /// Sayad ID.
    pub sayad_id: SayadId,
    /// Printed series/serial.
    pub serial: ChequeSerial,
    /// The account the book draws on.
    pub account_id: String,
}

/// The cheque the customer is asked to confirm.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChequeOrder {
    /// Its idempotency key (the dynamic PIN is asked for it too).
    pub idempotency_key: OperationKey,
    /// The leaf.
    pub leaf: BlankLeaf,
    /// Amount.
    pub amount: Rials,
    /// Amount grouped in Persian digits.
    pub amount_grouped_fa: String,
    /// Amount in Persian words (written on the cheque too).
    pub amount_words_fa: String,
    /// Due date, Gregorian `YYYY-MM-DD` (what the bank is sent).
    pub due_date: String,
    /// Due date, Jalali `YYYY/MM/DD`.
    pub due_date_jalali: String,
    /// Due date in long Persian (`پنج‌شنبه ۲۰ آذر ۱۴۰۵`).
    pub due_date_long_fa: String,
    /// The payees, by national ID.
    pub payees: Vec<NationalId>,
    /// Description.
    pub description: Option<String>,
}

impl ChequeOrder {
    /// What the second factor and the signature bind: the amount and `cheque:{sayad_id}`.
    pub fn link(&self) -> Link {
        Link::payment(
            self.amount,
            Payee::Cheque {
                sayad_id: self.leaf.sayad_id.clone(),
                to: None,
            },
        )
    }
}

/// The registration of one cheque, one screen per state.
/// Saved externally tagged (`{"authorize": {..}}`), like every saved journey
/// (see [`LoanPaymentState`](crate::flows::loan_payment::LoanPaymentState)).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChequeRegistrationState {
    /// Pick the leaf (the cheque in hand).
    ChooseLeaf {
        /// Unused leaves of the customer's books.
        leaves: Vec<BlankLeaf>,
    },
    /// Amount, Jalali due date, payees' national IDs, description.
    EnterDetails {
        /// The leaf.
        leaf: BlankLeaf,
        /// The last input's problem.
        error: Option<Problem>,
    },
    /// Confirm with the dynamic PIN (bound to the amount and the Sayad ID) or the soft token.
    Confirm {
        /// The cheque.
        order: ChequeOrder,
        /// The SMS PIN requests.
        pin: SmsPinPolicy,
        /// The last attempt's problem.
        error: Option<Problem>,
    },
    /// Sent; the outcome is being established.
    Pending {
        /// The cheque.
        order: ChequeOrder,
        /// The PIN requests made, for a resend after a correctable refusal.
        #[serde(default)]
        pin: Option<SmsPinPolicy>,
    },
    /// Registered in Sayad; waiting for the payees' confirmation.
    Registered {
        /// The cheque.
        order: ChequeOrder,
        /// The bank's receipt.
        receipt: ChequeReceipt,
    },
    /// Not registered.
    Failed {
        /// Why.
        problem: Problem,
        /// The cheque, when one was confirmed.
        order: Option<ChequeOrder>,
    },
}
