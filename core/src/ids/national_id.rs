//! [`NationalId`]: the 10-digit Iranian national ID (kod-e melli).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::checksum::national_id_check_digit;
use crate::digits::{DigitsError, ascii_digits};

/// Digits in a national ID.
const LENGTH: usize = 10;
/// Shorter IDs (8 or 9 digits) are written without their leading zeros.
const SHORTEST: usize = 8;

crate::coded_error! {
    /// Why a national ID was refused.
    pub enum NationalIdError {
        /// Nothing was entered.
        Empty => ("national_id.empty", "کد ملی را وارد کنید.", "Enter the national ID."),
        /// A character other than a digit or a dash.
        InvalidCharacter => (
            "national_id.invalid_character",
            "کد ملی فقط می‌تواند شامل رقم باشد.",
            "A national ID may contain only digits."
        ),
        /// Not 8 to 10 digits.
        Length => ("national_id.length", "کد ملی باید ۱۰ رقم باشد.", "A national ID has 10 digits."),
        /// The check digit does not match.
        Checksum => (
            "national_id.checksum",
            "کد ملی نادرست است؛ لطفاً دوباره بررسی کنید.",
            "The national ID is not valid; please check it again."
        ),
        /// Ten identical digits, which pass the check but are never issued.
        Repeated => (
            "national_id.repeated",
            "کد ملی نادرست است.",
            "The national ID is not valid."
        ),
    }
}

/// A valid national ID, always 10 ASCII digits.
///
/// `Debug` masks all but the last four digits.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct NationalId(String);

impl NationalId {
    /// The 10 digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for NationalId {
    type Err = NationalIdError;

    /// Reads a national ID as typed: digits in any script, dashes and spaces allowed,
    /// 8 or 9 digits left-padded with zeros.
    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let digits = ascii_digits(input, &[' ', '-']).map_err(|e| match e {
            DigitsError::Empty => NationalIdError::Empty,
            DigitsError::InvalidCharacter => NationalIdError::InvalidCharacter,
        })?;
        if !(SHORTEST..=LENGTH).contains(&digits.len()) {
            return Err(NationalIdError::Length);
        }
        let id = format!("{digits:0>LENGTH$}");
        let (body, check) = id.split_at(LENGTH - 1);
        if check.parse() != Ok(national_id_check_digit(body)) {
            return Err(NationalIdError::Checksum);
        }
        if id.bytes().all(|b| b == id.as_bytes()[0]) {
            return Err(NationalIdError::Repeated);
        }
        Ok(Self(id))
    }
}

impl TryFrom<String> for NationalId {
    type Error = NationalIdError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        value.parse()
    }
}

impl From<NationalId> for String {
    fn from(id: NationalId) -> Self {
        id.0
    }
}

impl fmt::Debug for NationalId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "NationalId(******{})", &self.0[LENGTH - 4..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pads_short_ids() {
        let id: NationalId = "12246141".parse().unwrap();
        assert_eq!(id.as_str(), "0012246141");
        assert_eq!(format!("{id:?}"), "NationalId(******6141)");
    }

    #[test]
    fn refuses() {
        assert_eq!("".parse::<NationalId>(), Err(NationalIdError::Empty));
        assert_eq!(
            "12a4".parse::<NationalId>(),
            Err(NationalIdError::InvalidCharacter)
        );
        assert_eq!(
            "1234567".parse::<NationalId>(),
            Err(NationalIdError::Length)
        );
        assert_eq!(
            "8472621678".parse::<NationalId>(),
            Err(NationalIdError::Checksum)
        );
        assert_eq!(
            "1111111111".parse::<NationalId>(),
            Err(NationalIdError::Repeated)
        );
    }
}
