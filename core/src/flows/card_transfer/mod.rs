//! Card-to-card: source card -> destination PAN (parsed locally, then the
//! holder inquiry to confirm) -> amount (limits shown, amount in words) ->
//! dynamic PIN + CVV2 + expiry -> submit (exactly once) -> receipt.

mod authorize;
mod state;

pub(crate) use authorize::check_secrets;
pub use state::{AmountLimits, CardTransferState, Destination, Payment, Receipt, SourceCard};

use super::sms_pin::SmsPinPolicy;
use super::{Context, Problem};
use crate::client::local_now;
use crate::ids::CardNumber;
use crate::money::Rials;

/// One card-to-card journey; every input returns the new state to render.
#[derive(Debug)]
pub struct CardTransfer {
    ctx: Context,
    flow_id: String,
    state: CardTransferState,
}

fn wrong(step: &str) -> Problem {
    Problem::new(
        "flow.wrong_step",
        "این کار در این مرحله ممکن نیست.",
        "That is not possible at this step.",
    )
    .at(step)
}

impl CardTransfer {
    /// Starts a journey: the customer's active cards.
    pub async fn start(ctx: Context) -> Result<Self, Problem> {
        let cards = ctx.api.cards().await?;
        let cards = cards
            .iter()
            .filter(|c| c.state == "active")
            .map(SourceCard::from)
            .collect();
        let mut flow = Self {
            ctx,
            flow_id: format!("card_transfer:{}", uuid::Uuid::new_v4()),
            state: CardTransferState::ChooseSource { cards },
        };
        flow.save();
        Ok(flow)
    }

    /// Reopens a saved journey; a pending one learns its outcome from the journal.
    pub fn restore(ctx: Context, flow_id: &str) -> Result<Option<Self>, Problem> {
        let Some(saved) = ctx.store.load_flow(flow_id)? else {
            return Ok(None);
        };
        let state = serde_json::from_value(saved)
            .map_err(|_| Problem::of(&crate::store::StoreError::Format))?;
        let mut flow = Self {
            ctx,
            flow_id: flow_id.to_owned(),
            state,
        };
        flow.sync_with_journal()?;
        Ok(Some(flow))
    }

    /// The saved journey's id.
    pub fn flow_id(&self) -> &str {
        &self.flow_id
    }

    /// The state to render.
    pub fn state(&self) -> &CardTransferState {
        &self.state
    }

    /// The SMS PIN countdown, in seconds (0: a PIN may be requested).
    pub fn pin_seconds_left(&self) -> u64 {
        match &self.state {
            CardTransferState::Authorize { pin, .. } => pin.seconds_left(local_now()),
            _ => 0,
        }
    }

    fn save(&mut self) {
        let saved = serde_json::to_value(&self.state)
            .map_err(|_| crate::store::StoreError::Format)
            .and_then(|state| self.ctx.store.save_flow(&self.flow_id, &state, local_now()));
        if let Err(error) = saved {
            tracing::error!(code = %crate::Coded::code(&error), "flow state not saved");
        }
    }

    fn go(&mut self, state: CardTransferState) -> &CardTransferState {
        self.state = state;
        self.save();
        &self.state
    }

    /// Forgets the saved journey (after the receipt was shown).
    pub fn close(self) -> Result<(), Problem> {
        Ok(self.ctx.store.delete_flow(&self.flow_id)?)
    }

    /// Picks the source card.
    pub fn choose_source(&mut self, card_id: &str) -> Result<&CardTransferState, Problem> {
        let CardTransferState::ChooseSource { cards } = &self.state else {
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
        let CardTransferState::EnterDestination { source, .. } = &self.state else {
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
        match self.ctx.api.card_holder(pan.as_str()).await {
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
        } = &self.state
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
        let card_limits = self.ctx.api.card_limits(&source.card_id).await.ok();
        let config = &self.ctx.config;
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
        } = &self.state
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
            idempotency_key: uuid::Uuid::new_v4().to_string(),
            source,
            destination,
            amount,
            amount_grouped_fa: amount.grouped_fa(),
            amount_words_fa: amount.words_fa(),
            fee: Rials::new(limits.fee_rials),
        };
        let pin = SmsPinPolicy::new(&self.ctx.config.otp, self.ctx.clock_offset);
        Ok(self.go(CardTransferState::Authorize {
            payment,
            pin,
            error: None,
        }))
    }
}
