//! Exactly once under faults: a lost answer, a failure before commit, and
//! the phone's process stopped after sending. In every case the state the
//! customer ends in matches the ledger.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails loudly

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::*;
use hamrah_core::channel::Timeouts;
use hamrah_core::flows::card_transfer::{CardTransfer, CardTransferState};
use hamrah_core::operation::resolve_unresolved;
use hamrah_core::platform::MemorySecretStore;
use hamrah_core::store::OperationState;
use hamrah_e2e::{App, Bank};

const AMOUNT: u64 = 3_000_000;
const FEE: u64 = 7_200;
const SARA_MOBILE: &str = "09121234567";

#[tokio::test]
async fn a_lost_answer_after_commit_is_resolved_by_asking() {
    let bank = Bank::start().await.unwrap();
    let app = App::logged_in(&bank, "sara.ahmadi").await.unwrap();
    let pan = bank.other_card("tejarat").await.unwrap();
    let before = balance(&app).await;
    let mut flow = to_authorize(&app, &pan, AMOUNT).await;
    let otp = pin(&bank, &mut flow, SARA_MOBILE).await;
    bank.fault("card_transfer_create", "drop_after_commit", 1, None)
        .await
        .unwrap();
    let (cvv2, expiry) = sara_card(&bank);
    let state = flow.submit(&otp, &cvv2, &expiry).await.unwrap();
    assert!(
        matches!(state, CardTransferState::Succeeded { .. }),
        "{state:?}"
    );
    assert_eq!(balance(&app).await, before - AMOUNT - FEE);
    let stats = bank.sandbox.state().stats.snapshot();
    assert_eq!(
        stats
            .requests_by_operation
            .get("card_transfer_create")
            .copied(),
        Some(1)
    );
    assert!(
        stats
            .requests_by_operation
            .get("operation_get")
            .copied()
            .unwrap_or(0)
            >= 1
    );
    ledger_ok(&bank).await;
    bank.sandbox.stop().await;
}

#[tokio::test]
async fn a_failure_before_commit_is_retried_with_the_same_key() {
    let bank = Bank::start().await.unwrap();
    let app = App::logged_in(&bank, "sara.ahmadi").await.unwrap();
    let pan = bank.other_card("mellat").await.unwrap();
    let before = balance(&app).await;
    let (cvv2, expiry) = sara_card(&bank);

    // Once: the core resends with the same key by itself.
    let mut flow = to_authorize(&app, &pan, AMOUNT).await;
    let otp = pin(&bank, &mut flow, SARA_MOBILE).await;
    bank.fault("card_transfer_create", "fail_before_commit", 1, None)
        .await
        .unwrap();
    let state = flow.submit(&otp, &cvv2, &expiry).await.unwrap();
    assert!(
        matches!(state, CardTransferState::Succeeded { .. }),
        "{state:?}"
    );
    assert_eq!(balance(&app).await, before - AMOUNT - FEE);

    // Every time: the customer is told, nothing moved, and may try again (same key).
    let mut flow = to_authorize(&app, &pan, AMOUNT).await;
    let otp = pin(&bank, &mut flow, SARA_MOBILE).await;
    bank.fault("card_transfer_create", "fail_before_commit", 3, None)
        .await
        .unwrap();
    let state = flow.submit(&otp, &cvv2, &expiry).await.unwrap();
    let CardTransferState::Authorize {
        error: Some(problem),
        payment,
        ..
    } = state
    else {
        panic!("{state:?}")
    };
    assert_eq!(problem.code, "server.internal");
    let key = payment.idempotency_key;
    assert_eq!(
        app.ctx
            .store
            .operation(&key.to_text())
            .unwrap()
            .unwrap()
            .state,
        OperationState::Failed
    );
    assert_eq!(balance(&app).await, before - AMOUNT - FEE);
    let state = flow.submit(&otp, &cvv2, &expiry).await.unwrap();
    assert!(
        matches!(state, CardTransferState::Succeeded { .. }),
        "{state:?}"
    );
    assert_eq!(
        app.ctx
            .store
            .operation(&key.to_text())
            .unwrap()
            .unwrap()
            .state,
        OperationState::Succeeded
    );
    assert_eq!(balance(&app).await, before - 2 * (AMOUNT + FEE));
    ledger_ok(&bank).await;
    bank.sandbox.stop().await;
}

/// The phone's process dies while a transfer is in flight (`fault` set up
/// which); a new process on the same store resolves it. Returns the
/// balance change and the restored journey's end state.
fn process_stopped_after_sending(faults: &[(&str, &str, u64)]) -> (u64, u64, CardTransferState) {
    let bank_rt = tokio::runtime::Runtime::new().unwrap();
    let bank = bank_rt.block_on(Bank::start()).unwrap();
    let secrets = Arc::new(MemorySecretStore::new());
    let store_path = bank.dir.path().join("phone.sqlite3");

    // Process 1: journeys to the submit, then dies mid-request.
    let first = tokio::runtime::Runtime::new().unwrap();
    let (before, flow_id) = first.block_on(async {
        let app = App::open(
            &bank,
            &store_path,
            Arc::clone(&secrets),
            Timeouts::default(),
        )
        .await
        .unwrap();
        app.login(&bank, "sara.ahmadi").await.unwrap();
        let before = balance(&app).await;
        let pan = bank.other_card("mellat").await.unwrap();
        let mut flow = to_authorize(&app, &pan, AMOUNT).await;
        let otp = pin(&bank, &mut flow, SARA_MOBILE).await;
        for (route, kind, delay) in faults {
            bank.fault(route, kind, 1, Some(*delay)).await.unwrap();
        }
        let flow_id = flow.flow_id().to_owned();
        let (cvv2, expiry) = sara_card(&bank);
        tokio::spawn(async move {
            let _ = flow.submit(&otp, &cvv2, &expiry).await;
        });
        tokio::time::sleep(Duration::from_millis(700)).await;
        (before, flow_id)
    });
    first.shutdown_background();

    // Process 2: same vault and store file; resolves before any new work.
    let second = tokio::runtime::Runtime::new().unwrap();
    let (after, state) = second.block_on(async {
        bank.clear_faults().await.unwrap();
        let app = App::open(
            &bank,
            &store_path,
            Arc::clone(&secrets),
            Timeouts::default(),
        )
        .await
        .unwrap();
        assert_eq!(app.ctx.store.unresolved_operations().unwrap().len(), 1);
        app.login(&bank, "sara.ahmadi").await.unwrap();
        // Let a delayed request at the bank finish (it was not cancelled).
        tokio::time::sleep(Duration::from_millis(1500)).await;
        let report = resolve_unresolved(&app.ctx.api, &app.ctx.store)
            .await
            .unwrap();
        assert!(report.unresolved.is_empty(), "{report:?}");
        assert!(app.ctx.store.unresolved_operations().unwrap().is_empty());
        let flow = CardTransfer::restore(app.ctx.clone(), &flow_id)
            .unwrap()
            .unwrap();
        ledger_ok(&bank).await;
        (balance(&app).await, flow.state().clone())
    });
    bank_rt.block_on(bank.sandbox.stop());
    (before, after, state)
}

#[test]
fn process_stopped_while_resolving_a_committed_transfer() {
    // The answer is lost after commit and the inquiry hangs: the phone dies
    // with the journal entry pending. The next process finds it succeeded.
    let (before, after, state) = process_stopped_after_sending(&[
        ("card_transfer_create", "drop_after_commit", 0),
        ("operation_get", "delay", 5_000),
    ]);
    assert!(
        matches!(state, CardTransferState::Succeeded { .. }),
        "{state:?}"
    );
    assert_eq!(after, before - AMOUNT - FEE);
}

#[test]
fn process_stopped_while_the_request_waits_at_the_bank() {
    // The request is held at the bank's door when the phone dies: whichever
    // way the bank ends it, the restored journey says the same as the ledger.
    let (before, after, state) =
        process_stopped_after_sending(&[("card_transfer_create", "delay", 1_000)]);
    match state {
        CardTransferState::Succeeded { .. } => assert_eq!(after, before - AMOUNT - FEE),
        CardTransferState::Failed { problem, .. } => {
            assert_eq!(problem.code, "operation.not_received");
            assert_eq!(after, before);
        }
        other => panic!("{other:?}"),
    }
}
