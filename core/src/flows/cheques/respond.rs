//! A cheque received, by its Sayad ID: the status and the issuer's standing
//! (the colour code) shown first; then confirm or refuse it (exactly once,
//! signed over `cheque_accept:` / `cheque_refuse:{sayad_id}`), or, once held,
//! transfer it to another national ID with a dynamic PIN bound to its amount
//! and `cheque:{sayad_id}:{national_id}`.

use serde_json::json;
use zeroize::Zeroizing;

use super::respond_state::{ChequeAction, ChequeAnswer, ReceivedChequeState as State};
use crate::client::{ChequeReceipt, ChequeRole, ChequeStatus, PinSource, local_now};
use crate::flows::journey::{unreadable_receipt, wrong_step as wrong};
use crate::flows::sms_pin::{self, PinStep, SmsPinPolicy};
use crate::flows::{Context, Journey, JourneyState, Problem, soft_token};
use crate::ids::{NationalId, SayadId, SecondPin};
use crate::operation::{Link, OperationKey, Outcome, Submission};

/// One received cheque; every input returns the new state to render.
pub type ReceivedCheque = Journey<State>;

impl JourneyState for State {
    const KIND: &'static str = "cheque_answer";

    fn pending_key(&self) -> Option<&OperationKey> {
        match self {
            Self::Pending { answer, .. } => Some(&answer.idempotency_key),
            _ => None,
        }
    }

    fn settle(self, ctx: &Context, outcome: Outcome) -> Self {
        let Self::Pending { answer, pin } = self else {
            return self;
        };
        match outcome {
            Outcome::Succeeded(json) => match ChequeReceipt::from_json(&json) {
                Some(receipt) => Self::Done { answer, receipt },
                None => Self::Failed {
                    problem: unreadable_receipt(),
                    answer: Some(answer),
                },
            },
            Outcome::Failed(problem) => Self::Failed {
                problem,
                answer: Some(answer),
            },
            Outcome::Retry(problem) => match answer.action {
                ChequeAction::Transfer { .. } => Self::ConfirmTransfer {
                    answer,
                    pin: pin
                        .unwrap_or_else(|| SmsPinPolicy::new(&ctx.config.otp, ctx.clock_offset)),
                    error: Some(problem),
                },
                _ => Self::Review {
                    cheque: answer.cheque,
                    error: Some(problem),
                },
            },
            Outcome::Unknown => Self::Pending { answer, pin },
        }
    }
}

impl ReceivedCheque {
    /// Opens the cheque with this Sayad ID as typed: its status and issuer's standing.
    pub async fn start(ctx: Context, sayad_id: &str) -> Result<Self, Problem> {
        let id: SayadId = sayad_id
            .parse()
            .map_err(|e| Problem::of(&e).at("sayad_id"))?;
        let cheque = ctx.api.cheque_inquiry(&id).await?;
        Ok(Self::begin(
            ctx,
            State::Review {
                cheque,
                error: None,
            },
        ))
    }

    /// Confirms the cheque, exactly once; waits for the outcome.
    pub async fn accept(&mut self) -> Result<&State, Problem> {
        self.answer(ChequeAction::Accept).await
    }

    /// Refuses the cheque, exactly once; waits for the outcome.
    pub async fn refuse(&mut self) -> Result<&State, Problem> {
        self.answer(ChequeAction::Refuse).await
    }

    async fn answer(&mut self, action: ChequeAction) -> Result<&State, Problem> {
        let State::Review { cheque, .. } = self.state() else {
            return Err(wrong(action.as_str()));
        };
        let cheque = cheque.clone();
        if cheque.role != ChequeRole::Pending || cheque.status != ChequeStatus::PendingAcceptance {
            return Ok(self.go(State::Review {
                cheque,
                error: Some(not_yours()),
            }));
        }
        let answer = ChequeAnswer {
            idempotency_key: OperationKey::new(),
            cheque,
            action,
        };
        self.send(answer, None, None).await
    }

    /// A held cheque to transfer to the national ID typed: parsed here, then
    /// confirmed with a dynamic PIN for one of the customer's accounts.
    pub async fn transfer_to(&mut self, national_id: &str) -> Result<&State, Problem> {
        let State::Review { cheque, .. } = self.state() else {
            return Err(wrong("to_national_id"));
        };
        let cheque = cheque.clone();
        let refused = |problem: Problem| State::Review {
            cheque: cheque.clone(),
            error: Some(problem.at("to_national_id")),
        };
        if cheque.role != ChequeRole::Holder || cheque.status != ChequeStatus::Accepted {
            return Ok(self.go(refused(not_yours())));
        }
        let to: NationalId = match national_id.parse() {
            Ok(to) => to,
            Err(error) => return Ok(self.go(refused(Problem::of(&error)))),
        };
        let accounts = self.ctx().api.accounts().await?;
        let Some(account) = accounts.iter().find(|a| a.state == "active") else {
            return Ok(self.go(refused(Problem::new(
                "account.inactive",
                "حساب فعالی برای تأیید انتقال ندارید.",
                "You have no active account to confirm the transfer with.",
            ))));
        };
        let answer = ChequeAnswer {
            idempotency_key: OperationKey::new(),
            cheque: cheque.clone(),
            action: ChequeAction::Transfer {
                to,
                account_id: account.account_id.clone(),
            },
        };
        let pin = SmsPinPolicy::new(&self.ctx().config.otp, self.ctx().clock_offset);
        Ok(self.go(State::ConfirmTransfer {
            answer,
            pin,
            error: None,
        }))
    }

    /// The SMS PIN countdown of a transfer, in seconds.
    pub fn pin_seconds_left(&self) -> u64 {
        match self.state() {
            State::ConfirmTransfer { pin, .. } => pin.seconds_left(local_now()),
            _ => 0,
        }
    }

    /// Asks for a dynamic PIN bound to the cheque's amount and the new holder.
    pub async fn request_pin(&mut self) -> Result<&State, Problem> {
        let State::ConfirmTransfer { answer, pin, .. } = self.state() else {
            return Err(wrong("pin"));
        };
        let (answer, mut pin) = (answer.clone(), pin.clone());
        let (Link::Payment { amount, payee }, ChequeAction::Transfer { account_id, .. }) =
            (answer.link(), &answer.action)
        else {
            return Err(wrong("pin"));
        };
        let step = sms_pin::request(
            &self.ctx().api,
            &mut pin,
            &answer.idempotency_key,
            &PinSource::Account(account_id.clone()),
            amount,
            &payee,
        )
        .await;
        let state = match step {
            PinStep::Issued => State::ConfirmTransfer {
                answer,
                pin,
                error: None,
            },
            PinStep::Refused(problem) => State::ConfirmTransfer {
                answer,
                pin,
                error: Some(problem),
            },
            PinStep::PaymentFailed(problem) => State::Failed {
                problem,
                answer: Some(answer),
            },
        };
        Ok(self.go(state))
    }

    /// Whether this phone holds a soft token (its code confirms a transfer).
    pub fn soft_token_available(&self) -> bool {
        soft_token::any_token_card(self.ctx()).is_some()
    }

    /// Transfers with the SMS dynamic PIN, exactly once.
    pub async fn submit_transfer(&mut self, pin: &str) -> Result<&State, Problem> {
        self.transfer_with(pin, "sms", None).await
    }

    /// Transfers with a code of this phone's soft token over the amount and
    /// the new holder, exactly once.
    pub async fn submit_transfer_with_soft_token(&mut self) -> Result<&State, Problem> {
        let State::ConfirmTransfer { answer, .. } = self.state() else {
            return Err(wrong("submit"));
        };
        let Link::Payment { amount, payee } = answer.link() else {
            return Err(wrong("submit"));
        };
        let (card_id, code) = soft_token::account_payment_code(self.ctx(), amount, &payee)?;
        let code = Zeroizing::new(code.to_string());
        self.transfer_with(&code, "ocra", Some(&card_id)).await
    }

    async fn transfer_with(
        &mut self,
        code: &str,
        pin_kind: &str,
        token_card_id: Option<&str>,
    ) -> Result<&State, Problem> {
        let State::ConfirmTransfer { answer, pin, .. } = self.state() else {
            return Err(wrong("submit"));
        };
        let (answer, pin) = (answer.clone(), pin.clone());
        if let Err(error) = code.parse::<SecondPin>() {
            return Ok(self.go(State::ConfirmTransfer {
                answer,
                pin,
                error: Some(Problem::of(&error).at("pin")),
            }));
        }
        let mut secrets = json!({"pin": code, "pin_kind": pin_kind});
        if let Some(card_id) = token_card_id {
            secrets["token_card_id"] = card_id.into();
        }
        self.send(answer, Some(pin), Some(secrets)).await
    }

    /// Journals and sends `answer` exactly once (`secrets`, the PIN of a
    /// transfer, go in the body only, never in the journal).
    async fn send(
        &mut self,
        answer: ChequeAnswer,
        pin: Option<SmsPinPolicy>,
        secrets: Option<serde_json::Value>,
    ) -> Result<&State, Problem> {
        let sayad_id = answer.cheque.sayad_id.as_str().to_owned();
        let mut journal = match &answer.action {
            ChequeAction::Transfer { to, account_id } => json!({
                "to_national_id": to.as_str(),
                "amount_rials": answer.cheque.amount_rials,
                "account_id": account_id,
            }),
            _ => json!({}),
        };
        let mut body = journal.clone();
        if let (Some(fields), Some(serde_json::Value::Object(extra))) =
            (body.as_object_mut(), secrets)
        {
            fields.extend(extra);
        }
        journal["sayad_id"] = sayad_id.as_str().into();
        journal["action"] = answer.action.as_str().into();
        journal["flow_id"] = self.flow_id().into();
        let submission = Submission {
            kind: "cheque_answer",
            path: format!("/v1/cheques/{sayad_id}/{}", answer.action.as_str()),
            body,
            journal,
            key: answer.idempotency_key,
            link: answer.link(),
        };
        tracing::info!(action = answer.action.as_str(), "answering a cheque");
        self.submit_journaled(submission, State::Pending { answer, pin })
            .await
    }
}

fn not_yours() -> Problem {
    Problem::new(
        "cheque.not_addressed",
        "این کار برای شما روی این چک ممکن نیست.",
        "You cannot do that with this cheque.",
    )
}
