#![no_main]
//! The bank's top-up catalogue (`topup_catalog_get`): never a panic on any
//! reply; what is accepted holds only positive amounts, valid package ids
//! and each operator once, and reads back the same from the contract's shape
//! a saved journey keeps it in.

use hamrah_core::client::TopupCatalog;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(json) = serde_json::from_slice::<serde_json::Value>(data) else {
        return;
    };
    if let Ok(catalog) = TopupCatalog::from_json(json) {
        for (i, offer) in catalog.operators.iter().enumerate() {
            assert!(offer.charge_amounts.iter().all(|a| a.get() > 0));
            assert!(offer.packages.iter().all(|p| p.price.get() > 0));
            assert!(offer.packages.iter().all(|p| {
                p.package_id
                    .as_str()
                    .parse::<hamrah_core::ids::PackageId>()
                    .is_ok()
            }));
            assert!(
                catalog.operators[..i]
                    .iter()
                    .all(|o| o.operator != offer.operator)
            );
        }
        let saved = serde_json::to_value(&catalog).ok();
        let read = saved.and_then(|json| serde_json::from_value::<TopupCatalog>(json).ok());
        assert_eq!(read.as_ref(), Some(&catalog));
    }
});
