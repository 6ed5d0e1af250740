//! How accounts and cards are named on every screen (home, pickers, the SMS
//! directory kept for data-off use): one label each, made here.

/// An account: its title and the last four digits of its SHEBA
/// («حساب جاری …0401»), enough to tell accounts apart without the number.
pub fn account_label(title_fa: &str, sheba: &str) -> String {
    let tail: String = sheba.chars().skip(sheba.len().saturating_sub(4)).collect();
    format!("{title_fa} …{tail}")
}

/// A card: its bank and masked PAN («بانک ملی ایران 603799******3014»).
pub fn card_label(bank_name_fa: &str, pan_masked: &str) -> String {
    format!("{bank_name_fa} {pan_masked}")
}

/// A moment (Unix seconds) as a Jalali date and Tehran time in Persian
/// digits («۱۴۰۵/۰۹/۰۱ ۰۸:۰۱»).
pub fn tehran_time_fa(unix_seconds: i64) -> Option<String> {
    let ts = jiff::Timestamp::from_second(unix_seconds).ok()?;
    crate::calendar::TehranDateTime::from_timestamp(ts)
        .ok()
        .map(|t| t.to_persian_string())
}

/// A device of the customer's list: its name (or its kind), and whether it
/// is this phone.
pub fn device_label(name: Option<&str>, platform: Option<&str>, current: bool) -> String {
    let kind = match platform {
        Some("android") => "گوشی اندروید",
        Some("ios") => "آیفون",
        Some("desktop") => "رایانه",
        _ => "دستگاه",
    };
    let name = name.filter(|n| !n.trim().is_empty()).unwrap_or(kind);
    if current {
        format!("{name} (همین دستگاه)")
    } else {
        name.to_owned()
    }
}

/// Whether the device list offers to revoke a device: another active one
/// (this phone leaves by logging out).
pub fn device_revocable(state: &str, current: bool) -> bool {
    state == "active" && !current
}

/// A card's state as the bank reports it (`active`, `blocked`, `expired`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CardStatus {
    /// It can pay.
    Active,
    /// Blocked (lost, stolen, ...): it cannot pay.
    Blocked,
    /// Past its expiry: it cannot pay.
    Expired,
    /// A state this app does not know: treated as not usable.
    Unknown,
}

impl CardStatus {
    /// From the bank's value.
    pub fn of(state: &str) -> Self {
        match state {
            "active" => Self::Active,
            "blocked" => Self::Blocked,
            "expired" => Self::Expired,
            _ => Self::Unknown,
        }
    }

    /// In Persian, for the card's badge.
    pub fn name_fa(self) -> &'static str {
        match self {
            Self::Active => "فعال",
            Self::Blocked => "مسدود",
            Self::Expired => "منقضی",
            Self::Unknown => "نامشخص",
        }
    }

    /// Whether the card can pay (the screens offer it as a source only then).
    pub fn usable(self) -> bool {
        self == Self::Active
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_name_without_giving_the_numbers_away() {
        assert_eq!(
            account_label("حساب جاری", "IR030171000000100200300401"),
            "حساب جاری …0401"
        );
        assert_eq!(
            card_label("بانک ملی ایران", "603799******3014"),
            "بانک ملی ایران 603799******3014"
        );
        assert_eq!(account_label("x", "12"), "x …12");
    }

    #[test]
    fn a_moment_reads_in_jalali_tehran_time() {
        // 2025-03-01T20:30:00Z is 1403/12/12 00:00 in Tehran.
        assert_eq!(
            tehran_time_fa(1_740_861_000).as_deref(),
            Some("۱۴۰۳/۱۲/۱۲ ۰۰:۰۰")
        );
    }

    #[test]
    fn devices_are_named_and_only_others_revoked() {
        assert_eq!(
            device_label(Some("Pixel 8"), Some("android"), true),
            "Pixel 8 (همین دستگاه)"
        );
        assert_eq!(device_label(None, Some("ios"), false), "آیفون");
        assert_eq!(device_label(Some(" "), None, false), "دستگاه");
        assert!(device_revocable("active", false));
        assert!(!device_revocable("active", true));
        assert!(!device_revocable("revoked", false));
    }

    #[test]
    fn only_an_active_card_pays() {
        assert!(CardStatus::of("active").usable());
        assert_eq!(CardStatus::of("blocked").name_fa(), "مسدود");
        assert!(!CardStatus::of("expired").usable());
        assert_eq!(CardStatus::of("frozen"), CardStatus::Unknown);
        assert!(!CardStatus::Unknown.usable());
    }
}
