//! Exactly once: a money-moving request is journaled with its idempotency key
//! before it leaves, runs on its own task (it completes even when the screen
//! goes away), and an unknown outcome is resolved by asking the bank
//! (`operation_get`); it is resent only with the same key, and only when the
//! bank says it never recorded it.

use std::time::Duration;

use serde_json::{Value, json};
use tokio::task::JoinHandle;

use super::{Context, Problem};
use crate::channel::ChannelError;
use crate::client::{Api, OperationStatus, local_now};
use crate::store::{OperationState, Store};

/// Sends of one submission (the first and resends with the same key).
const MAX_SENDS: u32 = 3;
/// Questions to the bank while resolving one unknown outcome.
const MAX_INQUIRIES: u32 = 12;

/// Refusals the bank does not record: fix the input and resend with the same key.
const CORRECTABLE: &[&str] = &[
    "otp.invalid",
    "otp.expired",
    "otp.not_requested",
    "otp.attempts_exceeded",
    "card.credentials_invalid",
];

/// How a submission ended.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// The bank completed it; its receipt.
    Succeeded(Value),
    /// Refused for good (or never possible); nothing moved.
    Failed(Problem),
    /// Not recorded by the bank: the customer may fix the input (PIN, CVV2)
    /// or simply try again, with the same key.
    Retry(Problem),
    /// Still unknown (the bank cannot be reached): stays pending, resolved later.
    Unknown,
}

impl Outcome {
    /// `succeeded`, `failed`, `retry` or `unknown`, for logs.
    pub fn name(&self) -> &'static str {
        match self {
            Self::Succeeded(_) => "succeeded",
            Self::Failed(_) => "failed",
            Self::Retry(_) => "retry",
            Self::Unknown => "unknown",
        }
    }
}

/// One money-moving request.
#[derive(Debug, Clone)]
pub struct Submission {
    /// Journal kind: `card_transfer`, `sheba_transfer`, `bill_payment`, `card_block`.
    pub kind: &'static str,
    /// The contract's path (`/v1/card-transfers`, `/v1/cards/{card_id}/block`).
    pub path: String,
    /// The body sent (holds the PIN and CVV2: never journaled).
    pub body: Value,
    /// The body as journaled (without PIN, CVV2, expiry).
    pub journal: Value,
    /// The idempotency key.
    pub key: String,
}

/// Starts a submission on its own task; journals it before sending.
pub fn spawn(ctx: &Context, submission: Submission) -> JoinHandle<Outcome> {
    let api = ctx.api.clone();
    let store = std::sync::Arc::clone(&ctx.store);
    tokio::spawn(async move { run(&api, &store, submission).await })
}

async fn run(api: &Api, store: &Store, submission: Submission) -> Outcome {
    let key = submission.key.as_str();
    let journaled = match store.operation(key) {
        Ok(None) => store.begin_operation(key, submission.kind, &submission.journal, local_now()),
        Ok(Some(_)) => store.finish_operation(
            key,
            OperationState::Pending,
            &json!({"resent": true}),
            local_now(),
        ),
        Err(error) => Err(error),
    };
    if let Err(error) = journaled {
        // Nothing was sent: without the journal entry, nothing may leave.
        return Outcome::Failed(Problem::from(error));
    }
    tracing::info!(
        kind = submission.kind,
        key,
        "submitting a journaled operation"
    );
    let outcome = execute(api, &submission).await;
    tracing::info!(
        kind = submission.kind,
        key,
        outcome = outcome.name(),
        "operation ended"
    );
    record(store, key, &outcome);
    outcome
}

/// Writes the outcome to the journal (an unknown one stays pending).
pub fn record(store: &Store, key: &str, outcome: &Outcome) {
    let result = match outcome {
        Outcome::Succeeded(receipt) => {
            store.finish_operation(key, OperationState::Succeeded, receipt, local_now())
        }
        Outcome::Failed(problem) => store.finish_operation(
            key,
            OperationState::Failed,
            &json!({"error": problem, "recorded_by_bank": true}),
            local_now(),
        ),
        Outcome::Retry(problem) => store.finish_operation(
            key,
            OperationState::Failed,
            &json!({"error": problem, "recorded_by_bank": false}),
            local_now(),
        ),
        Outcome::Unknown => Ok(()),
    };
    if let Err(error) = result {
        tracing::error!(code = %crate::Coded::code(&error), "journal update failed");
    }
}

async fn execute(api: &Api, submission: &Submission) -> Outcome {
    let mut sends = 0;
    loop {
        sends += 1;
        let reply = api
            .submit(&submission.path, &submission.body, &submission.key)
            .await;
        let error = match reply {
            Ok(reply) => return Outcome::Succeeded(reply.json),
            Err(error) => error,
        };
        match classify(&error) {
            Kind::Recorded => return Outcome::Failed(Problem::from(error)),
            Kind::Correctable => return Outcome::Retry(Problem::from(error)),
            Kind::NothingDone if sends < MAX_SENDS => backoff(sends).await,
            Kind::NothingDone => return Outcome::Retry(Problem::from(error)),
            Kind::Unknown => match resolve(api, &submission.key).await {
                Resolution::Known(outcome) => return outcome,
                Resolution::NotFound if sends < MAX_SENDS => {
                    tracing::info!("the bank never recorded the key; resending with the same key");
                }
                Resolution::NotFound => return Outcome::Retry(Problem::from(error)),
                Resolution::Unknown => return Outcome::Unknown,
            },
        }
    }
}

enum Kind {
    Recorded,
    Correctable,
    NothingDone,
    Unknown,
}

fn classify(error: &ChannelError) -> Kind {
    match error {
        ChannelError::OutcomeUnknown => Kind::Unknown,
        ChannelError::Unreachable | ChannelError::Device(_) => Kind::NothingDone,
        ChannelError::PinMismatch | ChannelError::Protocol => Kind::Unknown,
        ChannelError::Bank(bank) => {
            let code = bank.code.as_str();
            if code == "idempotency.in_progress" {
                Kind::Unknown
            } else if CORRECTABLE.contains(&code) || code.starts_with("token.") {
                Kind::Correctable
            } else if bank.status == 422 {
                Kind::Recorded
            } else if bank.status >= 500 || bank.status == 429 {
                Kind::NothingDone
            } else {
                // 400, 401, 403, 404, 409 conflict: refused before anything was done.
                Kind::Recorded
            }
        }
    }
}

/// What the bank said about a key.
enum Resolution {
    Known(Outcome),
    NotFound,
    Unknown,
}

async fn resolve(api: &Api, key: &str) -> Resolution {
    tracing::info!(key, "outcome unknown; asking the bank");
    for attempt in 1..=MAX_INQUIRIES {
        match api.operation(key).await {
            Ok(OperationStatus::Succeeded(receipt)) => {
                return Resolution::Known(Outcome::Succeeded(receipt));
            }
            Ok(OperationStatus::Failed(error)) => {
                return Resolution::Known(Outcome::Failed(Problem::from(ChannelError::Bank(
                    error,
                ))));
            }
            Ok(OperationStatus::NotFound) => return Resolution::NotFound,
            Ok(OperationStatus::Pending(seconds)) => {
                tokio::time::sleep(Duration::from_millis(seconds.clamp(1, 2) * 500)).await;
            }
            Err(ChannelError::Bank(bank)) if bank.status == 401 || bank.status == 403 => {
                return Resolution::Unknown;
            }
            Err(_) => backoff(attempt).await,
        }
    }
    Resolution::Unknown
}

async fn backoff(attempt: u32) {
    tokio::time::sleep(Duration::from_millis(100 << attempt.min(4))).await;
}

/// What [`resolve_unresolved`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ResolveReport {
    /// Keys found completed.
    pub succeeded: Vec<String>,
    /// Keys found refused, or never received by the bank.
    pub failed: Vec<String>,
    /// Keys still unknown (the bank could not answer): no new work until resolved.
    pub unresolved: Vec<String>,
}

/// Resolves every journaled operation whose outcome is unknown; the app calls
/// it at start, before any new work. A key the bank never recorded is marked
/// failed (`operation.not_received`): the PIN and CVV2 are not journaled, so
/// it cannot be resent, and the customer starts again.
pub async fn resolve_unresolved(api: &Api, store: &Store) -> Result<ResolveReport, Problem> {
    let mut report = ResolveReport::default();
    for record in store.unresolved_operations()? {
        let key = record.idempotency_key;
        let outcome = match resolve(api, &key).await {
            Resolution::Known(outcome) => outcome,
            Resolution::NotFound => Outcome::Failed(not_received()),
            Resolution::Unknown => Outcome::Unknown,
        };
        record_and_sort(store, &key, &outcome, &mut report);
    }
    Ok(report)
}

fn record_and_sort(store: &Store, key: &str, outcome: &Outcome, report: &mut ResolveReport) {
    record(store, key, outcome);
    let list = match outcome {
        Outcome::Succeeded(_) => &mut report.succeeded,
        Outcome::Failed(_) | Outcome::Retry(_) => &mut report.failed,
        Outcome::Unknown => &mut report.unresolved,
    };
    list.push(key.to_owned());
}

/// The problem of an operation the bank never received.
pub fn not_received() -> Problem {
    Problem::new(
        "operation.not_received",
        "درخواست به بانک نرسید و انجام نشد؛ دوباره تلاش کنید.",
        "The request never reached the bank and nothing was done; try again.",
    )
}

/// Refuses new work while an earlier operation is unresolved.
pub async fn ensure_resolved(api: &Api, store: &Store, except: &str) -> Result<(), Problem> {
    let pending = store.unresolved_operations()?;
    if pending.iter().all(|r| r.idempotency_key == except) {
        return Ok(());
    }
    let report = resolve_unresolved(api, store).await?;
    if report.unresolved.iter().any(|k| k != except) {
        return Err(Problem::new(
            "operation.unresolved",
            "نتیجه تراکنش قبلی هنوز معلوم نیست؛ کمی بعد دوباره تلاش کنید.",
            "An earlier operation's outcome is still unknown; try again shortly.",
        ));
    }
    Ok(())
}
