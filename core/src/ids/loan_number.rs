//! [`LoanNumber`]: the number of a loan (facility) as the bank prints it on
//! the contract and the instalment booklet: 10 to 20 digits. The customer may
//! type it with Persian or Arabic-Indic digits and with spaces, dashes,
//! slashes or dots between groups; banks publish no check digit for it, so
//! the length and the characters are all a parser can hold it to.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::digits::{DigitsError, ascii_digits};

/// Fewest digits of a loan number.
pub const MIN_DIGITS: usize = 10;
/// Most digits of a loan number.
pub const MAX_DIGITS: usize = 20;

crate::coded_error! {
    /// Why a loan number was refused.
    pub enum LoanNumberError {
        /// Nothing was typed.
        Empty => (
            "loan.empty",
            "شماره تسهیلات را وارد کنید.",
            "Enter the loan number."
        ),
        /// A character that is neither a digit nor a separator.
        InvalidCharacter => (
            "loan.invalid_character",
            "شماره تسهیلات فقط از رقم تشکیل می‌شود.",
            "A loan number has only digits."
        ),
        /// Fewer than 10 or more than 20 digits.
        Length => (
            "loan.length",
            "شماره تسهیلات باید بین ۱۰ تا ۲۰ رقم باشد.",
            "A loan number has 10 to 20 digits."
        ),
    }
}

/// A loan number: 10 to 20 ASCII digits, normalized. `Debug` masks the middle.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct LoanNumber(String);

impl LoanNumber {
    /// The digits, as the bank's API carries them.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The first four and last four digits, the rest hidden (`1234******5678`).
    pub fn masked(&self) -> String {
        let n = self.0.len();
        let head = self.0.get(..4).unwrap_or_default();
        let tail = self.0.get(n.saturating_sub(4)..).unwrap_or_default();
        format!("{head}{}{tail}", "*".repeat(n.saturating_sub(8)))
    }
}

impl FromStr for LoanNumber {
    type Err = LoanNumberError;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let digits =
            ascii_digits(input, &[' ', '-', '/', '.', '\u{200c}']).map_err(|e| match e {
                DigitsError::Empty => LoanNumberError::Empty,
                DigitsError::InvalidCharacter => LoanNumberError::InvalidCharacter,
            })?;
        if !(MIN_DIGITS..=MAX_DIGITS).contains(&digits.len()) {
            return Err(LoanNumberError::Length);
        }
        Ok(Self(digits))
    }
}

impl TryFrom<String> for LoanNumber {
    type Error = LoanNumberError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        value.parse()
    }
}

impl From<LoanNumber> for String {
    fn from(value: LoanNumber) -> Self {
        value.0
    }
}

impl fmt::Debug for LoanNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "LoanNumber({})", self.masked())
    }
}

impl fmt::Display for LoanNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails loudly
    use super::*;
    use crate::Coded;

    #[test]
    fn reads_what_customers_type() {
        let typed: LoanNumber = "۰۱۰۱-۲۳۴۵ ۶۷۰۰۱".parse().unwrap();
        assert_eq!(typed.as_str(), "0101234567001");
        assert_eq!(typed.masked(), "0101*****7001");
        assert!(!format!("{typed:?}").contains("0101234567001"));
        assert!(!typed.to_string().contains("0101234567001"));
    }

    #[test]
    fn refuses_with_codes() {
        let code = |s: &str| s.parse::<LoanNumber>().unwrap_err().code().to_owned();
        assert_eq!(code(""), "loan.empty");
        assert_eq!(code(" - "), "loan.empty");
        assert_eq!(code("12345a67890"), "loan.invalid_character");
        assert_eq!(code("123456789"), "loan.length");
        assert_eq!(code("123456789012345678901"), "loan.length");
        assert!("1234567890".parse::<LoanNumber>().is_ok());
        assert!("12345678901234567890".parse::<LoanNumber>().is_ok());
    }

    #[test]
    fn serde_goes_through_the_parser() {
        let ok: LoanNumber = serde_json::from_str("\"0101234567001\"").unwrap();
        assert_eq!(ok.as_str(), "0101234567001");
        assert!(serde_json::from_str::<LoanNumber>("\"12\"").is_err());
    }
}
