#![no_main]
//! Amounts: never a panic; whatever parses round-trips and has words.

use hamrah_core::money::Rials;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &str| {
    if let Ok(rials) = input.parse::<Rials>() {
        assert_eq!(rials.grouped_fa().parse::<Rials>(), Ok(rials));
        assert!(!rials.words_fa().is_empty());
    }
});
