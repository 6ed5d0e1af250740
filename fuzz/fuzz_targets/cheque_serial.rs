#![no_main]
//! Cheque series/serials: never a panic, and whatever parses round-trips
//! through its canonical `series/serial`.

use hamrah_core::ids::ChequeSerial;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &str| {
    if let Ok(serial) = input.parse::<ChequeSerial>() {
        assert!(serial.series().len() <= 6);
        assert!((6..=10).contains(&serial.serial().len()));
        assert_eq!(
            serial.canonical().parse::<ChequeSerial>().as_ref(),
            Ok(&serial)
        );
    }
});
