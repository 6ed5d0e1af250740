//! [`Problem`]: the one error shape a flow shows (and saves): a stable code,
//! Persian and English messages, its kind, the field at fault, when to retry.

use serde::{Deserialize, Serialize};

use super::{Coded, ErrorKind};

/// An error as a screen shows it; built from any [`Coded`] error, so it
/// never carries the customer's input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{message_en}")]
pub struct Problem {
    /// The stable code (`card.checksum`, `otp.invalid`, ...).
    pub code: String,
    /// For the customer, in Persian.
    pub message_fa: String,
    /// In English.
    pub message_en: String,
    /// What kind of failure it is.
    #[serde(default)]
    pub kind: ErrorKind,
    /// The input field at fault, when known.
    pub field: Option<String>,
    /// Seconds to wait before trying again, when the bank said so.
    pub retry_after_seconds: Option<u64>,
}

impl Problem {
    /// From any coded error.
    pub fn of(error: &dyn Coded) -> Self {
        Self {
            code: error.code().to_owned(),
            message_fa: error.message_fa(),
            message_en: error.message_en(),
            kind: error.kind(),
            field: None,
            retry_after_seconds: None,
        }
    }

    /// A refusal by the core itself.
    pub fn new(code: &str, message_fa: &str, message_en: &str) -> Self {
        Self {
            code: code.to_owned(),
            message_fa: message_fa.to_owned(),
            message_en: message_en.to_owned(),
            kind: ErrorKind::Refused,
            field: None,
            retry_after_seconds: None,
        }
    }

    /// A fault of the library itself (a step out of order, a lost task).
    pub fn internal(code: &str, message_fa: &str, message_en: &str) -> Self {
        Self {
            kind: ErrorKind::Internal,
            ..Self::new(code, message_fa, message_en)
        }
    }

    /// Names the field at fault.
    pub fn at(mut self, field: &str) -> Self {
        self.field = Some(field.to_owned());
        self
    }
}

impl Coded for Problem {
    fn code(&self) -> &str {
        &self.code
    }

    fn message_fa(&self) -> String {
        self.message_fa.clone()
    }

    fn kind(&self) -> ErrorKind {
        self.kind
    }
}
