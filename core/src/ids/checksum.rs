//! The check-digit algorithms of Iranian identifiers, over ASCII digit strings.

/// The decimal values of an ASCII digit string.
fn values(digits: &str) -> impl DoubleEndedIterator<Item = u32> + '_ {
    digits.bytes().map(|b| u32::from(b.wrapping_sub(b'0')))
}

/// True when the digits, check digit last, pass the Luhn (mod 10) check of card numbers.
pub(crate) fn luhn_valid(digits: &str) -> bool {
    let sum: u32 = values(digits)
        .rev()
        .enumerate()
        .map(|(i, d)| {
            if i % 2 == 1 {
                let doubled = d * 2;
                if doubled > 9 { doubled - 9 } else { doubled }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// The ISO 7064 mod-97 remainder of the digits (ISO 13616 IBAN check).
pub(crate) fn mod97(digits: &str) -> u32 {
    values(digits).fold(0, |acc, d| (acc * 10 + d) % 97)
}

/// The mod-11 check digit of Iranian bills: weights 2..=7 from the right,
/// repeating; 0 when the remainder is below 2, else 11 minus it.
pub(crate) fn bill_check_digit(digits: &str) -> u32 {
    let sum: u32 = values(digits)
        .rev()
        .enumerate()
        .map(|(i, d)| d * (2 + (i as u32 % 6)))
        .sum();
    match sum % 11 {
        0 | 1 => 0,
        r => 11 - r,
    }
}

/// The national ID's check digit over its first nine digits: weights 10..=2;
/// the remainder itself when below 2, else 11 minus it.
pub(crate) fn national_id_check_digit(first_nine: &str) -> u32 {
    let sum: u32 = values(first_nine)
        .zip((2..=10).rev())
        .map(|(d, w)| d * w)
        .sum();
    match sum % 11 {
        r @ 0..=1 => r,
        r => 11 - r,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luhn() {
        assert!(luhn_valid("6037999836900602"));
        assert!(!luhn_valid("6037999836900605"));
    }

    #[test]
    fn bill_digit() {
        // 6366691367513: body 636669136751, check digit 3.
        assert_eq!(bill_check_digit("636669136751"), 3);
    }

    #[test]
    fn national_id_digit() {
        assert_eq!(national_id_check_digit("001224614"), 1);
    }
}
