//! The saved-flow scaffold every journey plugs its states into: the state is
//! saved (sealed) after each step, a journey reopens after a restart, a
//! submission runs exactly once through the operation engine, and a pending
//! state learns its outcome from the journal.
//!
//! A journey is `Journey<S>` for its state enum `S` (`CardTransfer` is
//! `Journey<CardTransferState>`); its steps are an `impl` block on that type.

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::{Context, Problem};
use crate::client::local_now;
use crate::operation::{self, OperationKey, Outcome, Submission, journal};
use crate::store::StoreError;

/// Saved flows untouched for this long are pruned (unless they wait on an
/// unresolved operation): a week, in seconds.
pub const FLOW_MAX_AGE_SECONDS: i64 = 7 * 24 * 3600;

/// The states of one kind of journey.
pub trait JourneyState: Serialize + DeserializeOwned + Clone + std::fmt::Debug {
    /// The journey's kind: the journal's kind and the flow id's prefix.
    const KIND: &'static str;

    /// The key of the operation this state waits for, when it is pending.
    fn pending_key(&self) -> Option<&OperationKey>;

    /// The state an outcome leads to from this (pending) state.
    fn settle(self, ctx: &Context, outcome: Outcome) -> Self;
}

/// One journey: its context, its saved id and the state to render.
#[derive(Debug)]
pub struct Journey<S> {
    ctx: Context,
    flow_id: String,
    state: S,
}

impl<S: JourneyState> Journey<S> {
    /// A new journey at `state`, saved.
    pub(crate) fn begin(ctx: Context, state: S) -> Self {
        let flow_id = format!("{}:{}", S::KIND, uuid::Uuid::new_v4());
        let mut journey = Self {
            ctx,
            flow_id,
            state: state.clone(),
        };
        journey.go(state);
        journey
    }

    /// Reopens a saved journey of this kind (`None` if there is none under
    /// `flow_id`); a pending one learns its outcome from the journal. A saved
    /// state this build cannot read (one written by an older build in another
    /// shape) is forgotten and `None` returned: the journey starts afresh, and
    /// an operation it had sent is still resolved from the journal.
    pub fn restore(ctx: Context, flow_id: &str) -> Result<Option<Self>, Problem> {
        let of_this_kind = flow_id
            .strip_prefix(S::KIND)
            .is_some_and(|rest| rest.starts_with(':'));
        if !of_this_kind {
            return Ok(None);
        }
        let Some(saved) = ctx.store.load_flow(flow_id)? else {
            return Ok(None);
        };
        let Ok(state) = serde_json::from_value(saved) else {
            tracing::warn!(
                kind = S::KIND,
                "a saved flow this build cannot read was forgotten"
            );
            ctx.store.delete_flow(flow_id)?;
            return Ok(None);
        };
        let mut journey = Self {
            ctx,
            flow_id: flow_id.to_owned(),
            state,
        };
        journey.sync_with_journal()?;
        Ok(Some(journey))
    }

    /// Reopens the most recently saved journey of this kind, if any (the app
    /// calls it at start, so a journey survives the process being killed);
    /// saved states it cannot read are forgotten on the way.
    pub fn restore_latest(ctx: Context) -> Result<Option<Self>, Problem> {
        let prefix = format!("{}:", S::KIND);
        for flow_id in ctx.store.saved_flows(&prefix)? {
            if let Some(journey) = Self::restore(ctx.clone(), &flow_id)? {
                return Ok(Some(journey));
            }
        }
        Ok(None)
    }

    /// The saved journey's id.
    pub fn flow_id(&self) -> &str {
        &self.flow_id
    }

    /// The state to render.
    pub fn state(&self) -> &S {
        &self.state
    }

    /// Forgets the saved journey (after the receipt was shown).
    pub fn close(self) -> Result<(), Problem> {
        Ok(self.ctx.store.delete_flow(&self.flow_id)?)
    }

    /// What the journey runs with.
    pub(crate) fn ctx(&self) -> &Context {
        &self.ctx
    }

    /// What the journey runs with, to change (the bank's clock offset).
    pub(crate) fn ctx_mut(&mut self) -> &mut Context {
        &mut self.ctx
    }

    /// Moves to `state` and saves it (a failure is logged: the journey goes on).
    pub(crate) fn go(&mut self, state: S) -> &S {
        self.state = state;
        let waiting_on = self.state.pending_key().map(OperationKey::to_text);
        let saved = serde_json::to_value(&self.state)
            .map_err(|_| StoreError::Format)
            .and_then(|value| {
                self.ctx
                    .store
                    .save_flow(&self.flow_id, &value, waiting_on.as_deref(), local_now())
            });
        if let Err(error) = saved {
            tracing::error!(code = %crate::Coded::code(&error), "flow state not saved");
        }
        &self.state
    }

    /// Sends `submission` exactly once (after any earlier unknown outcome is
    /// resolved), showing `pending` meanwhile; its outcome settles the state.
    pub(crate) async fn submit_journaled(
        &mut self,
        submission: Submission,
        pending: S,
    ) -> Result<&S, Problem> {
        operation::ensure_resolved(&self.ctx.api, &self.ctx.store, &submission.key).await?;
        self.go(pending);
        let task = operation::spawn(&self.ctx.api, &self.ctx.store, submission);
        let outcome = task.await.unwrap_or(Outcome::Unknown);
        let settled = self.state.clone().settle(&self.ctx, outcome);
        Ok(self.go(settled))
    }

    /// A pending journey asks the bank for its outcome (after a restart).
    pub async fn resolve(&mut self) -> Result<&S, Problem> {
        if self.state.pending_key().is_some() {
            operation::resolve_unresolved(&self.ctx.api, &self.ctx.store).await?;
            self.sync_with_journal()?;
        }
        Ok(&self.state)
    }

    /// Moves a pending state on from what the journal knows.
    fn sync_with_journal(&mut self) -> Result<(), Problem> {
        let Some(key) = self.state.pending_key().copied() else {
            return Ok(());
        };
        if let Some(outcome) = journal::outcome(&self.ctx.store, &key)? {
            let settled = self.state.clone().settle(&self.ctx, outcome);
            self.go(settled);
        }
        Ok(())
    }
}

/// Prunes saved journeys untouched for [`FLOW_MAX_AGE_SECONDS`], except those
/// waiting on an unresolved operation; the app calls it at start.
pub fn prune_saved(ctx: &Context) -> Result<usize, Problem> {
    Ok(ctx.store.prune_flows(local_now() - FLOW_MAX_AGE_SECONDS)?)
}

/// The problem of an input given at the wrong step.
pub(crate) fn wrong_step(step: &str) -> Problem {
    Problem::internal(
        "flow.wrong_step",
        "این کار در این مرحله ممکن نیست.",
        "That is not possible at this step.",
    )
    .at(step)
}

/// A receipt the bank sent that the core cannot read.
pub(crate) fn unreadable_receipt() -> Problem {
    Problem::of(&crate::channel::ChannelError::Protocol)
}
