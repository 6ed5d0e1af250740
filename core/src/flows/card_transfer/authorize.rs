//! The dynamic PIN step and the submit: SMS PIN requests as the policy
//! allows, then the exactly-once submit and its outcome.

use serde_json::{Value, json};

use super::{CardTransfer, CardTransferState, Payment, Receipt, wrong};
use crate::client::local_now;
use crate::flows::Problem;
use crate::flows::sms_pin::{PinRequestRefusal, SmsPinPolicy};
use crate::flows::soft_token;
use crate::flows::submit::{self, Outcome, Submission};
use crate::ids::{CardExpiry, Cvv2, SecondPin};
use crate::store::OperationState;
use crate::token::Payee;
use zeroize::Zeroizing;

impl CardTransfer {
    /// Asks the issuer for an SMS dynamic PIN, as the policy allows.
    pub async fn request_pin(&mut self) -> Result<&CardTransferState, Problem> {
        let CardTransferState::Authorize { payment, pin, .. } = &self.state else {
            return Err(wrong("pin"));
        };
        let (payment, mut pin) = (payment.clone(), pin.clone());
        match pin.check(local_now()) {
            Err(PinRequestRefusal::BudgetExhausted) => {
                let problem = SmsPinPolicy::problem(PinRequestRefusal::BudgetExhausted);
                return Ok(self.go(CardTransferState::Failed {
                    problem,
                    payment: Some(payment),
                }));
            }
            Err(refusal) => {
                let error = Some(SmsPinPolicy::problem(refusal));
                return Ok(self.go(CardTransferState::Authorize {
                    payment,
                    pin,
                    error,
                }));
            }
            Ok(()) => {}
        }
        let payee = json!({"kind": "card", "pan": payment.destination.pan.as_str()});
        let reply = self
            .ctx
            .api
            .dynamic_pin(
                &payment.idempotency_key,
                &payment.source.card_id,
                payment.amount.get(),
                &payee,
            )
            .await;
        let error = match reply {
            Ok(issued) => {
                pin.issued(&issued, local_now());
                None
            }
            Err(error) => {
                let problem = Problem::from(error);
                match problem.code.as_str() {
                    "otp.budget_exhausted" => {
                        return Ok(self.go(CardTransferState::Failed {
                            problem,
                            payment: Some(payment),
                        }));
                    }
                    "otp.request_too_early" => {
                        pin.still_valid(problem.retry_after_seconds.unwrap_or(0), local_now())
                    }
                    _ => {}
                }
                Some(problem)
            }
        };
        Ok(self.go(CardTransferState::Authorize {
            payment,
            pin,
            error,
        }))
    }

    /// Re-measures the bank's clock (its `server_time`) for the PIN countdown.
    pub async fn sync_clock(&mut self) -> Result<&CardTransferState, Problem> {
        let config = self.ctx.api.config().await?;
        self.ctx.clock_offset = config.clock_offset_seconds(local_now());
        let offset = self.ctx.clock_offset;
        if let CardTransferState::Authorize { pin, .. } = &mut self.state {
            pin.clock_offset = offset;
        }
        self.save();
        Ok(&self.state)
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
        match &self.state {
            CardTransferState::Authorize { payment, .. } => {
                soft_token::holds(&self.ctx, &payment.source.card_id)
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
        let CardTransferState::Authorize { payment, .. } = &self.state else {
            return Err(wrong("submit"));
        };
        let payee = Payee::Card(payment.destination.pan.clone());
        let code = Zeroizing::new(soft_token::payment_code(
            &self.ctx,
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
        } = &self.state
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
        submit::ensure_resolved(&self.ctx.api, &self.ctx.store, &payment.idempotency_key).await?;
        let journal = json!({
            "source": {"card_id": payment.source.card_id},
            "destination_pan": payment.destination.pan.as_str(),
            "amount_rials": payment.amount.get(),
            "flow_id": self.flow_id,
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
            key: payment.idempotency_key.clone(),
        };
        self.go(CardTransferState::Pending {
            payment: payment.clone(),
        });
        let task = submit::spawn(&self.ctx, submission);
        let outcome = task.await.unwrap_or(Outcome::Unknown);
        Ok(self.apply(payment, policy, outcome))
    }

    fn apply(
        &mut self,
        payment: Payment,
        pin: SmsPinPolicy,
        outcome: Outcome,
    ) -> &CardTransferState {
        let state = match outcome {
            Outcome::Succeeded(json) => match Receipt::from_json(&json) {
                Some(receipt) => {
                    if receipt.status == "succeeded" {
                        let to = &payment.destination;
                        crate::flows::accounts::remember_card(&self.ctx, &to.pan, &to.holder_name);
                    }
                    CardTransferState::Succeeded { payment, receipt }
                }
                None => CardTransferState::Failed {
                    problem: Problem::of(&crate::channel::ChannelError::Protocol),
                    payment: Some(payment),
                },
            },
            Outcome::Failed(problem) => CardTransferState::Failed {
                problem,
                payment: Some(payment),
            },
            Outcome::Retry(problem) => CardTransferState::Authorize {
                payment,
                pin,
                error: Some(problem),
            },
            Outcome::Unknown => CardTransferState::Pending { payment },
        };
        self.go(state)
    }

    /// A pending journey asks the bank for its outcome (after a restart).
    pub async fn resolve(&mut self) -> Result<&CardTransferState, Problem> {
        if matches!(self.state, CardTransferState::Pending { .. }) {
            submit::resolve_unresolved(&self.ctx.api, &self.ctx.store).await?;
            self.sync_with_journal()?;
        }
        Ok(&self.state)
    }

    /// Moves a pending state on from what the journal knows.
    pub(super) fn sync_with_journal(&mut self) -> Result<(), Problem> {
        let CardTransferState::Pending { payment } = &self.state else {
            return Ok(());
        };
        let payment = payment.clone();
        let Some(record) = self.ctx.store.operation(&payment.idempotency_key)? else {
            // Saved as pending but never journaled: it never left the phone.
            self.go(CardTransferState::Failed {
                problem: submit::not_received(),
                payment: Some(payment),
            });
            return Ok(());
        };
        let outcome = record.outcome.unwrap_or(Value::Null);
        match record.state {
            OperationState::Pending => {}
            OperationState::Succeeded => {
                let pin = SmsPinPolicy::new(&self.ctx.config.otp, self.ctx.clock_offset);
                self.apply(payment, pin, Outcome::Succeeded(outcome));
            }
            OperationState::Failed => {
                let problem = serde_json::from_value(outcome["error"].clone())
                    .unwrap_or_else(|_| submit::not_received());
                self.go(CardTransferState::Failed {
                    problem,
                    payment: Some(payment),
                });
            }
        }
        Ok(())
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
