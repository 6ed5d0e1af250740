//! [`AccountNumber`]: the number of a deposit account at the customer's own
//! bank (سپرده), as printed on its passbook and statements.
//!
//! Banks print account numbers of different lengths (Bank Melli's are
//! shorter than a SHEBA's 18-digit account part), with dots or dashes between
//! groups; all fit in the SHEBA's account part, so 6 to 18 digits are taken,
//! the separators dropped. The bank says whether such an account exists.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::digits::{DigitsError, ascii_digits};

/// The fewest digits an account number has.
pub const MIN_DIGITS: usize = 6;
/// The most digits an account number has (the SHEBA's account part).
pub const MAX_DIGITS: usize = 18;

/// What may stand between the groups of an account number as people write it.
const SEPARATORS: &[char] = &[' ', '-', '.', '/', '\u{2010}', '\u{2011}', '\u{2013}'];

crate::coded_error! {
    /// Why an account number was refused.
    pub enum AccountNumberError {
        /// Nothing was entered.
        Empty => ("account_number.empty", "شماره حساب را وارد کنید.", "Enter the account number."),
        /// A character other than a digit or a separator.
        InvalidCharacter => (
            "account_number.invalid_character",
            "شماره حساب فقط می‌تواند شامل رقم باشد.",
            "An account number may contain only digits."
        ),
        /// Fewer than 6 or more than 18 digits, or only zeros.
        Length => (
            "account_number.length",
            "شماره حساب باید بین ۶ تا ۱۸ رقم باشد.",
            "An account number has 6 to 18 digits."
        ),
    }
}

/// A valid account number: 6 to 18 ASCII digits, not all zeros.
///
/// `Debug` shows it masked; [`AccountNumber::as_str`] gives it whole.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct AccountNumber(String);

impl AccountNumber {
    /// The digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Masked for lists and logs: the first 4 and last 4 digits (`1002****0501`).
    pub fn masked(&self) -> String {
        let n = self.0.len();
        let shown = 4.min(n / 3);
        format!(
            "{}{}{}",
            &self.0[..shown],
            "*".repeat(n - 2 * shown),
            &self.0[n - shown..]
        )
    }
}

impl FromStr for AccountNumber {
    type Err = AccountNumberError;

    /// Reads an account number as typed: digits in any script, spaces,
    /// dots, dashes and slashes between groups.
    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let digits = ascii_digits(input, SEPARATORS).map_err(|e| match e {
            DigitsError::Empty => AccountNumberError::Empty,
            DigitsError::InvalidCharacter => AccountNumberError::InvalidCharacter,
        })?;
        if !(MIN_DIGITS..=MAX_DIGITS).contains(&digits.len()) || digits.bytes().all(|b| b == b'0') {
            return Err(AccountNumberError::Length);
        }
        Ok(Self(digits))
    }
}

impl TryFrom<String> for AccountNumber {
    type Error = AccountNumberError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        value.parse()
    }
}

impl From<AccountNumber> for String {
    fn from(number: AccountNumber) -> Self {
        number.0
    }
}

impl fmt::Display for AccountNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

impl fmt::Debug for AccountNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "AccountNumber({})", self.masked())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_it_as_people_write_it() {
        for input in [
            "100200300501",
            " 1002-0030-0501 ",
            "1002.003.00501",
            "۱۰۰۲۰۰۳۰۰۵۰۱",
            "١٠٠٢٠٠٣٠٠٥٠١",
        ] {
            let number: AccountNumber = input.parse().unwrap_or_else(|e| panic!("{input}: {e}"));
            assert_eq!(number.as_str(), "100200300501", "{input}");
        }
    }

    #[test]
    fn refuses_with_a_code() {
        let code = |s: &str| {
            s.parse::<AccountNumber>()
                .map_err(|e| crate::Coded::code(&e).to_owned())
        };
        assert_eq!(code(""), Err("account_number.empty".into()));
        assert_eq!(code(" - "), Err("account_number.empty".into()));
        assert_eq!(
            code("1002a0030501"),
            Err("account_number.invalid_character".into())
        );
        assert_eq!(code("12345"), Err("account_number.length".into()));
        assert_eq!(
            code("1234567890123456789"),
            Err("account_number.length".into())
        );
        assert_eq!(code("000000000"), Err("account_number.length".into()));
        assert!(code("123456").is_ok());
        assert!(code("123456789012345678").is_ok());
    }

    #[test]
    fn never_shows_it_whole_by_accident() {
        let number: AccountNumber = "100200300501".parse().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(number.masked(), "1002****0501");
        assert!(!format!("{number:?}").contains("100200300501"));
        assert!(!format!("{number}").contains("100200300501"));
        let short: AccountNumber = "123456".parse().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(short.masked(), "12**56");
    }
}
