//! The row of an account or card as a customer types it on an SMS screen
//! (when no list names the rows): 1 for the first of the bank's list; an SMS
//! frame carries the index from 0, one byte.

use crate::digits::ascii_digits;

crate::coded_error! {
    /// Why a typed row was refused.
    pub enum RowError {
        /// Not a number from 1 to 256.
        Invalid => (
            "sms.row_invalid",
            "شماره ردیف را از ۱ تا ۲۵۶ بنویسید.",
            "Type a row number from 1 to 256."
        ),
    }
}

/// The index (from 0) of the row typed as `typed` (from 1; any digits).
pub fn row_index(typed: &str) -> Result<u8, RowError> {
    let digits = ascii_digits(typed.trim(), &[]).map_err(|_| RowError::Invalid)?;
    let row: u16 = digits.parse().map_err(|_| RowError::Invalid)?;
    row.checked_sub(1)
        .and_then(|index| u8::try_from(index).ok())
        .ok_or(RowError::Invalid)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_count_from_one_and_fit_a_byte() {
        assert_eq!(row_index("1"), Ok(0));
        assert_eq!(row_index(" ۳ "), Ok(2));
        assert_eq!(row_index("256"), Ok(255));
        for typed in ["0", "257", "", "-1", "a", "99999999999"] {
            assert_eq!(row_index(typed), Err(RowError::Invalid), "{typed}");
        }
    }
}
