//! Records shared by several journeys.

use hamrah_core::client::BankRef;
use hamrah_core::flows::Problem;

/// A problem a screen shows next to the input at fault.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ProblemInfo {
    /// Stable code.
    pub code: String,
    /// For the customer, in Persian.
    pub message_fa: String,
    /// In English.
    pub message_en: String,
    /// The field at fault.
    pub field: Option<String>,
    /// Seconds to wait before trying again.
    pub retry_after_seconds: Option<u64>,
}

impl From<&Problem> for ProblemInfo {
    fn from(problem: &Problem) -> Self {
        Self {
            code: problem.code.clone(),
            message_fa: problem.message_fa.clone(),
            message_en: problem.message_en.clone(),
            field: problem.field.clone(),
            retry_after_seconds: problem.retry_after_seconds,
        }
    }
}

/// An optional problem, converted.
pub(crate) fn problem(error: &Option<Problem>) -> Option<ProblemInfo> {
    error.as_ref().map(ProblemInfo::from)
}

/// A bank named in a reply.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct BankInfo {
    /// Registry id (`melli`).
    pub bank_id: String,
    /// Persian name.
    pub name_fa: String,
    /// English name.
    pub name_en: String,
}

impl From<&BankRef> for BankInfo {
    fn from(bank: &BankRef) -> Self {
        Self {
            bank_id: bank.bank_id.clone(),
            name_fa: bank.name_fa.clone(),
            name_en: bank.name_en.clone(),
        }
    }
}

/// The SMS dynamic PIN's requests for one payment.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PinStatus {
    /// Requests made.
    pub requests_used: u32,
    /// Requests still allowed.
    pub requests_left: u32,
    /// Seconds the last PIN stays valid (0: a new one may be requested).
    pub seconds_left: u64,
    /// Validity of one PIN.
    pub lifetime_seconds: u64,
}

impl From<&hamrah_core::flows::sms_pin::SmsPinPolicy> for PinStatus {
    fn from(pin: &hamrah_core::flows::sms_pin::SmsPinPolicy) -> Self {
        Self {
            requests_used: pin.requests_used,
            requests_left: pin.requests_left(),
            seconds_left: pin.seconds_left(hamrah_core::client::local_now()),
            lifetime_seconds: pin.lifetime_seconds,
        }
    }
}
