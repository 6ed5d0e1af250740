//! Digits as a customer reads them: the screens show dates, times and
//! numbers from the bank (which come in ASCII digits) in Persian digits.

/// `text` with every ASCII digit in its Persian form, for a Jalali date or
/// a trace number on screen: `1405/09/01 14:57` reads «۱۴۰۵/۰۹/۰۱ ۱۴:۵۷».
#[uniffi::export]
pub fn persian_digits(text: String) -> String {
    hamrah_core::digits::to_persian_digits(&text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_in_persian_digits() {
        assert_eq!(
            persian_digits("1405/09/01 14:57".into()),
            "۱۴۰۵/۰۹/۰۱ ۱۴:۵۷"
        );
        assert_eq!(persian_digits("trace 0042".into()), "trace ۰۰۴۲");
    }
}
