//! The local store with 100,000 statement rows: open until ready, a page of 50,
//! and search by counterparty or amount; and the payment history's search
//! over the 1,000 receipts the phone keeps (each opened and read).
//!
//! `cargo bench -p hamrah-core --bench store`

#![allow(clippy::expect_used)] // a benchmark fails loudly

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use hamrah_core::flows::history::search_kept;
use hamrah_core::platform::MemorySecretStore;
use hamrah_core::store::{KEPT_RECEIPTS, ReceiptRow, StatementRow, StatementSearch, Store};
use serde_json::json;

/// Rows measured by `cargo bench`; `cargo test --benches` only smoke-tests
/// the benchmark on a small store.
fn row_count() -> i64 {
    if std::env::args().any(|a| a == "--bench") {
        100_000
    } else {
        1_000
    }
}

fn rows() -> Vec<StatementRow> {
    (0..row_count())
        .map(|i| StatementRow {
            entry_id: format!("pst_{i:08}"),
            account_id: "acc_1".to_owned(),
            posted_at: 1_700_000_000 + i * 60,
            amount_rials: 10_000 * (i % 997 + 1),
            counterparty: Some(format!("Payee {}", i % 1000)),
            entry: json!({
                "entry_id": format!("pst_{i:08}"),
                "direction": "debit",
                "amount_rials": 10_000 * (i % 997 + 1),
                "description_fa": "انتقال کارت به کارت",
                "counterparty_name": format!("Payee {}", i % 1000),
                "counterparty_pan_masked": "603799******3014",
            }),
        })
        .collect()
}

fn store(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bench.sqlite3");
    let secrets = MemorySecretStore::new();
    {
        let store = Store::open(&path, &secrets).expect("open");
        for chunk in rows().chunks(10_000) {
            store.save_statement(chunk).expect("save");
        }
    }
    c.bench_function("store_open_100k", |b| {
        b.iter(|| Store::open(black_box(&path), &secrets).expect("open"))
    });
    let store = Store::open(&path, &secrets).expect("open");
    c.bench_function("statement_page_50", |b| {
        b.iter(|| {
            store
                .statement_page(
                    "acc_1",
                    black_box(Some((1_700_000_000 + row_count() / 2 * 60, "pst_00000500"))),
                    50,
                )
                .expect("page")
        })
    });
    c.bench_function("search_counterparty", |b| {
        b.iter(|| {
            store
                .search_statement(
                    "acc_1",
                    &StatementSearch::Counterparty(black_box("payee 417".into())),
                )
                .expect("search")
        })
    });
    c.bench_function("search_amount", |b| {
        b.iter(|| {
            store
                .search_statement("acc_1", &StatementSearch::Amount(black_box(4_170_000)))
                .expect("search")
        })
    });
}

fn receipts() -> Vec<ReceiptRow> {
    (0..i64::from(KEPT_RECEIPTS))
        .map(|i| {
            let receipt = json!({
                "kind": "card_transfer", "transfer_id": format!("trf_{i:08}"),
                "status": "succeeded", "trace_number": format!("{:06}", i),
                "reference_number": format!("{:012}", i * 7),
                "destination_pan_masked": "610433******4689",
                "destination_holder_name": format!("گیرنده {}", i % 100),
                "amount_rials": 10_000 * (i % 997 + 1), "total_debited_rials": 10_000 * (i % 997 + 1),
                "created_at": "2026-12-01T08:15:00Z", "channel": "https"
            });
            ReceiptRow {
                receipt_id: format!("trf_{i:08}"),
                at: 1_700_000_000 + i * 60,
                body: serde_json::to_vec(&receipt).expect("json"),
            }
        })
        .collect()
}

fn payment_history(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let secrets = MemorySecretStore::new();
    let store = Store::open(&dir.path().join("history.sqlite3"), &secrets).expect("open");
    store.save_receipts(&receipts()).expect("save");
    c.bench_function("payment_history_search_1000", |b| {
        b.iter(|| search_kept(&store, black_box("گیرنده ۴۲")).expect("search"))
    });
}

criterion_group!(benches, store, payment_history);
criterion_main!(benches);
