//! Changing a card's static second PIN: card -> current PIN and the new one
//! twice -> submit exactly once (an idempotency key, journaled without the
//! PINs, signed by the enrolled device over `second_pin:{card_id}`) ->
//! receipt. A wrong current PIN is correctable: back to the PINs with the
//! bank's message and the same key.

use serde_json::json;

use super::block_state::BlockableCard;
use super::second_pin_state::{SecondPinOrder, SecondPinReceipt, SecondPinState};
use crate::flows::journey::{unreadable_receipt, wrong_step as wrong};
use crate::flows::{Context, Journey, JourneyState, Problem};
use crate::ids::SecondPin;
use crate::operation::{Link, OperationKey, Outcome, Submission};

/// One second-PIN change; every input returns the new state to render.
pub type SecondPinChange = Journey<SecondPinState>;

impl JourneyState for SecondPinState {
    const KIND: &'static str = "second_pin_change";

    fn pending_key(&self) -> Option<&OperationKey> {
        match self {
            Self::Pending { order } => Some(&order.idempotency_key),
            _ => None,
        }
    }

    fn settle(self, _ctx: &Context, outcome: Outcome) -> Self {
        let Self::Pending { order } = self else {
            return self;
        };
        match outcome {
            Outcome::Succeeded(json) => match SecondPinReceipt::from_json(&json) {
                Some(receipt) => Self::Changed { order, receipt },
                None => Self::Failed {
                    problem: unreadable_receipt(),
                    order: Some(order),
                },
            },
            Outcome::Failed(problem) => Self::Failed {
                problem,
                order: Some(order),
            },
            Outcome::Retry(problem) => Self::EnterPins {
                order,
                error: Some(problem.at("current_pin")),
            },
            Outcome::Unknown => Self::Pending { order },
        }
    }
}

async fn active_cards(ctx: &Context) -> Result<Vec<BlockableCard>, Problem> {
    let cards = ctx.api.cards().await?;
    Ok(cards
        .iter()
        .filter(|c| c.state == "active")
        .map(BlockableCard::from)
        .collect())
}

/// The PINs as typed, checked before anything is sent: the current one's
/// format, the new one's format and guessability, the repeat, and that it
/// changes something.
fn check_pins(current: &str, new: &str, repeat: &str) -> Result<(SecondPin, SecondPin), Problem> {
    let current: SecondPin = current
        .parse()
        .map_err(|e| Problem::of(&e).at("current_pin"))?;
    let new_pin = SecondPin::new_choice(new).map_err(|e| Problem::of(&e).at("new_pin"))?;
    if repeat.parse::<SecondPin>().ok().as_ref() != Some(&new_pin) {
        return Err(Problem::new(
            "pin.repeat_mismatch",
            "تکرار رمز دوم جدید با خود آن یکی نیست.",
            "The new second PIN and its repeat differ.",
        )
        .at("repeat_pin"));
    }
    if new_pin == current {
        return Err(Problem::new(
            "card.pin_unchanged",
            "رمز دوم جدید باید با رمز فعلی فرق داشته باشد.",
            "The new second PIN must differ from the current one.",
        )
        .at("new_pin"));
    }
    Ok((current, new_pin))
}

impl SecondPinChange {
    /// Starts at the list of the customer's active cards.
    pub async fn start(ctx: Context) -> Result<Self, Problem> {
        let cards = active_cards(&ctx).await?;
        Ok(Self::begin(ctx, SecondPinState::ChooseCard { cards }))
    }

    /// Picks the card; the change is named by a fresh key.
    pub fn choose(&mut self, card_id: &str) -> Result<&SecondPinState, Problem> {
        let SecondPinState::ChooseCard { cards } = self.state() else {
            return Err(wrong("card"));
        };
        let card = cards
            .iter()
            .find(|c| c.card_id == card_id)
            .cloned()
            .ok_or_else(|| {
                Problem::new("card.not_found", "کارت یافت نشد.", "Card not found.").at("card")
            })?;
        let order = SecondPinOrder {
            idempotency_key: OperationKey::new(),
            card,
        };
        Ok(self.go(SecondPinState::EnterPins { order, error: None }))
    }

    /// Back to the cards before sending.
    pub async fn back(&mut self) -> Result<&SecondPinState, Problem> {
        let SecondPinState::EnterPins { .. } = self.state() else {
            return Err(wrong("back"));
        };
        let cards = active_cards(self.ctx()).await?;
        Ok(self.go(SecondPinState::ChooseCard { cards }))
    }

    /// Sends the current PIN and the new one, once; a typing mistake stays
    /// on this step with the field it is about and sends nothing.
    pub async fn submit(
        &mut self,
        current_pin: &str,
        new_pin: &str,
        repeat_pin: &str,
    ) -> Result<&SecondPinState, Problem> {
        let SecondPinState::EnterPins { order, .. } = self.state() else {
            return Err(wrong("submit"));
        };
        let order = order.clone();
        let (current, new_pin) = match check_pins(current_pin, new_pin, repeat_pin) {
            Ok(pins) => pins,
            Err(problem) => {
                return Ok(self.go(SecondPinState::EnterPins {
                    order,
                    error: Some(problem),
                }));
            }
        };
        let card_id = order.card.card_id.clone();
        let submission = Submission {
            kind: "second_pin_change",
            path: format!("/v1/cards/{card_id}/second-pin"),
            body: json!({"current_pin": current.as_str(), "new_pin": new_pin.as_str()}),
            journal: json!({"card_id": card_id, "flow_id": self.flow_id()}),
            key: order.idempotency_key,
            link: Link::SecondPinChange { card_id },
        };
        tracing::info!("changing a card's second PIN");
        self.submit_journaled(submission, SecondPinState::Pending { order })
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::check_pins;

    #[test]
    fn pins_are_checked_before_anything_is_sent() {
        let field = |current, new, repeat| {
            let problem = check_pins(current, new, repeat).unwrap_err();
            (problem.code, problem.field.unwrap_or_default())
        };
        let cases = [
            (("5821", "47093", "47093"), ("pin.format", "current_pin")),
            (("58214", "4709", "4709"), ("pin.format", "new_pin")),
            (("58214", "12345", "12345"), ("pin.guessable", "new_pin")),
            (
                ("58214", "47093", "47039"),
                ("pin.repeat_mismatch", "repeat_pin"),
            ),
            (
                ("58214", "58214", "58214"),
                ("card.pin_unchanged", "new_pin"),
            ),
        ];
        for ((current, new, repeat), (code, at)) in cases {
            assert_eq!(
                field(current, new, repeat),
                (code.into(), at.into()),
                "{new}"
            );
        }
        let (current, new) = check_pins("۵۸۲۱۴", "47093", "۴۷۰۹۳").unwrap();
        assert_eq!((current.as_str(), new.as_str()), ("58214", "47093"));
    }
}
