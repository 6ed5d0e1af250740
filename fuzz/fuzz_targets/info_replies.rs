#![no_main]
//! The bank's information and inbox replies, and the branch search's input:
//! any bytes as a reply of exchange rates, branches, deposit products or
//! notices never panic the parsers or the read models built on them; a
//! search key is its own key; any query and any location searched over a
//! parsed directory never panic.

use hamrah_core::client::{BranchList, DepositProducts, ExchangeRates, Notice, NoticePage};
use hamrah_core::flows::info::{
    BranchDirectory, DepositProductView, Freshness, collation_key, search_key,
};
use hamrah_core::flows::notices::NoticeView;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let key = search_key(text);
        assert_eq!(search_key(&key), key, "a search key is its own key");
        let _ = collation_key(text);
    }
    // The first bytes pick a location and the query's start; the rest is the reply.
    let (head, body) = data.split_at(data.len().min(4));
    let Ok(json) = serde_json::from_slice::<serde_json::Value>(body) else {
        return;
    };
    let _ = ExchangeRates::parse(&json);
    if let Some(products) = DepositProducts::parse(&json) {
        for product in products.items {
            let _ = DepositProductView::from(product);
        }
    }
    if let Ok(notice) = serde_json::from_value::<Notice>(json.clone()) {
        let _ = NoticeView::of(notice, false);
    }
    let _ = serde_json::from_value::<NoticePage>(json.clone());
    if let Some(list) = BranchList::parse(&json) {
        let queries: Vec<String> = list
            .items
            .iter()
            .flat_map(|b| [b.name_fa.clone(), b.city_fa.clone(), b.code.clone()])
            .collect();
        let directory = BranchDirectory::from_list(
            list,
            Freshness {
                fetched_at: 0,
                offline: false,
                error: None,
            },
        );
        let _ = directory.status(i64::from(head.first().copied().unwrap_or(0)));
        for query in &queries {
            let _ = directory.search(query, 5);
        }
        let lat = f64::from(i8::from_le_bytes([head.get(1).copied().unwrap_or(0)]));
        let lon = f64::from(i8::from_le_bytes([head.get(2).copied().unwrap_or(0)])) * 1.5;
        let _ = directory.nearest(lat, lon, usize::from(head.get(3).copied().unwrap_or(3)));
        let _ = directory.nearest(f64::NAN, lon, 3);
    }
});
