//! The confirmation screen: SATNA's effective date and the description can
//! still change; then the order goes to the bank exactly once (journaled
//! first, its outcome resolved by asking, never by a blind resend) and ends
//! in a receipt.

use serde_json::{Value, json};

use super::{
    Method, ShebaLimits, ShebaPayment, ShebaTransfer, ShebaTransferState, settlement, wrong,
};
use crate::client::{PinSource, local_now};
use crate::flows::Problem;
use crate::flows::sms_pin::{self, PinStep};
use crate::flows::soft_token;
use crate::ids::{Payee, SecondPin};
use crate::operation::{Link, Submission};

/// Longest description the bank accepts, in characters.
const MAX_DESCRIPTION: usize = 100;

impl ShebaTransfer {
    /// SATNA only: the effective date (Jalali `1404/01/15` or Gregorian), not in
    /// the past; a holiday moves it to the next business day, as shown.
    pub fn set_effective_date(&mut self, text: &str) -> Result<&ShebaTransferState, Problem> {
        let ShebaTransferState::Confirm { payment, pin, .. } = self.state() else {
            return Err(wrong("effective_date"));
        };
        let (mut payment, pin) = (payment.clone(), pin.clone());
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
        Ok(self.go(ShebaTransferState::Confirm {
            payment,
            pin,
            error,
        }))
    }

    /// A description for the receipt (at most 100 characters).
    pub fn describe(&mut self, text: &str) -> Result<&ShebaTransferState, Problem> {
        let ShebaTransferState::Confirm { payment, pin, .. } = self.state() else {
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
        Ok(self.go(ShebaTransferState::Confirm {
            payment,
            pin,
            error,
        }))
    }

    /// The SMS PIN countdown, in seconds (0: a PIN may be requested).
    pub fn pin_seconds_left(&self) -> u64 {
        match self.state() {
            ShebaTransferState::Confirm { pin, .. } => pin.seconds_left(local_now()),
            _ => 0,
        }
    }

    /// Asks the bank for an SMS dynamic PIN bound to this amount and SHEBA,
    /// sent to the customer's mobile, as the policy allows.
    pub async fn request_pin(&mut self) -> Result<&ShebaTransferState, Problem> {
        let ShebaTransferState::Confirm { payment, pin, .. } = self.state() else {
            return Err(wrong("pin"));
        };
        let (payment, mut pin) = (payment.clone(), pin.clone());
        let source = PinSource::Account(payment.source.account_id.clone());
        let payee = Payee::Sheba(payment.destination.sheba.clone());
        let step = sms_pin::request(
            &self.ctx().api,
            &mut pin,
            &payment.idempotency_key,
            &source,
            payment.amount,
            &payee,
        )
        .await;
        let error = match step {
            PinStep::Issued => None,
            PinStep::Refused(problem) => Some(problem),
            PinStep::PaymentFailed(problem) => {
                return Ok(self.go(ShebaTransferState::Failed {
                    problem,
                    payment: Some(payment),
                }));
            }
        };
        Ok(self.go(ShebaTransferState::Confirm {
            payment,
            pin,
            error,
        }))
    }

    /// Whether this phone holds a soft token: then its code (bound to this
    /// amount and SHEBA) confirms the transfer and no SMS PIN is needed.
    pub fn soft_token_available(&self) -> bool {
        soft_token::any_token_card(self.ctx()).is_some()
    }

    /// Sends the confirmed order with the SMS dynamic PIN; waits for its outcome.
    pub async fn submit(&mut self, pin: &str) -> Result<&ShebaTransferState, Problem> {
        self.submit_with(pin, "sms", None).await
    }

    /// Sends the confirmed order with a code of this phone's soft token,
    /// bound to its amount and SHEBA; waits for its outcome.
    pub async fn submit_with_soft_token(&mut self) -> Result<&ShebaTransferState, Problem> {
        let ShebaTransferState::Confirm { payment, .. } = self.state() else {
            return Err(wrong("submit"));
        };
        let payee = Payee::Sheba(payment.destination.sheba.clone());
        let (card_id, code) = soft_token::account_payment_code(self.ctx(), payment.amount, &payee)?;
        self.submit_with(&code, "ocra", Some(&card_id)).await
    }

    async fn submit_with(
        &mut self,
        code: &str,
        pin_kind: &str,
        token_card_id: Option<&str>,
    ) -> Result<&ShebaTransferState, Problem> {
        let ShebaTransferState::Confirm { payment, pin, .. } = self.state() else {
            return Err(wrong("submit"));
        };
        let (payment, pin) = (payment.clone(), pin.clone());
        if let Err(error) = code.parse::<SecondPin>() {
            return Ok(self.go(ShebaTransferState::Confirm {
                payment,
                pin,
                error: Some(Problem::of(&error).at("pin")),
            }));
        }
        let mut journal = json!({
            "source_account_id": payment.source.account_id,
            "destination_sheba": payment.destination.sheba.as_str(),
            "amount_rials": payment.amount.get(),
            "method": payment.option.method.id(),
        });
        if let Value::Object(fields) = &mut journal {
            if let Some(date) = &payment.effective_date {
                fields.insert("effective_date".into(), date.as_str().into());
            }
            if let Some(text) = &payment.description {
                fields.insert("description".into(), text.as_str().into());
            }
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
            kind: "sheba_transfer",
            path: "/v1/sheba-transfers".into(),
            body,
            journal,
            key: payment.idempotency_key,
            link: payment.link(),
        };
        let pending = ShebaTransferState::Pending {
            payment,
            pin: Some(pin),
        };
        self.submit_journaled(submission, pending).await
    }
}

impl ShebaPayment {
    /// What this transfer's second factor and signature are bound to.
    pub fn link(&self) -> Link {
        Link::payment(self.amount, Payee::Sheba(self.destination.sheba.clone()))
    }
}
