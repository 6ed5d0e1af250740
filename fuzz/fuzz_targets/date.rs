#![no_main]
//! Dates: never a panic, and a Jalali date that parses converts both ways.

use hamrah_core::calendar::{self, JalaliDate};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &str| {
    if let Ok(jalali) = input.parse::<JalaliDate>() {
        assert_eq!(
            JalaliDate::from_gregorian(jalali.to_gregorian()),
            Ok(jalali)
        );
    }
    let _ = calendar::parse_any(input);
});
