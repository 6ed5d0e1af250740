//! Paying: the SMS dynamic PIN (from the card's issuer, or from the bank
//! for an account) or a soft-token code, bound to `bill:{bill_id}:{payment_id}`
//! and the amount; the exactly-once submit, and its outcome ("already paid"
//! included).

use serde_json::{Value, json};

use super::{BillOrder, BillPayment, BillPaymentState, BillSource, wrong};
use crate::client::{PinSource, local_now};
use crate::flows::Problem;
use crate::flows::card_transfer::check_secrets;
use crate::flows::sms_pin::{self, PinStep, SmsPinPolicy};
use crate::flows::soft_token;
use crate::ids::{Payee, SecondPin};
use crate::operation::{Link, Submission};
use zeroize::Zeroizing;

impl BillPayment {
    /// The SMS PIN countdown, in seconds (0: a PIN may be requested).
    pub fn pin_seconds_left(&self) -> u64 {
        match self.state() {
            BillPaymentState::Authorize { pin, .. }
            | BillPaymentState::ConfirmAccount { pin, .. } => pin.seconds_left(local_now()),
            _ => 0,
        }
    }

    /// Asks for an SMS dynamic PIN bound to this bill, as the policy allows:
    /// from the card's issuer, or from the bank when an account pays.
    pub async fn request_pin(&mut self) -> Result<&BillPaymentState, Problem> {
        let (BillPaymentState::Authorize { order, pin, .. }
        | BillPaymentState::ConfirmAccount { order, pin, .. }) = self.state()
        else {
            return Err(wrong("pin"));
        };
        let (order, mut pin) = (order.clone(), pin.clone());
        let source = match &order.source {
            BillSource::Account { account_id, .. } => PinSource::Account(account_id.clone()),
            BillSource::Card { card_id, .. } => PinSource::Card(card_id.clone()),
        };
        let payee = Payee::Bill(order.bill.bill.clone());
        let step = sms_pin::request(
            &self.ctx().api,
            &mut pin,
            &order.idempotency_key,
            &source,
            order.bill.amount,
            &payee,
        )
        .await;
        let error = match step {
            PinStep::Issued => None,
            PinStep::Refused(problem) => Some(problem),
            PinStep::PaymentFailed(problem) => {
                return Ok(self.go(BillPaymentState::Failed {
                    problem,
                    order: Some(order),
                }));
            }
        };
        let state = match order.source {
            BillSource::Account { .. } => BillPaymentState::ConfirmAccount { order, pin, error },
            BillSource::Card { .. } => BillPaymentState::Authorize { order, pin, error },
        };
        Ok(self.go(state))
    }

    /// Pays from the chosen account with the SMS dynamic PIN the bank sent.
    pub async fn confirm(&mut self, pin: &str) -> Result<&BillPaymentState, Problem> {
        self.confirm_with(pin, "sms", None).await
    }

    /// Pays from the chosen account with a code of this phone's soft token
    /// (any of the customer's cards), bound to this bill's amount and IDs.
    pub async fn confirm_with_soft_token(&mut self) -> Result<&BillPaymentState, Problem> {
        let BillPaymentState::ConfirmAccount { order, .. } = self.state() else {
            return Err(wrong("confirm"));
        };
        let payee = Payee::Bill(order.bill.bill.clone());
        let (card_id, code) =
            soft_token::account_payment_code(self.ctx(), order.bill.amount, &payee)?;
        self.confirm_with(&code, "ocra", Some(&card_id)).await
    }

    async fn confirm_with(
        &mut self,
        pin: &str,
        pin_kind: &str,
        token_card_id: Option<&str>,
    ) -> Result<&BillPaymentState, Problem> {
        let BillPaymentState::ConfirmAccount {
            order, pin: policy, ..
        } = self.state()
        else {
            return Err(wrong("confirm"));
        };
        let (order, policy) = (order.clone(), policy.clone());
        if let Err(problem) = pin.parse::<SecondPin>() {
            return Ok(self.go(BillPaymentState::ConfirmAccount {
                order,
                pin: policy,
                error: Some(Problem::of(&problem).at("pin")),
            }));
        }
        let mut source = json!({"kind": "account", "account_id": order.source.id(),
            "pin": pin, "pin_kind": pin_kind});
        if let Some(card_id) = token_card_id {
            source["token_card_id"] = card_id.into();
        }
        self.send(order, source, Some(policy)).await
    }

    /// Pays by card with the SMS dynamic PIN, CVV2 and expiry.
    pub async fn submit_card(
        &mut self,
        pin: &str,
        cvv2: &str,
        expiry: &str,
    ) -> Result<&BillPaymentState, Problem> {
        self.submit_card_with(pin, "sms", cvv2, expiry).await
    }

    /// Whether the paying card has a soft token on this phone: then the
    /// dynamic PIN comes from it and no SMS PIN is needed.
    pub fn soft_token_available(&self) -> bool {
        match self.state() {
            BillPaymentState::Authorize { order, .. } => {
                soft_token::holds(self.ctx(), order.source.id())
            }
            BillPaymentState::ConfirmAccount { .. } => {
                soft_token::any_token_card(self.ctx()).is_some()
            }
            _ => false,
        }
    }

    /// Pays by card with a code of its soft token, made on this phone and
    /// bound to this bill's amount and IDs (`pin_kind: ocra`), with the CVV2
    /// and expiry.
    pub async fn submit_card_with_soft_token(
        &mut self,
        cvv2: &str,
        expiry: &str,
    ) -> Result<&BillPaymentState, Problem> {
        let BillPaymentState::Authorize { order, .. } = self.state() else {
            return Err(wrong("submit"));
        };
        let payee = Payee::Bill(order.bill.bill.clone());
        let code = Zeroizing::new(soft_token::payment_code(
            self.ctx(),
            order.source.id(),
            order.bill.amount,
            &payee,
        )?);
        self.submit_card_with(&code, "ocra", cvv2, expiry).await
    }

    async fn submit_card_with(
        &mut self,
        pin: &str,
        pin_kind: &str,
        cvv2: &str,
        expiry: &str,
    ) -> Result<&BillPaymentState, Problem> {
        let BillPaymentState::Authorize {
            order, pin: policy, ..
        } = self.state()
        else {
            return Err(wrong("submit"));
        };
        let (order, policy) = (order.clone(), policy.clone());
        if let Err(problem) = check_secrets(pin, cvv2, expiry) {
            return Ok(self.go(BillPaymentState::Authorize {
                order,
                pin: policy,
                error: Some(problem),
            }));
        }
        let source = json!({"kind": "card", "card": {"card_id": order.source.id()},
            "expiry": expiry, "cvv2": cvv2, "pin": pin, "pin_kind": pin_kind});
        self.send(order, source, Some(policy)).await
    }

    async fn send(
        &mut self,
        order: BillOrder,
        source: Value,
        pin: Option<SmsPinPolicy>,
    ) -> Result<&BillPaymentState, Problem> {
        let bill = &order.bill.bill;
        let mut body = json!({
            "bill_id": bill.bill_id(),
            "payment_id": bill.payment_id(),
            "amount_rials": order.bill.amount.get(),
        });
        // The journal never holds the PIN, CVV2 or expiry.
        let journal = json!({
            "bill_id": bill.bill_id(),
            "payment_id": bill.payment_id(),
            "amount_rials": order.bill.amount.get(),
            "source": {"kind": source["kind"], "id": order.source.id()},
            "flow_id": self.flow_id(),
        });
        body["source"] = source;
        let submission = Submission {
            kind: "bill_payment",
            path: "/v1/bill-payments".into(),
            body,
            journal,
            key: order.idempotency_key,
            link: order.link(),
        };
        self.submit_journaled(submission, BillPaymentState::Pending { order, pin })
            .await
    }
}

impl BillOrder {
    /// What this payment's second factor and signature are bound to.
    pub fn link(&self) -> Link {
        Link::payment(self.bill.amount, Payee::Bill(self.bill.bill.clone()))
    }
}
