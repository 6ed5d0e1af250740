//! Paying: the SMS dynamic PIN for a card (bound to `bill:{bill_id}:{payment_id}`),
//! the exactly-once submit, and its outcome ("already paid" included).

use serde_json::{Value, json};

use super::{BillOrder, BillPayment, BillPaymentState, BillReceipt, wrong};
use crate::client::local_now;
use crate::flows::Problem;
use crate::flows::card_transfer::check_secrets;
use crate::flows::saved::{self, unreadable_receipt};
use crate::flows::sms_pin::{self, PinStep, SmsPinPolicy};
use crate::flows::soft_token;
use crate::flows::submit::{self, Outcome, Submission};
use crate::token::Payee;
use zeroize::Zeroizing;

impl BillPayment {
    /// The SMS PIN countdown, in seconds (0: a PIN may be requested).
    pub fn pin_seconds_left(&self) -> u64 {
        match &self.state {
            BillPaymentState::Authorize { pin, .. } => pin.seconds_left(local_now()),
            _ => 0,
        }
    }

    /// Asks the card's issuer for an SMS dynamic PIN, as the policy allows.
    pub async fn request_pin(&mut self) -> Result<&BillPaymentState, Problem> {
        let BillPaymentState::Authorize { order, pin, .. } = &self.state else {
            return Err(wrong("pin"));
        };
        let (order, mut pin) = (order.clone(), pin.clone());
        let bill = &order.bill.bill;
        let payee =
            json!({"kind": "bill", "bill_id": bill.bill_id(), "payment_id": bill.payment_id()});
        let step = sms_pin::request(
            &self.ctx.api,
            &mut pin,
            &order.idempotency_key,
            order.source.id(),
            order.bill.amount.get(),
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
        let BillPaymentState::ConfirmAccount { order, .. } = &self.state else {
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
        match &self.state {
            BillPaymentState::Authorize { order, .. } => {
                soft_token::holds(&self.ctx, order.source.id())
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
        let BillPaymentState::Authorize { order, .. } = &self.state else {
            return Err(wrong("submit"));
        };
        let payee = Payee::Bill(order.bill.bill.clone());
        let code = Zeroizing::new(soft_token::payment_code(
            &self.ctx,
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
        } = &self.state
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
        policy: Option<SmsPinPolicy>,
    ) -> Result<&BillPaymentState, Problem> {
        submit::ensure_resolved(&self.ctx.api, &self.ctx.store, &order.idempotency_key).await?;
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
            "flow_id": self.flow_id,
        });
        body["source"] = source;
        let submission = Submission {
            kind: "bill_payment",
            path: "/v1/bill-payments".into(),
            body,
            journal,
            key: order.idempotency_key.clone(),
        };
        self.go(BillPaymentState::Pending {
            order: order.clone(),
        });
        let outcome = saved::submit_and_wait(&self.ctx, submission).await;
        Ok(self.apply(order, policy, outcome))
    }

    fn apply(
        &mut self,
        order: BillOrder,
        policy: Option<SmsPinPolicy>,
        outcome: Outcome,
    ) -> &BillPaymentState {
        let state = match outcome {
            Outcome::Succeeded(json) => match BillReceipt::from_json(&json) {
                Some(receipt) => BillPaymentState::Succeeded { order, receipt },
                None => BillPaymentState::Failed {
                    problem: unreadable_receipt(),
                    order: Some(order),
                },
            },
            Outcome::Failed(problem) if problem.code == "bill.already_paid" => {
                let mut bill = order.bill;
                bill.paid_at_jalali.get_or_insert_with(String::new);
                BillPaymentState::AlreadyPaid { bill }
            }
            Outcome::Failed(problem) => BillPaymentState::Failed {
                problem,
                order: Some(order),
            },
            Outcome::Retry(problem) => match policy {
                Some(pin) => BillPaymentState::Authorize {
                    order,
                    pin,
                    error: Some(problem),
                },
                None => BillPaymentState::ConfirmAccount {
                    order,
                    error: Some(problem),
                },
            },
            Outcome::Unknown => BillPaymentState::Pending { order },
        };
        self.go(state)
    }

    /// A pending journey asks the bank for its outcome (after a restart).
    pub async fn resolve(&mut self) -> Result<&BillPaymentState, Problem> {
        if matches!(self.state, BillPaymentState::Pending { .. }) {
            submit::resolve_unresolved(&self.ctx.api, &self.ctx.store).await?;
            self.sync_with_journal()?;
        }
        Ok(&self.state)
    }

    /// Moves a pending state on from what the journal knows.
    pub(super) fn sync_with_journal(&mut self) -> Result<(), Problem> {
        let BillPaymentState::Pending { order } = &self.state else {
            return Ok(());
        };
        let order = order.clone();
        if let Some(outcome) = saved::journal_outcome(&self.ctx, &order.idempotency_key)? {
            self.apply(order, None, outcome);
        }
        Ok(())
    }
}
