//! A fixed-window rate limit per client address: 429 `rate.limited`.

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

/// Requests counted per client address in the current minute.
pub struct RateLimiter {
    per_minute: u32,
    windows: Mutex<HashMap<IpAddr, (i64, u32)>>,
}

impl RateLimiter {
    /// A limiter allowing `per_minute` requests per address; 0 turns it off.
    pub fn new(per_minute: u32) -> Self {
        Self {
            per_minute,
            windows: Mutex::new(HashMap::new()),
        }
    }

    /// Counts a request; `Some(seconds to wait)` when over the limit.
    fn hit(&self, address: IpAddr, now: i64) -> Option<u64> {
        if self.per_minute == 0 {
            return None;
        }
        let minute = now.div_euclid(60);
        let mut windows = self.windows.lock().ok()?;
        if windows.len() > 10_000 {
            windows.retain(|_, (window, _)| *window == minute);
        }
        let entry = windows.entry(address).or_insert((minute, 0));
        if entry.0 != minute {
            *entry = (minute, 0);
        }
        entry.1 += 1;
        (entry.1 > self.per_minute).then(|| u64::try_from(60 - now.rem_euclid(60)).unwrap_or(60))
    }
}

/// Middleware: refuses requests over the limit before any work is done.
pub async fn limit(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let peer = request.extensions().get::<Peer>().map(|p| p.0.ip());
    let now = state.clock.now();
    if let Some(wait) = peer.and_then(|address| state.rate_limiter.hit(address, now)) {
        {
            return ApiError::new(
                StatusCode::TOO_MANY_REQUESTS,
                "rate.limited",
                "تعداد درخواست‌ها بیش از حد مجاز است؛ کمی بعد دوباره تلاش کنید.",
                "Too many requests; please try again shortly.",
            )
            .retry_after(wait)
            .into_response();
        }
    }
    next.run(request).await
}
