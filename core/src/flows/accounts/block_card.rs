//! Blocking a card: card -> reason -> confirm -> submit exactly once (the
//! bank's `card_block` is of the money-moving class: an idempotency key,
//! journaled before it leaves, an unknown outcome resolved by asking) ->
//! receipt. Every state is saved, so the journey survives a restart.

use serde_json::json;

use super::block_state::{BlockOrder, BlockReason, BlockReceipt, BlockableCard, CardBlockState};
use crate::flows::saved::{self, unreadable_receipt, wrong_step as wrong};
use crate::flows::submit::{self, Outcome, Submission};
use crate::flows::{Context, Problem};

/// One card block; every input returns the new state to render.
#[derive(Debug)]
pub struct CardBlock {
    ctx: Context,
    flow_id: String,
    state: CardBlockState,
}

impl CardBlock {
    /// Starts at the list of the customer's active cards.
    pub async fn start(ctx: Context) -> Result<Self, Problem> {
        let cards = ctx.api.cards().await?;
        let cards = cards
            .iter()
            .filter(|c| c.state == "active")
            .map(BlockableCard::from)
            .collect();
        let mut flow = Self {
            ctx,
            flow_id: format!("card_block:{}", uuid::Uuid::new_v4()),
            state: CardBlockState::ChooseCard { cards },
        };
        flow.save();
        Ok(flow)
    }

    /// Reopens a saved journey; a pending one learns its outcome from the journal.
    pub fn restore(ctx: Context, flow_id: &str) -> Result<Option<Self>, Problem> {
        let Some(state) = saved::load(&ctx, flow_id)? else {
            return Ok(None);
        };
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
    pub fn state(&self) -> &CardBlockState {
        &self.state
    }

    /// Forgets the saved journey (after the receipt was shown).
    pub fn close(self) -> Result<(), Problem> {
        Ok(self.ctx.store.delete_flow(&self.flow_id)?)
    }

    fn save(&mut self) {
        saved::save(&self.ctx, &self.flow_id, &self.state);
    }

    fn go(&mut self, state: CardBlockState) -> &CardBlockState {
        self.state = state;
        self.save();
        &self.state
    }

    /// Picks the card and the reason; the block is named by a fresh key and
    /// waits for the customer's confirmation.
    pub fn choose(
        &mut self,
        card_id: &str,
        reason: BlockReason,
    ) -> Result<&CardBlockState, Problem> {
        let CardBlockState::ChooseCard { cards } = &self.state else {
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
            idempotency_key: uuid::Uuid::new_v4().to_string(),
            card,
            reason,
        };
        Ok(self.go(CardBlockState::Confirm { order, error: None }))
    }

    /// The customer changes her mind before confirming: back to the cards.
    pub async fn back(&mut self) -> Result<&CardBlockState, Problem> {
        let CardBlockState::Confirm { .. } = &self.state else {
            return Err(wrong("back"));
        };
        let cards = self.ctx.api.cards().await?;
        let cards = cards
            .iter()
            .filter(|c| c.state == "active")
            .map(BlockableCard::from)
            .collect();
        Ok(self.go(CardBlockState::ChooseCard { cards }))
    }

    /// Confirms: the block goes to the bank exactly once; waits for its outcome.
    pub async fn confirm(&mut self) -> Result<&CardBlockState, Problem> {
        let CardBlockState::Confirm { order, .. } = &self.state else {
            return Err(wrong("confirm"));
        };
        let order = order.clone();
        submit::ensure_resolved(&self.ctx.api, &self.ctx.store, &order.idempotency_key).await?;
        let body = json!({"reason": order.reason.as_str()});
        let journal = json!({
            "card_id": order.card.card_id,
            "reason": order.reason.as_str(),
            "flow_id": self.flow_id,
        });
        let submission = Submission {
            kind: "card_block",
            path: format!("/v1/cards/{}/block", order.card.card_id),
            body,
            journal,
            key: order.idempotency_key.clone(),
        };
        self.go(CardBlockState::Pending {
            order: order.clone(),
        });
        tracing::info!(reason = order.reason.as_str(), "blocking a card");
        let outcome = saved::submit_and_wait(&self.ctx, submission).await;
        Ok(self.apply(order, outcome))
    }

    fn apply(&mut self, order: BlockOrder, outcome: Outcome) -> &CardBlockState {
        let state = match outcome {
            Outcome::Succeeded(json) => match BlockReceipt::from_json(&json) {
                Some(receipt) => CardBlockState::Blocked { order, receipt },
                None => CardBlockState::Failed {
                    problem: unreadable_receipt(),
                    order: Some(order),
                },
            },
            Outcome::Failed(problem) => CardBlockState::Failed {
                problem,
                order: Some(order),
            },
            Outcome::Retry(problem) => CardBlockState::Confirm {
                order,
                error: Some(problem),
            },
            Outcome::Unknown => CardBlockState::Pending { order },
        };
        self.go(state)
    }

    /// A pending block asks the bank for its outcome (after a restart).
    pub async fn resolve(&mut self) -> Result<&CardBlockState, Problem> {
        if matches!(self.state, CardBlockState::Pending { .. }) {
            submit::resolve_unresolved(&self.ctx.api, &self.ctx.store).await?;
            self.sync_with_journal()?;
        }
        Ok(&self.state)
    }

    /// Moves a pending state on from what the journal knows.
    fn sync_with_journal(&mut self) -> Result<(), Problem> {
        let CardBlockState::Pending { order } = &self.state else {
            return Ok(());
        };
        let order = order.clone();
        if let Some(outcome) = saved::journal_outcome(&self.ctx, &order.idempotency_key)? {
            self.apply(order, outcome);
        }
        Ok(())
    }
}
