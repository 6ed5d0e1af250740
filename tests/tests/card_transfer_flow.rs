//! The card-to-card journey of the core against the sandbox bank: every
//! step from the customer's input to the receipt, and its refusals.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails loudly

mod common;

use common::*;
use hamrah_core::flows::card_transfer::{CardTransfer, CardTransferState};
use hamrah_core::store::OperationState;
use hamrah_e2e::{App, Bank};

const AMOUNT: u64 = 25_000_000;
const FEE: u64 = 7_200;
const SARA_MOBILE: &str = "09121234567";

#[tokio::test]
async fn happy_path_to_another_banks_card() {
    let bank = Bank::start().await.unwrap();
    let app = App::logged_in(&bank, "sara.ahmadi").await.unwrap();
    let mellat = bank.other_card("mellat").await.unwrap();
    let before = balance(&app).await;

    let mut flow = CardTransfer::start(app.ctx.clone()).await.unwrap();
    let CardTransferState::ChooseSource { cards } = flow.state() else {
        panic!()
    };
    let card_id = cards[0].card_id.clone();
    flow.choose_source(&card_id).unwrap();
    let state = flow.enter_destination(&mellat).await.unwrap();
    let CardTransferState::ConfirmHolder { destination, .. } = state else {
        panic!("{state:?}")
    };
    assert_eq!(destination.holder_name, "علی رضایی");
    assert_eq!(destination.bank.bank_id, "mellat");
    let state = flow.confirm_holder(true).await.unwrap();
    let CardTransferState::EnterAmount { limits, .. } = state else {
        panic!("{state:?}")
    };
    let config = &app.ctx.config.limits.card_to_card;
    assert_eq!(limits.max_rials, config.per_transfer_max_rials);
    assert_eq!(limits.daily_remaining_rials, config.daily_per_card_rials);
    assert_eq!(limits.fee_rials, FEE);
    let state = flow.enter_amount("۲۵,۰۰۰,۰۰۰").unwrap();
    let CardTransferState::Authorize {
        payment,
        pin: policy,
        ..
    } = state
    else {
        panic!("{state:?}")
    };
    assert_eq!(payment.amount_words_fa, "بیست و پنج میلیون");
    assert_eq!(policy.requests_left(), 5);
    let key = payment.idempotency_key;

    let otp = pin(&bank, &mut flow, SARA_MOBILE).await;
    let left = flow.pin_seconds_left();
    assert!((115..=120).contains(&left), "{left}");
    let (cvv2, expiry) = sara_card(&bank);
    let state = flow.submit(&otp, &cvv2, &expiry).await.unwrap();
    let CardTransferState::Succeeded { receipt, .. } = state else {
        panic!("{state:?}")
    };
    assert_eq!(receipt.status, "succeeded");
    assert_eq!(receipt.amount_rials, AMOUNT);
    assert_eq!(receipt.total_debited_rials, AMOUNT + FEE);
    assert!(receipt.created_at_jalali.starts_with("14"));

    assert_eq!(balance(&app).await, before - AMOUNT - FEE);
    ledger_ok(&bank).await;
    let record = app.ctx.store.operation(&key.to_text()).unwrap().unwrap();
    assert_eq!(record.state, OperationState::Succeeded);
    assert!(record.request.get("cvv2").is_none() && record.request.get("pin").is_none());
    // The saved state survives a restart.
    let restored = CardTransfer::restore(app.ctx.clone(), flow.flow_id())
        .unwrap()
        .unwrap();
    assert!(matches!(
        restored.state(),
        CardTransferState::Succeeded { .. }
    ));
    bank.sandbox.stop().await;
}

#[tokio::test]
async fn a_saved_state_this_build_cannot_read_is_forgotten() {
    let bank = Bank::start().await.unwrap();
    let app = App::install(&bank).await.unwrap();
    let store = &app.ctx.store;
    // Saved by an older build, which tagged the step inside the state.
    let older = serde_json::json!({"step": "choose_source", "cards": []});
    let readable = serde_json::to_value(CardTransferState::ChooseSource { cards: vec![] }).unwrap();
    store
        .save_flow("card_transfer:readable", &readable, None, 100)
        .unwrap();
    store
        .save_flow("card_transfer:older", &older, None, 200)
        .unwrap();

    assert!(
        CardTransfer::restore(app.ctx.clone(), "card_transfer:older")
            .unwrap()
            .is_none()
    );
    assert!(store.load_flow("card_transfer:older").unwrap().is_none());

    // The newest unreadable one is forgotten on the way to the readable one.
    store
        .save_flow("card_transfer:older", &older, None, 300)
        .unwrap();
    let latest = CardTransfer::restore_latest(app.ctx.clone())
        .unwrap()
        .unwrap();
    assert_eq!(latest.flow_id(), "card_transfer:readable");
    assert!(store.load_flow("card_transfer:older").unwrap().is_none());
    bank.sandbox.stop().await;
}

#[tokio::test]
async fn a_wrong_pin_then_the_right_one_moves_money_once() {
    let bank = Bank::start().await.unwrap();
    let app = App::logged_in(&bank, "sara.ahmadi").await.unwrap();
    let mellat = bank.other_card("saman").await.unwrap();
    let before = balance(&app).await;
    let mut flow = to_authorize(&app, &mellat, AMOUNT).await;
    let otp = pin(&bank, &mut flow, SARA_MOBILE).await;
    let wrong = if otp == "111111" { "222222" } else { "111111" };
    let (cvv2, expiry) = sara_card(&bank);
    let state = flow.submit(wrong, &cvv2, &expiry).await.unwrap();
    let CardTransferState::Authorize {
        error: Some(problem),
        ..
    } = state
    else {
        panic!("{state:?}")
    };
    assert_eq!(problem.code, "otp.invalid");
    // A local format check never reaches the bank.
    let state = flow.submit(&otp, "12", &expiry).await.unwrap();
    let CardTransferState::Authorize {
        error: Some(problem),
        ..
    } = state
    else {
        panic!("{state:?}")
    };
    assert_eq!(problem.code, "card.cvv2_format");
    let state = flow.submit(&otp, &cvv2, &expiry).await.unwrap();
    assert!(
        matches!(state, CardTransferState::Succeeded { .. }),
        "{state:?}"
    );
    assert_eq!(balance(&app).await, before - AMOUNT - FEE);
    ledger_ok(&bank).await;
    bank.sandbox.stop().await;
}

#[tokio::test]
async fn the_pin_budget_ends_the_payment() {
    let bank = Bank::start().await.unwrap();
    let app = App::logged_in(&bank, "sara.ahmadi").await.unwrap();
    let mellat = bank.other_card("mellat").await.unwrap();
    let before = balance(&app).await;
    let mut flow = to_authorize(&app, &mellat, AMOUNT).await;
    pin(&bank, &mut flow, SARA_MOBILE).await;
    // Too early: refused by the core's policy, no request sent.
    let state = flow.request_pin().await.unwrap();
    let CardTransferState::Authorize {
        error: Some(problem),
        ..
    } = state
    else {
        panic!("{state:?}")
    };
    assert_eq!(problem.code, "otp.request_too_early");
    assert!(problem.retry_after_seconds.unwrap() > 100);
    for used in 2..=5 {
        bank.advance_clock(121).await.unwrap();
        flow.sync_clock().await.unwrap();
        pin(&bank, &mut flow, SARA_MOBILE).await;
        let CardTransferState::Authorize { pin: policy, .. } = flow.state() else {
            panic!()
        };
        assert_eq!(policy.requests_used, used);
    }
    bank.advance_clock(121).await.unwrap();
    flow.sync_clock().await.unwrap();
    let state = flow.request_pin().await.unwrap();
    let CardTransferState::Failed { problem, .. } = state else {
        panic!("{state:?}")
    };
    assert_eq!(problem.code, "otp.budget_exhausted");
    assert_eq!(balance(&app).await, before);
    bank.sandbox.stop().await;
}

#[tokio::test]
async fn limits_are_checked_before_the_bank() {
    let bank = Bank::start().await.unwrap();
    let app = App::logged_in(&bank, "sara.ahmadi").await.unwrap();
    let mellat = bank.other_card("mellat").await.unwrap();
    let mut flow = to_authorize(&app, &mellat, 100_000_000).await;
    let otp = pin(&bank, &mut flow, SARA_MOBILE).await;
    let (cvv2, expiry) = sara_card(&bank);
    let state = flow.submit(&otp, &cvv2, &expiry).await.unwrap();
    assert!(
        matches!(state, CardTransferState::Succeeded { .. }),
        "{state:?}"
    );

    let mut flow = CardTransfer::start(app.ctx.clone()).await.unwrap();
    let CardTransferState::ChooseSource { cards } = flow.state() else {
        panic!()
    };
    let card_id = cards[0].card_id.clone();
    flow.choose_source(&card_id).unwrap();
    flow.enter_destination(&mellat).await.unwrap();
    let state = flow.confirm_holder(true).await.unwrap();
    let CardTransferState::EnterAmount { limits, .. } = state else {
        panic!("{state:?}")
    };
    let config = &app.ctx.config.limits.card_to_card;
    assert_eq!(
        limits.daily_remaining_rials,
        config.daily_per_card_rials - 100_000_000
    );
    let above_max = (config.per_transfer_max_rials + 1).to_string();
    for (amount, code) in [
        (above_max.as_str(), "limit.per_transfer_max"),
        ("9999", "limit.per_transfer_min"),
        ("60000000", "limit.daily_exceeded"),
        ("12a", "money.invalid_character"),
    ] {
        let state = flow.enter_amount(amount).unwrap();
        let CardTransferState::EnterAmount {
            error: Some(problem),
            ..
        } = state
        else {
            panic!("{state:?}")
        };
        assert_eq!(problem.code, code);
    }
    ledger_ok(&bank).await;
    bank.sandbox.stop().await;
}

#[tokio::test]
async fn an_unknown_or_mistyped_destination_is_shown_as_such() {
    let bank = Bank::start().await.unwrap();
    let app = App::logged_in(&bank, "sara.ahmadi").await.unwrap();
    let mut flow = CardTransfer::start(app.ctx.clone()).await.unwrap();
    let CardTransferState::ChooseSource { cards } = flow.state() else {
        panic!()
    };
    let card_id = cards[0].card_id.clone();
    flow.choose_source(&card_id).unwrap();
    // A typo is caught by the Luhn digit, before any request.
    let state = flow.enter_destination("6104 3300 0000 0010").await.unwrap();
    let CardTransferState::EnterDestination {
        error: Some(problem),
        ..
    } = state
    else {
        panic!("{state:?}")
    };
    assert_eq!(problem.code, "card.checksum");
    let unknown = hamrah_core::ids::CardNumber::issue("610433000000001").unwrap();
    let state = flow.enter_destination(unknown.as_str()).await.unwrap();
    let CardTransferState::EnterDestination {
        error: Some(problem),
        ..
    } = state
    else {
        panic!("{state:?}")
    };
    assert_eq!(problem.code, "inquiry.card_not_found");
    let stats = bank.sandbox.state().stats.snapshot();
    assert_eq!(
        stats
            .requests_by_operation
            .get("card_holder_inquiry")
            .copied(),
        Some(1)
    );
    bank.sandbox.stop().await;
}
