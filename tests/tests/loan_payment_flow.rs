//! The loan payment journey of the core against the sandbox bank: one's own
//! overdue instalment from an account (penalty included), another person's
//! instalment by loan number from another bank's card (the holder's masked
//! name, the issuer's dynamic PIN), the early-settlement quote paid after the
//! phone's process restarted and its answer was lost (exactly once), bad
//! numbers caught on the phone, one request per step, and the loans read
//! offline from the sealed store.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails loudly

mod common;

use std::sync::Arc;

use common::ledger_ok;
use hamrah_core::channel::Timeouts;
use hamrah_core::flows::loan_payment::{LoanPayment, LoanPaymentState, LoanSource, Paying};
use hamrah_core::flows::{loans, other_cards};
use hamrah_e2e::{App, Bank};

const SARA_MOBILE: &str = "09121234567";
const SARA_CONSUMER: &str = "0101234567001";
const SARA_QARD: &str = "0101234567002";
const REZA_MORTGAGE: &str = "0101234567003";

/// Every request the bank served outside `/admin`.
fn served(bank: &Bank) -> u64 {
    bank.sandbox.state().stats.snapshot().requests_served
}

/// The available balance of the customer's first account.
async fn first_account(app: &App) -> (String, u64) {
    let accounts = app.ctx.api.accounts().await.unwrap();
    (
        accounts[0].account_id.clone(),
        accounts[0].available_balance_rials,
    )
}

/// Picks the source with this id and asks for the dynamic PIN; returns the PIN.
async fn authorize(bank: &Bank, flow: &mut LoanPayment, source_id: &str) -> String {
    let state = flow.choose_source(source_id).unwrap();
    assert!(
        matches!(state, LoanPaymentState::Authorize { error: None, .. }),
        "{state:?}"
    );
    let state = flow.request_pin().await.unwrap();
    assert!(
        matches!(state, LoanPaymentState::Authorize { error: None, .. }),
        "{state:?}"
    );
    assert!(flow.pin_seconds_left() > 100);
    bank.last_otp(SARA_MOBILE).await.unwrap()
}

#[tokio::test]
async fn own_overdue_instalment_from_an_account_one_request_a_step() {
    let bank = Bank::start().await.unwrap();
    let app = App::logged_in(&bank, "sara.ahmadi").await.unwrap();
    let (account_id, before) = first_account(&app).await;

    let mut steps = Vec::new();
    let mut mark = served(&bank);
    let mut step = |name: &str, bank: &Bank| {
        let now = served(bank);
        steps.push((name.to_owned(), now - mark));
        mark = now;
    };
    let mut flow = LoanPayment::start(app.ctx.clone()).await.unwrap();
    step("start", &bank);
    let LoanPaymentState::ChooseLoan { loans, .. } = flow.state() else {
        panic!("{:?}", flow.state())
    };
    assert_eq!(loans.len(), 2);
    let consumer = loans
        .iter()
        .find(|l| l.loan_number.as_str() == SARA_CONSUMER)
        .unwrap();
    assert_eq!(consumer.overdue_count, 1);
    let loan_id = consumer.loan_id.clone();
    let state = flow.choose_loan(&loan_id).await.unwrap();
    step("choose_loan", &bank);
    let LoanPaymentState::ChooseInstalments { loan, .. } = state else {
        panic!("{state:?}")
    };
    assert!(loan.own);
    assert_eq!(loan.due[0].status, "overdue");
    let penalty = loan.due[0].penalty_rials;
    assert!(penalty > 0);
    let due = loan.due[0].amount_rials + penalty;
    // More instalments than are unpaid: refused on the phone.
    let state = flow.choose_instalments(99).await.unwrap();
    step("choose_instalments(99)", &bank);
    let LoanPaymentState::ChooseInstalments { error: Some(e), .. } = state else {
        panic!("{state:?}")
    };
    assert_eq!(e.code, "loan.instalment_count_invalid");
    let state = flow.choose_instalments(1).await.unwrap();
    step("choose_instalments", &bank);
    let LoanPaymentState::ChooseSource {
        amount, sources, ..
    } = state
    else {
        panic!("{state:?}")
    };
    assert_eq!(amount.get(), due);
    assert!(
        sources
            .iter()
            .all(|s| matches!(s, LoanSource::Account { .. }))
    );
    let state = flow.choose_source(&account_id).unwrap();
    step("choose_source", &bank);
    let LoanPaymentState::Authorize { order, .. } = state else {
        panic!("{state:?}")
    };
    assert_eq!(order.amount_words_fa, order.amount.words_fa());
    flow.request_pin().await.unwrap();
    step("request_pin", &bank);
    let otp = bank.last_otp(SARA_MOBILE).await.unwrap();
    let state = flow.submit(&otp).await.unwrap();
    step("submit", &bank);
    let LoanPaymentState::Succeeded { receipt, .. } = state else {
        panic!("{state:?}")
    };
    assert_eq!(receipt.instalments_paid, vec![7]);
    assert_eq!(receipt.penalty_rials, penalty);
    assert_eq!(receipt.source_kind, "account");
    assert!(receipt.paid_at_jalali.starts_with("14"));
    assert!(steps.iter().all(|(_, n)| *n <= 1), "{steps:?}");
    assert_eq!(first_account(&app).await.1, before - due);
    let loans = app.ctx.api.loans().await.unwrap();
    let consumer = loans
        .items
        .iter()
        .find(|l| l.loan_number.as_str() == SARA_CONSUMER)
        .unwrap();
    assert_eq!(consumer.overdue_count, 0);
    println!("requests per step: {steps:?}");
    ledger_ok(&bank).await;
    bank.sandbox.stop().await;
}

#[tokio::test]
async fn another_persons_instalment_by_number_from_another_banks_card() {
    let bank = Bank::start().await.unwrap();
    let app = App::logged_in(&bank, "sara.ahmadi").await.unwrap();
    let mellat = bank.other_card("mellat").await.unwrap();
    let draft = other_cards::inquire(&app.ctx, &mellat, "0806", "کارت ملت")
        .await
        .unwrap();
    let card = other_cards::confirm(&app.ctx, &draft).unwrap();
    let (_, before) = first_account(&app).await;

    let mut flow = LoanPayment::start_by_number(app.ctx.clone());
    // Caught on the phone: no request.
    let asked = served(&bank);
    let state = flow.enter_loan_number("۱۲۳").await.unwrap();
    let LoanPaymentState::EnterLoanNumber { error: Some(e) } = state else {
        panic!("{state:?}")
    };
    assert_eq!(e.code, "loan.length");
    assert_eq!(served(&bank), asked);
    let state = flow.enter_loan_number("9999999999999").await.unwrap();
    let LoanPaymentState::EnterLoanNumber { error: Some(e) } = state else {
        panic!("{state:?}")
    };
    assert_eq!(e.code, "loan.not_found");
    // As typed, in Persian digits with dashes.
    let typed = hamrah_core::digits::to_persian_digits("0101-2345-67003");
    let state = flow.enter_loan_number(&typed).await.unwrap();
    let LoanPaymentState::ConfirmHolder { loan } = state else {
        panic!("{state:?}")
    };
    assert_eq!(loan.holder_name_masked, "رض* کری**");
    assert!(!loan.own);
    flow.confirm_holder(true).unwrap();
    // Someone else's loan cannot be settled early by the payer.
    let state = flow.request_settlement().await.unwrap();
    let LoanPaymentState::ChooseInstalments { error: Some(e), .. } = state else {
        panic!("{state:?}")
    };
    assert_eq!(e.code, "loan.settlement_not_own");
    let state = flow.choose_instalments(1).await.unwrap();
    let LoanPaymentState::ChooseSource { sources, .. } = state else {
        panic!("{state:?}")
    };
    assert!(sources.iter().any(|s| s.id() == card.id));
    let otp = authorize(&bank, &mut flow, &card.id).await;
    let state = flow.submit_card(&otp, "000", "0806").await.unwrap();
    let LoanPaymentState::Succeeded { receipt, order } = state else {
        panic!("{state:?}")
    };
    assert_eq!(receipt.source_kind, "card");
    assert_eq!(receipt.loan_number, REZA_MORTGAGE);
    assert_eq!(
        receipt.source_pan_masked.as_deref(),
        Some(card.pan_masked.as_str())
    );
    assert!(matches!(order.paying, Paying::Instalments { count: 1 }));
    // Another bank's card: Sara's account here is untouched.
    assert_eq!(first_account(&app).await.1, before);
    ledger_ok(&bank).await;
    bank.sandbox.stop().await;
}

#[tokio::test]
async fn early_settlement_restored_after_a_restart_and_paid_once() {
    let bank = Bank::start().await.unwrap();
    let app = App::logged_in(&bank, "sara.ahmadi").await.unwrap();
    let (account_id, before) = first_account(&app).await;
    let mut flow = LoanPayment::start(app.ctx.clone()).await.unwrap();
    let LoanPaymentState::ChooseLoan { loans, .. } = flow.state() else {
        panic!("{:?}", flow.state())
    };
    let qard = loans
        .iter()
        .find(|l| l.loan_number.as_str() == SARA_QARD)
        .unwrap()
        .clone();
    flow.choose_loan(&qard.loan_id).await.unwrap();
    let state = flow.request_settlement().await.unwrap();
    let LoanPaymentState::ConfirmSettlement { quote, .. } = state.clone() else {
        panic!("{state:?}")
    };
    assert_eq!(quote.unpaid_rials, qard.remaining_rials);
    assert!(quote.discount_rials > 0);
    let amount = quote.amount_rials;
    let state = flow.accept_settlement(true).await.unwrap();
    assert!(
        matches!(state, LoanPaymentState::ChooseSource { .. }),
        "{state:?}"
    );
    flow.choose_source(&account_id).unwrap();
    let flow_id = flow.flow_id().to_owned();
    drop(flow);

    // The phone's process is stopped and started again on the same store.
    let reopened = App::open(
        &bank,
        &app.store_path,
        Arc::clone(&app.secrets),
        Timeouts::default(),
    )
    .await
    .unwrap();
    reopened.login(&bank, "sara.ahmadi").await.unwrap();
    let mut flow = LoanPayment::restore(reopened.ctx.clone(), &flow_id)
        .unwrap()
        .unwrap();
    let LoanPaymentState::Authorize { order, .. } = flow.state() else {
        panic!("{:?}", flow.state())
    };
    assert!(matches!(order.paying, Paying::Settlement { .. }));
    flow.request_pin().await.unwrap();
    let otp = bank.last_otp(SARA_MOBILE).await.unwrap();
    // The bank commits, then the answer is lost: the core asks, never resends blindly.
    bank.fault("loan_payment_create", "drop_after_commit", 1, None)
        .await
        .unwrap();
    let state = flow.submit(&otp).await.unwrap();
    let LoanPaymentState::Succeeded { receipt, .. } = state else {
        panic!("{state:?}")
    };
    assert!(receipt.loan_settled);
    assert_eq!(receipt.discount_rials, quote.discount_rials);
    let stats = bank.sandbox.state().stats.snapshot();
    assert_eq!(
        stats.requests_by_operation.get("loan_payment_create"),
        Some(&1)
    );
    assert_eq!(first_account(&reopened).await.1, before - amount);
    let restored = LoanPayment::restore(reopened.ctx.clone(), &flow_id)
        .unwrap()
        .unwrap();
    assert!(matches!(
        restored.state(),
        LoanPaymentState::Succeeded { .. }
    ));
    let after = loans::loans(&reopened.ctx).await.unwrap();
    let settled = after
        .value
        .iter()
        .find(|l| l.loan_number.as_str() == SARA_QARD)
        .unwrap();
    assert_eq!(settled.state, "settled");
    ledger_ok(&bank).await;
    bank.sandbox.stop().await;
}

#[tokio::test]
async fn loans_read_offline_from_the_sealed_store() {
    let bank = Bank::start().await.unwrap();
    let app = App::logged_in(&bank, "sara.ahmadi").await.unwrap();
    let online = loans::loans(&app.ctx).await.unwrap();
    assert!(!online.offline);
    assert_eq!(online.value.len(), 2);
    let loan_id = online.value[0].loan_id.clone();
    let schedule = loans::schedule(&app.ctx, &loan_id).await.unwrap();
    assert!(!schedule.offline);
    assert!(
        schedule
            .value
            .items
            .iter()
            .all(|i| i.due_date_jalali.starts_with("14"))
    );
    let _dir = bank.stop().await;
    let offline = loans::loans(&app.ctx).await.unwrap();
    assert!(offline.offline);
    assert_eq!(offline.value, online.value);
    assert_eq!(offline.fetched_at, online.fetched_at);
    let kept = loans::schedule(&app.ctx, &loan_id).await.unwrap();
    assert!(kept.offline);
    assert_eq!(kept.value, schedule.value);
    // A schedule never fetched is not invented.
    assert!(loans::schedule(&app.ctx, "lon_other").await.is_err());
}
