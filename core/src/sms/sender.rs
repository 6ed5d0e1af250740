//! Who a received SMS is from. The shells hand every SMS the radio receives
//! to the core with its sender as the radio reports it; only one from the
//! bank's number is read. The number must be exactly the bank's, in any of
//! the forms a radio writes it (`+98…`, `0098…`, `0…`, spaces, dashes,
//! Persian digits): a sender that merely ends with the bank's digits is
//! someone else.

use crate::digits::ascii_digits;
use crate::ids::MobileNumber;

/// The number in its national form without the trunk `0`: `+98 21 1234`,
/// `0098211234` and `0211234` all read `211234`; `None` when it is not a number.
fn national(number: &str) -> Option<String> {
    if let Ok(mobile) = number.parse::<MobileNumber>() {
        return Some(mobile.as_str()[1..].to_owned());
    }
    let trimmed = number.trim();
    let (plus, rest) = match trimmed.strip_prefix('+') {
        Some(rest) => (true, rest),
        None => (false, trimmed),
    };
    let digits = ascii_digits(rest, &[' ', '-']).ok()?;
    let national = if plus {
        digits.strip_prefix("98")?
    } else if let Some(rest) = digits.strip_prefix("0098") {
        rest
    } else {
        digits.strip_prefix('0').unwrap_or(&digits)
    };
    (!national.is_empty()).then(|| national.to_owned())
}

/// Whether `sender` is the bank's number `bank`.
pub fn is_bank_number(sender: &str, bank: &str) -> bool {
    match (national(sender), national(bank)) {
        (Some(sender), Some(bank)) => sender == bank,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_banks_number_in_any_form_a_radio_writes_it() {
        for sender in [
            "3000717",
            "+983000717",
            "00983000717",
            "03000717",
            "۳۰۰۰۷۱۷",
            "300-0717",
        ] {
            assert!(is_bank_number(sender, "+98 3000717"), "{sender}");
        }
        assert!(is_bank_number("+989121234567", "09121234567"));
        assert!(is_bank_number("989121234567", "0912 123 4567"));
    }

    #[test]
    fn a_number_that_only_ends_like_the_banks_is_someone_else() {
        for sender in [
            "+4473000717",
            "93000717",
            "30007170",
            "+13000717",
            "",
            "bank",
            "+",
        ] {
            assert!(!is_bank_number(sender, "3000717"), "{sender}");
        }
        assert!(!is_bank_number("3000717", ""));
    }
}
