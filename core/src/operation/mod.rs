//! The operation engine: exactly once, for every money-moving operation on
//! every channel.
//!
//! - [`OperationKey`] names an operation (the idempotency key);
//! - [`Link`] is what its second factor and signature are bound to;
//! - [`journal`] writes it to the phone's journal before it leaves, and its
//!   [`Outcome`] when known;
//! - [`Verdict`] says what a failed send means (recorded, correct and resend,
//!   nothing done, unknown);
//! - [`https`] sends it over HTTPS on its own task and resolves an unknown
//!   outcome by asking the bank; the SMS channel ([`crate::sms::SmsClient`])
//!   uses the same key, journal and verdicts.

pub mod https;
pub mod journal;
mod key;
mod link;
mod verdict;

use serde_json::Value;

pub use https::{ResolveReport, Submission, ensure_resolved, resolve_unresolved, spawn};
pub use journal::not_received;
pub use key::{KeyFormatError, OperationKey};
pub use link::Link;
pub use verdict::Verdict;

use crate::error::Problem;

/// How an operation ended.
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

    /// The outcome of a refusal `problem` under `verdict`.
    pub fn of_refusal(verdict: Verdict, problem: Problem) -> Self {
        match verdict {
            Verdict::Recorded => Self::Failed(problem),
            Verdict::Correctable | Verdict::NothingDone => Self::Retry(problem),
            Verdict::Unknown => Self::Unknown,
        }
    }
}
