#![no_main]
//! The bank's payment history as the core reads it (a page of receipts of
//! any kind, and the phone's kept copy of one): any bytes are refused or
//! read, never a panic; a read payment always has its id, and a search
//! over it never panics whatever is typed.

use hamrah_core::client::StatementPage;
use hamrah_core::flows::history::PaymentRecord;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(page) = serde_json::from_slice::<StatementPage>(bytes) {
        for receipt in &page.items {
            if let Some(record) = PaymentRecord::from_json(receipt) {
                assert!(!record.id.is_empty());
                let _ = record.receipt();
            }
        }
    }
    if let Ok(receipt) = serde_json::from_slice::<serde_json::Value>(bytes) {
        if let Some(record) = PaymentRecord::from_json(&receipt) {
            let query = String::from_utf8_lossy(&bytes[..bytes.len().min(16)]);
            let _ = record.matches(&query);
        }
    }
});
