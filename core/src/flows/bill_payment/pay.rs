//! Paying: the SMS dynamic PIN for a card (bound to `bill:{bill_id}:{payment_id}`),
//! the exactly-once submit, and its outcome ("already paid" included).

use serde_json::{Value, json};

use super::{BillOrder, BillPayment, BillPaymentState, wrong};
use crate::client::local_now;
use crate::flows::Problem;
use crate::flows::card_transfer::check_secrets;
use crate::flows::sms_pin::{self, PinStep, SmsPinPolicy};
use crate::flows::soft_token;
use crate::ids::Payee;
use crate::operation::{Link, Submission};
use zeroize::Zeroizing;

impl BillPayment {
    /// The SMS PIN countdown, in seconds (0: a PIN may be requested).
    pub fn pin_seconds_left(&self) -> u64 {
        match self.state() {
            BillPaymentState::Authorize { pin, .. } => pin.seconds_left(local_now()),
            _ => 0,
        }
    }

    /// Asks the card's issuer for an SMS dynamic PIN, as the policy allows.
    pub async fn request_pin(&mut self) -> Result<&BillPaymentState, Problem> {
        let BillPaymentState::Authorize { order, pin, .. } = self.state() else {
            return Err(wrong("pin"));
        };
        let (order, mut pin) = (order.clone(), pin.clone());
        let payee = Payee::Bill(order.bill.bill.clone());
        let step = sms_pin::request(
            &self.ctx().api,
            &mut pin,
            &order.idempotency_key,
            order.source.id(),
            order.bill.amount,
            &payee,
        )
        .await;
        let state = match step {
            PinStep::Issued => BillPaymentState::Authorize {
                order,
                pin,
                error: None,
            },
            PinStep::Refused(problem) => BillPaymentState::Authorize {
                order,
                pin,
                error: Some(problem),
            },
            PinStep::PaymentFailed(problem) => BillPaymentState::Failed {
                problem,
                order: Some(order),
            },
        };
        Ok(self.go(state))
    }

    /// Pays from the chosen account.
    pub async fn confirm(&mut self) -> Result<&BillPaymentState, Problem> {
        let BillPaymentState::ConfirmAccount { order, .. } = self.state() else {
            return Err(wrong("confirm"));
        };
        let order = order.clone();
        let source = json!({"kind": "account", "account_id": order.source.id()});
        self.send(order, source, None).await
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
