//! [`SayadId`]: the 16-digit Sayad ID (شناسه صیادی) the Central Bank's Sayad
//! system gives every cheque leaf.
//!
//! What is checked: 16 decimal digits (Persian, Arabic-Indic or ASCII;
//! spaces, dashes and no-break spaces between them allowed). Nothing more:
//! the public Sayad format is 16 digits, which is what banks' apps validate
//! before asking the Central Bank; no check digit of the Sayad ID is
//! published, so none is invented here, and a typing mistake is caught by the
//! bank's inquiry (`cheque.not_found`), not by this parser.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::digits::{DigitsError, ascii_digits};

/// Digits in a Sayad ID.
pub const SAYAD_LENGTH: usize = 16;

crate::coded_error! {
    /// Why a Sayad ID was refused.
    pub enum SayadIdError {
        /// Nothing was entered.
        Empty => ("sayad.empty", "شناسه صیادی چک را وارد کنید.", "Enter the cheque's Sayad ID."),
        /// A character other than a digit, a space or a dash.
        InvalidCharacter => (
            "sayad.invalid_character",
            "شناسه صیادی فقط می‌تواند شامل رقم باشد.",
            "A Sayad ID may contain only digits."
        ),
        /// Not 16 digits.
        Length => (
            "sayad.length",
            "شناسه صیادی باید ۱۶ رقم باشد.",
            "A Sayad ID has 16 digits."
        ),
    }
}

/// A cheque leaf's Sayad ID: 16 ASCII digits.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct SayadId(String);

impl SayadId {
    /// The 16 ASCII digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// In groups of four, as the cheque prints it: `1234 5678 9012 3456`.
    pub fn grouped(&self) -> String {
        let mut out = String::with_capacity(SAYAD_LENGTH + 3);
        for (i, c) in self.0.chars().enumerate() {
            if i > 0 && i.is_multiple_of(4) {
                out.push(' ');
            }
            out.push(c);
        }
        out
    }
}

impl FromStr for SayadId {
    type Err = SayadIdError;

    /// Reads a Sayad ID as typed: digits in any script, spaces and dashes allowed.
    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let digits = ascii_digits(input, &[' ', '-', '\u{00A0}']).map_err(|e| match e {
            DigitsError::Empty => SayadIdError::Empty,
            DigitsError::InvalidCharacter => SayadIdError::InvalidCharacter,
        })?;
        if digits.len() != SAYAD_LENGTH {
            return Err(SayadIdError::Length);
        }
        Ok(Self(digits))
    }
}

impl TryFrom<String> for SayadId {
    type Error = SayadIdError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        value.parse()
    }
}

impl From<SayadId> for String {
    fn from(id: SayadId) -> Self {
        id.0
    }
}

impl fmt::Display for SayadId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.grouped())
    }
}

impl fmt::Debug for SayadId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SayadId({})", self.0)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails loudly
    use super::*;

    #[test]
    fn reads_every_script_and_groups() {
        let id: SayadId = "۱۲۳۴-۵۶۷۸ 9012 ٣٤٥٦".parse().unwrap();
        assert_eq!(id.as_str(), "1234567890123456");
        assert_eq!(id.grouped(), "1234 5678 9012 3456");
        assert_eq!(id.to_string(), "1234 5678 9012 3456");
    }

    #[test]
    fn refuses_in_order() {
        assert_eq!(" - ".parse::<SayadId>(), Err(SayadIdError::Empty));
        assert_eq!(
            "12345678901234x6".parse::<SayadId>(),
            Err(SayadIdError::InvalidCharacter)
        );
        assert_eq!(
            "123456789012345".parse::<SayadId>(),
            Err(SayadIdError::Length)
        );
        assert_eq!(
            "12345678901234567".parse::<SayadId>(),
            Err(SayadIdError::Length)
        );
    }

    #[test]
    fn serde_goes_through_the_parser() {
        let id: SayadId = serde_json::from_str("\"1234567890123456\"").unwrap();
        assert_eq!(serde_json::to_string(&id).unwrap(), "\"1234567890123456\"");
        assert!(serde_json::from_str::<SayadId>("\"12\"").is_err());
    }
}
