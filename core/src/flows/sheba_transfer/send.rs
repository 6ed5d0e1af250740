//! The confirmation screen: SATNA's effective date and the description can
//! still change; then the order goes to the bank exactly once (journaled
//! first, its outcome resolved by asking, never by a blind resend) and ends
//! in a receipt.

use serde_json::{Value, json};

use super::{
    Method, ShebaLimits, ShebaPayment, ShebaTransfer, ShebaTransferState, settlement, wrong,
};
use crate::flows::Problem;
use crate::ids::Payee;
use crate::operation::{Link, Submission};

/// Longest description the bank accepts, in characters.
const MAX_DESCRIPTION: usize = 100;

impl ShebaTransfer {
    /// SATNA only: the effective date (Jalali `1404/01/15` or Gregorian), not in
    /// the past; a holiday moves it to the next business day, as shown.
    pub fn set_effective_date(&mut self, text: &str) -> Result<&ShebaTransferState, Problem> {
        let ShebaTransferState::Confirm { payment, .. } = self.state() else {
            return Err(wrong("effective_date"));
        };
        let mut payment = payment.clone();
        let now = self.ctx().bank_now();
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
                let limits = ShebaLimits::new(&self.ctx().config, 0);
                let (amount, config) = (payment.amount.get(), &self.ctx().config);
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
        let ShebaTransferState::Confirm { payment, .. } = self.state() else {
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
        let ShebaTransferState::Confirm { payment, .. } = self.state() else {
            return Err(wrong("submit"));
        };
        let payment = payment.clone();
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
        journal["flow_id"] = self.flow_id().into();
        let submission = Submission {
            kind: "sheba_transfer",
            path: "/v1/sheba-transfers".into(),
            body,
            journal,
            key: payment.idempotency_key,
            link: payment.link(),
        };
        self.submit_journaled(submission, ShebaTransferState::Pending { payment })
            .await
    }
}

impl ShebaPayment {
    /// What this transfer's second factor and signature are bound to.
    pub fn link(&self) -> Link {
        Link::payment(self.amount, Payee::Sheba(self.destination.sheba.clone()))
    }
}
