//! The sealed local store on a real SQLite file.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails loudly

use std::sync::Arc;

use hamrah_core::platform::{MemorySecretStore, SecretStore};
use hamrah_core::store::{
    DestinationKind, DirectoryKind, OperationState, StatementRow, StatementSearch, Store,
    StoreError,
};
use serde_json::json;

const PAN: &str = "6037991002003014";
const SHEBA: &str = "IR030171000000100200300401";
const NAME: &str = "Reza Karimi";

fn entry(i: i64, account: &str) -> StatementRow {
    StatementRow {
        entry_id: format!("pst_{i:08}"),
        account_id: account.to_owned(),
        posted_at: 1_700_000_000 + i,
        amount_rials: 10_000 * (i % 50 + 1),
        counterparty: Some(if i % 10 == 0 {
            NAME.to_owned()
        } else {
            format!("Payee {}", i % 7)
        }),
        entry: json!({"entry_id": format!("pst_{i:08}"), "amount_rials": 10_000 * (i % 50 + 1), "counterparty_name": NAME, "counterparty_pan_masked": "603799******3014"}),
    }
}

#[test]
fn everything_survives_a_reopen_and_nothing_is_plaintext() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hamrah.sqlite3");
    let secrets = Arc::new(MemorySecretStore::new());
    {
        let store = Store::open(&path, secrets.as_ref()).unwrap();
        store
            .begin_operation(
                "key-1",
                "card_transfer",
                &json!({"destination_pan": PAN, "amount_rials": 1_234_567}),
                10,
            )
            .unwrap();
        store
            .save_destination(DestinationKind::Card, PAN, NAME, 11)
            .unwrap();
        store
            .save_destination(DestinationKind::Sheba, SHEBA, NAME, 12)
            .unwrap();
        store
            .save_statement(&(0..30).map(|i| entry(i, "acc_1")).collect::<Vec<_>>())
            .unwrap();
        store
            .save_flow("flow-1", &json!({"state": "confirm", "pan": PAN}), None, 13)
            .unwrap();
    }
    let store = Store::open(&path, secrets.as_ref()).unwrap();
    let pending = store.unresolved_operations().unwrap();
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0].request["destination_pan"], PAN);
    store
        .finish_operation(
            "key-1",
            OperationState::Succeeded,
            &json!({"trace_number": "123456"}),
            20,
        )
        .unwrap();
    assert!(store.unresolved_operations().unwrap().is_empty());
    assert_eq!(
        store.operation("key-1").unwrap().unwrap().state,
        OperationState::Succeeded
    );
    let destinations = store.destinations().unwrap();
    assert_eq!(destinations[0].value, SHEBA);
    assert_eq!(destinations[1].holder, NAME);
    assert_eq!(store.load_flow("flow-1").unwrap().unwrap()["pan"], PAN);
    drop(store);

    let mut bytes = std::fs::read(&path).unwrap();
    for extra in ["-wal", "-shm"] {
        if let Ok(more) = std::fs::read(path.with_extension(format!("sqlite3{extra}"))) {
            bytes.extend(more);
        }
    }
    let text = String::from_utf8_lossy(&bytes);
    for secret in [PAN, SHEBA, NAME, "1234567", "603799******3014"] {
        assert!(
            !text.contains(secret),
            "{secret} found in the database file"
        );
    }
}

#[test]
fn a_different_key_opens_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hamrah.sqlite3");
    let store = Store::open(&path, &MemorySecretStore::new()).unwrap();
    store.save_flow("f", &json!({"x": 1}), None, 1).unwrap();
    drop(store);
    let other = Store::open(&path, &MemorySecretStore::new()).unwrap();
    assert_eq!(other.load_flow("f"), Err(StoreError::Crypto));
}

#[test]
fn statement_pages_and_searches() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("s.sqlite3"), &MemorySecretStore::new()).unwrap();
    store
        .save_statement(&(0..120).map(|i| entry(i, "acc_1")).collect::<Vec<_>>())
        .unwrap();
    store
        .save_statement(&(200..210).map(|i| entry(i, "acc_2")).collect::<Vec<_>>())
        .unwrap();
    let first = store.statement_page("acc_1", None, 50).unwrap();
    assert_eq!(first.len(), 50);
    assert_eq!(first[0]["entry_id"], "pst_00000119");
    let last_id = first[49]["entry_id"].as_str().unwrap().to_owned();
    let second = store
        .statement_page("acc_1", Some((1_700_000_000 + 70, &last_id)), 50)
        .unwrap();
    assert_eq!(second[0]["entry_id"], "pst_00000069");
    let by_name = store
        .search_statement(
            "acc_1",
            &StatementSearch::Counterparty("  reza   KARIMI ".into()),
        )
        .unwrap();
    assert_eq!(by_name.len(), 12);
    let by_amount = store
        .search_statement("acc_1", &StatementSearch::Amount(-20_000))
        .unwrap();
    assert_eq!(by_amount.len(), 3);
}

#[test]
fn the_master_key_lives_in_the_secret_store() {
    let dir = tempfile::tempdir().unwrap();
    let secrets = MemorySecretStore::new();
    Store::open(&dir.path().join("k.sqlite3"), &secrets).unwrap();
    let key = secrets
        .load(hamrah_core::store::STORE_KEY_NAME)
        .unwrap()
        .unwrap();
    assert_eq!(key.len(), 32);
}

#[test]
fn the_sms_directory_names_each_index_survives_a_reopen_and_is_sealed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hamrah.sqlite3");
    let secrets = Arc::new(MemorySecretStore::new());
    let cards = vec![
        "بانک ملی ایران 603799******3014".to_owned(),
        "بانک ملت 610433******4689".to_owned(),
    ];
    {
        let store = Store::open(&path, secrets.as_ref()).unwrap();
        assert!(store.sms_directory(DirectoryKind::Card).unwrap().is_empty());
        store
            .replace_sms_directory(DirectoryKind::Card, &cards)
            .unwrap();
        store
            .replace_sms_directory(DirectoryKind::Account, &["حساب جاری".to_owned()])
            .unwrap();
    }
    let store = Store::open(&path, secrets.as_ref()).unwrap();
    assert_eq!(store.sms_directory(DirectoryKind::Card).unwrap(), cards);
    assert_eq!(
        store.sms_directory(DirectoryKind::Account).unwrap(),
        vec!["حساب جاری".to_owned()]
    );
    // A shorter list replaces the whole list, not just its first rows.
    store
        .replace_sms_directory(DirectoryKind::Card, &cards[1..])
        .unwrap();
    assert_eq!(
        store.sms_directory(DirectoryKind::Card).unwrap(),
        &cards[1..]
    );
    drop(store);
    let raw = std::fs::read(&path).unwrap();
    assert!(!contains(&raw, "610433".as_bytes()));
    assert!(!contains(&raw, "حساب جاری".as_bytes()));
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn old_flows_are_pruned_but_never_one_waiting_on_an_unknown_outcome() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("f.sqlite3"), &MemorySecretStore::new()).unwrap();
    let state = json!({"step": "pending"});
    store
        .save_flow("card_transfer:old", &state, None, 100)
        .unwrap();
    store
        .begin_operation("key-pending", "card_transfer", &json!({}), 100)
        .unwrap();
    store
        .save_flow("card_transfer:waiting", &state, Some("key-pending"), 100)
        .unwrap();
    store
        .begin_operation("key-done", "card_transfer", &json!({}), 100)
        .unwrap();
    store
        .finish_operation("key-done", OperationState::Succeeded, &json!({}), 101)
        .unwrap();
    store
        .save_flow("card_transfer:settled", &state, Some("key-done"), 100)
        .unwrap();
    store
        .save_flow("bill_payment:recent", &state, None, 900)
        .unwrap();

    assert_eq!(store.prune_flows(500).unwrap(), 2);
    assert!(store.load_flow("card_transfer:old").unwrap().is_none());
    assert!(store.load_flow("card_transfer:settled").unwrap().is_none());
    assert!(store.load_flow("card_transfer:waiting").unwrap().is_some());
    assert!(store.load_flow("bill_payment:recent").unwrap().is_some());
    assert_eq!(
        store.saved_flows("card_transfer:").unwrap(),
        vec!["card_transfer:waiting".to_owned()]
    );
    assert_eq!(
        store.saved_flows("bill_payment:").unwrap(),
        vec!["bill_payment:recent".to_owned()]
    );
}
