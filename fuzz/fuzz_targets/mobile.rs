#![no_main]
//! Mobile numbers: never a panic, and whatever parses round-trips.

use hamrah_core::ids::MobileNumber;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &str| {
    if let Ok(mobile) = input.parse::<MobileNumber>() {
        assert_eq!(
            mobile.international().parse::<MobileNumber>().as_ref(),
            Ok(&mobile)
        );
    }
});
