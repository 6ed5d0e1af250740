#![no_main]
//! Card numbers: never a panic, and whatever parses round-trips.

use hamrah_core::ids::CardNumber;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &str| {
    if let Ok(card) = input.parse::<CardNumber>() {
        assert_eq!(card.grouped().parse::<CardNumber>().as_ref(), Ok(&card));
        assert_eq!(card.as_str().len(), 16);
    }
});
