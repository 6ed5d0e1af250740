//! Helpers shared by the flow scenarios.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails loudly

use hamrah_core::flows::card_transfer::{CardTransfer, CardTransferState};
use hamrah_e2e::{App, Bank};

/// Sara's main card's CVV2 and expiry, from the demo seed.
pub fn sara_card(bank: &Bank) -> (String, String) {
    let sara = bank.demo(Some("sara.ahmadi")).unwrap();
    (sara.card_cvv2, sara.card_expiry)
}

/// The available balance behind the customer's first card.
pub async fn balance(app: &App) -> u64 {
    let cards = app.ctx.api.cards().await.unwrap();
    let accounts = app.ctx.api.accounts().await.unwrap();
    let account = accounts
        .iter()
        .find(|a| a.account_id == cards[0].account_id)
        .unwrap();
    account.available_balance_rials
}

/// A journey from the first card to `pan`, up to the dynamic PIN step.
pub async fn to_authorize(app: &App, pan: &str, amount: u64) -> CardTransfer {
    let mut flow = CardTransfer::start(app.ctx.clone()).await.unwrap();
    let CardTransferState::ChooseSource { cards } = flow.state() else {
        panic!("{:?}", flow.state())
    };
    let card_id = cards[0].card_id.clone();
    flow.choose_source(&card_id).unwrap();
    let state = flow.enter_destination(pan).await.unwrap();
    assert!(
        matches!(state, CardTransferState::ConfirmHolder { .. }),
        "{state:?}"
    );
    flow.confirm_holder(true).await.unwrap();
    let state = flow.enter_amount(&amount.to_string()).unwrap();
    assert!(
        matches!(state, CardTransferState::Authorize { .. }),
        "{state:?}"
    );
    flow
}

/// Requests an SMS PIN and reads it from the bank's outbox.
pub async fn pin(bank: &Bank, flow: &mut CardTransfer, mobile: &str) -> String {
    let state = flow.request_pin().await.unwrap();
    let CardTransferState::Authorize { error: None, .. } = state else {
        panic!("{state:?}")
    };
    bank.last_otp(mobile).await.unwrap()
}

/// Asserts the bank's ledger balances.
pub async fn ledger_ok(bank: &Bank) {
    let check = bank.ledger_check().await.unwrap();
    assert_eq!(check["ok"], true, "{check}");
}

/// An unpaid bill of the seed by type: its bill ID, payment ID and amount.
pub async fn seed_bill(bank: &Bank, kind: &str) -> (String, String, u64) {
    let seed = bank.seed().await.unwrap();
    let bill = seed["bills"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["bill_type"] == kind)
        .unwrap()
        .clone();
    (
        bill["bill_id"].as_str().unwrap().to_owned(),
        bill["payment_id"].as_str().unwrap().to_owned(),
        bill["amount_rials"].as_u64().unwrap(),
    )
}
