//! The sandbox clock: real time plus an offset QA can move forward
//! (so OTP expiry, session timeouts and PAYA cycles are testable without waiting).

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

/// Unix seconds on the sandbox clock.
#[derive(Clone, Default)]
pub struct Clock {
    offset_seconds: Arc<AtomicI64>,
}

impl Clock {
    /// A clock `offset_seconds` ahead of real time.
    pub fn with_offset(offset_seconds: i64) -> Self {
        Self {
            offset_seconds: Arc::new(AtomicI64::new(offset_seconds)),
        }
    }

    /// Now, in Unix seconds.
    pub fn now(&self) -> i64 {
        jiff::Timestamp::now().as_second() + self.offset()
    }

    /// Now, as a timestamp.
    pub fn now_timestamp(&self) -> jiff::Timestamp {
        jiff::Timestamp::from_second(self.now()).unwrap_or_else(|_| jiff::Timestamp::now())
    }

    /// Seconds ahead of real time.
    pub fn offset(&self) -> i64 {
        self.offset_seconds.load(Ordering::SeqCst)
    }

    /// Moves the clock; callers persist the offset and never move it backwards.
    pub fn set_offset(&self, offset_seconds: i64) {
        self.offset_seconds.store(offset_seconds, Ordering::SeqCst);
    }
}

/// RFC 3339 UTC with seconds, as the contract's `Timestamp`.
pub fn rfc3339(unix_seconds: i64) -> String {
    jiff::Timestamp::from_second(unix_seconds)
        .map(|ts| ts.strftime("%Y-%m-%dT%H:%M:%SZ").to_string())
        .unwrap_or_default()
}

/// Jalali date and Tehran wall time, as the contract's `JalaliDateTime` (`1403/12/11 11:45:00`).
pub fn jalali(unix_seconds: i64) -> String {
    jiff::Timestamp::from_second(unix_seconds)
        .ok()
        .and_then(|ts| hamrah_core::calendar::TehranDateTime::from_timestamp(ts).ok())
        .map(|t| format!("{} {:02}:{:02}:{:02}", t.date, t.hour, t.minute, t.second))
        .unwrap_or_default()
}
