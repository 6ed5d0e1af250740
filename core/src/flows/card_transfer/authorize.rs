//! The dynamic PIN step and the submit: SMS PIN requests as the policy
//! allows, then the exactly-once submit and its outcome.

use serde_json::{Value, json};
use zeroize::Zeroizing;

use super::{CardTransfer, CardTransferState, Payment, wrong};
use crate::client::{PinSource, local_now};
use crate::flows::Problem;
use crate::flows::sms_pin::{self, PinStep};
use crate::flows::soft_token;
use crate::ids::{CardExpiry, Cvv2, Payee, SecondPin};
use crate::operation::{Link, Submission};

impl Payment {
    /// What this payment's second factor and signature are bound to.
    pub fn link(&self) -> Link {
        Link::payment(self.amount, Payee::Card(self.destination.pan.clone()))
    }
}

impl CardTransfer {
    /// Asks the issuer for an SMS dynamic PIN, as the policy allows.
    pub async fn request_pin(&mut self) -> Result<&CardTransferState, Problem> {
        let CardTransferState::Authorize { payment, pin, .. } = self.state() else {
            return Err(wrong("pin"));
        };
        let (payment, mut pin) = (payment.clone(), pin.clone());
        let payee = Payee::Card(payment.destination.pan.clone());
        let step = sms_pin::request(
            &self.ctx().api,
            &mut pin,
            &payment.idempotency_key,
            &PinSource::Card(payment.source.card_id.clone()),
            payment.amount,
            &payee,
        )
        .await;
        let state = match step {
            PinStep::Issued => CardTransferState::Authorize {
                payment,
                pin,
                error: None,
            },
            PinStep::Refused(problem) => CardTransferState::Authorize {
                payment,
                pin,
                error: Some(problem),
            },
            PinStep::PaymentFailed(problem) => CardTransferState::Failed {
                problem,
                payment: Some(payment),
            },
        };
        Ok(self.go(state))
    }

    /// Re-measures the bank's clock (its `server_time`) for the PIN countdown.
    pub async fn sync_clock(&mut self) -> Result<&CardTransferState, Problem> {
        let config = self.ctx().api.config().await?;
        let offset = config.clock_offset_seconds(local_now());
        self.ctx_mut().clock_offset = offset;
        let mut state = self.state().clone();
        if let CardTransferState::Authorize { pin, .. } = &mut state {
            pin.clock_offset = offset;
        }
        Ok(self.go(state))
    }

    /// Submits with the SMS PIN, CVV2 and expiry; waits for the outcome.
    pub async fn submit(
        &mut self,
        pin: &str,
        cvv2: &str,
        expiry: &str,
    ) -> Result<&CardTransferState, Problem> {
        self.submit_with(pin, "sms", cvv2, expiry).await
    }

    /// Whether the source card has a soft token on this phone: then the
    /// dynamic PIN comes from it and no SMS PIN is needed.
    pub fn soft_token_available(&self) -> bool {
        match self.state() {
            CardTransferState::Authorize { payment, .. } => {
                soft_token::holds(self.ctx(), &payment.source.card_id)
            }
            _ => false,
        }
    }

    /// Submits with a code of the source card's soft token, made on this
    /// phone and bound to this payment's amount and destination (`pin_kind:
    /// ocra`), with the CVV2 and expiry; waits for the outcome.
    pub async fn submit_with_soft_token(
        &mut self,
        cvv2: &str,
        expiry: &str,
    ) -> Result<&CardTransferState, Problem> {
        let CardTransferState::Authorize { payment, .. } = self.state() else {
            return Err(wrong("submit"));
        };
        let payee = Payee::Card(payment.destination.pan.clone());
        let code = Zeroizing::new(soft_token::payment_code(
            self.ctx(),
            &payment.source.card_id,
            payment.amount,
            &payee,
        )?);
        self.submit_with(&code, "ocra", cvv2, expiry).await
    }

    async fn submit_with(
        &mut self,
        pin: &str,
        pin_kind: &str,
        cvv2: &str,
        expiry: &str,
    ) -> Result<&CardTransferState, Problem> {
        let CardTransferState::Authorize {
            payment,
            pin: policy,
            ..
        } = self.state()
        else {
            return Err(wrong("submit"));
        };
        let (payment, policy) = (payment.clone(), policy.clone());
        if let Err(problem) = check_secrets(pin, cvv2, expiry) {
            return Ok(self.go(CardTransferState::Authorize {
                payment,
                pin: policy,
                error: Some(problem),
            }));
        }
        let journal = json!({
            "source": {"card_id": payment.source.card_id},
            "destination_pan": payment.destination.pan.as_str(),
            "amount_rials": payment.amount.get(),
            "flow_id": self.flow_id(),
        });
        let mut body = journal.clone();
        if let Value::Object(fields) = &mut body {
            fields.remove("flow_id");
            fields.insert("expiry".into(), expiry.into());
            fields.insert("cvv2".into(), cvv2.into());
            fields.insert("pin".into(), pin.into());
            fields.insert("pin_kind".into(), pin_kind.into());
        }
        let submission = Submission {
            kind: "card_transfer",
            path: "/v1/card-transfers".into(),
            body,
            journal,
            key: payment.idempotency_key,
            link: payment.link(),
        };
        let pending = CardTransferState::Pending {
            payment,
            pin: Some(policy),
        };
        self.submit_journaled(submission, pending).await
    }
}

/// Formats of the PIN (5-12 digits), CVV2 (3-4) and expiry (`YYMM`), with
/// the core's parsers.
pub(crate) fn check_secrets(pin: &str, cvv2: &str, expiry: &str) -> Result<(), Problem> {
    pin.parse::<SecondPin>()
        .map_err(|e| Problem::of(&e).at("pin"))?;
    cvv2.parse::<Cvv2>()
        .map_err(|e| Problem::of(&e).at("cvv2"))?;
    expiry
        .parse::<CardExpiry>()
        .map_err(|e| Problem::of(&e).at("expiry"))?;
    Ok(())
}
