//! The confirmation screen: SATNA's effective date and the description can
//! still change; then the order goes to the bank exactly once (journaled
//! first, its outcome resolved by asking, never by a blind resend) and ends
//! in a receipt.

use serde_json::{Value, json};

use super::{
    Method, ShebaLimits, ShebaPayment, ShebaReceipt, ShebaTransfer, ShebaTransferState, settlement,
    wrong,
};
use crate::flows::Problem;
use crate::flows::saved::{self, unreadable_receipt};
use crate::flows::submit::{self, Outcome, Submission};

/// Longest description the bank accepts, in characters.
const MAX_DESCRIPTION: usize = 100;

impl ShebaTransfer {
    /// SATNA only: the effective date (Jalali `1404/01/15` or Gregorian), not in
    /// the past; a holiday moves it to the next business day, as shown.
    pub fn set_effective_date(&mut self, text: &str) -> Result<&ShebaTransferState, Problem> {
        let ShebaTransferState::Confirm { payment, .. } = &self.state else {
            return Err(wrong("effective_date"));
        };
        let mut payment = payment.clone();
        let now = self.ctx.bank_now();
        let invalid = Problem::new(
            "transfer.effective_date_invalid",
            "تاریخ اجرای انتقال نامعتبر است.",
            "The effective date is not valid.",
        )
        .at("effective_date");
        let date = crate::calendar::parse_any(text).ok().map(|(g, _)| g);
        let today = settlement::tehran_date(now);
        let error = match (payment.option.method, date, today) {
            (Method::Satna, Some(date), Some(today)) if date >= today => {
                let limits = ShebaLimits::new(&self.ctx.config, 0);
                let (amount, config) = (payment.amount.get(), &self.ctx.config);
                payment.option = limits.option(Method::Satna, amount, config, now, Some(date));
                payment.effective_date = Some(date.to_string());
                None
            }
            _ => Some(invalid),
        };
        Ok(self.go(ShebaTransferState::Confirm { payment, error }))
    }

    /// A description for the receipt (at most 100 characters).
    pub fn describe(&mut self, text: &str) -> Result<&ShebaTransferState, Problem> {
        let ShebaTransferState::Confirm { payment, .. } = &self.state else {
            return Err(wrong("description"));
        };
        let mut payment = payment.clone();
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
        Ok(self.go(ShebaTransferState::Confirm { payment, error }))
    }

    /// Sends the confirmed order and waits for its outcome.
    pub async fn submit(&mut self) -> Result<&ShebaTransferState, Problem> {
        let ShebaTransferState::Confirm { payment, .. } = &self.state else {
            return Err(wrong("submit"));
        };
        let payment = payment.clone();
        submit::ensure_resolved(&self.ctx.api, &self.ctx.store, &payment.idempotency_key).await?;
        let mut body = json!({
            "source_account_id": payment.source.account_id,
            "destination_sheba": payment.destination.sheba.as_str(),
            "amount_rials": payment.amount.get(),
            "method": payment.option.method.id(),
        });
        if let Value::Object(fields) = &mut body {
            if let Some(date) = &payment.effective_date {
                fields.insert("effective_date".into(), date.as_str().into());
            }
            if let Some(text) = &payment.description {
                fields.insert("description".into(), text.as_str().into());
            }
        }
        let mut journal = body.clone();
        journal["flow_id"] = self.flow_id.as_str().into();
        let submission = Submission {
            kind: "sheba_transfer",
            path: "/v1/sheba-transfers".into(),
            body,
            journal,
            key: payment.idempotency_key.clone(),
        };
        self.go(ShebaTransferState::Pending {
            payment: payment.clone(),
        });
        let outcome = saved::submit_and_wait(&self.ctx, submission).await;
        Ok(self.apply(payment, outcome))
    }

    fn apply(&mut self, payment: ShebaPayment, outcome: Outcome) -> &ShebaTransferState {
        let state = match outcome {
            Outcome::Succeeded(json) => match ShebaReceipt::from_json(&json) {
                Some(receipt) => {
                    let to = &payment.destination;
                    crate::flows::accounts::remember_sheba(&self.ctx, &to.sheba, &to.holder_name);
                    ShebaTransferState::Succeeded { payment, receipt }
                }
                None => ShebaTransferState::Failed {
                    problem: unreadable_receipt(),
                    payment: Some(payment),
                },
            },
            Outcome::Failed(problem) => ShebaTransferState::Failed {
                problem,
                payment: Some(payment),
            },
            Outcome::Retry(problem) => ShebaTransferState::Confirm {
                payment,
                error: Some(problem),
            },
            Outcome::Unknown => ShebaTransferState::Pending { payment },
        };
        self.go(state)
    }

    /// A pending journey asks the bank for its outcome (after a restart).
    pub async fn resolve(&mut self) -> Result<&ShebaTransferState, Problem> {
        if matches!(self.state, ShebaTransferState::Pending { .. }) {
            submit::resolve_unresolved(&self.ctx.api, &self.ctx.store).await?;
            self.sync_with_journal()?;
        }
        Ok(&self.state)
    }

    /// Moves a pending state on from what the journal knows.
    pub(super) fn sync_with_journal(&mut self) -> Result<(), Problem> {
        let ShebaTransferState::Pending { payment } = &self.state else {
            return Ok(());
        };
        let payment = payment.clone();
        if let Some(outcome) = saved::journal_outcome(&self.ctx, &payment.idempotency_key)? {
            self.apply(payment, outcome);
        }
        Ok(())
    }
}
