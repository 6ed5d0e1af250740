#![no_main]
//! The bank's loan replies as the core reads them (list, schedule, the
//! inquiry by number, the settlement quote, the payment's receipt): any
//! bytes from the outside are refused or read, never a panic; a loan number
//! read from a reply is always one the parser accepts.

use hamrah_core::client::{LoanHolder, LoanList, LoanSchedule, SettlementQuote};
use hamrah_core::flows::loan_payment::LoanReceipt;
use hamrah_core::ids::LoanNumber;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(list) = serde_json::from_slice::<LoanList>(bytes) {
        for loan in &list.items {
            assert!(loan.loan_number.as_str().parse::<LoanNumber>().is_ok());
        }
    }
    let _ = serde_json::from_slice::<LoanSchedule>(bytes);
    let _ = serde_json::from_slice::<LoanHolder>(bytes);
    let _ = serde_json::from_slice::<SettlementQuote>(bytes);
    if let Ok(value) = serde_json::from_slice::<serde_json::Value>(bytes) {
        let _ = LoanReceipt::from_json(&value);
    }
});
