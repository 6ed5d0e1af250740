//! [`Rials`], the one money type: an integer count of rials, never a float.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::digits::{DigitsError, ascii_digits, to_persian_digits};

/// Rials per toman: customers often read tomans, the bank always counts rials.
pub const RIALS_PER_TOMAN: u64 = 10;

/// An amount of money in Iranian rials.
///
/// Amounts are never negative; ledgers that need signs keep them beside the amount.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Rials(u64);

crate::coded_error! {
    /// Why an amount was refused.
    pub enum MoneyError {
        /// Nothing was entered.
        Empty => ("money.empty", "مبلغ را وارد کنید.", "Enter an amount."),
        /// Something other than digits and digit-group separators was entered.
        InvalidCharacter => (
            "money.invalid_character",
            "مبلغ فقط می‌تواند شامل رقم باشد.",
            "An amount may contain only digits."
        ),
        /// The amount does not fit the bank's 64-bit counters.
        Overflow => ("money.overflow", "مبلغ بیش از حد بزرگ است.", "The amount is too large."),
    }
}

impl Rials {
    /// Zero rials.
    pub const ZERO: Self = Self(0);

    /// An amount from a count of rials.
    pub const fn new(rials: u64) -> Self {
        Self(rials)
    }

    /// An amount from a count of tomans (10 rials each).
    pub fn from_tomans(tomans: u64) -> Result<Self, MoneyError> {
        tomans
            .checked_mul(RIALS_PER_TOMAN)
            .map(Self)
            .ok_or(MoneyError::Overflow)
    }

    /// The count of rials.
    pub const fn get(self) -> u64 {
        self.0
    }

    /// The whole tomans in this amount and the rials left over (0..=9).
    pub const fn to_tomans(self) -> (u64, u64) {
        (self.0 / RIALS_PER_TOMAN, self.0 % RIALS_PER_TOMAN)
    }

    /// The sum, or `None` on overflow.
    pub fn checked_add(self, other: Self) -> Option<Self> {
        self.0.checked_add(other.0).map(Self)
    }

    /// The difference, or `None` when `other` is larger.
    pub fn checked_sub(self, other: Self) -> Option<Self> {
        self.0.checked_sub(other.0).map(Self)
    }

    /// Digits grouped by thousands: `1,234,567`.
    pub fn grouped(self) -> String {
        group_thousands(&self.0.to_string())
    }

    /// Grouped in Persian digits with the Arabic thousands separator: `۱٬۲۳۴٬۵۶۷`.
    pub fn grouped_fa(self) -> String {
        to_persian_digits(&self.grouped())
    }

    /// The amount in Persian words, as a confirmation screen shows it.
    pub fn words_fa(self) -> String {
        super::persian_words(self.0)
    }
}

fn group_thousands(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

impl FromStr for Rials {
    type Err = MoneyError;

    /// Reads an amount of rials as typed: digits in any script, with optional
    /// `,`, `٬` or space digit-group separators.
    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let digits = ascii_digits(input, &[',', '\u{066C}', ' ']).map_err(|e| match e {
            DigitsError::Empty => MoneyError::Empty,
            DigitsError::InvalidCharacter => MoneyError::InvalidCharacter,
        })?;
        digits.parse().map(Self).map_err(|_| MoneyError::Overflow)
    }
}

impl fmt::Display for Rials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} rials", self.grouped())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_thousands() {
        assert_eq!(Rials::new(0).grouped(), "0");
        assert_eq!(Rials::new(999).grouped(), "999");
        assert_eq!(Rials::new(1000).grouped(), "1,000");
        assert_eq!(Rials::new(1_234_567).grouped(), "1,234,567");
        assert_eq!(Rials::new(1_234_567).grouped_fa(), "۱٬۲۳۴٬۵۶۷");
    }

    #[test]
    fn tomans_both_ways() {
        assert_eq!(Rials::from_tomans(15_000_000), Ok(Rials::new(150_000_000)));
        assert_eq!(Rials::new(1_234_567).to_tomans(), (123_456, 7));
        assert_eq!(Rials::from_tomans(u64::MAX), Err(MoneyError::Overflow));
    }

    #[test]
    fn parses_typed_amounts() {
        assert_eq!("1,234,567".parse(), Ok(Rials::new(1_234_567)));
        assert_eq!("۱٬۲۳۴".parse(), Ok(Rials::new(1234)));
        assert_eq!("12a".parse::<Rials>(), Err(MoneyError::InvalidCharacter));
        assert_eq!("".parse::<Rials>(), Err(MoneyError::Empty));
        assert_eq!(
            "99999999999999999999".parse::<Rials>(),
            Err(MoneyError::Overflow)
        );
    }
}
