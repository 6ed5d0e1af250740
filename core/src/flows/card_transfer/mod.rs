//! Card-to-card: source card -> destination PAN (parsed locally, then the
//! holder inquiry to confirm) -> amount (limits shown, amount in words) ->
//! dynamic PIN + CVV2 + expiry -> submit (exactly once) -> receipt.

mod authorize;
mod state;

pub(crate) use authorize::check_secrets;
pub use state::{AmountLimits, CardTransferState, Destination, Payment, Receipt, SourceCard};

use super::journey::{unreadable_receipt, wrong_step as wrong};
use super::sms_pin::SmsPinPolicy;
use super::{Context, Journey, JourneyState, Problem};
use crate::client::local_now;
use crate::ids::CardNumber;
use crate::money::Rials;
use crate::operation::{OperationKey, Outcome};

/// One card-to-card journey; every input returns the new state to render.
pub type CardTransfer = Journey<CardTransferState>;

impl JourneyState for CardTransferState {
    const KIND: &'static str = "card_transfer";

    fn pending_key(&self) -> Option<&OperationKey> {
        match self {
            Self::Pending { payment, .. } => Some(&payment.idempotency_key),
            _ => None,
        }
    }

    fn settle(self, ctx: &Context, outcome: Outcome) -> Self {
        let Self::Pending { payment, pin } = self else {
            return self;
        };
        match outcome {
            Outcome::Succeeded(json) => match Receipt::from_json(&json) {
                Some(receipt) => {
                    if receipt.status == "succeeded" {
                        let to = &payment.destination;
                        crate::flows::accounts::remember_card(ctx, &to.pan, &to.holder_name);
                    }
                    Self::Succeeded { payment, receipt }
                }
                None => Self::Failed {
                    problem: unreadable_receipt(),
                    payment: Some(payment),
                },
            },
            Outcome::Failed(problem) => Self::Failed {
                problem,
                payment: Some(payment),
            },
            Outcome::Retry(problem) => Self::Authorize {
                payment,
                pin: pin.unwrap_or_else(|| SmsPinPolicy::new(&ctx.config.otp, ctx.clock_offset)),
                error: Some(problem),
            },
            Outcome::Unknown => Self::Pending { payment, pin },
        }
    }
}

impl CardTransfer {
    /// Starts a journey: the customer's active cards, then the other banks'
    /// cards she added on this phone.
    pub async fn start(ctx: Context) -> Result<Self, Problem> {
        let own = ctx.api.cards().await?;
        let cards = crate::flows::other_cards::paying_cards(&ctx, &own)?;
        Ok(Self::begin(ctx, CardTransferState::ChooseSource { cards }))
    }

    /// The SMS PIN countdown, in seconds (0: a PIN may be requested).
    pub fn pin_seconds_left(&self) -> u64 {
        match self.state() {
            CardTransferState::Authorize { pin, .. } => pin.seconds_left(local_now()),
            _ => 0,
        }
    }

    /// Picks the source card.
    pub fn choose_source(&mut self, card_id: &str) -> Result<&CardTransferState, Problem> {
        let CardTransferState::ChooseSource { cards } = self.state() else {
            return Err(wrong("source"));
        };
        let source = cards
            .iter()
            .find(|c| c.card_id == card_id)
            .cloned()
            .ok_or_else(|| {
                Problem::new("card.not_found", "کارت یافت نشد.", "Card not found.").at("source")
            })?;
        Ok(self.go(CardTransferState::EnterDestination {
            source,
            error: None,
        }))
    }

    /// The destination card number: parsed here first, then the holder inquiry.
    pub async fn enter_destination(&mut self, text: &str) -> Result<&CardTransferState, Problem> {
        let CardTransferState::EnterDestination { source, .. } = self.state() else {
            return Err(wrong("destination_pan"));
        };
        let source = source.clone();
        let pan: CardNumber = match text.parse() {
            Ok(pan) => pan,
            Err(error) => {
                let problem = Problem::of(&error).at("destination_pan");
                return Ok(self.go(CardTransferState::EnterDestination {
                    source,
                    error: Some(problem),
                }));
            }
        };
        tracing::debug!(destination = %pan, "card holder inquiry");
        match self.ctx().api.card_holder(pan.as_str()).await {
            Ok(holder) => {
                let destination = Destination {
                    pan,
                    pan_masked: holder.pan_masked,
                    holder_name: holder.holder_name,
                    bank: holder.bank,
                };
                Ok(self.go(CardTransferState::ConfirmHolder {
                    source,
                    destination,
                }))
            }
            Err(error) => {
                let problem = Problem::from(error).at("destination_pan");
                Ok(self.go(CardTransferState::EnterDestination {
                    source,
                    error: Some(problem),
                }))
            }
        }
    }

    /// The customer confirms (or rejects) the holder; confirmation shows the limits.
    pub async fn confirm_holder(&mut self, confirmed: bool) -> Result<&CardTransferState, Problem> {
        let CardTransferState::ConfirmHolder {
            source,
            destination,
        } = self.state()
        else {
            return Err(wrong("confirm"));
        };
        let (source, destination) = (source.clone(), destination.clone());
        if !confirmed {
            return Ok(self.go(CardTransferState::EnterDestination {
                source,
                error: None,
            }));
        }
        // Another bank's card: its issuer keeps its limits; the bank's config shows the rules.
        let card_limits = if source.is_other_bank() {
            None
        } else {
            self.ctx().api.card_limits(&source.card_id).await.ok()
        };
        let config = &self.ctx().config;
        let limits = AmountLimits::new(
            card_limits.as_ref(),
            &config.limits.card_to_card,
            config.fees.card_to_card_rials,
        );
        Ok(self.go(CardTransferState::EnterAmount {
            source,
            destination,
            limits,
            error: None,
        }))
    }

    /// The amount, as typed; within the limits it confirms the payment and
    /// names it with a fresh idempotency key.
    pub fn enter_amount(&mut self, text: &str) -> Result<&CardTransferState, Problem> {
        let CardTransferState::EnterAmount {
            source,
            destination,
            limits,
            ..
        } = self.state()
        else {
            return Err(wrong("amount_rials"));
        };
        let (source, destination, limits) = (source.clone(), destination.clone(), limits.clone());
        let checked = text
            .parse::<Rials>()
            .map_err(|e| Problem::of(&e).at("amount_rials"))
            .and_then(|amount| limits.check(amount.get()).map(|()| amount));
        let amount = match checked {
            Ok(amount) => amount,
            Err(problem) => {
                return Ok(self.go(CardTransferState::EnterAmount {
                    source,
                    destination,
                    limits,
                    error: Some(problem),
                }));
            }
        };
        let payment = Payment {
            idempotency_key: OperationKey::new(),
            source,
            destination,
            amount,
            amount_grouped_fa: amount.grouped_fa(),
            amount_words_fa: amount.words_fa(),
            fee: Rials::new(limits.fee_rials),
        };
        let pin = SmsPinPolicy::new(&self.ctx().config.otp, self.ctx().clock_offset);
        Ok(self.go(CardTransferState::Authorize {
            payment,
            pin,
            error: None,
        }))
    }
}
