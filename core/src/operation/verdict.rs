//! What a failed send means for the operation: the one classification of
//! outcomes, for HTTPS errors and SMS refusals alike.

use crate::channel::ChannelError;

/// Refusals the bank does not record (the contract's correctable 422s, and
/// every `token.*`): the customer corrects the input (the dynamic PIN, the
/// CVV2) and the operation is resent with the same key.
const CORRECTABLE: &[&str] = &[
    "otp.invalid",
    "otp.expired",
    "otp.not_requested",
    "otp.attempts_exceeded",
    "card.credentials_invalid",
    "card.pin_incorrect",
    "sca.required",
];

/// What a failed send means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// The bank recorded a refusal under the key: it failed for good.
    Recorded,
    /// The bank refused without recording: fix the input, resend with the same key.
    Correctable,
    /// Nothing was done (unreachable, busy): the same key may be sent again.
    NothingDone,
    /// It may have been done: ask the bank about the key, never resend blindly.
    Unknown,
}

impl Verdict {
    /// Whether the contract calls a refusal with `code` correctable: not
    /// recorded under the key (the bank, the sandbox, records by this too).
    pub fn is_correctable(code: &str) -> bool {
        CORRECTABLE.contains(&code) || code.starts_with("token.")
    }

    /// The verdict of a refusal the bank answered with `code` (and, over
    /// HTTPS, its HTTP `status`).
    pub fn of_refusal(code: &str, status: Option<u16>) -> Self {
        if code == "idempotency.in_progress" {
            return Self::Unknown;
        }
        if Self::is_correctable(code) {
            return Self::Correctable;
        }
        match status {
            Some(status) if status >= 500 || status == 429 => Self::NothingDone,
            // 422 and 400, 401, 403, 404, 409: refused before anything was
            // done, or refused and recorded; over SMS every refusal is recorded.
            _ => Self::Recorded,
        }
    }

    /// The verdict of an HTTPS send that failed.
    pub fn of_channel(error: &ChannelError) -> Self {
        match error {
            ChannelError::OutcomeUnknown | ChannelError::PinMismatch | ChannelError::Protocol => {
                Self::Unknown
            }
            ChannelError::Unreachable | ChannelError::Device(_) => Self::NothingDone,
            ChannelError::Bank(bank) => Self::of_refusal(&bank.code, Some(bank.status)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_by_code_and_status() {
        assert_eq!(
            Verdict::of_refusal("otp.invalid", Some(422)),
            Verdict::Correctable
        );
        assert_eq!(
            Verdict::of_refusal("token.locked", None),
            Verdict::Correctable
        );
        assert_eq!(
            Verdict::of_refusal("funds.insufficient", Some(422)),
            Verdict::Recorded
        );
        assert_eq!(
            Verdict::of_refusal("funds.insufficient", None),
            Verdict::Recorded
        );
        assert_eq!(
            Verdict::of_refusal("server.busy", Some(503)),
            Verdict::NothingDone
        );
        assert_eq!(
            Verdict::of_refusal("rate.limited", Some(429)),
            Verdict::NothingDone
        );
        assert_eq!(
            Verdict::of_refusal("idempotency.in_progress", Some(409)),
            Verdict::Unknown
        );
        assert_eq!(
            Verdict::of_channel(&ChannelError::OutcomeUnknown),
            Verdict::Unknown
        );
        assert_eq!(
            Verdict::of_channel(&ChannelError::Unreachable),
            Verdict::NothingDone
        );
    }
}
