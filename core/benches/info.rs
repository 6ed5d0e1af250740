//! The information and inbox read models on the phone: branch search over
//! 3,000 branches (by name, by city, by code, nearest to a location), and
//! the inbox of 5,000 sealed notices (a page, the unread count, a sync's
//! hundred new ones kept).
//!
//! `cargo bench -p hamrah-core --bench info`

#![allow(clippy::expect_used)] // a benchmark fails loudly

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use hamrah_core::client::{Branch, BranchHours, BranchList, Notice};
use hamrah_core::flows::info::{BranchDirectory, Freshness};
use hamrah_core::platform::MemorySecretStore;
use hamrah_core::store::Store;

/// Measured by `cargo bench`; `cargo test --benches` smoke-tests small sizes.
fn measured() -> bool {
    std::env::args().any(|a| a == "--bench")
}

const CITIES: &[(&str, f64, f64)] = &[
    ("تهران", 35.70, 51.40),
    ("مشهد", 36.30, 59.60),
    ("اصفهان", 32.65, 51.67),
    ("شیراز", 29.61, 52.53),
    ("تبریز", 38.07, 46.30),
    ("کرج", 35.83, 50.97),
    ("اهواز", 31.32, 48.68),
    ("قم", 34.64, 50.88),
    ("رشت", 37.28, 49.59),
    ("کرمان", 30.28, 57.07),
];
const STREETS: &[&str] = &[
    "میدان ونک",
    "خیابان ولیعصر",
    "میدان آزادی",
    "بلوار کشاورز",
    "خیابان انقلاب",
    "میدان تجریش",
    "چهارراه زند",
    "بلوار سجاد",
    "خیابان امام",
    "میدان شهدا",
];

fn directory(count: usize) -> BranchDirectory {
    let items = (0..count)
        .map(|i| {
            let (city, lat, lon) = CITIES[i % CITIES.len()];
            let street = STREETS[(i / CITIES.len()) % STREETS.len()];
            let spread = (i as f64 * 0.618).fract() * 0.2 - 0.1;
            Branch {
                code: format!("{}", 1000 + i),
                name_fa: format!("شعبه {street} {}", i / 100),
                city_fa: city.to_owned(),
                province_fa: city.to_owned(),
                address_fa: format!("{street}، پلاک {i}"),
                phone: "02122712345".to_owned(),
                latitude: lat + spread,
                longitude: lon - spread,
                hours: BranchHours {
                    opens: "07:30".to_owned(),
                    closes: "13:30".to_owned(),
                    thursday_closes: Some("12:00".to_owned()),
                },
            }
        })
        .collect();
    let list = BranchList {
        version: "bench".to_owned(),
        items,
    };
    let fresh = Freshness {
        fetched_at: 0,
        offline: false,
        error: None,
    };
    BranchDirectory::from_list(list, fresh)
}

fn branches(c: &mut Criterion) {
    let directory = directory(if measured() { 3_000 } else { 300 });
    c.bench_function("branch_search_name_3000", |b| {
        b.iter(|| directory.search(black_box("ونك"), 20))
    });
    c.bench_function("branch_search_city_3000", |b| {
        b.iter(|| directory.search(black_box("كرج"), 20))
    });
    c.bench_function("branch_search_code_3000", |b| {
        b.iter(|| directory.search(black_box("۲۰۱۲"), 20))
    });
    c.bench_function("branch_nearest_10_of_3000", |b| {
        b.iter(|| directory.nearest(black_box(35.7577), black_box(51.4098), 10))
    });
}

fn notice(id: i64) -> Vec<u8> {
    serde_json::to_vec(&Notice {
        notice_id: id,
        kind: "debit".to_owned(),
        text_fa: format!(
            "برداشت کارت به کارت\nکارت 603799******6017\nبه 610433******4689\nمبلغ: {} ریال\nپیگیری: 882668\n1405/09/01 08:01",
            1_000 * id
        ),
        amount_rials: Some(1_000 * id as u64),
        created_at: "2026-11-22T04:31:10Z".to_owned(),
        created_at_jalali: "1405/09/01 08:01:10".to_owned(),
        read: false,
    })
    .expect("json")
}

fn inbox(c: &mut Criterion) {
    let count: i64 = if measured() { 5_000 } else { 500 };
    let dir = tempfile::tempdir().expect("temp dir");
    let secrets = MemorySecretStore::new();
    let store = Store::open(&dir.path().join("bench.sqlite3"), &secrets).expect("open");
    let rows: Vec<_> = (1..=count)
        .map(|id| (id, id % 3 == 0, notice(id)))
        .collect();
    for chunk in rows.chunks(1_000) {
        store.save_notices(chunk).expect("save");
    }
    c.bench_function("inbox_page_30_of_5000", |b| {
        b.iter(|| store.notice_page(black_box(None), 30).expect("page"))
    });
    c.bench_function("inbox_unread_count_5000", |b| {
        b.iter(|| store.unread_notices().expect("count"))
    });
    c.bench_function("inbox_read_all_5000", |b| {
        b.iter(|| store.notice_page(None, 5_000).expect("page").len())
    });
    let fresh: Vec<_> = (1..=100)
        .map(|n| (count + n, false, notice(count + n)))
        .collect();
    c.bench_function("inbox_keep_100_new", |b| {
        b.iter(|| store.save_notices(black_box(&fresh)).expect("save"))
    });
}

criterion_group!(benches, branches, inbox);
criterion_main!(benches);
