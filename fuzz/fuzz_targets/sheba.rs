#![no_main]
//! SHEBA numbers: never a panic, and whatever parses round-trips.

use hamrah_core::ids::Sheba;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &str| {
    if let Ok(sheba) = input.parse::<Sheba>() {
        assert_eq!(sheba.grouped().parse::<Sheba>().as_ref(), Ok(&sheba));
        assert_eq!(sheba.as_str().len(), 26);
    }
});
