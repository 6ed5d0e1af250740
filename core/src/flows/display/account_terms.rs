//! What an account is and where it stands, in the customer's words: its
//! type, its state, the rate it earns, its SHEBA as printed and the text
//! that shares it.

/// An account's type as the bank reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountKind {
    /// Current (جاری): cheques, no interest.
    Current,
    /// Savings (پس‌انداز).
    Savings,
    /// A short-term deposit (سپرده کوتاه‌مدت).
    ShortTermDeposit,
    /// A long-term deposit (سپرده بلندمدت).
    LongTermDeposit,
    /// A type this app does not know.
    Unknown,
}

impl AccountKind {
    /// From the bank's value (`current`, `savings`, ...).
    pub fn of(kind: &str) -> Self {
        match kind {
            "current" => Self::Current,
            "savings" => Self::Savings,
            "short_term_deposit" => Self::ShortTermDeposit,
            "long_term_deposit" => Self::LongTermDeposit,
            _ => Self::Unknown,
        }
    }

    /// In Persian.
    pub fn name_fa(self) -> &'static str {
        match self {
            Self::Current => "جاری",
            Self::Savings => "پس‌انداز",
            Self::ShortTermDeposit => "سپرده کوتاه‌مدت",
            Self::LongTermDeposit => "سپرده بلندمدت",
            Self::Unknown => "سایر",
        }
    }
}

/// An account's state as the bank reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountStatus {
    /// Open: money may leave it.
    Active,
    /// Blocked: nothing may leave it.
    Blocked,
    /// Closed.
    Closed,
    /// A state this app does not know: treated as not usable.
    Unknown,
}

impl AccountStatus {
    /// From the bank's value (`active`, `blocked`, `closed`).
    pub fn of(state: &str) -> Self {
        match state {
            "active" => Self::Active,
            "blocked" => Self::Blocked,
            "closed" => Self::Closed,
            _ => Self::Unknown,
        }
    }

    /// In Persian, for the account's badge.
    pub fn name_fa(self) -> &'static str {
        match self {
            Self::Active => "فعال",
            Self::Blocked => "مسدود",
            Self::Closed => "بسته",
            Self::Unknown => "نامشخص",
        }
    }

    /// Whether money may leave it (offered as a source only then).
    pub fn usable(self) -> bool {
        self == Self::Active
    }
}

/// An annual rate in hundredths of a percent, in Persian («سود سالانه ۱۸٫۵٪»).
pub fn interest_rate_fa(basis_points: u32) -> String {
    let whole = crate::digits::to_persian_digits(&(basis_points / 100).to_string());
    let rate = match basis_points % 100 {
        0 => whole,
        cents => {
            let cents = format!("{cents:02}");
            let cents = crate::digits::to_persian_digits(cents.trim_end_matches('0'));
            format!("{whole}٫{cents}")
        }
    };
    format!("سود سالانه {rate}٪")
}

/// A SHEBA in groups of four, as banks print it («IR03 0171 0000 ...»).
pub fn sheba_grouped(sheba: &str) -> String {
    sheba
        .as_bytes()
        .chunks(4)
        .map(|chunk| String::from_utf8_lossy(chunk).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The text a customer shares so that others can pay into the account:
/// its title, number and SHEBA (in Latin digits, to be copied as they are).
pub fn account_share_text(title_fa: &str, number: &str, sheba: &str) -> String {
    let mut text = format!("{title_fa}\n");
    if !number.is_empty() {
        text.push_str(&format!("شماره حساب: {number}\n"));
    }
    text.push_str(&format!("شماره شبا: {sheba}\nهمراه‌بانک"));
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_and_states_read_in_persian_and_unknown_ones_are_not_usable() {
        assert_eq!(AccountKind::of("savings").name_fa(), "پس‌انداز");
        assert_eq!(AccountKind::of("gold"), AccountKind::Unknown);
        assert!(AccountStatus::of("active").usable());
        assert!(!AccountStatus::of("blocked").usable());
        assert!(!AccountStatus::of("frozen").usable());
        assert_eq!(AccountStatus::of("closed").name_fa(), "بسته");
    }

    #[test]
    fn rates_read_in_persian_digits_with_their_decimals() {
        assert_eq!(interest_rate_fa(500), "سود سالانه ۵٪");
        assert_eq!(interest_rate_fa(1850), "سود سالانه ۱۸٫۵٪");
        assert_eq!(interest_rate_fa(2025), "سود سالانه ۲۰٫۲۵٪");
    }

    #[test]
    fn a_sheba_is_grouped_by_four_and_shared_whole() {
        let sheba = "IR030171000000100200300401";
        assert_eq!(sheba_grouped(sheba), "IR03 0171 0000 0010 0200 3004 01");
        let text = account_share_text("حساب جاری", "100200300401", sheba);
        assert_eq!(
            text,
            "حساب جاری\nشماره حساب: 100200300401\nشماره شبا: IR030171000000100200300401\nهمراه‌بانک"
        );
        assert!(!account_share_text("حساب", "", sheba).contains("شماره حساب"));
    }
}
