//! The public error: a few kinds the apps branch on, each with the core's
//! stable code and its Persian and English messages. Built from the core's
//! rich errors ([`Problem`] and any [`Coded`] error, each of an [`ErrorKind`]), which never carry the
//! customer's input, so a message is safe to show and to log.

use hamrah_core::{Coded, ErrorKind, Problem};

/// What went wrong, as an app shows it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
pub enum HamrahError {
    /// The customer's input was refused (`field` names it).
    Invalid {
        /// Stable code (`card.checksum`, ...).
        code: String,
        /// For the customer, in Persian.
        message_fa: String,
        /// In English.
        message_en: String,
        /// The field at fault.
        field: Option<String>,
    },
    /// The bank refused.
    Bank {
        /// Stable code (`auth.invalid_credentials`, ...).
        code: String,
        /// For the customer, in Persian.
        message_fa: String,
        /// In English.
        message_en: String,
        /// Seconds to wait before trying again, when the bank said so.
        retry_after_seconds: Option<u64>,
    },
    /// The bank could not be reached, or its identity not verified.
    Network {
        /// Stable code (`network.unreachable`, `tls.pin_mismatch`, ...).
        code: String,
        /// For the customer, in Persian.
        message_fa: String,
        /// In English.
        message_en: String,
    },
    /// The session is over: log in again.
    SessionEnded {
        /// Stable code (`session.idle_timeout`, ...).
        code: String,
        /// For the customer, in Persian.
        message_fa: String,
        /// In English.
        message_en: String,
    },
    /// The phone's own storage or secure hardware failed.
    Device {
        /// Stable code (`store.database`, `platform.secret_store_unavailable`, ...).
        code: String,
        /// For the customer, in Persian.
        message_fa: String,
        /// In English.
        message_en: String,
    },
    /// A fault of the library itself (a panic, a step out of order).
    Internal {
        /// Stable code (`internal.panic`, `flow.wrong_step`, ...).
        code: String,
        /// For the customer, in Persian.
        message_fa: String,
        /// In English.
        message_en: String,
    },
}

impl std::fmt::Display for HamrahError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.code(), self.message_en())
    }
}

impl HamrahError {
    /// The stable code.
    pub fn code(&self) -> &str {
        match self {
            Self::Invalid { code, .. }
            | Self::Bank { code, .. }
            | Self::Network { code, .. }
            | Self::SessionEnded { code, .. }
            | Self::Device { code, .. }
            | Self::Internal { code, .. } => code,
        }
    }

    /// The English message.
    pub fn message_en(&self) -> &str {
        match self {
            Self::Invalid { message_en, .. }
            | Self::Bank { message_en, .. }
            | Self::Network { message_en, .. }
            | Self::SessionEnded { message_en, .. }
            | Self::Device { message_en, .. }
            | Self::Internal { message_en, .. } => message_en,
        }
    }

    /// A fault of the library, under `code`.
    pub(crate) fn internal(code: &str) -> Self {
        Self::Internal {
            code: code.to_owned(),
            message_fa: "خطای داخلی برنامه؛ دوباره تلاش کنید.".to_owned(),
            message_en: "An internal error occurred; try again.".to_owned(),
        }
    }

    /// From any coded error of the core.
    pub(crate) fn of(error: &dyn Coded) -> Self {
        Problem::of(error).into()
    }
}

/// The deliberate mapping: the core's [`ErrorKind`] decides the kind; a
/// refusal that names a field is the customer's input to correct.
impl From<Problem> for HamrahError {
    fn from(problem: Problem) -> Self {
        let Problem {
            code,
            message_fa,
            message_en,
            kind,
            field,
            retry_after_seconds,
        } = problem;
        tracing::debug!(code = %code, "error reported to the app");
        match kind {
            ErrorKind::Network => Self::Network {
                code,
                message_fa,
                message_en,
            },
            ErrorKind::SessionEnded => Self::SessionEnded {
                code,
                message_fa,
                message_en,
            },
            ErrorKind::Device => Self::Device {
                code,
                message_fa,
                message_en,
            },
            ErrorKind::Internal => Self::Internal {
                code,
                message_fa,
                message_en,
            },
            ErrorKind::Refused if field.is_some() => Self::Invalid {
                code,
                message_fa,
                message_en,
                field,
            },
            ErrorKind::Refused => Self::Bank {
                code,
                message_fa,
                message_en,
                retry_after_seconds,
            },
        }
    }
}

/// The problem to show for a failure that is not a [`HamrahError`] (in
/// Swift, anything else a call may throw; in Kotlin, an unexpected
/// exception): the library's own internal message, never the app's.
#[uniffi::export]
pub fn unexpected_problem() -> crate::types::ProblemInfo {
    let problem = Problem::internal(
        "internal.unexpected",
        "خطای داخلی برنامه؛ دوباره تلاش کنید.",
        "An internal error occurred; try again.",
    );
    (&problem).into()
}

/// The one error a platform service (implemented in Kotlin or Swift) reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error, uniffi::Error)]
pub enum PlatformError {
    /// The service could not be reached or refused the operation.
    #[error("the platform service is unavailable")]
    Unavailable,
    /// A stored value has the wrong size or shape.
    #[error("a stored secret is damaged")]
    Corrupt,
    /// The device key does not exist (not created, or deleted).
    #[error("the device key is missing")]
    KeyMissing,
    /// The person holding the phone did not unlock (biometric failed or cancelled).
    #[error("unlock refused")]
    UnlockRefused,
}

impl From<uniffi::UnexpectedUniFFICallbackError> for PlatformError {
    fn from(_: uniffi::UnexpectedUniFFICallbackError) -> Self {
        Self::Unavailable
    }
}

impl From<PlatformError> for hamrah_core::platform::PlatformError {
    fn from(error: PlatformError) -> Self {
        match error {
            PlatformError::Unavailable => Self::Unavailable,
            PlatformError::Corrupt => Self::Corrupt,
            PlatformError::KeyMissing => Self::KeyMissing,
            PlatformError::UnlockRefused => Self::UnlockRefused,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hamrah_core::ids::CardNumber;

    #[test]
    fn families_decide_the_kind() {
        let input = Problem::of(&"6037".parse::<CardNumber>().unwrap_err()).at("pan");
        assert!(matches!(
            HamrahError::from(input),
            HamrahError::Invalid { field: Some(f), .. } if f == "pan"
        ));
        let network = Problem::from(hamrah_core::channel::ChannelError::Unreachable);
        assert!(matches!(
            HamrahError::from(network),
            HamrahError::Network { .. }
        ));
        let ended = Problem {
            kind: ErrorKind::SessionEnded,
            ..Problem::new("session.idle_timeout", "fa", "en")
        };
        assert!(matches!(
            HamrahError::from(ended),
            HamrahError::SessionEnded { .. }
        ));
        let bank = Problem::new("auth.invalid_credentials", "fa", "en");
        assert_eq!(HamrahError::from(bank).code(), "auth.invalid_credentials");
    }
}
