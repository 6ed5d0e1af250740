//! A fixed-window rate limit per client address and per customer: 429
//! `rate.limited`. The address is counted by the middleware before any work
//! is done; the customer once the bearer session is known ([`crate::auth`]).

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;
use crate::server::Peer;
use crate::state::AppState;

/// What requests are counted against.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    /// The client's address.
    Address(IpAddr),
    /// The customer of the bearer session.
    Customer(String),
}

/// Requests counted per client address and per customer in the current minute.
pub struct RateLimiter {
    per_minute: u32,
    windows: Mutex<HashMap<Key, (i64, u32)>>,
}

impl RateLimiter {
    /// A limiter allowing `per_minute` requests per address and per customer; 0 turns it off.
    pub fn new(per_minute: u32) -> Self {
        Self {
            per_minute,
            windows: Mutex::new(HashMap::new()),
        }
    }

    /// Counts a request; `Some(seconds to wait)` when over the limit.
    fn hit(&self, key: Key, now: i64) -> Option<u64> {
        if self.per_minute == 0 {
            return None;
        }
        let minute = now.div_euclid(60);
        let mut windows = self.windows.lock().ok()?;
        if windows.len() > 10_000 {
            windows.retain(|_, (window, _)| *window == minute);
        }
        let entry = windows.entry(key).or_insert((minute, 0));
        if entry.0 != minute {
            *entry = (minute, 0);
        }
        entry.1 += 1;
        (entry.1 > self.per_minute).then(|| u64::try_from(60 - now.rem_euclid(60)).unwrap_or(60))
    }

    /// Counts a request of the customer; 429 `rate.limited` when over the limit.
    pub fn hit_customer(&self, customer_id: &str, now: i64) -> Result<(), ApiError> {
        match self.hit(Key::Customer(customer_id.to_owned()), now) {
            Some(wait) => Err(limited(wait)),
            None => Ok(()),
        }
    }
}

fn limited(wait: u64) -> ApiError {
    ApiError::new(
        StatusCode::TOO_MANY_REQUESTS,
        "rate.limited",
        "تعداد درخواست‌ها بیش از حد مجاز است؛ کمی بعد دوباره تلاش کنید.",
        "Too many requests; please try again shortly.",
    )
    .retry_after(wait)
}

/// Middleware: refuses requests over the address's limit before any work is done.
pub async fn limit(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let peer = request.extensions().get::<Peer>().map(|p| p.0.ip());
    let now = state.clock.now();
    if let Some(wait) = peer.and_then(|address| state.rate_limiter.hit(Key::Address(address), now))
    {
        return limited(wait).into_response();
    }
    next.run(request).await
}
