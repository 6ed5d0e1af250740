#![no_main]
//! Sayad IDs: never a panic, and whatever parses is 16 digits and round-trips.

use hamrah_core::ids::SayadId;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &str| {
    if let Ok(id) = input.parse::<SayadId>() {
        assert_eq!(id.as_str().len(), 16);
        assert_eq!(id.grouped().parse::<SayadId>().as_ref(), Ok(&id));
    }
});
