#![no_main]
//! OCRA suites and `otpauth://` URIs: never a panic, and whatever parses round-trips.

use hamrah_core::token::{OcraSuite, OtpAuth};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &str| {
    if let Ok(suite) = input.parse::<OcraSuite>() {
        assert_eq!(suite.to_string(), input);
        assert_eq!(suite.to_string().parse::<OcraSuite>().as_ref(), Ok(&suite));
    }
    if let Ok(token) = input.parse::<OtpAuth>() {
        assert_eq!(token.to_uri().parse::<OtpAuth>().as_ref(), Ok(&token));
    }
});
