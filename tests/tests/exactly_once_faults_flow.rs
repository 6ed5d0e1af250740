//! Exactly once under the faults a phone meets: a request that outlives the
//! client's timeout, the bank's process restarted mid-journey (same data
//! directory), and the phone's process stopped after sending (the core
//! reopened on the same store resolves every unknown outcome at start). In
//! every case the bank records one or no operation, and the state the
//! customer ends in says the same as the ledger.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails loudly

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::*;
use hamrah_core::channel::{Method, Timeouts};
use hamrah_core::flows::accounts::{BlockReason, CardBlock, CardBlockState};
use hamrah_core::flows::bill_payment::{BillPayment, BillPaymentState, BillSource};
use hamrah_core::flows::card_transfer::CardTransferState;
use hamrah_core::operation::resolve_unresolved;
use hamrah_core::platform::MemorySecretStore;
use hamrah_core::store::OperationState;
use hamrah_e2e::{App, Bank};

const AMOUNT: u64 = 4_000_000;
const FEE: u64 = 7_200;
const SARA_MOBILE: &str = "09121234567";

/// A phone whose requests give up after `ms` milliseconds.
async fn impatient_app(bank: &Bank, ms: u64) -> App {
    let timeouts = Timeouts {
        connect: Duration::from_secs(5),
        request: Duration::from_millis(ms),
    };
    let path = bank.dir.path().join("impatient.sqlite3");
    let app = App::open(bank, &path, Arc::new(MemorySecretStore::new()), timeouts)
        .await
        .unwrap();
    app.login(bank, "sara.ahmadi").await.unwrap();
    app
}

/// Requests of one operationId the bank has served.
fn served(bank: &Bank, operation: &str) -> u64 {
    let stats = bank.sandbox.state().stats.snapshot();
    stats
        .requests_by_operation
        .get(operation)
        .copied()
        .unwrap_or(0)
}

/// Card-block SMS messages sent to `mobile` (one per block the bank made).
async fn block_sms(bank: &Bank, mobile: &str) -> usize {
    let path = format!("/admin/sms/{mobile}?kind=card_block");
    let outbox = bank.admin(Method::GET, &path, None).await.unwrap();
    outbox["items"].as_array().map_or(0, Vec::len)
}

/// The state of the customer's card at the bank.
async fn card_state(app: &App, card_id: &str) -> String {
    let cards = app.ctx.api.cards().await.unwrap();
    let card = cards.iter().find(|c| c.card_id == card_id).unwrap();
    card.state.clone()
}

#[tokio::test]
async fn a_transfer_outliving_the_timeout_is_resolved_by_asking() {
    let bank = Bank::start().await.unwrap();
    let app = impatient_app(&bank, 600).await;
    let pan = bank.other_card("mellat").await.unwrap();
    let before = balance(&app).await;
    let mut flow = to_authorize(&app, &pan, AMOUNT).await;
    let otp = pin(&bank, &mut flow, SARA_MOBILE).await;
    // Held at the bank's door for longer than the phone waits.
    bank.fault("card_transfer_create", "delay", 1, Some(2_000))
        .await
        .unwrap();
    let (cvv2, expiry) = sara_card(&bank);
    let state = flow.submit(&otp, &cvv2, &expiry).await.unwrap().clone();
    let CardTransferState::Succeeded { payment, .. } = &state else {
        panic!("{state:?}")
    };
    // The timeout made the outcome unknown: the core asked (`operation_get`),
    // learnt the bank had not recorded the key, and resent with the same key.
    assert!(served(&bank, "operation_get") >= 1);
    assert_eq!(served(&bank, "card_transfer_create"), 2);
    // Let the held request reach the handler: it finds the key recorded.
    tokio::time::sleep(Duration::from_millis(1_800)).await;
    assert_eq!(balance(&app).await, before - AMOUNT - FEE);
    let record = app
        .ctx
        .store
        .operation(&payment.idempotency_key.to_text())
        .unwrap();
    assert_eq!(record.unwrap().state, OperationState::Succeeded);
    ledger_ok(&bank).await;
    bank.sandbox.stop().await;
}

#[tokio::test]
async fn a_card_block_outliving_the_timeout_happens_once() {
    let bank = Bank::start().await.unwrap();
    let app = impatient_app(&bank, 500).await;
    let mut flow = CardBlock::start(app.ctx.clone()).await.unwrap();
    let CardBlockState::ChooseCard { cards } = flow.state().clone() else {
        panic!("{:?}", flow.state())
    };
    let card_id = cards[0].card_id.clone();
    flow.choose(&card_id, BlockReason::Lost).unwrap();
    bank.fault("card_block", "delay", 1, Some(1_500))
        .await
        .unwrap();
    let state = flow.confirm().await.unwrap();
    assert!(matches!(state, CardBlockState::Blocked { .. }), "{state:?}");
    tokio::time::sleep(Duration::from_millis(1_500)).await;
    assert_eq!(card_state(&app, &card_id).await, "blocked");
    assert_eq!(block_sms(&bank, SARA_MOBILE).await, 1);
    bank.sandbox.stop().await;
}

#[tokio::test]
async fn a_bank_restart_between_the_pin_and_the_submit_keeps_the_journey() {
    let bank = Bank::start().await.unwrap();
    let app = App::logged_in(&bank, "sara.ahmadi").await.unwrap();
    let pan = bank.other_card("tejarat").await.unwrap();
    let before = balance(&app).await;
    let mut flow = to_authorize(&app, &pan, AMOUNT).await;
    let otp = pin(&bank, &mut flow, SARA_MOBILE).await;
    let bank = bank.restart().await.unwrap();
    // Same session, same PIN, same connection settings: the phone goes on.
    let (cvv2, expiry) = sara_card(&bank);
    let state = flow.submit(&otp, &cvv2, &expiry).await.unwrap();
    assert!(
        matches!(state, CardTransferState::Succeeded { .. }),
        "{state:?}"
    );
    assert_eq!(balance(&app).await, before - AMOUNT - FEE);
    ledger_ok(&bank).await;
    bank.sandbox.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bank_restart_with_the_transfer_in_flight_moves_money_once() {
    let bank = Bank::start().await.unwrap();
    let app = App::logged_in(&bank, "sara.ahmadi").await.unwrap();
    let pan = bank.other_card("saman").await.unwrap();
    let before = balance(&app).await;
    let mut flow = to_authorize(&app, &pan, AMOUNT).await;
    let otp = pin(&bank, &mut flow, SARA_MOBILE).await;
    bank.fault("card_transfer_create", "delay", 1, Some(1_000))
        .await
        .unwrap();
    let (cvv2, expiry) = sara_card(&bank);
    let submit = tokio::spawn(async move {
        let state = flow.submit(&otp, &cvv2, &expiry).await.unwrap().clone();
        (flow, state)
    });
    tokio::time::sleep(Duration::from_millis(300)).await;
    // The bank's process goes down with the request held at its door.
    let bank = bank.restart().await.unwrap();
    let (mut flow, mut state) = submit.await.unwrap();
    if let CardTransferState::Pending { .. } = state {
        state = flow.resolve().await.unwrap().clone();
    }
    let after = balance(&app).await;
    // Whatever reached the restarted bank was preceded by asking it (no blind resend).
    if served(&bank, "card_transfer_create") > 0 {
        assert!(served(&bank, "operation_get") >= 1);
    }
    match &state {
        CardTransferState::Succeeded { .. } => assert_eq!(after, before - AMOUNT - FEE),
        CardTransferState::Failed { .. } | CardTransferState::Authorize { .. } => {
            assert_eq!(after, before)
        }
        other => panic!("{other:?}"),
    }
    assert!(app.ctx.store.unresolved_operations().unwrap().is_empty());
    ledger_ok(&bank).await;
    bank.sandbox.stop().await;
}

/// What process 1 leaves behind: the flow's id and the balance before.
type Left = (String, u64);

/// Runs `first` as the phone's first process (it dies `die_after_ms` after
/// `first` returns, with its submit in flight), then opens a second process
/// on the same vault and store, which resolves every unknown outcome at
/// start; returns the second process's app for the checks.
fn two_processes<F>(bank_rt: &tokio::runtime::Runtime, bank: &Bank, first: F) -> (Left, App)
where
    F: AsyncFnOnce(App) -> Left,
{
    let secrets = Arc::new(MemorySecretStore::new());
    let store = bank.dir.path().join("phone.sqlite3");
    let process = tokio::runtime::Runtime::new().unwrap();
    let left = process.block_on(async {
        let app = App::open(bank, &store, Arc::clone(&secrets), Timeouts::default())
            .await
            .unwrap();
        app.login(bank, "sara.ahmadi").await.unwrap();
        let left = first(app).await;
        tokio::time::sleep(Duration::from_millis(700)).await;
        left
    });
    process.shutdown_background();
    let app = bank_rt.block_on(async {
        bank.clear_faults().await.unwrap();
        let app = App::open(bank, &store, secrets, Timeouts::default())
            .await
            .unwrap();
        assert_eq!(app.ctx.store.unresolved_operations().unwrap().len(), 1);
        app.login(bank, "sara.ahmadi").await.unwrap();
        let report = resolve_unresolved(&app.ctx.api, &app.ctx.store)
            .await
            .unwrap();
        assert!(report.unresolved.is_empty(), "{report:?}");
        assert_eq!(report.succeeded.len(), 1, "{report:?}");
        app
    });
    (left, app)
}

#[test]
fn a_bill_payment_sent_before_the_phone_died_is_resolved_at_start() {
    let bank_rt = tokio::runtime::Runtime::new().unwrap();
    let bank = bank_rt.block_on(Bank::start()).unwrap();
    let seed = bank_rt.block_on(bank.seed()).unwrap();
    let bill = seed["bills"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["bill_type"] == "gas")
        .unwrap()
        .clone();
    let amount = bill["amount_rials"].as_u64().unwrap();
    let ((flow_id, before), app) = two_processes(&bank_rt, &bank, async |app: App| {
        let before = balance(&app).await;
        let mut flow = BillPayment::start(app.ctx.clone());
        let (id, payment) = (bill["bill_id"].as_str(), bill["payment_id"].as_str());
        flow.enter_bill(id.unwrap(), payment.unwrap())
            .await
            .unwrap();
        let BillPaymentState::ChooseSource { sources, .. } = flow.state() else {
            panic!("{:?}", flow.state())
        };
        let source = sources
            .iter()
            .find(|s| matches!(s, BillSource::Account { .. }))
            .unwrap()
            .id()
            .to_owned();
        flow.choose_source(&source).unwrap();
        let pin = bank.bill_pin(&mut flow, SARA_MOBILE).await.unwrap();
        // The answer is lost after commit and the inquiry hangs: the phone
        // dies with the journal entry pending.
        bank.fault("bill_payment_create", "drop_after_commit", 1, None)
            .await
            .unwrap();
        bank.fault("operation_get", "delay", 1, Some(5_000))
            .await
            .unwrap();
        let flow_id = flow.flow_id().to_owned();
        tokio::spawn(async move {
            let _ = flow.confirm(&pin).await;
        });
        (flow_id, before)
    });
    bank_rt.block_on(async {
        let flow = BillPayment::restore(app.ctx.clone(), &flow_id)
            .unwrap()
            .unwrap();
        assert!(
            matches!(flow.state(), BillPaymentState::Succeeded { .. }),
            "{:?}",
            flow.state()
        );
        assert_eq!(balance(&app).await, before - amount);
        assert_eq!(served(&bank, "bill_payment_create"), 1);
        ledger_ok(&bank).await;
    });
    bank_rt.block_on(bank.sandbox.stop());
}

#[test]
fn a_card_block_sent_before_the_phone_died_is_resolved_at_start() {
    let bank_rt = tokio::runtime::Runtime::new().unwrap();
    let bank = bank_rt.block_on(Bank::start()).unwrap();
    let ((flow_id, _), app) = two_processes(&bank_rt, &bank, async |app: App| {
        let mut flow = CardBlock::start(app.ctx.clone()).await.unwrap();
        let CardBlockState::ChooseCard { cards } = flow.state().clone() else {
            panic!("{:?}", flow.state())
        };
        flow.choose(&cards[0].card_id, BlockReason::Damaged)
            .unwrap();
        bank.fault("card_block", "drop_after_commit", 1, None)
            .await
            .unwrap();
        bank.fault("operation_get", "delay", 1, Some(5_000))
            .await
            .unwrap();
        let flow_id = flow.flow_id().to_owned();
        tokio::spawn(async move {
            let _ = flow.confirm().await;
        });
        (flow_id, 0)
    });
    bank_rt.block_on(async {
        let flow = CardBlock::restore(app.ctx.clone(), &flow_id)
            .unwrap()
            .unwrap();
        let CardBlockState::Blocked { order, receipt } = flow.state() else {
            panic!("{:?}", flow.state())
        };
        assert_eq!(receipt.reason, "damaged");
        assert_eq!(card_state(&app, &order.card.card_id).await, "blocked");
        assert_eq!(block_sms(&bank, SARA_MOBILE).await, 1);
        assert_eq!(served(&bank, "card_block"), 1);
    });
    bank_rt.block_on(bank.sandbox.stop());
}
