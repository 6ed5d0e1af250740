//! Blocking a card: card -> reason -> confirm -> submit exactly once (the
//! bank's `card_block` is of the money-moving class: an idempotency key,
//! journaled before it leaves, an unknown outcome resolved by asking) ->
//! receipt. Every state is saved, so the journey survives a restart.

use serde_json::json;

use super::block_state::{BlockOrder, BlockReason, BlockReceipt, BlockableCard, CardBlockState};
use crate::flows::journey::{unreadable_receipt, wrong_step as wrong};
use crate::flows::{Context, Journey, JourneyState, Problem};
use crate::operation::{Link, OperationKey, Outcome, Submission};

/// One card block; every input returns the new state to render.
pub type CardBlock = Journey<CardBlockState>;

impl JourneyState for CardBlockState {
    const KIND: &'static str = "card_block";

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
            Outcome::Succeeded(json) => match BlockReceipt::from_json(&json) {
                Some(receipt) => Self::Blocked { order, receipt },
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
                error: Some(problem),
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

impl CardBlock {
    /// Starts at the list of the customer's active cards.
    pub async fn start(ctx: Context) -> Result<Self, Problem> {
        let cards = active_cards(&ctx).await?;
        Ok(Self::begin(ctx, CardBlockState::ChooseCard { cards }))
    }

    /// Picks the card and the reason; the block is named by a fresh key and
    /// waits for the customer's confirmation.
    pub fn choose(
        &mut self,
        card_id: &str,
        reason: BlockReason,
    ) -> Result<&CardBlockState, Problem> {
        let CardBlockState::ChooseCard { cards } = self.state() else {
            return Err(wrong("card"));
        };
        let card = cards
            .iter()
            .find(|c| c.card_id == card_id)
            .cloned()
            .ok_or_else(|| {
                Problem::new("card.not_found", "کارت یافت نشد.", "Card not found.").at("card")
            })?;
        let order = BlockOrder {
            idempotency_key: OperationKey::new(),
            card,
            reason,
        };
        Ok(self.go(CardBlockState::Confirm { order, error: None }))
    }

    /// The customer changes her mind before confirming: back to the cards.
    pub async fn back(&mut self) -> Result<&CardBlockState, Problem> {
        let CardBlockState::Confirm { .. } = self.state() else {
            return Err(wrong("back"));
        };
        let cards = active_cards(self.ctx()).await?;
        Ok(self.go(CardBlockState::ChooseCard { cards }))
    }

    /// Confirms: the block goes to the bank exactly once; waits for its outcome.
    pub async fn confirm(&mut self) -> Result<&CardBlockState, Problem> {
        let CardBlockState::Confirm { order, .. } = self.state() else {
            return Err(wrong("confirm"));
        };
        let order = order.clone();
        let journal = json!({
            "card_id": order.card.card_id,
            "reason": order.reason.as_str(),
            "flow_id": self.flow_id(),
        });
        let submission = Submission {
            kind: "card_block",
            path: format!("/v1/cards/{}/block", order.card.card_id),
            body: json!({"reason": order.reason.as_str()}),
            journal,
            key: order.idempotency_key,
            link: Link::CardBlock {
                card_id: order.card.card_id.clone(),
            },
        };
        tracing::info!(reason = order.reason.as_str(), "blocking a card");
        self.submit_journaled(submission, CardBlockState::Pending { order })
            .await
    }
}
