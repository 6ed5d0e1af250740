#![no_main]
//! National IDs: never a panic, and whatever parses round-trips.

use hamrah_core::ids::NationalId;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &str| {
    if let Ok(id) = input.parse::<NationalId>() {
        assert_eq!(id.as_str().parse::<NationalId>().as_ref(), Ok(&id));
    }
});
