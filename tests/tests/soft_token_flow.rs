//! The soft token end to end: on an enrolled device (the bank refuses
//! activation otherwise), the core activates a card's token against the
//! sandbox bank (SMS code, seed sealed to a fresh ECDH key, kept only in the
//! kernel keyring), then pays a card-to-card transfer and a bill with codes
//! made offline; the ledger is checked, and neither the phone's SQLite file
//! nor the captured log output holds the seed in any encoding.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails loudly

mod common;

use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};

use base64::Engine;
use common::*;
use hamrah_core::flows::bill_payment::{BillPayment, BillPaymentState, BillSource};
use hamrah_core::flows::card_transfer::{CardTransfer, CardTransferState};
use hamrah_core::flows::sheba_transfer::{ShebaTransfer, ShebaTransferState};
use hamrah_core::flows::soft_token::SoftTokenActivation;
use hamrah_core::platform::{KeyringSecretStore, SecretStore};
use hamrah_core::token::{SoftTokenVault, bank_time};
use hamrah_e2e::{App, Bank};
use hamrah_sandbox::vault;

const AMOUNT: u64 = 25_000_000;
const FEE: u64 = 7_200;
const SARA_MOBILE: &str = "09121234567";

/// Everything logged in this test binary (the core's and the bank's).
fn logs() -> &'static Mutex<Vec<u8>> {
    static LOGS: OnceLock<Mutex<Vec<u8>>> = OnceLock::new();
    LOGS.get_or_init(|| {
        struct Sink;
        impl Write for Sink {
            fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
                logs().lock().unwrap().extend_from_slice(bytes);
                Ok(bytes.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_writer(|| Sink)
            .with_ansi(false)
            .init();
        Mutex::new(Vec::new())
    })
}

/// A keyring vault of its own, emptied when dropped.
struct Keyring {
    store: Arc<KeyringSecretStore>,
    vault: SoftTokenVault,
}

impl Keyring {
    fn new() -> Self {
        let service = format!("hamrah-e2e-soft-token-{}", uuid_like());
        let store = Arc::new(KeyringSecretStore::new(service));
        let vault = SoftTokenVault::new(store.clone() as Arc<dyn SecretStore>);
        Self { store, vault }
    }
}

impl Drop for Keyring {
    fn drop(&mut self) {
        for card in self.vault.cards().unwrap_or_default() {
            let _ = self.vault.forget(&card);
        }
        let _ = self.store.delete("soft-token/cards");
    }
}

fn uuid_like() -> String {
    format!("{}-{}", std::process::id(), rand::random::<u64>())
}

/// The seed the bank keeps (sealed) for the card's token.
async fn bank_seed(bank: &Bank, card_id: &str) -> Vec<u8> {
    let card_id = card_id.to_owned();
    let (token_id, sealed) = bank
        .sandbox
        .state()
        .db
        .read(move |conn| {
            Ok(conn.query_row(
                "SELECT token_id, seed FROM soft_tokens WHERE card_id = ?1",
                [card_id],
                |r| Ok((r.get::<_, String>(0)?, r.get::<_, Vec<u8>>(1)?)),
            )?)
        })
        .await
        .unwrap();
    let sealer = &bank.sandbox.state().sealer;
    vault::open(sealer, &vault::seed_binding(&token_id), &sealed)
        .unwrap()
        .to_vec()
}

/// Signed requests the bank accepted from a device (their nonces).
async fn signed_calls(bank: &Bank, device_id: &str) -> i64 {
    let device_id = device_id.to_owned();
    bank.sandbox
        .state()
        .db
        .read(move |conn| {
            Ok(conn.query_row(
                "SELECT COUNT(*) FROM signature_nonces WHERE device_id = ?1",
                [device_id],
                |r| r.get::<_, i64>(0),
            )?)
        })
        .await
        .unwrap()
}

/// Every way the seed could be written down.
fn encodings(seed: &[u8]) -> Vec<Vec<u8>> {
    let hex: String = seed.iter().map(|b| format!("{b:02x}")).collect();
    let engines = [
        base64::engine::general_purpose::STANDARD.encode(seed),
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(seed),
    ];
    let mut all = vec![
        seed.to_vec(),
        hex.clone().into_bytes(),
        hex.to_uppercase().into_bytes(),
    ];
    all.extend(engines.map(String::into_bytes));
    all.push(format!("{seed:?}").into_bytes());
    all
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[tokio::test]
async fn activate_then_pay_a_card_transfer_and_a_bill_with_offline_codes() {
    logs();
    let bank = Bank::start().await.unwrap();
    let app = App::enrolled(&bank, "sara.ahmadi").await.unwrap();
    let keyring = Keyring::new();
    let ctx = app.ctx.clone().with_soft_tokens(keyring.vault.clone());
    let mellat = bank.other_card("mellat").await.unwrap();
    let card_id = app.ctx.api.cards().await.unwrap()[0].card_id.clone();

    // Activation: SMS code, then the seed opened and kept in the keyring.
    let mut activation = SoftTokenActivation::start(&ctx, &card_id).await.unwrap();
    assert!((115..=120).contains(&activation.seconds_left()));
    let code = bank.last_otp(SARA_MOBILE).await.unwrap();
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let problem = activation.confirm(wrong).await.unwrap_err();
    assert_eq!(problem.code, "otp.invalid");
    let token = activation.confirm(&code).await.unwrap();
    assert_eq!(token.card_id(), card_id);
    assert_eq!(keyring.vault.cards().unwrap(), vec![card_id.clone()]);
    let seed = bank_seed(&bank, &card_id).await;
    let kept = keyring
        .store
        .load(&format!("soft-token/{card_id}/seed"))
        .unwrap()
        .unwrap();
    assert_eq!(kept.as_slice(), seed.as_slice());
    // The countdown: a code with its seconds left, stable within its step.
    let now = bank_time(ctx.clock_offset).unwrap();
    let shown = token.code_at(now);
    assert_eq!(shown.code.len(), 6);
    assert!((1..=30).contains(&shown.seconds_left));

    // Card to card, the dynamic PIN from the soft token: no SMS PIN asked.
    let before = balance(&app).await;
    let sms_before = bank.last_otp(SARA_MOBILE).await.unwrap();
    let plain = to_authorize(&app, &mellat, AMOUNT).await;
    assert!(!plain.soft_token_available(), "a context without the vault");
    plain.close().unwrap();
    let mut flow = CardTransfer::start(ctx.clone()).await.unwrap();
    flow.choose_source(&card_id).unwrap();
    flow.enter_destination(&mellat).await.unwrap();
    flow.confirm_holder(true).await.unwrap();
    flow.enter_amount(&AMOUNT.to_string()).unwrap();
    assert!(flow.soft_token_available());
    let (cvv2, expiry) = sara_card(&bank);
    let state = flow.submit_with_soft_token(&cvv2, &expiry).await.unwrap();
    let CardTransferState::Succeeded { receipt, .. } = state else {
        panic!("{state:?}")
    };
    assert_eq!(receipt.amount_rials, AMOUNT);
    assert_eq!(balance(&app).await, before - AMOUNT - FEE);
    assert_eq!(bank.last_otp(SARA_MOBILE).await.unwrap(), sms_before);
    ledger_ok(&bank).await;

    // A bill by card, the code bound to the bill.
    let before = balance(&app).await;
    let seeded = bank.seed().await.unwrap();
    let bill = seeded["bills"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["paid"] == false)
        .unwrap()
        .clone();
    let mut pay = BillPayment::start(ctx.clone());
    pay.enter_bill(
        bill["bill_id"].as_str().unwrap(),
        bill["payment_id"].as_str().unwrap(),
    )
    .await
    .unwrap();
    let BillPaymentState::ChooseSource { sources, .. } = pay.state() else {
        panic!("{:?}", pay.state())
    };
    let source = sources
        .iter()
        .find(|s| matches!(s, BillSource::Card { .. }) && s.id() == card_id)
        .unwrap()
        .id()
        .to_owned();
    pay.choose_source(&source).unwrap();
    assert!(pay.soft_token_available());
    let state = pay
        .submit_card_with_soft_token(&cvv2, &expiry)
        .await
        .unwrap();
    assert!(
        matches!(state, BillPaymentState::Succeeded { .. }),
        "{state:?}"
    );
    let amount = bill["amount_rials"].as_u64().unwrap();
    assert_eq!(balance(&app).await, before - amount);
    assert_eq!(bank.last_otp(SARA_MOBILE).await.unwrap(), sms_before);
    ledger_ok(&bank).await;

    // A PAYA from an account, confirmed by the same token's code bound to
    // its amount and SHEBA: no SMS PIN asked.
    let sheba = seeded["other_bank_shebas"][0].as_str().unwrap().to_owned();
    let account = app.ctx.api.cards().await.unwrap()[0].account_id.clone();
    let before = balance(&app).await;
    let mut paya = ShebaTransfer::start(ctx.clone()).await.unwrap();
    paya.choose_source(&account).unwrap();
    paya.enter_sheba(&sheba).await.unwrap();
    paya.confirm_holder(true).unwrap();
    paya.enter_amount("30,000,000").unwrap();
    assert!(paya.soft_token_available());
    let state = paya.submit_with_soft_token().await.unwrap();
    let ShebaTransferState::Succeeded { receipt, .. } = state else {
        panic!("{state:?}")
    };
    assert_eq!(balance(&app).await, before - receipt.total_debited_rials);
    assert_eq!(bank.last_otp(SARA_MOBILE).await.unwrap(), sms_before);
    ledger_ok(&bank).await;

    // Deactivation forgets the seed here and at the bank.
    hamrah_core::flows::soft_token::deactivate(&ctx, &card_id)
        .await
        .unwrap();
    assert!(keyring.vault.open(&card_id).unwrap().is_none());

    // Scans: the phone's SQLite file (and its WAL) and every log line.
    let mut files = Vec::new();
    for suffix in ["", "-wal"] {
        let path = format!("{}{suffix}", app.store_path.display());
        if let Ok(bytes) = std::fs::read(&path) {
            files.push((path, bytes));
        }
    }
    assert!(!files.is_empty());
    let logged = logs().lock().unwrap().clone();
    assert!(!logged.is_empty(), "nothing was logged");
    for needle in encodings(&seed) {
        for (path, bytes) in &files {
            assert!(!contains(bytes, &needle), "seed found in {path}");
        }
        assert!(!contains(&logged, &needle), "seed found in the logs");
    }
    bank.sandbox.stop().await;
}

#[tokio::test]
async fn an_unenrolled_device_is_refused_and_no_code_is_sent() {
    logs();
    let bank = Bank::start().await.unwrap();
    let app = App::logged_in(&bank, "sara.ahmadi").await.unwrap();
    assert!(!app.ctx.api.device_enrolled());
    let keyring = Keyring::new();
    let ctx = app.ctx.clone().with_soft_tokens(keyring.vault.clone());
    let card_id = ctx.api.cards().await.unwrap()[0].card_id.clone();
    let last_code = bank.last_otp(SARA_MOBILE).await.unwrap();
    let Err(problem) = SoftTokenActivation::start(&ctx, &card_id).await else {
        panic!("an unenrolled device started an activation");
    };
    assert_eq!(problem.code, "device.not_enrolled");
    assert!(!problem.message_fa.is_empty() && !problem.message_en.is_empty());
    assert_eq!(bank.last_otp(SARA_MOBILE).await.unwrap(), last_code);
    assert!(keyring.vault.cards().unwrap().is_empty());
    bank.sandbox.stop().await;
}

#[tokio::test]
async fn on_an_enrolled_device_every_soft_token_call_is_signed() {
    logs();
    let bank = Bank::start().await.unwrap();
    let app = App::logged_in(&bank, "sara.ahmadi").await.unwrap();
    app.add_device_signer();
    let device = app.session.enroll_device().await.unwrap();
    assert!(device.enrolled);
    let keyring = Keyring::new();
    let ctx = app.ctx.clone().with_soft_tokens(keyring.vault.clone());
    let card_id = ctx.api.cards().await.unwrap()[0].card_id.clone();
    let signed_before = signed_calls(&bank, ctx.api.device_id()).await;
    assert!(signed_before >= 1, "the card list was signed");

    let mut activation = SoftTokenActivation::start(&ctx, &card_id).await.unwrap();
    let code = bank.last_otp(SARA_MOBILE).await.unwrap();
    activation.confirm(&code).await.unwrap();
    assert_eq!(
        signed_calls(&bank, ctx.api.device_id()).await,
        signed_before + 2
    );

    let before = balance(&app).await;
    let mellat = bank.other_card("mellat").await.unwrap();
    let mut flow = CardTransfer::start(ctx.clone()).await.unwrap();
    flow.choose_source(&card_id).unwrap();
    flow.enter_destination(&mellat).await.unwrap();
    flow.confirm_holder(true).await.unwrap();
    flow.enter_amount(&AMOUNT.to_string()).unwrap();
    let (cvv2, expiry) = sara_card(&bank);
    let state = flow.submit_with_soft_token(&cvv2, &expiry).await.unwrap();
    assert!(
        matches!(state, CardTransferState::Succeeded { .. }),
        "{state:?}"
    );
    assert_eq!(balance(&app).await, before - AMOUNT - FEE);
    // Every call since enrollment carried a signature the bank checked
    // (each leaves its nonce): activation start and confirm, cards, holder
    // inquiry, limits and the transfer at least.
    assert!(signed_calls(&bank, ctx.api.device_id()).await >= signed_before + 6);
    ledger_ok(&bank).await;
    bank.sandbox.stop().await;
}
