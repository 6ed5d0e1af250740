//! Operations over HTTPS: journaled with their key before they leave, run on
//! their own task (they complete even when the screen goes away), and an
//! unknown outcome resolved by asking the bank (`operation_get`); resent only
//! with the same key, and only when the bank says it never recorded it.

use std::time::Duration;

use serde_json::Value;
use tokio::task::JoinHandle;

use super::{Link, OperationKey, Outcome, Verdict, journal};
use crate::channel::ChannelError;
use crate::client::{Api, OperationStatus};
use crate::error::Problem;
use crate::store::Store;

/// Sends of one submission (the first and resends with the same key).
const MAX_SENDS: u32 = 3;
/// Questions to the bank while resolving one unknown outcome.
const MAX_INQUIRIES: u32 = 12;

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
    pub key: OperationKey,
    /// What its signature is bound to.
    pub link: Link,
}

/// Starts a submission on its own task; journals it before sending.
pub fn spawn(
    api: &Api,
    store: &std::sync::Arc<Store>,
    submission: Submission,
) -> JoinHandle<Outcome> {
    let api = api.clone();
    let store = std::sync::Arc::clone(store);
    tokio::spawn(async move { run(&api, &store, submission).await })
}

async fn run(api: &Api, store: &Store, submission: Submission) -> Outcome {
    let key = submission.key;
    if let Err(error) = journal::begin(store, &key, submission.kind, &submission.journal) {
        // Nothing was sent: without the journal entry, nothing may leave.
        return Outcome::Failed(Problem::from(error));
    }
    tracing::info!(kind = submission.kind, %key, "submitting a journaled operation");
    let outcome = execute(api, &submission).await;
    tracing::info!(kind = submission.kind, %key, outcome = outcome.name(), "operation ended");
    journal::record(store, &key, &outcome);
    outcome
}

async fn execute(api: &Api, submission: &Submission) -> Outcome {
    let mut sends = 0;
    loop {
        sends += 1;
        let reply = api
            .submit(
                &submission.path,
                &submission.body,
                &submission.key,
                &submission.link,
            )
            .await;
        let error = match reply {
            Ok(reply) => return Outcome::Succeeded(reply.json),
            Err(error) => error,
        };
        match Verdict::of_channel(&error) {
            Verdict::Recorded => return Outcome::Failed(Problem::from(error)),
            Verdict::Correctable => return Outcome::Retry(Problem::from(error)),
            Verdict::NothingDone if sends < MAX_SENDS => backoff(sends).await,
            Verdict::NothingDone => return Outcome::Retry(Problem::from(error)),
            Verdict::Unknown => match resolve(api, &submission.key).await {
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

/// What the bank said about a key.
enum Resolution {
    Known(Outcome),
    NotFound,
    Unknown,
}

async fn resolve(api: &Api, key: &OperationKey) -> Resolution {
    tracing::info!(%key, "outcome unknown; asking the bank");
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
    pub succeeded: Vec<OperationKey>,
    /// Keys found refused, or never received by the bank.
    pub failed: Vec<OperationKey>,
    /// Keys still unknown (the bank could not answer): no new work until resolved.
    pub unresolved: Vec<OperationKey>,
}

/// Resolves every journaled operation whose outcome is unknown; the app calls
/// it at start, before any new work. A key the bank never recorded is marked
/// failed (`operation.not_received`): the PIN and CVV2 are not journaled, so
/// it cannot be resent, and the customer starts again.
pub async fn resolve_unresolved(api: &Api, store: &Store) -> Result<ResolveReport, Problem> {
    let mut report = ResolveReport::default();
    for record in store.unresolved_operations()? {
        let Ok(key) = record.idempotency_key.parse::<OperationKey>() else {
            tracing::warn!("a journaled operation without a valid key");
            continue;
        };
        let outcome = match resolve(api, &key).await {
            Resolution::Known(outcome) => outcome,
            Resolution::NotFound => Outcome::Failed(journal::not_received()),
            Resolution::Unknown => Outcome::Unknown,
        };
        journal::record(store, &key, &outcome);
        let list = match outcome {
            Outcome::Succeeded(_) => &mut report.succeeded,
            Outcome::Failed(_) | Outcome::Retry(_) => &mut report.failed,
            Outcome::Unknown => &mut report.unresolved,
        };
        list.push(key);
    }
    Ok(report)
}

/// Refuses new work while an earlier operation is unresolved (`except` is
/// the operation about to be sent, which may be its own resend).
pub async fn ensure_resolved(
    api: &Api,
    store: &Store,
    except: &OperationKey,
) -> Result<(), Problem> {
    let except_text = except.to_text();
    let pending = store.unresolved_operations()?;
    if pending.iter().all(|r| r.idempotency_key == except_text) {
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
