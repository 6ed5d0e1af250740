//! The phone's journal of operations: written before an operation leaves,
//! and with its outcome once known, in one shape whatever the channel.

use serde_json::{Value, json};

use super::{OperationKey, Outcome};
use crate::client::local_now;
use crate::error::Problem;
use crate::store::{OperationState, Store, StoreError};

/// Journals `key` before it leaves: a new operation of `kind` as pending
/// with `request` (never a PIN or CVV2), a resend under a journaled key as
/// pending again.
pub fn begin(
    store: &Store,
    key: &OperationKey,
    kind: &str,
    request: &Value,
) -> Result<(), StoreError> {
    let key = key.to_text();
    match store.operation(&key)? {
        None => store.begin_operation(&key, kind, request, local_now()),
        Some(_) => store.finish_operation(
            &key,
            OperationState::Pending,
            &json!({"resent": true}),
            local_now(),
        ),
    }
}

/// Writes a final outcome (an unknown one stays pending). A failure to write
/// is logged: the bank still knows the outcome, and resolving asks it again.
pub fn record(store: &Store, key: &OperationKey, outcome: &Outcome) {
    let (state, written) = match outcome {
        Outcome::Succeeded(receipt) => (OperationState::Succeeded, receipt.clone()),
        Outcome::Failed(problem) => (
            OperationState::Failed,
            json!({"error": problem, "recorded_by_bank": true}),
        ),
        Outcome::Retry(problem) => (
            OperationState::Failed,
            json!({"error": problem, "recorded_by_bank": false}),
        ),
        Outcome::Unknown => return,
    };
    if let Err(error) = store.finish_operation(&key.to_text(), state, &written, local_now()) {
        tracing::error!(code = %crate::Coded::code(&error), "journal update failed");
    }
}

/// What the journal knows about `key`: `None` while still pending. A key
/// never journaled never left the phone (`operation.not_received`).
pub fn outcome(store: &Store, key: &OperationKey) -> Result<Option<Outcome>, Problem> {
    let Some(record) = store.operation(&key.to_text())? else {
        return Ok(Some(Outcome::Failed(not_received())));
    };
    let written = record.outcome.unwrap_or(Value::Null);
    Ok(match record.state {
        OperationState::Pending => None,
        OperationState::Succeeded => Some(Outcome::Succeeded(written)),
        OperationState::Failed => Some(Outcome::Failed(
            serde_json::from_value(written["error"].clone()).unwrap_or_else(|_| not_received()),
        )),
    })
}

/// Whether `key` is journaled (sent, or about to be, on some channel).
pub fn contains(store: &Store, key: &OperationKey) -> Result<bool, StoreError> {
    Ok(store.operation(&key.to_text())?.is_some())
}

/// The problem of an operation the bank never received.
pub fn not_received() -> Problem {
    Problem::new(
        "operation.not_received",
        "درخواست به بانک نرسید و انجام نشد؛ دوباره تلاش کنید.",
        "The request never reached the bank and nothing was done; try again.",
    )
}
