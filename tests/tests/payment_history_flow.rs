//! The payment history of every kind against the sandbox bank: a card
//! transfer and a bill payment on one list, newest first, each with its
//! status and receipt; the same pages from the phone when the bank is down;
//! a search by name, amount, bill type or reference with no request.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails loudly

mod common;
mod support;

use common::*;
use hamrah_core::flows::bill_payment::{BillPayment, BillPaymentState, BillSource};
use hamrah_core::flows::card_transfer::CardTransferState;
use hamrah_core::flows::history::{PaymentHistory, PaymentKind, PaymentOutcome};
use hamrah_e2e::{App, Bank};
use support::requests;

const SARA_MOBILE: &str = "09121234567";
const AMOUNT: u64 = 2_500_000;

/// Sara pays the seed's water bill from her account; its amount.
async fn pay_water_bill(bank: &Bank, app: &App) -> u64 {
    let (bill_id, payment_id, amount) = seed_bill(bank, "water").await;
    let mut flow = BillPayment::start(app.ctx.clone());
    let state = flow.enter_bill(&bill_id, &payment_id).await.unwrap();
    let BillPaymentState::ChooseSource { sources, .. } = state else {
        panic!("{state:?}")
    };
    let account = sources
        .iter()
        .find(|s| matches!(s, BillSource::Account { .. }))
        .unwrap()
        .id()
        .to_owned();
    flow.choose_source(&account).unwrap();
    let state = bank.confirm_bill(&mut flow, SARA_MOBILE).await.unwrap();
    assert!(
        matches!(state, BillPaymentState::Succeeded { .. }),
        "{state:?}"
    );
    amount
}

#[tokio::test]
async fn every_kind_of_payment_is_listed_kept_and_searched_offline() {
    let bank = Bank::start().await.unwrap();
    let app = App::logged_in(&bank, "sara.ahmadi").await.unwrap();
    let pan = bank.other_card("mellat").await.unwrap();
    let mut flow = to_authorize(&app, &pan, AMOUNT).await;
    let otp = pin(&bank, &mut flow, SARA_MOBILE).await;
    let (cvv2, expiry) = sara_card(&bank);
    let state = flow.submit(&otp, &cvv2, &expiry).await.unwrap();
    assert!(
        matches!(state, CardTransferState::Succeeded { .. }),
        "{state:?}"
    );
    // A second later (within one second the phone orders payments by id).
    bank.advance_clock(2).await.unwrap();
    let bill_amount = pay_water_bill(&bank, &app).await;

    let mut history = PaymentHistory::new(app.ctx.clone(), 1);
    let first = history.first_page().await.unwrap();
    assert!(!first.from_cache && first.has_more);
    let bill = first.payments[0].clone();
    assert_eq!(bill.kind, PaymentKind::BillPayment);
    assert_eq!(bill.payee_fa, "آبفای تهران");
    assert_eq!(bill.detail_fa, "قبض آب");
    assert_eq!(bill.amount.get(), bill_amount);
    assert_eq!(bill.outcome, PaymentOutcome::Done);
    assert!(bill.at_fa.starts_with('۱'), "{}", bill.at_fa);
    let second = history.next_page().await.unwrap();
    let card = second.payments[0].clone();
    assert_eq!(card.kind, PaymentKind::CardTransfer);
    assert!(card.detail_fa.contains("******"), "{}", card.detail_fa);
    assert_eq!(card.amount.get(), AMOUNT);
    assert!(card.receipt().share_text_fa.contains(&card.payee_fa));
    assert!(!history.next_page().await.unwrap().has_more);

    // The bank is down: the same pages from the phone, with the reason.
    bank.fault("transfer_list", "server_error", 3, None)
        .await
        .unwrap();
    let cached = history.first_page().await.unwrap();
    assert!(cached.from_cache);
    assert_eq!(cached.error.as_ref().unwrap().code, "server.unavailable");
    assert!(
        cached
            .note_fa
            .as_ref()
            .unwrap()
            .starts_with("نمایش از حافظه گوشی؛ ")
    );
    assert!(first.note_fa.is_none());
    assert_eq!(cached.payments, vec![bill.clone()]);
    assert!(cached.has_more);
    let cached_next = history.next_page().await.unwrap();
    assert_eq!(cached_next.payments, vec![card.clone()]);
    assert!(!cached_next.has_more);

    // A search asks nothing of the bank: a name's part, an amount as typed, a type, a reference.
    let asked = requests(&bank);
    let first_name = card.payee_fa.split_whitespace().next().unwrap();
    assert_eq!(
        history.search(first_name).unwrap().payments,
        vec![card.clone()]
    );
    assert_eq!(
        history.search("۲٬۵۰۰٬۰۰۰").unwrap().payments,
        vec![card.clone()]
    );
    assert_eq!(history.search("قبض").unwrap().payments, vec![bill.clone()]);
    assert_eq!(
        history.search(&bill.reference_number).unwrap().payments,
        vec![bill.clone()]
    );
    let none = history.search("هیچ‌کس").unwrap();
    assert!(none.payments.is_empty());
    assert_eq!(
        none.empty_fa.as_deref(),
        Some("تراکنشی با این مشخصات پیدا نشد.")
    );
    assert_eq!(requests(&bank), asked);
    bank.sandbox.stop().await;
}
