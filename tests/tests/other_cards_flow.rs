//! Other banks' Shetab cards on the phone, against the sandbox bank: added
//! after the holder inquiry (the name shown to confirm), listed and removed,
//! refused when of this bank or expired; used as the source of a card-to-card
//! transfer (the issuer's dynamic PIN, exactly once after a lost answer and a
//! restart) and of a bill; an issuer without central OTP is said so.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails loudly

mod common;

use std::sync::Arc;

use common::{balance, ledger_ok};
use hamrah_core::channel::Timeouts;
use hamrah_core::flows::bill_payment::{BillPayment, BillPaymentState, BillSource};
use hamrah_core::flows::card_transfer::{CardTransfer, CardTransferState};
use hamrah_core::flows::other_cards::{self, OtherCard};
use hamrah_e2e::{App, Bank};

const SARA_MOBILE: &str = "09121234567";

async fn add(app: &App, pan: &str, label: &str) -> OtherCard {
    let draft = other_cards::inquire(&app.ctx, pan, "0806", label)
        .await
        .unwrap();
    other_cards::confirm(&app.ctx, &draft).unwrap()
}

#[tokio::test]
async fn add_list_and_remove() {
    let bank = Bank::start().await.unwrap();
    let app = App::logged_in(&bank, "sara.ahmadi").await.unwrap();
    let mellat = bank.other_card("mellat").await.unwrap();
    // As typed: Persian digits with spaces; the holder's name to confirm.
    let typed = hamrah_core::digits::to_persian_digits(&format!(
        "{} {} {} {}",
        &mellat[..4],
        &mellat[4..8],
        &mellat[8..12],
        &mellat[12..]
    ));
    let draft = other_cards::inquire(&app.ctx, &typed, "08/06", "  ")
        .await
        .unwrap();
    assert_eq!(draft.holder_name, "علی رضایی");
    assert_eq!(draft.bank_name_fa, "بانک ملت");
    assert_eq!(draft.label, "بانک ملت", "the bank's name when no label");
    assert!(
        other_cards::list(&app.ctx).unwrap().is_empty(),
        "nothing kept before confirming"
    );
    let card = other_cards::confirm(&app.ctx, &draft).unwrap();
    assert!(card.sms_pin);
    assert!(!format!("{card:?}").contains(&mellat));
    let saman = add(&app, &bank.other_card("saman").await.unwrap(), "سامان").await;
    assert!(!saman.sms_pin, "saman is not on central OTP in the seed");
    // Added again: the same card, relabelled.
    let again = add(&app, &mellat, "حقوق").await;
    assert_eq!(again.id, card.id);
    let listed = other_cards::list(&app.ctx).unwrap();
    assert_eq!(listed.len(), 2);
    assert_eq!(
        listed.iter().find(|c| c.id == card.id).unwrap().label,
        "حقوق"
    );

    let code =
        |r: Result<other_cards::OtherCardDraft, hamrah_core::flows::Problem>| r.unwrap_err().code;
    let own = bank.demo(Some("sara.ahmadi")).unwrap().card_pan;
    assert_eq!(
        code(other_cards::inquire(&app.ctx, &own, "0806", "").await),
        "other_card.own_bank"
    );
    assert_eq!(
        code(other_cards::inquire(&app.ctx, &mellat, "0301", "").await),
        "other_card.expired"
    );
    assert_eq!(
        code(other_cards::inquire(&app.ctx, "6104330000000001", "0806", "").await),
        "card.checksum"
    );
    let long = "ب".repeat(31);
    assert_eq!(
        code(other_cards::inquire(&app.ctx, &mellat, "0806", &long).await),
        "other_card.label_too_long"
    );

    other_cards::remove(&app.ctx, &card.id).unwrap();
    assert_eq!(other_cards::list(&app.ctx).unwrap().len(), 1);
    let gone = other_cards::remove(&app.ctx, &card.id).unwrap_err();
    assert_eq!(gone.code, "other_card.not_found");
    bank.sandbox.stop().await;
}

#[tokio::test]
async fn card_to_card_from_another_banks_card_exactly_once_after_a_restart() {
    let bank = Bank::start().await.unwrap();
    let app = App::logged_in(&bank, "sara.ahmadi").await.unwrap();
    let card = add(&app, &bank.other_card("mellat").await.unwrap(), "ملت").await;
    let destination = bank.other_card("tejarat").await.unwrap();
    let before = balance(&app).await;
    let mut flow = CardTransfer::start(app.ctx.clone()).await.unwrap();
    let CardTransferState::ChooseSource { cards } = flow.state() else {
        panic!("{:?}", flow.state())
    };
    let source = cards.iter().find(|c| c.card_id == card.id).unwrap();
    assert!(source.is_other_bank());
    assert_eq!(source.bank_name_fa, "بانک ملت");
    flow.choose_source(&card.id).unwrap();
    flow.enter_destination(&destination).await.unwrap();
    flow.confirm_holder(true).await.unwrap();
    let state = flow.enter_amount("2000000").unwrap();
    assert!(
        matches!(state, CardTransferState::Authorize { .. }),
        "{state:?}"
    );
    let flow_id = flow.flow_id().to_owned();
    drop(flow);
    // The phone's process restarts; the journey comes back at the PIN step.
    let reopened = App::open(
        &bank,
        &app.store_path,
        Arc::clone(&app.secrets),
        Timeouts::default(),
    )
    .await
    .unwrap();
    reopened.login(&bank, "sara.ahmadi").await.unwrap();
    let mut flow = CardTransfer::restore(reopened.ctx.clone(), &flow_id)
        .unwrap()
        .unwrap();
    // The issuer's (Harim's) dynamic PIN, sent to Sara's mobile.
    let state = flow.request_pin().await.unwrap();
    let CardTransferState::Authorize { error: None, .. } = state else {
        panic!("{state:?}")
    };
    let otp = bank.last_otp(SARA_MOBILE).await.unwrap();
    bank.fault("card_transfer_create", "drop_after_commit", 1, None)
        .await
        .unwrap();
    let state = flow.submit(&otp, "000", "0806").await.unwrap();
    let CardTransferState::Succeeded { receipt, .. } = state else {
        panic!("{state:?}")
    };
    assert_eq!(receipt.status, "succeeded");
    let stats = bank.sandbox.state().stats.snapshot();
    assert_eq!(
        stats.requests_by_operation.get("card_transfer_create"),
        Some(&1)
    );
    // Debited through Shetab from the other bank: Sara's account here is untouched.
    assert_eq!(balance(&reopened).await, before);
    ledger_ok(&bank).await;
    bank.sandbox.stop().await;
}

#[tokio::test]
async fn an_issuer_without_central_otp_is_said_so() {
    let bank = Bank::start().await.unwrap();
    let app = App::logged_in(&bank, "sara.ahmadi").await.unwrap();
    let card = add(&app, &bank.other_card("saman").await.unwrap(), "سامان").await;
    let destination = bank.other_card("mellat").await.unwrap();
    let mut flow = CardTransfer::start(app.ctx.clone()).await.unwrap();
    flow.choose_source(&card.id).unwrap();
    flow.enter_destination(&destination).await.unwrap();
    flow.confirm_holder(true).await.unwrap();
    flow.enter_amount("1000000").unwrap();
    let state = flow.request_pin().await.unwrap();
    let CardTransferState::Authorize { error: Some(e), .. } = state else {
        panic!("{state:?}")
    };
    assert_eq!(e.code, "otp.issuer_not_connected");
    bank.sandbox.stop().await;
}

#[tokio::test]
async fn a_bill_from_another_banks_card() {
    let bank = Bank::start().await.unwrap();
    let app = App::logged_in(&bank, "sara.ahmadi").await.unwrap();
    let card = add(&app, &bank.other_card("tejarat").await.unwrap(), "تجارت").await;
    let seed = bank.seed().await.unwrap();
    let bill = seed["bills"].as_array().unwrap()[0].clone();
    let mut flow = BillPayment::start(app.ctx.clone());
    let state = flow
        .enter_bill(
            bill["bill_id"].as_str().unwrap(),
            bill["payment_id"].as_str().unwrap(),
        )
        .await
        .unwrap();
    let BillPaymentState::ChooseSource { sources, .. } = state else {
        panic!("{state:?}")
    };
    assert!(
        sources
            .iter()
            .any(|s| matches!(s, BillSource::Card { other: Some(_), .. }))
    );
    flow.choose_source(&card.id).unwrap();
    let state = flow.request_pin().await.unwrap();
    let BillPaymentState::Authorize { error: None, .. } = state else {
        panic!("{state:?}")
    };
    let otp = bank.last_otp(SARA_MOBILE).await.unwrap();
    let state = flow.submit_card(&otp, "000", "0806").await.unwrap();
    let BillPaymentState::Succeeded { receipt, .. } = state else {
        panic!("{state:?}")
    };
    assert_eq!(receipt.source_kind, "card");
    assert_eq!(
        receipt.source_pan_masked.as_deref(),
        Some(card.pan_masked.as_str())
    );
    ledger_ok(&bank).await;
    bank.sandbox.stop().await;
}
