//! Typed calls of the bank's contract (`docs/api/openapi.yaml`): the bearer
//! token, `X-Device-Id` and `Idempotency-Key` are added here, once.
//!
//! Response structs mirror the contract's schemas with only the fields the
//! core uses; unknown fields are ignored, as the contract asks.

mod account_holder;
mod auth;
mod banking;
mod cheques;
mod config;
mod devices;
mod info;
mod loans;
mod payments;
pub mod signing;
mod sms;
mod soft_token;
mod topup;

use std::sync::{Arc, RwLock};

use serde::de::DeserializeOwned;
use serde_json::Value;
use tokio::sync::watch;
use tokio::time::Instant;
use zeroize::Zeroizing;

pub use account_holder::*;
pub use auth::*;
pub use banking::*;
pub use cheques::*;
pub use config::*;
pub use devices::*;
pub use info::*;
pub use loans::*;
pub use payments::*;
pub use sms::*;
pub use soft_token::*;
pub use topup::*;

use crate::channel::{BankClient, ChannelError, FallbackPolicy, Method, Reply};
use crate::operation::{Link, OperationKey};

/// The key and link of a money-moving call: the `Idempotency-Key` header,
/// and what the signature binds.
#[derive(Debug, Clone, Copy)]
struct Money<'a> {
    key: &'a OperationKey,
    link: &'a Link,
}

/// What the session mirror learns from each authenticated call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Activity {
    /// No authenticated call yet.
    None,
    /// An authenticated call reached the bank (the idle deadline moved).
    Used(Instant),
    /// The bank said the session is over (`session.idle_timeout`, ...).
    Ended(String),
}

/// Codes with which the bank says a session is over.
pub const SESSION_ENDED_CODES: &[&str] = &[
    "session.idle_timeout",
    "session.expired",
    "session.invalid",
    "session.missing",
    "session.device_mismatch",
];

/// Whether a call needs the bearer token, and whether it counts as activity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Auth {
    /// No token (config, activation, login).
    None,
    /// Bearer token; counts as activity.
    Bearer,
    /// Bearer token; not activity (`session_get`).
    Passive,
    /// Bearer token, activity, and signed even before enrollment
    /// (`device_enroll` proves possession of the key it enrolls).
    Enroll,
}

/// The bank's API for one install: channel, device id and current token.
#[derive(Clone)]
pub struct Api {
    inner: Arc<Inner>,
}

struct Inner {
    bank: BankClient,
    device_id: String,
    token: RwLock<Option<Zeroizing<String>>>,
    activity: watch::Sender<Activity>,
    signing: signing::Signing,
    /// Every call's outcome feeds it: when the bank stops answering, SMS is offered.
    fallback: FallbackPolicy,
}

impl std::fmt::Debug for Api {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Api").finish_non_exhaustive()
    }
}

impl Api {
    /// The API over `bank` for the install `device_id` (a lowercase UUID).
    pub fn new(bank: BankClient, device_id: String) -> Self {
        let (activity, _) = watch::channel(Activity::None);
        Self {
            inner: Arc::new(Inner {
                bank,
                device_id,
                token: RwLock::new(None),
                activity,
                signing: signing::Signing::default(),
                fallback: FallbackPolicy::new(),
            }),
        }
    }

    /// The install's device id.
    pub fn device_id(&self) -> &str {
        &self.inner.device_id
    }

    /// Sets (or clears) the bearer token.
    pub fn set_token(&self, token: Option<String>) {
        if let Ok(mut slot) = self.inner.token.write() {
            *slot = token.map(Zeroizing::new);
        }
    }

    /// Whether a token is held.
    pub fn has_token(&self) -> bool {
        self.inner
            .token
            .read()
            .map(|t| t.is_some())
            .unwrap_or(false)
    }

    /// Observes the authenticated calls (for the idle-timeout mirror).
    pub fn activity(&self) -> watch::Receiver<Activity> {
        self.inner.activity.subscribe()
    }

    async fn call<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: Option<&Value>,
        auth: Auth,
    ) -> Result<T, ChannelError> {
        let reply = self.call_raw(method, path, body, None, auth).await?;
        serde_json::from_value(reply.json).map_err(|_| ChannelError::Protocol)
    }

    async fn call_raw(
        &self,
        method: Method,
        path: &str,
        body: Option<&Value>,
        money: Option<Money<'_>>,
        auth: Auth,
    ) -> Result<Reply, ChannelError> {
        let mut result = self
            .send_once(method.clone(), path, body, money, auth)
            .await;
        if self.needs_clock_resync(&result) {
            // The bank refused the signature's time: re-read its clock, sign again.
            self.resync_clock().await;
            result = self.send_once(method, path, body, money, auth).await;
        }
        if auth != Auth::None {
            self.observe(&result, auth);
        }
        self.inner.fallback.observe_https(&result);
        result
    }

    /// The fallback policy this channel's own failures feed (with the shell's
    /// [`Connectivity`](crate::sms::Connectivity), it decides when SMS is offered).
    pub fn fallback(&self) -> &FallbackPolicy {
        &self.inner.fallback
    }

    async fn send_once(
        &self,
        method: Method,
        path: &str,
        body: Option<&Value>,
        money: Option<Money<'_>>,
        auth: Auth,
    ) -> Result<Reply, ChannelError> {
        let key = money.map(|m| m.key.to_text());
        let bytes = body
            .map(serde_json::to_vec)
            .transpose()
            .map_err(|_| ChannelError::Protocol)?;
        let signed = match auth {
            Auth::None => None,
            _ => self
                .inner
                .signing
                .sign(
                    auth == Auth::Enroll,
                    method.as_str(),
                    path,
                    bytes.as_deref().unwrap_or_default(),
                    key.as_deref(),
                    money.map(|m| m.link.lines()).as_ref(),
                )
                .map_err(ChannelError::Device)?,
        };
        let bearer = match auth {
            Auth::None => None,
            Auth::Bearer | Auth::Passive | Auth::Enroll => {
                self.inner.token.read().ok().and_then(|t| {
                    t.as_ref()
                        .map(|t| Zeroizing::new(format!("Bearer {}", **t)))
                })
            }
        };
        let mut headers: Vec<(&str, &str)> = Vec::with_capacity(3);
        if path != "/v1/config" {
            headers.push(("x-device-id", &self.inner.device_id));
        }
        if let Some(bearer) = &bearer {
            headers.push(("authorization", bearer));
        }
        if let Some(key) = &key {
            headers.push(("idempotency-key", key));
        }
        if let Some(signed) = &signed {
            headers.push(("x-signature-timestamp", &signed.timestamp));
            headers.push(("x-signature-nonce", &signed.nonce));
            headers.push(("x-signature", &signed.signature));
        }
        self.inner
            .bank
            .send_bytes(method, path, &headers, bytes)
            .await
    }

    fn observe(&self, result: &Result<Reply, ChannelError>, auth: Auth) {
        match result {
            Err(ChannelError::Bank(error))
                if SESSION_ENDED_CODES.contains(&error.code.as_str()) =>
            {
                tracing::info!(code = %error.code, "the bank ended the session");
                self.inner
                    .activity
                    .send_replace(Activity::Ended(error.code.clone()));
            }
            Ok(_) | Err(ChannelError::Bank(_)) if matches!(auth, Auth::Bearer | Auth::Enroll) => {
                self.inner
                    .activity
                    .send_replace(Activity::Used(Instant::now()));
            }
            _ => {}
        }
    }
}
