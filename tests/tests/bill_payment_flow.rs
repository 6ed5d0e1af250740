//! The bill payment journey of the core against the sandbox bank: from an
//! account and from a card with the SMS dynamic PIN, bad input, "already
//! paid" (before and at payment), and an outcome lost after commit.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails loudly

mod common;

use common::{balance, ledger_ok, sara_card, seed_bill};
use hamrah_core::flows::bill_payment::{BillPayment, BillPaymentState, BillSource};
use hamrah_core::ids::{Bill, BillType};
use hamrah_core::money::Rials;
use hamrah_core::store::OperationState;
use hamrah_e2e::{App, Bank};

const SARA_MOBILE: &str = "09121234567";

/// A journey up to the source choice for the bill.
async fn to_sources(app: &App, bill_id: &str, payment_id: &str) -> BillPayment {
    let mut flow = BillPayment::start(app.ctx.clone());
    let state = flow.enter_bill(bill_id, payment_id).await.unwrap();
    assert!(
        matches!(state, BillPaymentState::ChooseSource { .. }),
        "{state:?}"
    );
    flow
}

/// Picks the first source of that kind.
fn pick(flow: &mut BillPayment, card: bool) -> &BillPaymentState {
    let BillPaymentState::ChooseSource { sources, .. } = flow.state() else {
        panic!("{:?}", flow.state())
    };
    let id = sources
        .iter()
        .find(|s| matches!(s, BillSource::Card { .. }) == card)
        .unwrap()
        .id()
        .to_owned();
    flow.choose_source(&id).unwrap()
}

#[tokio::test]
async fn from_an_account_then_already_paid() {
    let bank = Bank::start().await.unwrap();
    let app = App::logged_in(&bank, "sara.ahmadi").await.unwrap();
    let (bill_id, payment_id, amount) = seed_bill(&bank, "water").await;
    let before = balance(&app).await;

    let mut flow = BillPayment::start(app.ctx.clone());
    // As typed, in Persian digits.
    let typed = hamrah_core::digits::to_persian_digits(&payment_id);
    let state = flow.enter_bill(&bill_id, &typed).await.unwrap();
    let BillPaymentState::ChooseSource { bill, sources, .. } = state else {
        panic!("{state:?}")
    };
    assert_eq!(bill.bill_type, "water");
    assert_eq!(bill.amount.get(), amount);
    assert_eq!(bill.amount_words_fa, Rials::new(amount).words_fa());
    assert_eq!(bill.biller_name_fa, "آبفای تهران");
    assert!(sources.len() >= 3, "{sources:?}");
    let state = pick(&mut flow, false);
    let BillPaymentState::ConfirmAccount { order, .. } = state else {
        panic!("{state:?}")
    };
    let key = order.idempotency_key;
    let state = &bank.confirm_bill(&mut flow, SARA_MOBILE).await.unwrap();
    let BillPaymentState::Succeeded { receipt, .. } = state else {
        panic!("{state:?}")
    };
    assert_eq!(receipt.source_kind, "account");
    assert_eq!(receipt.amount_rials, amount);
    assert!(receipt.paid_at_jalali.starts_with("14"));
    assert_eq!(balance(&app).await, before - receipt.total_debited_rials);
    let record = app.ctx.store.operation(&key.to_text()).unwrap().unwrap();
    assert_eq!(record.state, OperationState::Succeeded);

    // The same bill again: a clear state, nothing to pay.
    let mut again = BillPayment::start(app.ctx.clone());
    let state = again.enter_bill(&bill_id, &payment_id).await.unwrap();
    let BillPaymentState::AlreadyPaid { bill } = state else {
        panic!("{state:?}")
    };
    assert!(bill.paid_at_jalali.as_deref().unwrap().starts_with("14"));
    ledger_ok(&bank).await;
    bank.sandbox.stop().await;
}

#[tokio::test]
async fn by_card_with_the_sms_pin() {
    let bank = Bank::start().await.unwrap();
    let app = App::logged_in(&bank, "sara.ahmadi").await.unwrap();
    let (bill_id, payment_id, amount) = seed_bill(&bank, "electricity").await;
    let before = balance(&app).await;
    let mut flow = to_sources(&app, &bill_id, &payment_id).await;
    let state = pick(&mut flow, true);
    assert!(
        matches!(state, BillPaymentState::Authorize { .. }),
        "{state:?}"
    );
    let state = flow.request_pin().await.unwrap();
    let BillPaymentState::Authorize { error: None, .. } = state else {
        panic!("{state:?}")
    };
    assert!(flow.pin_seconds_left() > 100);
    let otp = bank.last_otp(SARA_MOBILE).await.unwrap();
    let (cvv2, expiry) = sara_card(&bank);
    // A format mistake is caught here; a second request is too early.
    let state = flow.submit_card(&otp, &cvv2, "0813").await.unwrap();
    let BillPaymentState::Authorize { error: Some(e), .. } = state else {
        panic!("{state:?}")
    };
    assert_eq!(e.code, "card.expiry_format");
    let state = flow.request_pin().await.unwrap();
    let BillPaymentState::Authorize { error: Some(e), .. } = state else {
        panic!("{state:?}")
    };
    assert_eq!(e.code, "otp.request_too_early");
    let state = flow.submit_card(&otp, &cvv2, &expiry).await.unwrap();
    let BillPaymentState::Succeeded { receipt, .. } = state else {
        panic!("{state:?}")
    };
    assert_eq!(receipt.source_kind, "card");
    assert!(receipt.source_pan_masked.as_deref().unwrap().contains('*'));
    assert_eq!(balance(&app).await, before - amount - receipt.fee_rials);
    ledger_ok(&bank).await;
    bank.sandbox.stop().await;
}

#[tokio::test]
async fn bad_and_unknown_bills() {
    let bank = Bank::start().await.unwrap();
    let app = App::logged_in(&bank, "sara.ahmadi").await.unwrap();
    let (bill_id, payment_id, _) = seed_bill(&bank, "gas").await;
    let mut flow = BillPayment::start(app.ctx.clone());
    let mut typo = payment_id.clone().into_bytes();
    typo[0] = if typo[0] == b'1' { b'2' } else { b'1' };
    let state = flow
        .enter_bill(&bill_id, std::str::from_utf8(&typo).unwrap())
        .await
        .unwrap();
    let BillPaymentState::EnterBill { error: Some(e) } = state else {
        panic!("{state:?}")
    };
    assert_eq!(e.code, "bill.payment_checksum");
    assert_eq!(e.field.as_deref(), Some("payment_id"));
    let stats = bank.sandbox.state().stats.snapshot();
    assert_eq!(stats.requests_by_operation.get("bill_inquiry"), None);
    // Valid check digits, but no biller knows it.
    let unknown = Bill::issue("99999", BillType::Water, Rials::new(1_000_000), 4, 1).unwrap();
    let state = flow
        .enter_bill(unknown.bill_id(), unknown.payment_id())
        .await
        .unwrap();
    let BillPaymentState::EnterBill { error: Some(e) } = state else {
        panic!("{state:?}")
    };
    assert_eq!(e.code, "bill.not_found");
    bank.sandbox.stop().await;
}

#[tokio::test]
async fn paid_meanwhile_is_shown_as_already_paid() {
    let bank = Bank::start().await.unwrap();
    let app = App::logged_in(&bank, "sara.ahmadi").await.unwrap();
    let (bill_id, payment_id, amount) = seed_bill(&bank, "landline").await;
    let before = balance(&app).await;
    let mut first = to_sources(&app, &bill_id, &payment_id).await;
    let mut second = to_sources(&app, &bill_id, &payment_id).await;
    pick(&mut first, false);
    pick(&mut second, false);
    let state = &bank.confirm_bill(&mut first, SARA_MOBILE).await.unwrap();
    assert!(
        matches!(state, BillPaymentState::Succeeded { .. }),
        "{state:?}"
    );
    let state = &bank.confirm_bill(&mut second, SARA_MOBILE).await.unwrap();
    assert!(
        matches!(state, BillPaymentState::AlreadyPaid { .. }),
        "{state:?}"
    );
    assert_eq!(balance(&app).await, before - amount);
    ledger_ok(&bank).await;
    bank.sandbox.stop().await;
}

#[tokio::test]
async fn a_lost_answer_is_resolved_and_pays_once() {
    let bank = Bank::start().await.unwrap();
    let app = App::logged_in(&bank, "sara.ahmadi").await.unwrap();
    let (bill_id, payment_id, amount) = seed_bill(&bank, "mobile").await;
    let before = balance(&app).await;
    let mut flow = to_sources(&app, &bill_id, &payment_id).await;
    pick(&mut flow, false);
    bank.fault("bill_payment_create", "drop_after_commit", 1, None)
        .await
        .unwrap();
    let state = &bank.confirm_bill(&mut flow, SARA_MOBILE).await.unwrap();
    assert!(
        matches!(state, BillPaymentState::Succeeded { .. }),
        "{state:?}"
    );
    assert_eq!(balance(&app).await, before - amount);
    let stats = bank.sandbox.state().stats.snapshot();
    let creates = stats.requests_by_operation.get("bill_payment_create");
    assert_eq!(creates.copied(), Some(1));
    let restored = BillPayment::restore(app.ctx.clone(), flow.flow_id())
        .unwrap()
        .unwrap();
    assert!(matches!(
        restored.state(),
        BillPaymentState::Succeeded { .. }
    ));
    ledger_ok(&bank).await;
    bank.sandbox.stop().await;
}
