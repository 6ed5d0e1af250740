//! The transfer to an account of this bank (انتقال وجه به سپرده) through
//! the core against the sandbox bank: every step with the requests it costs,
//! the holder's name before confirming, refusals on the phone, a SHEBA of
//! this bank routed internal (instant, no PAYA/SATNA fee or cycle), and an
//! answer lost after commit with the phone's process dying, resolved once.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails loudly

mod common;
mod support;

use common::ledger_ok;
use hamrah_core::flows::account_transfer::{AccountTransfer, AccountTransferState};
use hamrah_core::flows::sheba_transfer::{Method, ShebaTransfer, ShebaTransferState};
use hamrah_e2e::{App, Bank};
use support::{Meter, requests, served, two_processes};

const SARA_MOBILE: &str = "09121234567";
const CURRENT: &str = "acc_100200300401";
const REZA_ACCOUNT: &str = "acc_100200300501";

/// A demo account's balance in the bank's ledger (the seed's view).
async fn ledger_balance(bank: &Bank, account_id: &str) -> i64 {
    let seed = bank.seed().await.unwrap();
    seed["customers"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["accounts"].as_array().unwrap())
        .find(|a| a["account_id"] == account_id)
        .unwrap()["balance_rials"]
        .as_i64()
        .unwrap()
}

/// A journey from Sara's current account, at the destination step.
async fn from_current(app: &App) -> AccountTransfer {
    let mut flow = AccountTransfer::start(app.ctx.clone()).await.unwrap();
    flow.choose_source(CURRENT).unwrap();
    flow
}

#[tokio::test]
async fn a_transfer_to_an_account_of_the_bank_step_by_step() {
    let bank = Bank::start().await.unwrap();
    let app = App::logged_in(&bank, "sara.ahmadi").await.unwrap();
    let (sara_before, reza_before) = (
        ledger_balance(&bank, CURRENT).await,
        ledger_balance(&bank, REZA_ACCOUNT).await,
    );
    let mut meter = Meter::new(&bank);
    let mut flow = AccountTransfer::start(app.ctx.clone()).await.unwrap();
    meter.step(&bank, "start");
    let AccountTransferState::ChooseSource { accounts } = flow.state() else {
        panic!("{:?}", flow.state())
    };
    assert_eq!(accounts.len(), 2);
    flow.choose_source(CURRENT).unwrap();
    meter.step(&bank, "source");
    // As written on a passbook, in Persian digits.
    let state = flow.enter_destination("۱۰۰۲-۰۰۳۰-۰۵۰۱").await.unwrap();
    meter.step(&bank, "destination");
    let AccountTransferState::ConfirmHolder { destination, .. } = state else {
        panic!("{state:?}")
    };
    assert_eq!(destination.holder_name, "رضا کریمی");
    assert_eq!(destination.account_number_masked, "1002****0501");
    assert_eq!(destination.bank.bank_id, "melli");
    let state = flow.confirm_holder(true).unwrap();
    meter.step(&bank, "holder");
    let AccountTransferState::EnterAmount { limits, .. } = state else {
        panic!("{state:?}")
    };
    assert_eq!(limits.max_rials, 1_000_000_000);
    assert_eq!(limits.fee_rials, 0);
    let state = flow.enter_amount("10,000,000").unwrap();
    let AccountTransferState::Confirm { payment, .. } = state else {
        panic!("{state:?}")
    };
    assert_eq!(payment.amount_words_fa, "ده میلیون");
    assert_eq!(payment.total_rials, 10_000_000);
    flow.describe("قسط وام").unwrap();
    meter.step(&bank, "amount");
    let state = flow.request_pin().await.unwrap();
    assert!(
        matches!(state, AccountTransferState::Confirm { error: None, .. }),
        "{state:?}"
    );
    meter.step(&bank, "pin");
    let pin = bank.last_otp(SARA_MOBILE).await.unwrap();
    meter.skip(&bank);
    let state = flow.submit(&pin).await.unwrap().clone();
    meter.step(&bank, "submit");
    let AccountTransferState::Succeeded { receipt, .. } = &state else {
        panic!("{state:?}")
    };
    assert_eq!(receipt.destination_holder_name, "رضا کریمی");
    assert_eq!(receipt.total_debited_rials, 10_000_000);
    assert_eq!(
        meter.cost,
        [
            ("start", 1),
            ("source", 0),
            ("destination", 1),
            ("holder", 0),
            ("amount", 0),
            ("pin", 1),
            ("submit", 1)
        ]
    );
    // Instant: both sides have moved already.
    assert_eq!(
        ledger_balance(&bank, CURRENT).await,
        sara_before - 10_000_000
    );
    assert_eq!(
        ledger_balance(&bank, REZA_ACCOUNT).await,
        reza_before + 10_000_000
    );
    let restored = AccountTransfer::restore(app.ctx.clone(), flow.flow_id())
        .unwrap()
        .unwrap();
    assert_eq!(restored.state(), &state);
    ledger_ok(&bank).await;
    bank.sandbox.stop().await;
}

#[tokio::test]
async fn refusals_on_the_phone_and_at_the_bank_keep_the_screen() {
    let bank = Bank::start().await.unwrap();
    let app = App::logged_in(&bank, "sara.ahmadi").await.unwrap();
    let mut flow = from_current(&app).await;
    let refused = |state: &AccountTransferState| match state {
        AccountTransferState::EnterDestination { error: Some(e), .. }
        | AccountTransferState::EnterAmount { error: Some(e), .. } => {
            (e.code.clone(), e.field.clone())
        }
        other => panic!("{other:?}"),
    };
    let before = requests(&bank);
    let state = flow.enter_destination("12345").await.unwrap();
    assert_eq!(
        refused(state),
        (
            "account_number.length".into(),
            Some("destination_account_number".into())
        )
    );
    // Her own account's number: refused before any request.
    let state = flow.enter_destination("100200300401").await.unwrap();
    assert_eq!(refused(state).0, "transfer.same_account");
    assert_eq!(requests(&bank), before);
    let state = flow.enter_destination("100200399999").await.unwrap();
    assert_eq!(refused(state).0, "inquiry.account_not_found");
    flow.enter_destination("100200300501").await.unwrap();
    flow.confirm_holder(true).unwrap();
    let state = flow.enter_amount("1,000,000,001").unwrap();
    assert_eq!(refused(state).0, "limit.per_transfer_max");
    let state = flow.enter_amount("900,000,000").unwrap();
    assert_eq!(refused(state).0, "funds.insufficient");
    bank.sandbox.stop().await;
}

#[tokio::test]
async fn a_sheba_of_this_bank_goes_internal_at_once() {
    let bank = Bank::start().await.unwrap();
    let app = App::logged_in(&bank, "sara.ahmadi").await.unwrap();
    let seed = bank.seed().await.unwrap();
    let reza_sheba = seed["customers"][1]["accounts"][0]["sheba"]
        .as_str()
        .unwrap()
        .to_owned();
    let reza_before = ledger_balance(&bank, REZA_ACCOUNT).await;
    let mut flow = ShebaTransfer::start(app.ctx.clone()).await.unwrap();
    flow.choose_source("acc_100200300402").unwrap();
    flow.enter_sheba(&reza_sheba).await.unwrap();
    let state = flow.confirm_holder(true).unwrap();
    let ShebaTransferState::EnterAmount { limits, .. } = state else {
        panic!("{state:?}")
    };
    assert!(limits.internal.is_some());
    // A SATNA-sized amount: still one method, instant and free.
    let state = flow.enter_amount("300,000,000").unwrap();
    let ShebaTransferState::Confirm { payment, .. } = state else {
        panic!("{state:?}")
    };
    assert_eq!(payment.option.method, Method::Internal);
    assert_eq!(payment.option.fee_rials, 0);
    let state = bank.submit_sheba(&mut flow, SARA_MOBILE).await.unwrap();
    let ShebaTransferState::Succeeded { receipt, .. } = &state else {
        panic!("{state:?}")
    };
    assert_eq!(receipt.method, "internal");
    assert_eq!(receipt.status, "settled");
    assert_eq!(receipt.fee_rials, 0);
    assert_eq!(
        receipt.expected_settlement_at_jalali,
        receipt.accepted_at_jalali
    );
    assert_eq!(
        ledger_balance(&bank, REZA_ACCOUNT).await,
        reza_before + 300_000_000
    );
    ledger_ok(&bank).await;
    bank.sandbox.stop().await;
}

#[test]
fn a_transfer_sent_before_the_phone_died_is_resolved_once() {
    let bank_rt = tokio::runtime::Runtime::new().unwrap();
    let bank = bank_rt.block_on(Bank::start()).unwrap();
    let reza_before = bank_rt.block_on(ledger_balance(&bank, REZA_ACCOUNT));
    let (flow_id, app) = two_processes(&bank_rt, &bank, "sara.ahmadi", async |app: App| {
        let mut flow = from_current(&app).await;
        flow.enter_destination("100200300501").await.unwrap();
        flow.confirm_holder(true).unwrap();
        flow.enter_amount("7000000").unwrap();
        flow.request_pin().await.unwrap();
        let pin = bank.last_otp(SARA_MOBILE).await.unwrap();
        bank.fault("account_transfer_create", "drop_after_commit", 1, None)
            .await
            .unwrap();
        bank.fault("operation_get", "delay", 1, Some(5_000))
            .await
            .unwrap();
        let flow_id = flow.flow_id().to_owned();
        tokio::spawn(async move {
            let _ = flow.submit(&pin).await;
        });
        flow_id
    });
    bank_rt.block_on(async {
        let flow = AccountTransfer::restore(app.ctx.clone(), &flow_id)
            .unwrap()
            .unwrap();
        assert!(
            matches!(flow.state(), AccountTransferState::Succeeded { .. }),
            "{:?}",
            flow.state()
        );
        assert_eq!(
            ledger_balance(&bank, REZA_ACCOUNT).await,
            reza_before + 7_000_000
        );
        assert_eq!(served(&bank, "account_transfer_create"), 1);
        ledger_ok(&bank).await;
    });
    bank_rt.block_on(bank.sandbox.stop());
}
