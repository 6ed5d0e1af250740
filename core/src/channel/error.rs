//! What can go wrong talking to the bank, in a few kinds a UI can act on.

use serde::Deserialize;

use crate::Coded;
use crate::error::{ErrorKind, Problem};

/// An error answer of the bank (the contract's `Error`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct BankError {
    /// The HTTP status.
    #[serde(skip)]
    pub status: u16,
    /// The stable code, `module.reason`.
    pub code: String,
    /// The message in Persian.
    pub message_fa: String,
    /// The message in English.
    pub message_en: String,
    /// Whether the same request may succeed later.
    pub retryable: bool,
    /// The request field at fault.
    #[serde(default)]
    pub field: Option<String>,
    /// Seconds to wait before retrying.
    #[serde(default)]
    pub retry_after_seconds: Option<u64>,
}

crate::coded_error! {
    kind = Network;
    /// Why a [`BankClient`](super::BankClient) could not be made.
    pub enum SetupError {
        /// The bank's address is not an `https://` URL with a host: nothing
        /// would protect what is sent (a password) on the way.
        InsecureUrl => (
            "tls.insecure_url",
            "نشانی بانک امن نیست؛ فقط نشانی https پذیرفته می‌شود.",
            "The bank's address is not secure; only an https address is accepted."
        ),
        /// TLS could not be set up on this device.
        Tls => (
            "tls.setup",
            "ارتباط امن با بانک آماده نشد.",
            "The secure connection to the bank could not be set up."
        ),
    }
}

/// Why a request to the bank did not succeed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChannelError {
    /// The bank could not be reached; nothing was sent.
    #[error("The bank could not be reached; check the connection.")]
    Unreachable,
    /// The request may have reached the bank but no answer came back: its
    /// outcome must be resolved by asking, never by resending blindly.
    #[error("No answer came from the bank; the outcome is being checked.")]
    OutcomeUnknown,
    /// The bank's certificate matched none of its pins: not the bank.
    #[error("The bank's identity could not be verified; the connection was refused.")]
    PinMismatch,
    /// The bank answered with an error.
    #[error("{}", .0.message_en)]
    Bank(BankError),
    /// The bank's reply does not follow the contract.
    #[error("The bank's reply could not be understood.")]
    Protocol,
    /// The device could not sign the request (no key, vault unavailable);
    /// nothing was sent.
    #[error("{0}")]
    Device(crate::platform::PlatformError),
}

impl ChannelError {
    /// Whether trying again later may work.
    pub fn retryable(&self) -> bool {
        match self {
            Self::Unreachable | Self::OutcomeUnknown => true,
            Self::PinMismatch | Self::Protocol | Self::Device(_) => false,
            Self::Bank(error) => error.retryable,
        }
    }
}

impl Coded for ChannelError {
    fn code(&self) -> &str {
        match self {
            Self::Unreachable => "network.unreachable",
            Self::OutcomeUnknown => "network.outcome_unknown",
            Self::PinMismatch => "tls.pin_mismatch",
            Self::Bank(error) => &error.code,
            Self::Protocol => "network.protocol",
            Self::Device(error) => error.code(),
        }
    }

    fn message_fa(&self) -> String {
        match self {
            Self::Unreachable => {
                "ارتباط با بانک برقرار نشد؛ اتصال اینترنت را بررسی کنید.".to_owned()
            }
            Self::OutcomeUnknown => "پاسخی از بانک دریافت نشد؛ نتیجه در حال پیگیری است.".to_owned(),
            Self::PinMismatch => "هویت سرور بانک تأیید نشد؛ ارتباط قطع شد.".to_owned(),
            Self::Bank(error) => error.message_fa.clone(),
            Self::Protocol => "پاسخ بانک قابل فهم نبود.".to_owned(),
            Self::Device(error) => error.message_fa(),
        }
    }

    fn kind(&self) -> ErrorKind {
        match self {
            Self::Unreachable | Self::OutcomeUnknown | Self::PinMismatch | Self::Protocol => {
                ErrorKind::Network
            }
            // The contract's `session.*` family: the session is over.
            Self::Bank(error) if error.code.starts_with("session.") => ErrorKind::SessionEnded,
            Self::Bank(_) => ErrorKind::Refused,
            Self::Device(_) => ErrorKind::Device,
        }
    }
}

impl From<ChannelError> for Problem {
    fn from(error: ChannelError) -> Self {
        let mut problem = Self::of(&error);
        if let ChannelError::Bank(bank) = error {
            problem.field = bank.field;
            problem.retry_after_seconds = bank.retry_after_seconds;
        }
        problem
    }
}
