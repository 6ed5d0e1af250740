//! What a customer types to authorize a card payment: the expiry printed on
//! the card, its CVV2 and the second PIN. None of them is ever shown whole in
//! `Debug`.

use std::fmt;
use std::str::FromStr;

use crate::calendar::JalaliDate;
use crate::digits::{DigitsError, ascii_digits};

crate::coded_error! {
    /// Why a card expiry, CVV2 or second PIN was refused.
    pub enum CardSecretError {
        /// Not `YYMM` with a month from 01 to 12.
        ExpiryFormat => (
            "card.expiry_format",
            "تاریخ انقضای کارت را به صورت سال و ماه چهاررقمی (مانند ۰۸۰۶) وارد کنید.",
            "Enter the card's expiry as four digits, year then month (YYMM)."
        ),
        /// Not 3 or 4 digits.
        Cvv2Format => (
            "card.cvv2_format",
            "CVV2 باید ۳ یا ۴ رقم باشد.",
            "The CVV2 has 3 or 4 digits."
        ),
        /// Not 5 to 12 digits.
        PinFormat => (
            "pin.format",
            "رمز دوم باید بین ۵ تا ۱۲ رقم باشد.",
            "The second PIN has 5 to 12 digits."
        ),
        /// A new second PIN that is one digit repeated, a run or two digits alternating.
        PinGuessable => (
            "pin.guessable",
            "رمز دوم جدید نباید یک رقم تکراری، ارقام پشت‌سرهم یا دو رقم یک‌درمیان باشد (مانند ۱۱۱۱۱، ۱۲۳۴۵ یا ۱۲۱۲۱).",
            "The new second PIN must not be one digit repeated, a run of digits or two digits alternating (like 11111, 12345 or 12121)."
        ),
    }
}

/// A card's expiry as Iranian cards print it: `YYMM` of the Jalali calendar
/// (`0806` is the end of Shahrivar 1408).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CardExpiry {
    year: i32,
    month: u8,
}

impl CardExpiry {
    /// The Jalali year, for example 1408.
    pub fn year(self) -> i32 {
        self.year
    }

    /// The Jalali month, 1 to 12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// `YYMM`, as printed and as the bank's API carries it.
    pub fn yymm(self) -> String {
        format!("{:02}{:02}", self.year.rem_euclid(100), self.month)
    }

    /// Whether the card has expired by `today` (it is valid through its month).
    pub fn is_expired_on(self, today: JalaliDate) -> bool {
        (today.year(), today.month()) > (self.year, self.month)
    }
}

impl FromStr for CardExpiry {
    type Err = CardSecretError;

    /// Reads `YYMM` or `YY/MM`, digits in any script.
    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let digits = only_digits(input, &['/'], 4..=4).ok_or(CardSecretError::ExpiryFormat)?;
        let (yy, mm) = digits.split_at(2);
        let (Ok(yy), Ok(month)) = (yy.parse::<i32>(), mm.parse::<u8>()) else {
            return Err(CardSecretError::ExpiryFormat);
        };
        if !(1..=12).contains(&month) {
            return Err(CardSecretError::ExpiryFormat);
        }
        Ok(Self {
            year: 1400 + yy,
            month,
        })
    }
}

impl fmt::Debug for CardExpiry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("CardExpiry(****)")
    }
}

/// A card's CVV2: 3 or 4 digits.
#[derive(Clone, PartialEq, Eq)]
pub struct Cvv2(String);

impl Cvv2 {
    /// The digits, for the one request that needs them.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for Cvv2 {
    type Err = CardSecretError;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        only_digits(input, &[], 3..=4)
            .map(Self)
            .ok_or(CardSecretError::Cvv2Format)
    }
}

impl fmt::Debug for Cvv2 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Cvv2(***)")
    }
}

/// A second (internet) PIN, static or dynamic: 5 to 12 digits.
#[derive(Clone, PartialEq, Eq)]
pub struct SecondPin(String);

impl SecondPin {
    /// The digits, for the one request that needs them.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// A second PIN the customer chooses: 5 to 12 digits that a thief would
    /// not try first (not one digit repeated, not a run up or down, not two
    /// digits alternating).
    pub fn new_choice(input: &str) -> Result<Self, CardSecretError> {
        let pin: Self = input.parse()?;
        if pin.is_guessable() {
            return Err(CardSecretError::PinGuessable);
        }
        Ok(pin)
    }

    fn is_guessable(&self) -> bool {
        let digits = self.0.as_bytes();
        let steps: Vec<i8> = digits
            .windows(2)
            .map(|pair| (pair[1] as i8 - pair[0] as i8).rem_euclid(10))
            .collect();
        let run = |step: i8| steps.iter().all(|s| *s == step);
        let alternating = digits.iter().skip(2).zip(digits).all(|(a, b)| a == b);
        run(0) || run(1) || run(9) || alternating
    }
}

impl FromStr for SecondPin {
    type Err = CardSecretError;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        only_digits(input, &[], 5..=12)
            .map(Self)
            .ok_or(CardSecretError::PinFormat)
    }
}

impl fmt::Debug for SecondPin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecondPin(***)")
    }
}

/// ASCII digits of the input when they are all digits (any script) and their
/// count is in `lengths`.
fn only_digits(
    input: &str,
    separators: &[char],
    lengths: std::ops::RangeInclusive<usize>,
) -> Option<String> {
    match ascii_digits(input, separators) {
        Ok(digits) if lengths.contains(&digits.len()) => Some(digits),
        Ok(_) | Err(DigitsError::Empty | DigitsError::InvalidCharacter) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expiry() {
        let expiry: CardExpiry = "08/06".parse().unwrap();
        assert_eq!(
            (expiry.year(), expiry.month(), expiry.yymm()),
            (1408, 6, "0806".into())
        );
        assert_eq!("۰۸۰۶".parse::<CardExpiry>(), Ok(expiry));
        assert!(!expiry.is_expired_on(JalaliDate::new(1408, 6, 31).unwrap()));
        assert!(expiry.is_expired_on(JalaliDate::new(1408, 7, 1).unwrap()));
        for bad in ["0813", "0800", "806", "08066", "ab06", ""] {
            assert_eq!(
                bad.parse::<CardExpiry>(),
                Err(CardSecretError::ExpiryFormat),
                "{bad}"
            );
        }
        assert_eq!(format!("{expiry:?}"), "CardExpiry(****)");
    }

    #[test]
    fn cvv2_and_pin() {
        assert_eq!("412".parse::<Cvv2>().unwrap().as_str(), "412");
        assert_eq!("12".parse::<Cvv2>(), Err(CardSecretError::Cvv2Format));
        assert_eq!("12345".parse::<Cvv2>(), Err(CardSecretError::Cvv2Format));
        assert_eq!("۱۲۳۴۵".parse::<SecondPin>().unwrap().as_str(), "12345");
        assert_eq!("1234".parse::<SecondPin>(), Err(CardSecretError::PinFormat));
        assert_eq!(
            "1234567890123".parse::<SecondPin>(),
            Err(CardSecretError::PinFormat)
        );
        assert_eq!(
            format!("{:?}", "99999".parse::<SecondPin>().unwrap()),
            "SecondPin(***)"
        );
    }

    #[test]
    fn a_chosen_pin_is_not_one_a_thief_tries_first() {
        for guessable in [
            "11111",
            "12345",
            "98765",
            "67890",
            "21098",
            "12121",
            "909090909",
        ] {
            assert_eq!(
                SecondPin::new_choice(guessable),
                Err(CardSecretError::PinGuessable),
                "{guessable}"
            );
        }
        for fine in ["58214", "۷۳۱۹۰", "112233", "123457", "100000000001"] {
            assert!(SecondPin::new_choice(fine).is_ok(), "{fine}");
        }
        assert_eq!(
            SecondPin::new_choice("1234"),
            Err(CardSecretError::PinFormat)
        );
    }
}
