//! Registering an issued cheque: leaf -> amount, Jalali due date (not in the
//! past), payees by national ID, description -> confirm with a dynamic PIN
//! bound to the amount and `cheque:{sayad_id}` (or a soft-token code) ->
//! submit exactly once (journaled first, an unknown outcome resolved by
//! asking) -> receipt.

use serde_json::json;
use zeroize::Zeroizing;

use super::register_state::{BlankLeaf, ChequeOrder, ChequeRegistrationState as State};
use crate::client::{ChequeReceipt, LeafState, PinSource, local_now};
use crate::flows::journey::{unreadable_receipt, wrong_step as wrong};
use crate::flows::sms_pin::{self, PinStep, SmsPinPolicy};
use crate::flows::{Context, Journey, JourneyState, Problem, soft_token};
use crate::ids::{NationalId, SecondPin};
use crate::money::Rials;
use crate::operation::{OperationKey, Outcome, Submission};

/// Payees a cheque may name.
const MAX_PAYEES: usize = 3;
/// The longest description, in characters.
const MAX_DESCRIPTION: usize = 100;

/// One cheque registration; every input returns the new state to render.
pub type ChequeRegistration = Journey<State>;

impl JourneyState for State {
    const KIND: &'static str = "cheque_register";

    fn pending_key(&self) -> Option<&OperationKey> {
        match self {
            Self::Pending { order, .. } => Some(&order.idempotency_key),
            _ => None,
        }
    }

    fn settle(self, ctx: &Context, outcome: Outcome) -> Self {
        let Self::Pending { order, pin } = self else {
            return self;
        };
        match outcome {
            Outcome::Succeeded(json) => match ChequeReceipt::from_json(&json) {
                Some(receipt) => Self::Registered { order, receipt },
                None => Self::Failed {
                    problem: unreadable_receipt(),
                    order: Some(order),
                },
            },
            Outcome::Failed(problem) => Self::Failed {
                problem,
                order: Some(order),
            },
            Outcome::Retry(problem) => Self::Confirm {
                order,
                pin: pin.unwrap_or_else(|| SmsPinPolicy::new(&ctx.config.otp, ctx.clock_offset)),
                error: Some(problem),
            },
            Outcome::Unknown => Self::Pending { order, pin },
        }
    }
}

fn invalid(code: &str, fa: &str, en: &str, field: &str) -> Problem {
    Problem::new(code, fa, en).at(field)
}

impl ChequeRegistration {
    /// Starts at the unused leaves of the customer's cheque books.
    pub async fn start(ctx: Context) -> Result<Self, Problem> {
        let books = ctx.api.cheque_books().await?;
        let leaves = books
            .items
            .iter()
            .flat_map(|book| {
                book.leaves
                    .iter()
                    .filter(|l| l.state == LeafState::Unused)
                    .map(|l| BlankLeaf {
                        sayad_id: l.sayad_id.clone(),
                        serial: l.serial.clone(),
                        account_id: book.account_id.clone(),
                    })
            })
            .collect();
        Ok(Self::begin(ctx, State::ChooseLeaf { leaves }))
    }

    /// Picks the leaf by its Sayad ID as typed (or as listed).
    pub fn choose_leaf(&mut self, sayad_id: &str) -> Result<&State, Problem> {
        let State::ChooseLeaf { leaves } = self.state() else {
            return Err(wrong("sayad_id"));
        };
        let id = sayad_id
            .parse::<crate::ids::SayadId>()
            .map_err(|e| Problem::of(&e).at("sayad_id"))?;
        let leaf = leaves
            .iter()
            .find(|l| l.sayad_id == id)
            .cloned()
            .ok_or_else(|| {
                invalid(
                    "cheque.not_found",
                    "این برگ چک در دسته‌چک‌های شما نیست یا پیش‌تر صادر شده است.",
                    "This leaf is not an unused leaf of your cheque books.",
                    "sayad_id",
                )
            })?;
        Ok(self.go(State::EnterDetails { leaf, error: None }))
    }

    /// The cheque's details as typed: amount in rials, Jalali due date
    /// (`1405/09/20`, today or later), one to three payees' national IDs and
    /// a description; all parsed here, then the cheque waits for confirmation
    /// under a fresh key.
    pub fn enter_details(
        &mut self,
        amount: &str,
        due_date: &str,
        payees: &[String],
        description: &str,
    ) -> Result<&State, Problem> {
        let State::EnterDetails { leaf, .. } = self.state() else {
            return Err(wrong("amount_rials"));
        };
        let leaf = leaf.clone();
        let state = match self.order(leaf.clone(), amount, due_date, payees, description) {
            Ok(order) => State::Confirm {
                order,
                pin: SmsPinPolicy::new(&self.ctx().config.otp, self.ctx().clock_offset),
                error: None,
            },
            Err(problem) => State::EnterDetails {
                leaf,
                error: Some(problem),
            },
        };
        Ok(self.go(state))
    }

    fn order(
        &self,
        leaf: BlankLeaf,
        amount: &str,
        due_date: &str,
        payees: &[String],
        description: &str,
    ) -> Result<ChequeOrder, Problem> {
        let amount: Rials = amount
            .parse()
            .map_err(|e| Problem::of(&e).at("amount_rials"))?;
        if amount.get() == 0 {
            return Err(invalid(
                "amount.invalid",
                "مبلغ چک باید بیش از صفر باشد.",
                "The cheque's amount must be above zero.",
                "amount_rials",
            ));
        }
        let (due, jalali) =
            crate::calendar::parse_any(due_date).map_err(|e| Problem::of(&e).at("due_date"))?;
        let today = jiff::Timestamp::from_second(self.ctx().bank_now())
            .map(|t| t.to_zoned(crate::calendar::tehran()).date())
            .map_err(|_| wrong("due_date"))?;
        if due < today {
            return Err(invalid(
                "cheque.due_date_invalid",
                "تاریخ سررسید چک گذشته است.",
                "The cheque's due date has passed.",
                "due_date",
            ));
        }
        let mut ids: Vec<NationalId> = Vec::with_capacity(payees.len());
        for text in payees.iter().filter(|t| !t.trim().is_empty()) {
            let id: NationalId = text
                .parse()
                .map_err(|e| Problem::of(&e).at("payee_national_ids"))?;
            if ids.contains(&id) || ids.len() == MAX_PAYEES {
                return Err(payee_count());
            }
            ids.push(id);
        }
        if ids.is_empty() {
            return Err(payee_count());
        }
        let description = description.trim();
        if description.chars().count() > MAX_DESCRIPTION {
            return Err(invalid(
                "cheque.description_too_long",
                "شرح چک بیش از حد طولانی است.",
                "The cheque's description is too long.",
                "description",
            ));
        }
        Ok(ChequeOrder {
            idempotency_key: OperationKey::new(),
            leaf,
            amount,
            amount_grouped_fa: amount.grouped_fa(),
            amount_words_fa: amount.words_fa(),
            due_date: due.to_string(),
            due_date_jalali: jalali.to_string(),
            due_date_long_fa: jalali.to_long_fa(),
            payees: ids,
            description: (!description.is_empty()).then(|| description.to_owned()),
        })
    }

    /// Back from the confirmation to the details (the key is dropped unused).
    pub fn edit(&mut self) -> Result<&State, Problem> {
        let State::Confirm { order, .. } = self.state() else {
            return Err(wrong("edit"));
        };
        let leaf = order.leaf.clone();
        Ok(self.go(State::EnterDetails { leaf, error: None }))
    }

    /// The SMS PIN countdown, in seconds (0: a PIN may be requested).
    pub fn pin_seconds_left(&self) -> u64 {
        match self.state() {
            State::Confirm { pin, .. } => pin.seconds_left(local_now()),
            _ => 0,
        }
    }

    /// Asks the bank for a dynamic PIN bound to this amount and Sayad ID,
    /// sent to the customer's mobile, as the policy allows.
    pub async fn request_pin(&mut self) -> Result<&State, Problem> {
        let State::Confirm { order, pin, .. } = self.state() else {
            return Err(wrong("pin"));
        };
        let (order, mut pin) = (order.clone(), pin.clone());
        let crate::operation::Link::Payment { payee, .. } = order.link() else {
            return Err(wrong("pin"));
        };
        let step = sms_pin::request(
            &self.ctx().api,
            &mut pin,
            &order.idempotency_key,
            &PinSource::Account(order.leaf.account_id.clone()),
            order.amount,
            &payee,
        )
        .await;
        let state = match step {
            PinStep::Issued => State::Confirm {
                order,
                pin,
                error: None,
            },
            PinStep::Refused(problem) => State::Confirm {
                order,
                pin,
                error: Some(problem),
            },
            PinStep::PaymentFailed(problem) => State::Failed {
                problem,
                order: Some(order),
            },
        };
        Ok(self.go(state))
    }

    /// Whether this phone holds a soft token (its code confirms instead of an SMS PIN).
    pub fn soft_token_available(&self) -> bool {
        soft_token::any_token_card(self.ctx()).is_some()
    }

    /// Registers with the SMS dynamic PIN, exactly once; waits for the outcome.
    pub async fn submit(&mut self, pin: &str) -> Result<&State, Problem> {
        self.submit_with(pin, "sms", None).await
    }

    /// Registers with a code of this phone's soft token over the amount and
    /// the Sayad ID, exactly once; waits for the outcome.
    pub async fn submit_with_soft_token(&mut self) -> Result<&State, Problem> {
        let State::Confirm { order, .. } = self.state() else {
            return Err(wrong("submit"));
        };
        let crate::operation::Link::Payment { amount, payee } = order.link() else {
            return Err(wrong("submit"));
        };
        let (card_id, code) = soft_token::account_payment_code(self.ctx(), amount, &payee)?;
        let code = Zeroizing::new(code.to_string());
        self.submit_with(&code, "ocra", Some(&card_id)).await
    }

    async fn submit_with(
        &mut self,
        code: &str,
        pin_kind: &str,
        token_card_id: Option<&str>,
    ) -> Result<&State, Problem> {
        let State::Confirm { order, pin, .. } = self.state() else {
            return Err(wrong("submit"));
        };
        let (order, pin) = (order.clone(), pin.clone());
        if let Err(error) = code.parse::<SecondPin>() {
            return Ok(self.go(State::Confirm {
                order,
                pin,
                error: Some(Problem::of(&error).at("pin")),
            }));
        }
        let mut journal = json!({
            "sayad_id": order.leaf.sayad_id.as_str(),
            "amount_rials": order.amount.get(),
            "due_date": order.due_date,
            "payee_national_ids": order.payees.iter().map(NationalId::as_str).collect::<Vec<_>>(),
        });
        if let Some(text) = &order.description {
            journal["description"] = text.as_str().into();
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
            kind: "cheque_register",
            path: "/v1/cheques".into(),
            body,
            journal,
            key: order.idempotency_key,
            link: order.link(),
        };
        tracing::info!("registering a cheque");
        self.submit_journaled(
            submission,
            State::Pending {
                order,
                pin: Some(pin),
            },
        )
        .await
    }
}

fn payee_count() -> Problem {
    invalid(
        "cheque.payee_count",
        "چک باید در وجه یک تا سه نفر با کد ملی متفاوت باشد.",
        "A cheque names one to three different payees.",
        "payee_national_ids",
    )
}
