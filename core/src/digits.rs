//! Digits as customers type them: ASCII, Persian (`۰..۹`) or Arabic-Indic (`٠..٩`).

/// The value of a decimal digit in any of the scripts Iranian keyboards produce.
pub fn digit_value(c: char) -> Option<u8> {
    let value = match c {
        '0'..='9' => c as u32 - '0' as u32,
        '\u{06F0}'..='\u{06F9}' => c as u32 - 0x06F0,
        '\u{0660}'..='\u{0669}' => c as u32 - 0x0660,
        _ => return None,
    };
    u8::try_from(value).ok()
}

/// Why [`ascii_digits`] refused its input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DigitsError {
    /// The input holds no digit at all.
    Empty,
    /// The input holds a character that is neither a digit nor an allowed separator.
    InvalidCharacter,
}

/// The input's digits as ASCII, dropping the given separator characters.
///
/// Leading and trailing white space is always ignored.
pub fn ascii_digits(input: &str, separators: &[char]) -> Result<String, DigitsError> {
    let mut out = String::with_capacity(input.len());
    for c in input.trim().chars() {
        if let Some(d) = digit_value(c) {
            out.push(char::from(b'0' + d));
        } else if !separators.contains(&c) {
            return Err(DigitsError::InvalidCharacter);
        }
    }
    if out.is_empty() {
        return Err(DigitsError::Empty);
    }
    Ok(out)
}

/// The text with every ASCII digit replaced by its Persian form.
pub fn to_persian_digits(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32(0x06F0 + (c as u32 - '0' as u32)).unwrap_or(c),
            ',' => '\u{066C}',
            _ => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_script_reads_the_same() {
        assert_eq!(ascii_digits("۶۰۳۷", &[]), Ok("6037".into()));
        assert_eq!(ascii_digits("٦٠٣٧", &[]), Ok("6037".into()));
        assert_eq!(ascii_digits(" 60-37 ", &['-']), Ok("6037".into()));
    }

    #[test]
    fn refuses_letters_and_empty() {
        assert_eq!(
            ascii_digits("60a7", &[]),
            Err(DigitsError::InvalidCharacter)
        );
        assert_eq!(ascii_digits(" - ", &['-']), Err(DigitsError::Empty));
    }

    #[test]
    fn persian_digits_and_separator() {
        assert_eq!(to_persian_digits("1,234,567"), "۱٬۲۳۴٬۵۶۷");
    }
}
