//! What every flow does the same way: save its state in the sealed store
//! after each step, reload it after a restart, and learn a pending
//! submission's outcome from the journal.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::submit::{self, Outcome};
use super::{Context, Problem};
use crate::client::local_now;
use crate::store::{OperationState, StoreError};

/// Saves a flow's state (a failure is logged: the journey goes on).
pub(crate) fn save<S: Serialize>(ctx: &Context, flow_id: &str, state: &S) {
    let saved = serde_json::to_value(state)
        .map_err(|_| StoreError::Format)
        .and_then(|state| ctx.store.save_flow(flow_id, &state, local_now()));
    if let Err(error) = saved {
        tracing::error!(code = %crate::Coded::code(&error), "flow state not saved");
    }
}

/// Loads a saved state, if any.
pub(crate) fn load<S: DeserializeOwned>(
    ctx: &Context,
    flow_id: &str,
) -> Result<Option<S>, Problem> {
    let Some(saved) = ctx.store.load_flow(flow_id)? else {
        return Ok(None);
    };
    serde_json::from_value(saved)
        .map(Some)
        .map_err(|_| Problem::of(&StoreError::Format))
}

/// What the journal knows about a submission: `None` while still pending.
/// A key never journaled never left the phone (`operation.not_received`).
pub(crate) fn journal_outcome(ctx: &Context, key: &str) -> Result<Option<Outcome>, Problem> {
    let Some(record) = ctx.store.operation(key)? else {
        return Ok(Some(Outcome::Failed(submit::not_received())));
    };
    let outcome = record.outcome.unwrap_or(Value::Null);
    Ok(match record.state {
        OperationState::Pending => None,
        OperationState::Succeeded => Some(Outcome::Succeeded(outcome)),
        OperationState::Failed => Some(Outcome::Failed(
            serde_json::from_value(outcome["error"].clone())
                .unwrap_or_else(|_| submit::not_received()),
        )),
    })
}

/// Runs a journaled submission on its own task and waits for its outcome.
pub(crate) async fn submit_and_wait(ctx: &Context, submission: submit::Submission) -> Outcome {
    submit::spawn(ctx, submission)
        .await
        .unwrap_or(Outcome::Unknown)
}

/// The problem of an input given at the wrong step.
pub(crate) fn wrong_step(step: &str) -> Problem {
    Problem::new(
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
