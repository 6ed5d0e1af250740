//! [`CardNumber`]: a Shetab payment card number (PAN).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::checksum::luhn_valid;
use crate::banks::{self, Bank};
use crate::digits::{DigitsError, ascii_digits};

/// Digits in a PAN.
const PAN_LENGTH: usize = 16;
/// Digits of the BIN, which names the issuing bank.
const BIN_LENGTH: usize = 6;

crate::coded_error! {
    /// Why a card number was refused.
    pub enum CardError {
        /// Nothing was entered.
        Empty => ("card.empty", "شماره کارت را وارد کنید.", "Enter the card number."),
        /// A character other than a digit, a space or a dash was entered.
        InvalidCharacter => (
            "card.invalid_character",
            "شماره کارت فقط می‌تواند شامل رقم باشد.",
            "A card number may contain only digits."
        ),
        /// Not 16 digits.
        Length => (
            "card.length",
            "شماره کارت باید ۱۶ رقم باشد.",
            "A card number has 16 digits."
        ),
        /// The check digit does not match: most likely a typing mistake.
        Checksum => (
            "card.checksum",
            "شماره کارت نادرست است؛ لطفاً دوباره بررسی کنید.",
            "The card number is not valid; please check it again."
        ),
    }
}

/// A 16-digit card number whose Luhn check digit is valid.
///
/// `Display` and `Debug` show it masked (`603799******4296`); the full number
/// is only reachable through [`CardNumber::as_str`] and [`CardNumber::grouped`].
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CardNumber(String);

impl CardNumber {
    /// The 16 ASCII digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The first six digits, which name the issuing bank.
    pub fn bin(&self) -> &str {
        &self.0[..BIN_LENGTH]
    }

    /// The last four digits, as customers recognise their cards.
    pub fn last4(&self) -> &str {
        &self.0[PAN_LENGTH - 4..]
    }

    /// The number as receipts print it: `603799******4296`.
    pub fn masked(&self) -> String {
        format!("{}******{}", self.bin(), self.last4())
    }

    /// The full number in groups of four: `6037 9998 3690 0602`.
    pub fn grouped(&self) -> String {
        let mut out = String::with_capacity(PAN_LENGTH + 3);
        for (i, c) in self.0.chars().enumerate() {
            if i > 0 && i.is_multiple_of(4) {
                out.push(' ');
            }
            out.push(c);
        }
        out
    }

    /// The issuing bank, when the BIN is in the bank registry.
    pub fn bank(&self) -> Option<&'static Bank> {
        banks::by_card_bin(self.bin())
    }
}

impl CardNumber {
    /// Issues the card number that completes 15 digits with their Luhn check
    /// digit (how a bank numbers new cards).
    pub fn issue(first15: &str) -> Result<Self, CardError> {
        let body = ascii_digits(first15, &[]).map_err(|_| CardError::InvalidCharacter)?;
        if body.len() != PAN_LENGTH - 1 {
            return Err(CardError::Length);
        }
        (0..=9)
            .map(|d| format!("{body}{d}"))
            .find(|pan| luhn_valid(pan))
            .map(Self)
            .ok_or(CardError::Checksum)
    }
}

impl FromStr for CardNumber {
    type Err = CardError;

    /// Reads a card number as typed: digits in any script, spaces and dashes allowed.
    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let digits = ascii_digits(input, &[' ', '-', '\u{00A0}']).map_err(|e| match e {
            DigitsError::Empty => CardError::Empty,
            DigitsError::InvalidCharacter => CardError::InvalidCharacter,
        })?;
        if digits.len() != PAN_LENGTH {
            return Err(CardError::Length);
        }
        if !luhn_valid(&digits) {
            return Err(CardError::Checksum);
        }
        Ok(Self(digits))
    }
}

impl TryFrom<String> for CardNumber {
    type Error = CardError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        value.parse()
    }
}

impl From<CardNumber> for String {
    fn from(card: CardNumber) -> Self {
        card.0
    }
}

impl fmt::Display for CardNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

impl fmt::Debug for CardNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CardNumber({})", self.masked())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_masks() {
        let card: CardNumber = "6037-9998-3690-0602".parse().unwrap();
        assert_eq!(card.as_str(), "6037999836900602");
        assert_eq!(card.masked(), "603799******0602");
        assert_eq!(card.grouped(), "6037 9998 3690 0602");
        assert_eq!(format!("{card:?}"), "CardNumber(603799******0602)");
        assert_eq!(card.bank().map(|b| b.id), Some("melli"));
    }

    #[test]
    fn refuses_in_order() {
        assert_eq!("".parse::<CardNumber>(), Err(CardError::Empty));
        assert_eq!(
            "6037x99836900602".parse::<CardNumber>(),
            Err(CardError::InvalidCharacter)
        );
        assert_eq!(
            "603799983690060".parse::<CardNumber>(),
            Err(CardError::Length)
        );
        assert_eq!(
            "6037999836900605".parse::<CardNumber>(),
            Err(CardError::Checksum)
        );
    }

    #[test]
    fn issues_with_check_digit() {
        assert_eq!(
            CardNumber::issue("603799983690060").unwrap().as_str(),
            "6037999836900602"
        );
        assert_eq!(CardNumber::issue("60379998369006"), Err(CardError::Length));
    }

    #[test]
    fn serde_goes_through_the_parser() {
        let card: CardNumber = serde_json::from_str("\"6037999836900602\"").unwrap();
        assert_eq!(
            serde_json::to_string(&card).unwrap(),
            "\"6037999836900602\""
        );
        assert!(serde_json::from_str::<CardNumber>("\"6037999836900605\"").is_err());
    }
}
