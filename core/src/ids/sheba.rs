//! [`Sheba`]: the Iranian IBAN.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::checksum::mod97;
use crate::banks::{self, Bank};
use crate::digits::digit_value;

/// Characters in a SHEBA: `IR`, two check digits and 22 digits.
const SHEBA_LENGTH: usize = 26;

crate::coded_error! {
    /// Why a SHEBA number was refused.
    pub enum ShebaError {
        /// Nothing was entered.
        Empty => ("sheba.empty", "شماره شبا را وارد کنید.", "Enter the SHEBA number."),
        /// It does not start with `IR`.
        Country => (
            "sheba.country",
            "شماره شبا باید با IR شروع شود.",
            "A SHEBA number starts with IR."
        ),
        /// After `IR`, a character other than a digit or a space.
        InvalidCharacter => (
            "sheba.invalid_character",
            "پس از IR، شماره شبا فقط می‌تواند شامل رقم باشد.",
            "After IR, a SHEBA number may contain only digits."
        ),
        /// Not `IR` and 24 digits.
        Length => (
            "sheba.length",
            "شماره شبا باید IR و ۲۴ رقم باشد.",
            "A SHEBA number is IR followed by 24 digits."
        ),
        /// The check digits do not match: most likely a typing mistake.
        Checksum => (
            "sheba.checksum",
            "شماره شبا نادرست است؛ لطفاً دوباره بررسی کنید.",
            "The SHEBA number is not valid; please check it again."
        ),
        /// The account-type digit is not one of 0 to 3.
        AccountType => (
            "sheba.account_type",
            "نوع حساب در شماره شبا نامعتبر است.",
            "The account type in the SHEBA number is not valid."
        ),
    }
}

/// The kind of account a SHEBA names, from its account-type digit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccountType {
    /// 0: a central account.
    Central,
    /// 1: a non-central account.
    NonCentral,
    /// 2: a central loan account.
    CentralLoan,
    /// 3: a non-central loan account.
    NonCentralLoan,
}

impl AccountType {
    fn from_digit(digit: u8) -> Option<Self> {
        match digit {
            b'0' => Some(Self::Central),
            b'1' => Some(Self::NonCentral),
            b'2' => Some(Self::CentralLoan),
            b'3' => Some(Self::NonCentralLoan),
            _ => None,
        }
    }

    /// The machine name: `central`, `non_central`, `central_loan`, `non_central_loan`.
    pub fn id(self) -> &'static str {
        match self {
            Self::Central => "central",
            Self::NonCentral => "non_central",
            Self::CentralLoan => "central_loan",
            Self::NonCentralLoan => "non_central_loan",
        }
    }

    /// The name in Persian.
    pub fn name_fa(self) -> &'static str {
        match self {
            Self::Central => "حساب متمرکز",
            Self::NonCentral => "حساب غیرمتمرکز",
            Self::CentralLoan => "حساب تسهیلات متمرکز",
            Self::NonCentralLoan => "حساب تسهیلات غیرمتمرکز",
        }
    }
}

/// A valid SHEBA number: `IR`, two ISO 13616 check digits, a 3-digit bank
/// code, an account-type digit and an 18-digit account number.
///
/// `Display` and `Debug` show it masked; the full number is reachable through
/// [`Sheba::as_str`] and [`Sheba::grouped`].
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Sheba(String);

impl Sheba {
    /// The 26 characters, `IR` in upper case.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The 3-digit bank code.
    pub fn bank_code(&self) -> &str {
        &self.0[4..7]
    }

    /// The bank, when the bank code is in the registry.
    pub fn bank(&self) -> Option<&'static Bank> {
        banks::by_sheba_code(self.bank_code())
    }

    /// The kind of account.
    pub fn account_type(&self) -> AccountType {
        self.0
            .as_bytes()
            .get(7)
            .and_then(|&d| AccountType::from_digit(d))
            .unwrap_or(AccountType::Central)
    }

    /// The 18-digit account number, zero-padded.
    pub fn account_number(&self) -> &str {
        &self.0[8..]
    }

    /// Grouped by four as printed: `IR26 0171 0000 0362 2461 4162 74`.
    pub fn grouped(&self) -> String {
        let mut out = String::with_capacity(SHEBA_LENGTH + 6);
        for (i, c) in self.0.chars().enumerate() {
            if i > 0 && i.is_multiple_of(4) {
                out.push(' ');
            }
            out.push(c);
        }
        out
    }

    /// Masked for receipts and logs: `IR26 **** 6274`.
    pub fn masked(&self) -> String {
        format!("{} **** {}", &self.0[..4], &self.0[SHEBA_LENGTH - 4..])
    }
}

impl Sheba {
    /// Issues the SHEBA of an account: bank code (3 digits), account type and
    /// account number (up to 18 digits, left-padded), with its check digits.
    pub fn issue(
        bank_code: &str,
        account_type: AccountType,
        account_number: &str,
    ) -> Result<Self, ShebaError> {
        let type_digit = match account_type {
            AccountType::Central => '0',
            AccountType::NonCentral => '1',
            AccountType::CentralLoan => '2',
            AccountType::NonCentralLoan => '3',
        };
        let body = format!("{bank_code}{type_digit}{account_number:0>18}");
        if body.len() != SHEBA_LENGTH - 4 || !body.bytes().all(|b| b.is_ascii_digit()) {
            return Err(ShebaError::Length);
        }
        let check = 98 - mod97(&format!("{body}182700"));
        format!("IR{check:02}{body}").parse()
    }
}

impl FromStr for Sheba {
    type Err = ShebaError;

    /// Reads a SHEBA as typed: any case, spaces allowed, digits in any script.
    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let mut chars = input.chars().filter(|c| !c.is_whitespace());
        let country: String = chars.by_ref().take(2).collect();
        if country.is_empty() {
            return Err(ShebaError::Empty);
        }
        if !country.eq_ignore_ascii_case("IR") {
            return Err(ShebaError::Country);
        }
        let mut sheba = String::with_capacity(SHEBA_LENGTH);
        sheba.push_str("IR");
        for c in chars {
            let digit = digit_value(c).ok_or(ShebaError::InvalidCharacter)?;
            sheba.push(char::from(b'0' + digit));
        }
        if sheba.len() != SHEBA_LENGTH {
            return Err(ShebaError::Length);
        }
        // ISO 13616: move `IR` and the check digits to the end, I = 18, R = 27.
        let rearranged = format!("{}1827{}", &sheba[4..], &sheba[2..4]);
        if mod97(&rearranged) != 1 {
            return Err(ShebaError::Checksum);
        }
        if AccountType::from_digit(sheba.as_bytes()[7]).is_none() {
            return Err(ShebaError::AccountType);
        }
        Ok(Self(sheba))
    }
}

impl TryFrom<String> for Sheba {
    type Error = ShebaError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        value.parse()
    }
}

impl From<Sheba> for String {
    fn from(sheba: Sheba) -> Self {
        sheba.0
    }
}

impl fmt::Display for Sheba {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

impl fmt::Debug for Sheba {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Sheba({})", self.masked())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_parts() {
        let sheba: Sheba = "ir26 0171 0000 0362 2461 4162 74".parse().unwrap();
        assert_eq!(sheba.as_str(), "IR260171000003622461416274");
        assert_eq!(sheba.bank_code(), "017");
        assert_eq!(sheba.account_type(), AccountType::NonCentral);
        assert_eq!(sheba.account_number(), "000003622461416274");
        assert_eq!(sheba.grouped(), "IR26 0171 0000 0362 2461 4162 74");
        assert_eq!(format!("{sheba:?}"), "Sheba(IR26 **** 6274)");
    }

    #[test]
    fn refuses_in_order() {
        assert_eq!("  ".parse::<Sheba>(), Err(ShebaError::Empty));
        assert_eq!(
            "DE89370400440532013000".parse::<Sheba>(),
            Err(ShebaError::Country)
        );
        assert_eq!(
            "IR2601710000036224614162x4".parse::<Sheba>(),
            Err(ShebaError::InvalidCharacter)
        );
        assert_eq!(
            "IR26017100000362246141627".parse::<Sheba>(),
            Err(ShebaError::Length)
        );
        assert_eq!(
            "IR260171000003622461416275".parse::<Sheba>(),
            Err(ShebaError::Checksum)
        );
    }

    #[test]
    fn issues_with_check_digits() {
        let sheba = Sheba::issue("017", AccountType::NonCentral, "3622461416274").unwrap();
        assert_eq!(sheba.as_str(), "IR260171000003622461416274");
        assert_eq!(
            Sheba::issue("017", AccountType::Central, "x"),
            Err(ShebaError::Length)
        );
    }

    #[test]
    fn account_type_digit_above_three_is_refused() {
        // Same account as above with account-type digit 5 and matching check digits.
        let body = "0175000003622461416274";
        let check = 98 - super::mod97(&format!("{body}182700"));
        let sheba = format!("IR{check:02}{body}");
        assert_eq!(sheba.parse::<Sheba>(), Err(ShebaError::AccountType));
    }
}
