//! Paying for a top-up: the SMS dynamic PIN (from the card's issuer, or from
//! the bank for an account) or a soft-token code, bound to the line, product
//! and amount (`topup:{mobile}:{operator}:{product}`); then the exactly-once
//! submit and its outcome.

use serde_json::{Value, json};
use zeroize::Zeroizing;

use super::{Topup, TopupOrder, TopupState, wrong};
use crate::client::{PinSource, local_now};
use crate::flows::Problem;
use crate::flows::bill_payment::BillSource;
use crate::flows::card_transfer::check_secrets;
use crate::flows::sms_pin::{self, PinStep, SmsPinPolicy};
use crate::flows::soft_token;
use crate::ids::{Payee, SecondPin};
use crate::operation::{Link, Submission};

impl TopupOrder {
    /// What this purchase's second factor and signature are bound to.
    pub fn link(&self) -> Link {
        Link::payment(self.purchase.amount, self.payee())
    }

    fn payee(&self) -> Payee {
        Payee::Topup(self.purchase.target())
    }
}

/// The paying state again, with its policy and the last problem.
fn paying(order: TopupOrder, pin: SmsPinPolicy, error: Option<Problem>) -> TopupState {
    match order.source {
        BillSource::Account { .. } => TopupState::ConfirmAccount { order, pin, error },
        BillSource::Card { .. } => TopupState::Authorize { order, pin, error },
    }
}

impl Topup {
    /// The SMS PIN countdown, in seconds (0: a PIN may be requested).
    pub fn pin_seconds_left(&self) -> u64 {
        match self.state() {
            TopupState::Authorize { pin, .. } | TopupState::ConfirmAccount { pin, .. } => {
                pin.seconds_left(local_now())
            }
            _ => 0,
        }
    }

    /// Asks for an SMS dynamic PIN bound to this purchase, as the policy
    /// allows: from the card's issuer, or from the bank when an account pays.
    pub async fn request_pin(&mut self) -> Result<&TopupState, Problem> {
        let (TopupState::Authorize { order, pin, .. }
        | TopupState::ConfirmAccount { order, pin, .. }) = self.state()
        else {
            return Err(wrong("pin"));
        };
        let (order, mut pin) = (order.clone(), pin.clone());
        let source = match &order.source {
            BillSource::Account { account_id, .. } => PinSource::Account(account_id.clone()),
            BillSource::Card { .. } => order
                .source
                .paying_card()
                .map(|card| card.pin_source())
                .ok_or_else(|| wrong("pin"))?,
        };
        let step = sms_pin::request(
            &self.ctx().api,
            &mut pin,
            &order.idempotency_key,
            &source,
            order.purchase.amount,
            &order.payee(),
        )
        .await;
        let error = match step {
            PinStep::Issued => None,
            PinStep::Refused(problem) => Some(problem),
            PinStep::PaymentFailed(problem) => {
                return Ok(self.go(TopupState::Failed {
                    problem,
                    order: Some(order),
                }));
            }
        };
        Ok(self.go(paying(order, pin, error)))
    }

    /// Whether a soft-token code can pay: the chosen card's token, or any
    /// token of this phone when an account pays.
    pub fn soft_token_available(&self) -> bool {
        match self.state() {
            TopupState::Authorize { order, .. } => soft_token::holds(self.ctx(), order.source.id()),
            TopupState::ConfirmAccount { .. } => soft_token::any_token_card(self.ctx()).is_some(),
            _ => false,
        }
    }

    /// Pays from the chosen account with the SMS dynamic PIN the bank sent.
    pub async fn confirm(&mut self, pin: &str) -> Result<&TopupState, Problem> {
        self.confirm_with(pin, "sms", None).await
    }

    /// Pays from the chosen account with a code of this phone's soft token,
    /// bound to this purchase.
    pub async fn confirm_with_soft_token(&mut self) -> Result<&TopupState, Problem> {
        let TopupState::ConfirmAccount { order, .. } = self.state() else {
            return Err(wrong("confirm"));
        };
        let (card_id, code) =
            soft_token::account_payment_code(self.ctx(), order.purchase.amount, &order.payee())?;
        self.confirm_with(&code, "ocra", Some(&card_id)).await
    }

    async fn confirm_with(
        &mut self,
        pin: &str,
        pin_kind: &str,
        token_card_id: Option<&str>,
    ) -> Result<&TopupState, Problem> {
        let TopupState::ConfirmAccount {
            order, pin: policy, ..
        } = self.state()
        else {
            return Err(wrong("confirm"));
        };
        let (order, policy) = (order.clone(), policy.clone());
        if let Err(problem) = pin.parse::<SecondPin>() {
            let error = Some(Problem::of(&problem).at("pin"));
            return Ok(self.go(paying(order, policy, error)));
        }
        let mut source = json!({"kind": "account", "account_id": order.source.id(),
            "pin": pin, "pin_kind": pin_kind});
        if let Some(card_id) = token_card_id {
            source["token_card_id"] = card_id.into();
        }
        self.send(order, source, policy).await
    }

    /// Pays by card with the SMS dynamic PIN, CVV2 and expiry.
    pub async fn submit_card(
        &mut self,
        pin: &str,
        cvv2: &str,
        expiry: &str,
    ) -> Result<&TopupState, Problem> {
        self.submit_card_with(pin, "sms", cvv2, expiry).await
    }

    /// Pays by card with a code of its soft token, made on this phone and
    /// bound to this purchase, with the CVV2 and expiry.
    pub async fn submit_card_with_soft_token(
        &mut self,
        cvv2: &str,
        expiry: &str,
    ) -> Result<&TopupState, Problem> {
        let TopupState::Authorize { order, .. } = self.state() else {
            return Err(wrong("submit"));
        };
        let code = Zeroizing::new(soft_token::payment_code(
            self.ctx(),
            order.source.id(),
            order.purchase.amount,
            &order.payee(),
        )?);
        self.submit_card_with(&code, "ocra", cvv2, expiry).await
    }

    async fn submit_card_with(
        &mut self,
        pin: &str,
        pin_kind: &str,
        cvv2: &str,
        expiry: &str,
    ) -> Result<&TopupState, Problem> {
        let TopupState::Authorize {
            order, pin: policy, ..
        } = self.state()
        else {
            return Err(wrong("submit"));
        };
        let (order, policy) = (order.clone(), policy.clone());
        if let Err(problem) = check_secrets(pin, cvv2, expiry) {
            return Ok(self.go(paying(order, policy, Some(problem))));
        }
        let card = order.source.paying_card().ok_or_else(|| wrong("submit"))?;
        let source = json!({"kind": "card", "card": card.card_ref(),
            "expiry": expiry, "cvv2": cvv2, "pin": pin, "pin_kind": pin_kind});
        self.send(order, source, policy).await
    }

    async fn send(
        &mut self,
        order: TopupOrder,
        source: Value,
        pin: SmsPinPolicy,
    ) -> Result<&TopupState, Problem> {
        let target = order.purchase.target();
        let mut journal = json!({
            "mobile": target.mobile.as_str(),
            "operator": target.operator.id(),
            "product": target.product.kind(),
            "amount_rials": order.purchase.amount.get(),
        });
        if let Some(id) = target.product.package_id() {
            journal["package_id"] = id.as_str().into();
        }
        // The journal never holds the PIN, CVV2 or expiry.
        let mut body = journal.clone();
        body["source"] = source;
        journal["source"] = json!({"kind": body["source"]["kind"], "id": order.source.id()});
        journal["flow_id"] = self.flow_id().into();
        let submission = Submission {
            kind: "topup",
            path: "/v1/topups".into(),
            body,
            journal,
            key: order.idempotency_key,
            link: order.link(),
        };
        let pending = TopupState::Pending {
            order,
            pin: Some(pin),
        };
        self.submit_journaled(submission, pending).await
    }
}
