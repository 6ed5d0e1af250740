//! [`MobileNumber`]: an Iranian mobile number and its operator.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::digits::{DigitsError, ascii_digits};

/// Digits after the leading `0` of `09xxxxxxxxx`.
const SUBSCRIBER_DIGITS: usize = 10;

crate::coded_error! {
    /// Why a mobile number was refused.
    pub enum MobileError {
        /// Nothing was entered.
        Empty => ("mobile.empty", "شماره همراه را وارد کنید.", "Enter the mobile number."),
        /// A character other than a digit, `+`, a space or a dash.
        InvalidCharacter => (
            "mobile.invalid_character",
            "شماره همراه فقط می‌تواند شامل رقم باشد.",
            "A mobile number may contain only digits."
        ),
        /// Not 11 digits in the `09xxxxxxxxx` form.
        Length => (
            "mobile.length",
            "شماره همراه باید ۱۱ رقم و به شکل ۰۹xxxxxxxxx باشد.",
            "A mobile number has 11 digits, as in 09xxxxxxxxx."
        ),
        /// A number that is not a mobile number (a landline, for example).
        NotMobile => (
            "mobile.not_mobile",
            "این شماره، شماره تلفن همراه نیست.",
            "This is not a mobile number."
        ),
        /// A `09` number whose prefix no operator uses.
        UnknownOperator => (
            "mobile.unknown_operator",
            "پیش‌شماره این شماره همراه به هیچ اپراتوری تعلق ندارد.",
            "No operator uses this mobile prefix."
        ),
    }
}

/// An Iranian mobile network operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Operator {
    /// Hamrah-e Avval (MCI).
    Mci,
    /// MTN Irancell.
    Irancell,
    /// Rightel.
    Rightel,
    /// Shatel Mobile.
    Shatel,
    /// Talia.
    Talia,
    /// TeleKish, on Kish island.
    TeleKish,
    /// MTCE (Espadan), in Isfahan.
    Mtce,
    /// A virtual operator on the 0999 range (Samantel, Aptel, LotusTel, ArianTel).
    Virtual,
}

/// `09` prefixes and their operators; the longest matching prefix wins.
const PREFIXES: &[(&str, Operator)] = &[
    ("090", Operator::Irancell),
    ("091", Operator::Mci),
    ("0920", Operator::Rightel),
    ("0921", Operator::Rightel),
    ("0922", Operator::Rightel),
    ("0923", Operator::Rightel),
    ("0930", Operator::Irancell),
    ("0931", Operator::Mtce),
    ("0932", Operator::Talia),
    ("0933", Operator::Irancell),
    ("0934", Operator::TeleKish),
    ("0935", Operator::Irancell),
    ("0936", Operator::Irancell),
    ("0937", Operator::Irancell),
    ("0938", Operator::Irancell),
    ("0939", Operator::Irancell),
    ("0941", Operator::Irancell),
    ("0990", Operator::Mci),
    ("0991", Operator::Mci),
    ("0992", Operator::Mci),
    ("0993", Operator::Mci),
    ("0994", Operator::Mci),
    ("0995", Operator::Mci),
    ("0996", Operator::Mci),
    ("0998", Operator::Shatel),
    ("0999", Operator::Virtual),
];

impl Operator {
    fn of(number: &str) -> Option<Self> {
        PREFIXES
            .iter()
            .filter(|(prefix, _)| number.starts_with(prefix))
            .max_by_key(|(prefix, _)| prefix.len())
            .map(|&(_, operator)| operator)
    }

    /// From its machine name (`mci`, ...), as the bank's receipts send it.
    pub fn from_id(id: &str) -> Option<Self> {
        PREFIXES
            .iter()
            .map(|&(_, operator)| operator)
            .find(|operator| operator.id() == id)
    }

    /// The machine name: `mci`, `irancell`, `rightel`, ...
    pub fn id(self) -> &'static str {
        match self {
            Self::Mci => "mci",
            Self::Irancell => "irancell",
            Self::Rightel => "rightel",
            Self::Shatel => "shatel",
            Self::Talia => "talia",
            Self::TeleKish => "telekish",
            Self::Mtce => "mtce",
            Self::Virtual => "virtual",
        }
    }

    /// The name in Persian.
    pub fn name_fa(self) -> &'static str {
        match self {
            Self::Mci => "همراه اول",
            Self::Irancell => "ایرانسل",
            Self::Rightel => "رایتل",
            Self::Shatel => "شاتل موبایل",
            Self::Talia => "تالیا",
            Self::TeleKish => "تله‌کیش",
            Self::Mtce => "اسپادان",
            Self::Virtual => "اپراتور مجازی",
        }
    }
}

/// A valid mobile number, normalized to `09xxxxxxxxx`.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct MobileNumber {
    number: String,
    operator: Operator,
}

impl MobileNumber {
    /// The number as `09xxxxxxxxx`.
    pub fn as_str(&self) -> &str {
        &self.number
    }

    /// The number in international form: `+989xxxxxxxxx`.
    pub fn international(&self) -> String {
        format!("+98{}", &self.number[1..])
    }

    /// The operator, from the prefix.
    pub fn operator(&self) -> Operator {
        self.operator
    }

    /// Masked for display in logs and notices: `0912***4567`.
    pub fn masked(&self) -> String {
        format!("{}***{}", &self.number[..4], &self.number[7..])
    }
}

impl FromStr for MobileNumber {
    type Err = MobileError;

    /// Reads a mobile number with `+98`, `0098`, `98`, `0` or no prefix;
    /// digits in any script, spaces and dashes allowed.
    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let trimmed = input.trim();
        let (plus, rest) = match trimmed.strip_prefix('+') {
            Some(rest) => (true, rest),
            None => (false, trimmed),
        };
        let digits = ascii_digits(rest, &[' ', '-']).map_err(|e| match e {
            DigitsError::Empty => MobileError::Empty,
            DigitsError::InvalidCharacter => MobileError::InvalidCharacter,
        })?;
        let subscriber = if plus {
            digits.strip_prefix("98").ok_or(MobileError::NotMobile)?
        } else if let Some(rest) = digits.strip_prefix("0098") {
            rest
        } else if digits.len() == SUBSCRIBER_DIGITS + 2 && digits.starts_with("98") {
            &digits[2..]
        } else {
            digits.strip_prefix('0').unwrap_or(&digits)
        };
        if subscriber.len() != SUBSCRIBER_DIGITS {
            return Err(MobileError::Length);
        }
        if !subscriber.starts_with('9') {
            return Err(MobileError::NotMobile);
        }
        let number = format!("0{subscriber}");
        let operator = Operator::of(&number).ok_or(MobileError::UnknownOperator)?;
        Ok(Self { number, operator })
    }
}

impl TryFrom<String> for MobileNumber {
    type Error = MobileError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        value.parse()
    }
}

impl From<MobileNumber> for String {
    fn from(mobile: MobileNumber) -> Self {
        mobile.number
    }
}

impl fmt::Display for MobileNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.number)
    }
}

impl fmt::Debug for MobileNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "MobileNumber({})", self.masked())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_prefix_form() {
        for input in [
            "09121234567",
            "9121234567",
            "+989121234567",
            "00989121234567",
            "989121234567",
            "۰۹۱۲ ۱۲۳ ۴۵۶۷",
        ] {
            let mobile: MobileNumber = input.parse().unwrap();
            assert_eq!(mobile.as_str(), "09121234567", "{input}");
            assert_eq!(mobile.operator(), Operator::Mci);
        }
    }

    #[test]
    fn operators() {
        let op = |n: &str| n.parse::<MobileNumber>().unwrap().operator();
        assert_eq!(op("09351234567"), Operator::Irancell);
        assert_eq!(op("09011234567"), Operator::Irancell);
        assert_eq!(op("09211234567"), Operator::Rightel);
        assert_eq!(op("09901234567"), Operator::Mci);
        assert_eq!(op("09981234567"), Operator::Shatel);
    }

    #[test]
    fn refuses() {
        assert_eq!("".parse::<MobileNumber>(), Err(MobileError::Empty));
        assert_eq!(
            "0912abc4567".parse::<MobileNumber>(),
            Err(MobileError::InvalidCharacter)
        );
        assert_eq!(
            "0912123456".parse::<MobileNumber>(),
            Err(MobileError::Length)
        );
        assert_eq!(
            "02188888888".parse::<MobileNumber>(),
            Err(MobileError::NotMobile)
        );
        assert_eq!(
            "+4915112345678".parse::<MobileNumber>(),
            Err(MobileError::NotMobile)
        );
        assert_eq!(
            "09501234567".parse::<MobileNumber>(),
            Err(MobileError::UnknownOperator)
        );
    }
}
