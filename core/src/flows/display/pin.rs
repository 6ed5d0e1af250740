//! The buttons of a payment's dynamic-PIN step, decided here for both apps.
//!
//! - **Request a PIN by SMS**: enabled only when no PIN is still valid and
//!   requests are left (the bank refuses otherwise); while one is valid its
//!   label carries the countdown, so the button itself counts down.
//! - **Pay with the SMS PIN**: enabled only while a PIN is valid (an expired
//!   or never-requested PIN can only be refused).
//! - **Pay with the soft token**: offered when this phone holds the card's
//!   soft token. Both ways are then offered, the soft token first: it needs
//!   no SMS and works offline, and the SMS PIN stays for when the token is
//!   locked at the bank (five wrong codes) or the customer prefers it.

use super::Action;
use crate::digits::to_persian_digits;
use crate::flows::sms_pin::SmsPinPolicy;

/// What the dynamic-PIN step offers now (ask again each second while
/// `seconds_left` is above zero: the labels count down).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PinActions {
    /// Ask the card's issuer for a PIN by SMS.
    pub request_pin: Action,
    /// Pay with the PIN that came by SMS.
    pub pay_with_sms_pin: Action,
    /// Pay with a code of this phone's soft token, when it holds one.
    pub pay_with_soft_token: Option<Action>,
    /// Seconds the last PIN stays valid.
    pub seconds_left: u64,
    /// PIN requests still allowed for this payment.
    pub requests_left: u32,
    /// One line for the customer about the choice, in Persian.
    pub note_fa: String,
}

fn fa(n: impl ToString) -> String {
    to_persian_digits(&n.to_string())
}

impl PinActions {
    /// The step's buttons under `policy` at the phone's `local_now`, with or
    /// without the card's soft token on this phone.
    pub fn of(policy: &SmsPinPolicy, local_now: i64, soft_token: bool) -> Self {
        let left = policy.seconds_left(local_now);
        let requests_left = policy.requests_left();
        let request_pin = if left > 0 {
            Action::new(format!("درخواست دوباره پس از {} ثانیه", fa(left)), false)
        } else if requests_left == 0 {
            Action::new("درخواست رمز پویا دیگر ممکن نیست", false)
        } else if policy.requests_used == 0 {
            Action::new("دریافت رمز پویا با پیامک", true)
        } else {
            Action::new(
                format!("دریافت دوباره رمز پویا ({} بار دیگر)", fa(requests_left)),
                true,
            )
        };
        let note_fa = match (soft_token, left > 0) {
            (true, _) => "رمزساز همین گوشی رمز را می‌سازد؛ رمز پویای پیامکی هم ممکن است.".to_owned(),
            (false, true) => format!("رمز پویا تا {} ثانیه دیگر معتبر است.", fa(left)),
            (false, false) if requests_left == 0 => {
                "تعداد درخواست رمز پویا به پایان رسیده است.".to_owned()
            }
            (false, false) => "رمز پویا را با پیامک دریافت کنید.".to_owned(),
        };
        Self {
            request_pin,
            pay_with_sms_pin: Action::new("پرداخت با رمز پویای پیامکی", left > 0),
            pay_with_soft_token: soft_token.then(|| Action::new("پرداخت با رمزساز", true)),
            seconds_left: left,
            requests_left,
            note_fa,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::client::OtpConfig;

    fn policy() -> SmsPinPolicy {
        let otp = OtpConfig {
            lifetime_seconds: 120,
            max_requests_per_payment: 5,
            digits: 6,
        };
        SmsPinPolicy::new(&otp, 0)
    }

    #[test]
    fn before_any_request_only_requesting_is_possible() {
        let actions = PinActions::of(&policy(), 1_000, false);
        assert!(actions.request_pin.enabled);
        assert_eq!(actions.request_pin.label_fa, "دریافت رمز پویا با پیامک");
        assert!(!actions.pay_with_sms_pin.enabled);
        assert_eq!(actions.pay_with_soft_token, None);
        assert_eq!(actions.requests_left, 5);
    }

    #[test]
    fn a_valid_pin_disables_the_request_and_counts_down_in_its_label() {
        let mut policy = policy();
        policy.requests_used = 1;
        policy.expires_at = Some(1_120);
        let actions = PinActions::of(&policy, 1_022, false);
        assert!(!actions.request_pin.enabled);
        assert_eq!(
            actions.request_pin.label_fa,
            "درخواست دوباره پس از ۹۸ ثانیه"
        );
        assert!(actions.pay_with_sms_pin.enabled);
        assert_eq!(actions.seconds_left, 98);
        let later = PinActions::of(&policy, 1_120, false);
        assert!(later.request_pin.enabled, "expired: a new PIN may be asked");
        assert_eq!(
            later.request_pin.label_fa,
            "دریافت دوباره رمز پویا (۴ بار دیگر)"
        );
        assert!(!later.pay_with_sms_pin.enabled, "an expired PIN cannot pay");
    }

    #[test]
    fn no_requests_left_disables_the_request_for_good() {
        let mut policy = policy();
        policy.requests_used = 5;
        policy.expires_at = Some(900);
        let actions = PinActions::of(&policy, 1_000, false);
        assert!(!actions.request_pin.enabled);
        assert_eq!(actions.requests_left, 0);
    }

    #[test]
    fn a_soft_token_is_offered_first_and_the_sms_pin_stays() {
        let actions = PinActions::of(&policy(), 1_000, true);
        let token = actions.pay_with_soft_token.as_ref().map(|a| a.enabled);
        assert_eq!(token, Some(true));
        assert!(actions.request_pin.enabled, "the SMS PIN is still offered");
        assert!(actions.note_fa.contains("رمزساز"));
    }
}
