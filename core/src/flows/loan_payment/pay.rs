//! Paying: the SMS dynamic PIN (from the bank to the customer's mobile for an
//! account; from the card's issuer for another bank's card) or a soft-token
//! code, bound to `loan:{loan_number}` and the amount; then the exactly-once
//! submit and its outcome.

use serde_json::{Value, json};

use super::{LoanOrder, LoanPayment, LoanPaymentState, LoanSource, Paying, wrong};
use crate::client::{PinSource, local_now};
use crate::flows::Problem;
use crate::flows::card_transfer::check_secrets;
use crate::flows::sms_pin::{self, PinStep};
use crate::flows::soft_token;
use crate::ids::{Payee, SecondPin};
use crate::operation::{Link, Submission};

impl LoanOrder {
    /// What this payment's second factor and signature are bound to.
    pub fn link(&self) -> Link {
        Link::payment(self.amount, self.payee())
    }

    fn payee(&self) -> Payee {
        Payee::Loan(self.loan.loan_number.clone())
    }
}

impl LoanPayment {
    /// The SMS PIN countdown, in seconds (0: a PIN may be requested).
    pub fn pin_seconds_left(&self) -> u64 {
        match self.state() {
            LoanPaymentState::Authorize { pin, .. } => pin.seconds_left(local_now()),
            _ => 0,
        }
    }

    /// Asks for an SMS dynamic PIN bound to this loan and amount, as the policy allows.
    pub async fn request_pin(&mut self) -> Result<&LoanPaymentState, Problem> {
        let LoanPaymentState::Authorize { order, pin, .. } = self.state() else {
            return Err(wrong("pin"));
        };
        let (order, mut pin) = (order.clone(), pin.clone());
        let source = match &order.source {
            LoanSource::Account { account_id, .. } => PinSource::Account(account_id.clone()),
            LoanSource::Card { card } => card.pin_source(),
        };
        let step = sms_pin::request(
            &self.ctx().api,
            &mut pin,
            &order.idempotency_key,
            &source,
            order.amount,
            &order.payee(),
        )
        .await;
        let error = match step {
            PinStep::Issued => None,
            PinStep::Refused(problem) => Some(problem),
            PinStep::PaymentFailed(problem) => {
                return Ok(self.go(LoanPaymentState::Failed {
                    problem,
                    order: Some(order),
                }));
            }
        };
        Ok(self.go(LoanPaymentState::Authorize { order, pin, error }))
    }

    /// Whether this phone holds a soft token whose code can confirm a
    /// payment from an account (another bank's card needs that bank's own).
    pub fn soft_token_available(&self) -> bool {
        matches!(
            self.state(),
            LoanPaymentState::Authorize {
                order: LoanOrder {
                    source: LoanSource::Account { .. },
                    ..
                },
                ..
            }
        ) && soft_token::any_token_card(self.ctx()).is_some()
    }

    /// Pays from the chosen account with the SMS dynamic PIN the bank sent.
    pub async fn submit(&mut self, pin: &str) -> Result<&LoanPaymentState, Problem> {
        self.submit_account(pin, "sms", None).await
    }

    /// Pays from the chosen account with a code of this phone's soft token,
    /// bound to this loan and amount.
    pub async fn submit_with_soft_token(&mut self) -> Result<&LoanPaymentState, Problem> {
        let LoanPaymentState::Authorize { order, .. } = self.state() else {
            return Err(wrong("submit"));
        };
        let (card_id, code) =
            soft_token::account_payment_code(self.ctx(), order.amount, &order.payee())?;
        self.submit_account(&code, "ocra", Some(&card_id)).await
    }

    /// Pays from another bank's card with its issuer's dynamic PIN, its
    /// CVV2 and expiry (typed each time, never kept).
    pub async fn submit_card(
        &mut self,
        pin: &str,
        cvv2: &str,
        expiry: &str,
    ) -> Result<&LoanPaymentState, Problem> {
        let LoanPaymentState::Authorize {
            order, pin: policy, ..
        } = self.state()
        else {
            return Err(wrong("submit"));
        };
        let (order, policy) = (order.clone(), policy.clone());
        let LoanSource::Card { card } = &order.source else {
            return Err(wrong("cvv2"));
        };
        if let Err(problem) = check_secrets(pin, cvv2, expiry) {
            return Ok(self.go(LoanPaymentState::Authorize {
                order,
                pin: policy,
                error: Some(problem),
            }));
        }
        let source = json!({"kind": "card", "card": card.card_ref(), "expiry": expiry,
            "cvv2": cvv2, "pin": pin, "pin_kind": "sms"});
        self.send(order, source, policy).await
    }

    async fn submit_account(
        &mut self,
        pin: &str,
        pin_kind: &str,
        token_card_id: Option<&str>,
    ) -> Result<&LoanPaymentState, Problem> {
        let LoanPaymentState::Authorize {
            order, pin: policy, ..
        } = self.state()
        else {
            return Err(wrong("submit"));
        };
        let (order, policy) = (order.clone(), policy.clone());
        let LoanSource::Account { account_id, .. } = &order.source else {
            return Err(wrong("pin"));
        };
        if let Err(error) = pin.parse::<SecondPin>() {
            return Ok(self.go(LoanPaymentState::Authorize {
                order,
                pin: policy,
                error: Some(Problem::of(&error).at("pin")),
            }));
        }
        let mut source = json!({"kind": "account", "account_id": account_id,
            "pin": pin, "pin_kind": pin_kind});
        if let Some(card_id) = token_card_id {
            source["token_card_id"] = card_id.into();
        }
        self.send(order, source, policy).await
    }

    async fn send(
        &mut self,
        order: LoanOrder,
        source: Value,
        pin: crate::flows::sms_pin::SmsPinPolicy,
    ) -> Result<&LoanPaymentState, Problem> {
        let mut body = json!({
            "loan_number": order.loan.loan_number.as_str(),
            "amount_rials": order.amount.get(),
        });
        match &order.paying {
            Paying::Instalments { count } => body["instalment_count"] = (*count).into(),
            Paying::Settlement { .. } => body["settlement"] = true.into(),
        }
        // The journal never holds the PIN, CVV2 or expiry.
        let mut journal = body.clone();
        journal["source"] = json!({"kind": source["kind"], "id": order.source.id()});
        journal["flow_id"] = self.flow_id().into();
        body["source"] = source;
        let submission = Submission {
            kind: "loan_payment",
            path: "/v1/loan-payments".into(),
            body,
            journal,
            key: order.idempotency_key,
            link: order.link(),
        };
        let pending = LoanPaymentState::Pending {
            order,
            pin: Some(pin),
        };
        self.submit_journaled(submission, pending).await
    }
}
