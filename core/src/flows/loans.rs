//! The customer's loans (تسهیلات و اقساط) to read: the list and each loan's
//! instalment schedule with Jalali due dates, as the bank computes them by
//! its clock (penalties included). Every reply is kept sealed in the store,
//! so the screens can show the last known figures offline, saying when they
//! were fetched.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::{Context, Problem};
use crate::channel::ChannelError;
use crate::client::{LoanSchedule, LoanSummary, local_now};

/// What a read returns: the bank's answer now, or the last one kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fetched<T> {
    /// The figures.
    pub value: T,
    /// When the bank sent them, Unix seconds (the phone's clock).
    pub fetched_at: i64,
    /// True when the bank could not be reached and these are the kept ones.
    pub offline: bool,
}

/// The customer's loans, active and settled, newest first.
pub async fn loans(ctx: &Context) -> Result<Fetched<Vec<LoanSummary>>, Problem> {
    let fetched = read(ctx, "loans", ctx.api.loans()).await?;
    Ok(Fetched {
        value: fetched.value.items,
        fetched_at: fetched.fetched_at,
        offline: fetched.offline,
    })
}

/// One loan's instalments, in order.
pub async fn schedule(ctx: &Context, loan_id: &str) -> Result<Fetched<LoanSchedule>, Problem> {
    let key = format!("schedule:{loan_id}");
    read(ctx, &key, ctx.api.loan_schedule(loan_id)).await
}

/// The bank's reply, kept sealed under `key`; when the bank cannot be
/// reached, the kept one (the bank's refusals are not hidden).
async fn read<T: Serialize + DeserializeOwned>(
    ctx: &Context,
    key: &str,
    call: impl Future<Output = Result<T, ChannelError>>,
) -> Result<Fetched<T>, Problem> {
    match call.await {
        Ok(value) => {
            let now = local_now();
            let kept = serde_json::to_value(&value)
                .map_err(|_| crate::store::StoreError::Format)
                .and_then(|json| ctx.store.cache_loans(key, &json, now));
            if let Err(error) = kept {
                tracing::warn!(code = %crate::Coded::code(&error), "loans not kept offline");
            }
            Ok(Fetched {
                value,
                fetched_at: now,
                offline: false,
            })
        }
        Err(error @ (ChannelError::Unreachable | ChannelError::OutcomeUnknown)) => {
            let kept = ctx.store.cached_loans(key)?;
            match kept.and_then(|(json, at)| Some((serde_json::from_value(json).ok()?, at))) {
                Some((value, fetched_at)) => Ok(Fetched {
                    value,
                    fetched_at,
                    offline: true,
                }),
                None => Err(error.into()),
            }
        }
        Err(error) => Err(error.into()),
    }
}
