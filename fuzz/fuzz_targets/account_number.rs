#![no_main]
//! Account numbers: never a panic; whatever parses is 6 to 18 ASCII digits,
//! round-trips, and is never shown whole when masked.

use hamrah_core::ids::AccountNumber;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &str| {
    if let Ok(number) = input.parse::<AccountNumber>() {
        let digits = number.as_str();
        assert!((6..=18).contains(&digits.len()));
        assert!(digits.bytes().all(|b| b.is_ascii_digit()));
        assert_eq!(digits.parse::<AccountNumber>().as_ref(), Ok(&number));
        assert!(number.masked().contains('*'));
        assert_eq!(number.masked().len(), digits.len());
    }
});
