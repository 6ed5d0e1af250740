//! The SMS dynamic PIN policy, in one place: a PIN lives `lifetime_seconds`
//! (120) counted on the bank's clock, no new request before it expires, at
//! most `max_requests_per_payment` (5) requests; then the payment fails.

use serde::{Deserialize, Serialize};

use super::Problem;
use crate::client::{Api, DynamicPinIssued, OtpConfig, PinSource, local_now, parse_instant};
use crate::ids::Payee;
use crate::money::Rials;
use crate::operation::OperationKey;

/// The PIN requests of one payment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SmsPinPolicy {
    /// Validity of one PIN.
    pub lifetime_seconds: u64,
    /// Requests allowed for this payment.
    pub max_requests: u32,
    /// Requests made.
    pub requests_used: u32,
    /// When the last PIN expires, bank clock, Unix seconds.
    pub expires_at: Option<i64>,
    /// The bank's clock minus the phone's.
    pub clock_offset: i64,
}

/// Why a PIN cannot be requested now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinRequestRefusal {
    /// The last PIN is still valid for this many seconds.
    TooEarly(u64),
    /// No requests left: the payment has failed.
    BudgetExhausted,
}

impl SmsPinPolicy {
    /// A payment's policy from the bank's numbers.
    pub fn new(otp: &OtpConfig, clock_offset: i64) -> Self {
        Self {
            lifetime_seconds: otp.lifetime_seconds,
            max_requests: otp.max_requests_per_payment,
            requests_used: 0,
            expires_at: None,
            clock_offset,
        }
    }

    /// Seconds the last PIN stays valid (the button's countdown), at the phone's `local_now`.
    pub fn seconds_left(&self, local_now: i64) -> u64 {
        self.expires_at
            .map_or(0, |at| (at - (local_now + self.clock_offset)).max(0) as u64)
    }

    /// Requests still allowed.
    pub fn requests_left(&self) -> u32 {
        self.max_requests.saturating_sub(self.requests_used)
    }

    /// Whether a PIN may be requested now.
    pub fn check(&self, local_now: i64) -> Result<(), PinRequestRefusal> {
        let left = self.seconds_left(local_now);
        if left > 0 {
            return Err(PinRequestRefusal::TooEarly(left));
        }
        if self.requests_left() == 0 {
            return Err(PinRequestRefusal::BudgetExhausted);
        }
        Ok(())
    }

    /// Records a PIN the bank issued (its numbers win over ours).
    pub fn issued(&mut self, reply: &DynamicPinIssued, local_now: i64) {
        self.requests_used = reply.requests_used;
        self.max_requests = reply.requests_max;
        self.lifetime_seconds = reply.lifetime_seconds;
        self.expires_at = Some(
            parse_instant(&reply.expires_at)
                .unwrap_or(local_now + self.clock_offset + reply.lifetime_seconds as i64),
        );
    }

    /// The bank said the last PIN is still valid for `seconds`.
    pub fn still_valid(&mut self, seconds: u64, local_now: i64) {
        self.expires_at = Some(local_now + self.clock_offset + seconds as i64);
    }

    /// The problem shown for a refusal.
    pub fn problem(refusal: PinRequestRefusal) -> Problem {
        match refusal {
            PinRequestRefusal::TooEarly(seconds) => {
                let mut problem = Problem::new(
                    "otp.request_too_early",
                    "رمز پویای قبلی هنوز معتبر است.",
                    "The previous dynamic PIN is still valid.",
                );
                problem.retry_after_seconds = Some(seconds);
                problem
            }
            PinRequestRefusal::BudgetExhausted => Problem::new(
                "otp.budget_exhausted",
                "تعداد درخواست رمز پویا به پایان رسید و تراکنش ناموفق شد.",
                "No dynamic PIN requests left; the payment has failed.",
            ),
        }
    }
}

/// What a PIN request led to.
#[derive(Debug, Clone, PartialEq)]
pub enum PinStep {
    /// A PIN is on its way by SMS.
    Issued,
    /// Not now (too early, issuer not connected, ...): shown, the payment goes on.
    Refused(Problem),
    /// No requests left: the payment has failed.
    PaymentFailed(Problem),
}

/// Requests an SMS dynamic PIN for the payment named by `key`, as `policy`
/// allows, bound to the amount and `payee`; `policy` learns the bank's numbers.
pub async fn request(
    api: &Api,
    policy: &mut SmsPinPolicy,
    key: &OperationKey,
    source: &PinSource,
    amount: Rials,
    payee: &Payee,
) -> PinStep {
    match policy.check(local_now()) {
        Err(PinRequestRefusal::BudgetExhausted) => {
            return PinStep::PaymentFailed(SmsPinPolicy::problem(
                PinRequestRefusal::BudgetExhausted,
            ));
        }
        Err(refusal) => return PinStep::Refused(SmsPinPolicy::problem(refusal)),
        Ok(()) => {}
    }
    match api.dynamic_pin(key, source, amount, payee).await {
        Ok(issued) => {
            policy.issued(&issued, local_now());
            tracing::debug!(
                requests_used = issued.requests_used,
                "dynamic PIN sent by SMS"
            );
            PinStep::Issued
        }
        Err(error) => {
            let problem = Problem::from(error);
            match problem.code.as_str() {
                "otp.budget_exhausted" => return PinStep::PaymentFailed(problem),
                "otp.request_too_early" => {
                    policy.still_valid(problem.retry_after_seconds.unwrap_or(0), local_now())
                }
                _ => {}
            }
            PinStep::Refused(problem)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn issued(used: u32, expires_at: &str) -> DynamicPinIssued {
        DynamicPinIssued {
            sent_to_mobile_masked: "0912***4567".into(),
            expires_at: expires_at.into(),
            lifetime_seconds: 120,
            requests_used: used,
            requests_left: 5 - used,
            requests_max: 5,
        }
    }

    #[test]
    fn countdown_uses_the_banks_clock() {
        let otp = OtpConfig {
            lifetime_seconds: 120,
            max_requests_per_payment: 5,
            digits: 6,
        };
        // The bank is 1000 s ahead of the phone.
        let mut policy = SmsPinPolicy::new(&otp, 1000);
        let bank_now = 1_740_816_900; // 2025-03-01T08:15:00Z
        let local = bank_now - 1000;
        assert_eq!(policy.check(local), Ok(()));
        policy.issued(&issued(1, "2025-03-01T08:17:00Z"), local);
        assert_eq!(policy.seconds_left(local), 120);
        assert_eq!(policy.seconds_left(local + 84), 36);
        assert_eq!(
            policy.check(local + 84),
            Err(PinRequestRefusal::TooEarly(36))
        );
        assert_eq!(policy.check(local + 120), Ok(()));
        policy.issued(&issued(5, "2025-03-01T08:19:00Z"), local + 120);
        assert_eq!(policy.requests_left(), 0);
        assert_eq!(
            policy.check(local + 240),
            Err(PinRequestRefusal::BudgetExhausted)
        );
    }
}
