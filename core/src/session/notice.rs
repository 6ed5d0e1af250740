//! The line a login or home screen shows for the session's state, decided
//! here for both apps (numbers in Persian digits).

use super::SessionState;
use crate::digits::to_persian_digits;

/// A line about the session for the customer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionNotice {
    /// The text, in Persian.
    pub text_fa: String,
    /// Whether it warns (the session ends, login is refused): shown in the
    /// error colour and announced by screen readers.
    pub warning: bool,
}

fn notice(text_fa: String, warning: bool) -> Option<SessionNotice> {
    Some(SessionNotice { text_fa, warning })
}

impl SessionState {
    /// What the screen says about this state, if anything.
    pub fn notice(&self) -> Option<SessionNotice> {
        let fa = |text: String| to_persian_digits(&text);
        match self {
            Self::LoggedOut | Self::Active { .. } => None,
            Self::ActivationCodeSent {
                sent_to_mobile_masked,
                seconds_left,
            } => notice(
                fa(format!(
                    "کد فعال‌سازی به {sent_to_mobile_masked} فرستاده شد؛ {seconds_left} ثانیه معتبر است."
                )),
                false,
            ),
            Self::ChooseCredentials => notice(
                "نام کاربری و رمز عبور دلخواه خود را برگزینید.".to_owned(),
                false,
            ),
            Self::LoginCodeSent {
                sent_to_mobile_masked,
                seconds_left,
            } => notice(
                fa(format!(
                    "کد ورود به {sent_to_mobile_masked} فرستاده شد؛ {seconds_left} ثانیه معتبر است."
                )),
                false,
            ),
            Self::PasswordChangeRequired { reason } => notice(
                match reason.as_str() {
                    "initial" => "رمز اولیه‌ای را که شعبه داده است، پیش از ادامه تغییر دهید.",
                    "expired" => "رمز عبور شما منقضی شده است؛ برای ادامه آن را تغییر دهید.",
                    _ => "برای ادامه، رمز عبور را تغییر دهید.",
                }
                .to_owned(),
                true,
            ),
            Self::Expiring { seconds_left, .. } => notice(
                fa(format!(
                    "نشست شما تا {seconds_left} ثانیه دیگر به دلیل عدم فعالیت پایان می‌یابد."
                )),
                true,
            ),
            Self::Expired { .. } => {
                notice("نشست شما پایان یافت؛ دوباره وارد شوید.".to_owned(), true)
            }
            Self::Locked {
                retry_after_seconds,
            } => notice(
                fa(format!(
                    "ورود تا {} دقیقه دیگر ممکن نیست.",
                    retry_after_seconds.div_ceil(60).max(1)
                )),
                true,
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_state_says_its_line_in_persian_digits() {
        let sent = SessionState::LoginCodeSent {
            sent_to_mobile_masked: "0912***4567".into(),
            seconds_left: 120,
        };
        let line = sent.notice().map(|n| n.text_fa);
        assert_eq!(
            line.as_deref(),
            Some("کد ورود به ۰۹۱۲***۴۵۶۷ فرستاده شد؛ ۱۲۰ ثانیه معتبر است.")
        );
        let locked = SessionState::Locked {
            retry_after_seconds: 1_790,
        };
        assert_eq!(
            locked.notice().map(|n| (n.text_fa, n.warning)),
            Some(("ورود تا ۳۰ دقیقه دیگر ممکن نیست.".into(), true))
        );
        let expired = SessionState::PasswordChangeRequired {
            reason: "expired".into(),
        };
        assert!(
            expired
                .notice()
                .is_some_and(|n| n.text_fa.contains("منقضی"))
        );
        let active = SessionState::Active {
            customer: "سارا".into(),
        };
        assert_eq!(active.notice(), None);
    }
}
