#![no_main]
//! Loan numbers: never a panic, and whatever parses is 10 to 20 ASCII
//! digits that parse again to the same number.

use hamrah_core::ids::LoanNumber;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &str| {
    if let Ok(number) = input.parse::<LoanNumber>() {
        let digits = number.as_str();
        assert!((10..=20).contains(&digits.len()));
        assert!(digits.bytes().all(|b| b.is_ascii_digit()));
        assert_eq!(digits.parse::<LoanNumber>().as_ref(), Ok(&number));
        let masked = number.masked();
        assert_eq!(masked.len(), digits.len());
        assert_eq!(masked.matches('*').count(), digits.len() - 8);
    }
});
