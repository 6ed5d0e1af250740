//! One document of the bank's information through the phone's cache: a
//! conditional request with the `ETag` held (304 costs no body), the new
//! version kept sealed; when the bank cannot be reached, the copy held.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::client::{InfoDocument, Versioned};
use crate::flows::{Context, Problem};
use crate::store::StoreError;

/// Where a read model's data came from and how old it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Freshness {
    /// When the bank last sent or confirmed it (bank clock, Unix seconds).
    pub fetched_at: i64,
    /// True when the bank was not reached (or not asked): the phone's copy.
    pub offline: bool,
    /// Why the bank was not reached, when it was asked.
    pub error: Option<Problem>,
}

/// A document as the read models get it.
pub(crate) struct Loaded {
    pub json: Value,
    pub freshness: Freshness,
}

fn unreadable(_: serde_json::Error) -> Problem {
    Problem::of(&StoreError::Format)
}

/// The phone's copy of `document`, with no request (`None` before the first fetch).
pub(crate) fn cached(ctx: &Context, document: InfoDocument) -> Result<Option<Loaded>, Problem> {
    let Some(held) = ctx.store.document(document.name())? else {
        return Ok(None);
    };
    Ok(Some(Loaded {
        json: serde_json::from_slice(&held.body).map_err(unreadable)?,
        freshness: Freshness {
            fetched_at: held.fetched_at,
            offline: true,
            error: None,
        },
    }))
}

/// `document` from the bank in one request (conditional when the phone holds
/// a copy), checked by `parse`; the copy held when the bank cannot be reached.
pub(crate) async fn load(
    ctx: &Context,
    document: InfoDocument,
    parse: fn(&Value) -> bool,
) -> Result<Loaded, Problem> {
    let held = ctx.store.document(document.name())?;
    let etag = held.as_ref().and_then(|h| h.etag.clone());
    let now = ctx.bank_now();
    match ctx.api.fetch_info(document, etag.as_deref()).await {
        Ok(Versioned::Changed { json, etag }) => {
            if !parse(&json) {
                return Err(Problem::of(&crate::channel::ChannelError::Protocol));
            }
            let bytes = serde_json::to_vec(&json).map_err(unreadable)?;
            if let Err(error) =
                ctx.store
                    .save_document(document.name(), etag.as_deref(), now, &bytes)
            {
                tracing::error!(code = %crate::Coded::code(&error), "information not cached");
            }
            Ok(Loaded {
                json,
                freshness: Freshness {
                    fetched_at: now,
                    offline: false,
                    error: None,
                },
            })
        }
        Ok(Versioned::NotModified) => {
            let Some(held) = held else {
                // 304 to a request that named no version: outside the contract.
                return Err(Problem::of(&crate::channel::ChannelError::Protocol));
            };
            ctx.store.touch_document(document.name(), now)?;
            Ok(Loaded {
                json: serde_json::from_slice(&held.body).map_err(unreadable)?,
                freshness: Freshness {
                    fetched_at: now,
                    offline: false,
                    error: None,
                },
            })
        }
        Err(error) if error.retryable() => {
            let problem = Problem::from(error);
            tracing::info!(code = %problem.code, "information from the cache");
            match cached(ctx, document)? {
                Some(mut loaded) => {
                    loaded.freshness.error = Some(problem);
                    Ok(loaded)
                }
                None => Err(problem),
            }
        }
        Err(error) => Err(Problem::from(error)),
    }
}
