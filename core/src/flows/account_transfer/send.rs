//! The confirmation screen: a description may still be added; then the
//! dynamic PIN (or a soft-token code) bound to amount and account number,
//! and the transfer goes to the bank exactly once (journaled first, its
//! outcome resolved by asking, never by a blind resend).

use serde_json::json;

use super::{AccountTransfer, AccountTransferState, DepositPayment, wrong};
use crate::client::{PinSource, local_now};
use crate::flows::Problem;
use crate::flows::sms_pin::{self, PinStep};
use crate::flows::soft_token;
use crate::ids::{Payee, SecondPin};
use crate::operation::{Link, Submission};

/// Longest description the bank accepts, in characters.
const MAX_DESCRIPTION: usize = 100;

impl DepositPayment {
    /// What this transfer's second factor and signature are bound to.
    pub fn link(&self) -> Link {
        Link::payment(self.amount, self.payee())
    }

    fn payee(&self) -> Payee {
        Payee::Deposit(self.destination.account_number.clone())
    }
}

impl AccountTransfer {
    /// A description for the receipt (at most 100 characters).
    pub fn describe(&mut self, text: &str) -> Result<&AccountTransferState, Problem> {
        let AccountTransferState::Confirm { payment, pin, .. } = self.state() else {
            return Err(wrong("description"));
        };
        let (mut payment, pin) = (payment.clone(), pin.clone());
        let text = text.trim();
        let error = if text.chars().count() > MAX_DESCRIPTION {
            Some(
                Problem::new(
                    "transfer.description_too_long",
                    "شرح انتقال بیش از حد طولانی است.",
                    "The description is too long.",
                )
                .at("description"),
            )
        } else {
            payment.description = (!text.is_empty()).then(|| text.to_owned());
            None
        };
        Ok(self.go(AccountTransferState::Confirm {
            payment,
            pin,
            error,
        }))
    }

    /// The SMS PIN countdown, in seconds (0: a PIN may be requested).
    pub fn pin_seconds_left(&self) -> u64 {
        match self.state() {
            AccountTransferState::Confirm { pin, .. } => pin.seconds_left(local_now()),
            _ => 0,
        }
    }

    /// Asks the bank for an SMS dynamic PIN bound to this amount and account
    /// number, sent to the customer's mobile, as the policy allows.
    pub async fn request_pin(&mut self) -> Result<&AccountTransferState, Problem> {
        let AccountTransferState::Confirm { payment, pin, .. } = self.state() else {
            return Err(wrong("pin"));
        };
        let (payment, mut pin) = (payment.clone(), pin.clone());
        let source = PinSource::Account(payment.source.account_id.clone());
        let step = sms_pin::request(
            &self.ctx().api,
            &mut pin,
            &payment.idempotency_key,
            &source,
            payment.amount,
            &payment.payee(),
        )
        .await;
        let error = match step {
            PinStep::Issued => None,
            PinStep::Refused(problem) => Some(problem),
            PinStep::PaymentFailed(problem) => {
                return Ok(self.go(AccountTransferState::Failed {
                    problem,
                    payment: Some(payment),
                }));
            }
        };
        Ok(self.go(AccountTransferState::Confirm {
            payment,
            pin,
            error,
        }))
    }

    /// Whether this phone holds a soft token: then its code confirms the
    /// transfer and no SMS PIN is needed.
    pub fn soft_token_available(&self) -> bool {
        soft_token::any_token_card(self.ctx()).is_some()
    }

    /// Sends the confirmed transfer with the SMS dynamic PIN; waits for its outcome.
    pub async fn submit(&mut self, pin: &str) -> Result<&AccountTransferState, Problem> {
        self.submit_with(pin, "sms", None).await
    }

    /// Sends the confirmed transfer with a code of this phone's soft token,
    /// bound to its amount and account number; waits for its outcome.
    pub async fn submit_with_soft_token(&mut self) -> Result<&AccountTransferState, Problem> {
        let AccountTransferState::Confirm { payment, .. } = self.state() else {
            return Err(wrong("submit"));
        };
        let (card_id, code) =
            soft_token::account_payment_code(self.ctx(), payment.amount, &payment.payee())?;
        self.submit_with(&code, "ocra", Some(&card_id)).await
    }

    async fn submit_with(
        &mut self,
        code: &str,
        pin_kind: &str,
        token_card_id: Option<&str>,
    ) -> Result<&AccountTransferState, Problem> {
        let AccountTransferState::Confirm { payment, pin, .. } = self.state() else {
            return Err(wrong("submit"));
        };
        let (payment, pin) = (payment.clone(), pin.clone());
        if let Err(error) = code.parse::<SecondPin>() {
            return Ok(self.go(AccountTransferState::Confirm {
                payment,
                pin,
                error: Some(Problem::of(&error).at("pin")),
            }));
        }
        let mut journal = json!({
            "source_account_id": payment.source.account_id,
            "destination_account_number": payment.destination.account_number.as_str(),
            "amount_rials": payment.amount.get(),
        });
        if let Some(text) = &payment.description {
            journal["description"] = text.as_str().into();
        }
        // The journal never holds the PIN or code.
        let mut body = journal.clone();
        body["pin"] = code.into();
        body["pin_kind"] = pin_kind.into();
        if let Some(card_id) = token_card_id {
            body["token_card_id"] = card_id.into();
        }
        journal["flow_id"] = self.flow_id().into();
        let submission = Submission {
            kind: "account_transfer",
            path: "/v1/account-transfers".into(),
            body,
            journal,
            key: payment.idempotency_key,
            link: payment.link(),
        };
        let pending = AccountTransferState::Pending {
            payment,
            pin: Some(pin),
        };
        self.submit_journaled(submission, pending).await
    }
}
