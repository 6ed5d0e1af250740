//! [`ChequeSerial`]: the series and serial numbers printed on a cheque leaf
//! (سری / سریال), e.g. `۱۲۳۴۵۶/۷۸۹۰۱۲`.
//!
//! What is checked: two groups of decimal digits in any script, separated by
//! `/`, `-` or white space: a series of 1 to 6 digits and a serial of 6 to 10
//! digits, leading zeros kept (they are printed). These are the lengths this
//! bank prints (the sandbox issues 6 and 8); no check digit is printed on a
//! leaf, so none is checked. The Sayad ID ([`super::SayadId`]) is what names
//! a cheque to the Central Bank; the serial is what the customer reads on the
//! leaf to find it.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::digits::digit_value;

/// Digits of a series, at most.
const SERIES_MAX: usize = 6;
/// Digits of a serial, at least and at most.
const SERIAL_RANGE: std::ops::RangeInclusive<usize> = 6..=10;

crate::coded_error! {
    /// Why a cheque's series/serial was refused.
    pub enum ChequeSerialError {
        /// Nothing was entered.
        Empty => ("cheque_serial.empty", "سری و سریال چک را وارد کنید.", "Enter the cheque's series and serial."),
        /// A character other than a digit or a separator.
        InvalidCharacter => (
            "cheque_serial.invalid_character",
            "سری و سریال چک فقط می‌تواند شامل رقم باشد.",
            "A cheque's series and serial may contain only digits."
        ),
        /// Not two groups of digits.
        Format => (
            "cheque_serial.format",
            "سری و سریال را به شکل سری/سریال وارد کنید.",
            "Enter the series and the serial as series/serial."
        ),
        /// The series is longer than 6 digits.
        SeriesLength => (
            "cheque_serial.series_length",
            "سری چک حداکثر ۶ رقم است.",
            "A cheque's series has at most 6 digits."
        ),
        /// The serial is not 6 to 10 digits.
        SerialLength => (
            "cheque_serial.serial_length",
            "سریال چک باید ۶ تا ۱۰ رقم باشد.",
            "A cheque's serial has 6 to 10 digits."
        ),
    }
}

/// A cheque leaf's printed series and serial.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ChequeSerial {
    series: String,
    serial: String,
}

impl ChequeSerial {
    /// The series digits.
    pub fn series(&self) -> &str {
        &self.series
    }

    /// The serial digits.
    pub fn serial(&self) -> &str {
        &self.serial
    }

    /// The canonical form, `series/serial` in ASCII digits.
    pub fn canonical(&self) -> String {
        format!("{}/{}", self.series, self.serial)
    }
}

impl FromStr for ChequeSerial {
    type Err = ChequeSerialError;

    /// Reads a series and serial as typed: `123456/78901234`, with `-` or
    /// spaces instead of `/`, digits in any script.
    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let mut groups: Vec<String> = Vec::new();
        let mut current = String::new();
        for c in input.trim().chars() {
            if let Some(d) = digit_value(c) {
                current.push(char::from(b'0' + d));
            } else if c == '/' || c == '-' || c.is_whitespace() {
                if !current.is_empty() {
                    groups.push(std::mem::take(&mut current));
                }
            } else {
                return Err(ChequeSerialError::InvalidCharacter);
            }
        }
        if !current.is_empty() {
            groups.push(current);
        }
        let (series, serial) = match groups.len() {
            0 => return Err(ChequeSerialError::Empty),
            2 => (groups.remove(0), groups.remove(0)),
            _ => return Err(ChequeSerialError::Format),
        };
        if series.len() > SERIES_MAX {
            return Err(ChequeSerialError::SeriesLength);
        }
        if !SERIAL_RANGE.contains(&serial.len()) {
            return Err(ChequeSerialError::SerialLength);
        }
        Ok(Self { series, serial })
    }
}

impl TryFrom<String> for ChequeSerial {
    type Error = ChequeSerialError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        value.parse()
    }
}

impl From<ChequeSerial> for String {
    fn from(serial: ChequeSerial) -> Self {
        serial.canonical()
    }
}

impl fmt::Display for ChequeSerial {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.canonical())
    }
}

impl fmt::Debug for ChequeSerial {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ChequeSerial({})", self.canonical())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails loudly
    use super::*;

    #[test]
    fn reads_as_typed() {
        let serial: ChequeSerial = "۱۲۳۴۵۶/۰۰۷۸۹۰۱۲".parse().unwrap();
        assert_eq!(serial.series(), "123456");
        assert_eq!(serial.serial(), "00789012");
        assert_eq!(serial.canonical(), "123456/00789012");
        assert_eq!(
            "12 - 345678".parse::<ChequeSerial>().unwrap().canonical(),
            "12/345678"
        );
    }

    #[test]
    fn refuses_in_order() {
        assert_eq!(" / ".parse::<ChequeSerial>(), Err(ChequeSerialError::Empty));
        assert_eq!(
            "12a/345678".parse::<ChequeSerial>(),
            Err(ChequeSerialError::InvalidCharacter)
        );
        assert_eq!(
            "12345678".parse::<ChequeSerial>(),
            Err(ChequeSerialError::Format)
        );
        assert_eq!(
            "1/2/3".parse::<ChequeSerial>(),
            Err(ChequeSerialError::Format)
        );
        assert_eq!(
            "1234567/345678".parse::<ChequeSerial>(),
            Err(ChequeSerialError::SeriesLength)
        );
        assert_eq!(
            "12/34567".parse::<ChequeSerial>(),
            Err(ChequeSerialError::SerialLength)
        );
        assert_eq!(
            "12/12345678901".parse::<ChequeSerial>(),
            Err(ChequeSerialError::SerialLength)
        );
    }

    #[test]
    fn serde_goes_through_the_parser() {
        let serial: ChequeSerial = serde_json::from_str("\"12/345678\"").unwrap();
        assert_eq!(serde_json::to_string(&serial).unwrap(), "\"12/345678\"");
        assert!(serde_json::from_str::<ChequeSerial>("\"12\"").is_err());
    }
}
