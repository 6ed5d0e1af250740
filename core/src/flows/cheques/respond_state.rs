//! A cheque received: review it with its issuer's standing, then confirm,
//! refuse or (once held) transfer it. Its states, one per screen.

use serde::{Deserialize, Serialize};

use crate::client::{Cheque, ChequeReceipt};
use crate::flows::Problem;
use crate::flows::sms_pin::SmsPinPolicy;
use crate::ids::{NationalId, Payee};
use crate::money::Rials;
use crate::operation::{Link, OperationKey};

/// What the customer does with the cheque. Saved externally tagged (`{"card": {..}}`), as part of the
/// journey's saved state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChequeAction {
    /// Confirm it (تأیید).
    Accept,
    /// Refuse it (رد).
    Refuse,
    /// Transfer it (انتقال) to `to`; the dynamic PIN comes for `account_id`.
    Transfer {
        /// The new holder.
        to: NationalId,
        /// The customer's account the PIN is asked for.
        account_id: String,
    },
}

impl ChequeAction {
    /// The contract's path segment: `accept`, `refuse` or `transfer`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Accept => "accept",
            Self::Refuse => "refuse",
            Self::Transfer { .. } => "transfer",
        }
    }
}

/// An answer or a transfer the customer confirmed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChequeAnswer {
    /// Its idempotency key.
    pub idempotency_key: OperationKey,
    /// The cheque as reviewed.
    pub cheque: Cheque,
    /// What is done.
    pub action: ChequeAction,
}

impl ChequeAnswer {
    /// What the signature (and, for a transfer, the second factor) binds.
    pub fn link(&self) -> Link {
        let sayad_id = self.cheque.sayad_id.clone();
        match &self.action {
            ChequeAction::Accept => Link::ChequeResponse {
                sayad_id,
                accept: true,
            },
            ChequeAction::Refuse => Link::ChequeResponse {
                sayad_id,
                accept: false,
            },
            ChequeAction::Transfer { to, .. } => Link::payment(
                Rials::new(self.cheque.amount_rials),
                Payee::Cheque {
                    sayad_id,
                    to: Some(to.clone()),
                },
            ),
        }
    }
}

/// A received cheque, one screen per state.
/// Saved externally tagged (`{"authorize": {..}}`), like every saved journey
/// (see [`LoanPaymentState`](crate::flows::loan_payment::LoanPaymentState)).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReceivedChequeState {
    /// The cheque with its issuer's colour code, before any answer.
    Review {
        /// The cheque.
        cheque: Cheque,
        /// The last attempt's problem.
        error: Option<Problem>,
    },
    /// Confirm the transfer with the dynamic PIN bound to the amount and the new holder.
    ConfirmTransfer {
        /// The transfer.
        answer: ChequeAnswer,
        /// The SMS PIN requests.
        pin: SmsPinPolicy,
        /// The last attempt's problem.
        error: Option<Problem>,
    },
    /// Sent; the outcome is being established.
    Pending {
        /// The answer.
        answer: ChequeAnswer,
        /// The PIN requests made, for a transfer.
        #[serde(default)]
        pin: Option<SmsPinPolicy>,
    },
    /// Done: the bank's receipt.
    Done {
        /// The answer.
        answer: ChequeAnswer,
        /// The bank's receipt.
        receipt: ChequeReceipt,
    },
    /// Not done.
    Failed {
        /// Why.
        problem: Problem,
        /// The answer, when one was confirmed.
        answer: Option<ChequeAnswer>,
    },
}
