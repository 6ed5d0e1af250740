#![no_main]
//! Bills: never a panic, and whatever parses round-trips through its barcode.

use hamrah_core::ids::Bill;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &str| {
    let (bill_id, payment_id) = input.split_once('|').unwrap_or((input, ""));
    if let Ok(bill) = Bill::new(bill_id, payment_id) {
        assert_eq!(Bill::from_barcode(&bill.barcode()).as_ref(), Ok(&bill));
    }
    let _ = Bill::from_barcode(input);
});
