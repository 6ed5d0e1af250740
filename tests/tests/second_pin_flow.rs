//! Changing a card's second PIN against the sandbox bank: typing mistakes
//! caught on the phone (nothing sent), a wrong current PIN back to the PINs
//! with the bank's count of tries and the same key, the change exactly once
//! even when its answer is lost, the new PIN in force, and a device without
//! an enrolled key refused.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails loudly

mod support;

use hamrah_core::flows::accounts::{SecondPinChange, SecondPinState};
use hamrah_e2e::{App, Bank};
use support::served;

const OPERATION: &str = "card_second_pin_change";
const NEW_PIN: &str = "40917";

/// Sara's first card, chosen: the journey at the PINs' step.
async fn at_the_pins(app: &App) -> (SecondPinChange, String) {
    let mut flow = SecondPinChange::start(app.ctx.clone()).await.unwrap();
    let SecondPinState::ChooseCard { cards } = flow.state().clone() else {
        panic!("{:?}", flow.state())
    };
    let card_id = cards[0].card_id.clone();
    flow.choose(&card_id).unwrap();
    (flow, card_id)
}

/// The error the PINs' step shows: its code and field.
fn error_of(state: &SecondPinState) -> (String, String) {
    let SecondPinState::EnterPins {
        error: Some(problem),
        ..
    } = state
    else {
        panic!("{state:?}")
    };
    (
        problem.code.clone(),
        problem.field.clone().unwrap_or_default(),
    )
}

#[tokio::test]
async fn the_second_pin_is_changed_exactly_once_and_the_new_one_is_in_force() {
    let bank = Bank::start().await.unwrap();
    let current = bank.demo(Some("sara.ahmadi")).unwrap().card_second_pin;
    let app = App::enrolled(&bank, "sara.ahmadi").await.unwrap();
    let (mut flow, card_id) = at_the_pins(&app).await;

    // Typing mistakes never leave the phone.
    let state = flow.submit(&current, "12345", "12345").await.unwrap();
    assert_eq!(error_of(state), ("pin.guessable".into(), "new_pin".into()));
    let state = flow.submit(&current, NEW_PIN, "40971").await.unwrap();
    assert_eq!(
        error_of(state),
        ("pin.repeat_mismatch".into(), "repeat_pin".into())
    );
    assert_eq!(served(&bank, OPERATION), 0);

    // A wrong current PIN: back to the PINs, with the tries left.
    let state = flow
        .submit("97531", NEW_PIN, NEW_PIN)
        .await
        .unwrap()
        .clone();
    assert_eq!(
        error_of(&state),
        ("card.pin_incorrect".into(), "current_pin".into())
    );
    let SecondPinState::EnterPins {
        error: Some(problem),
        ..
    } = &state
    else {
        unreachable!()
    };
    assert!(problem.message_en.contains('2'), "{}", problem.message_en);

    // The right one, its answer lost: resolved by the same key, done once.
    bank.fault(OPERATION, "drop_after_commit", 1, None)
        .await
        .unwrap();
    let state = flow
        .submit(&current, NEW_PIN, NEW_PIN)
        .await
        .unwrap()
        .clone();
    let SecondPinState::Changed { order, receipt } = state else {
        panic!("{state:?}")
    };
    assert_eq!(receipt.card_id, card_id);
    assert_eq!(order.card.pan_masked, receipt.pan_masked);
    assert!(!receipt.reference_number.is_empty());
    assert_eq!(served(&bank, OPERATION), 2);
    let view = flow.view();
    let shared = view.receipt.unwrap().share_text_fa;
    assert!(shared.contains("رمز دوم"), "{shared}");
    assert!(!shared.contains(&current) && !shared.contains(NEW_PIN));
    flow.close().unwrap();

    // The old PIN no longer opens the card; the new one does.
    let (mut flow, _) = at_the_pins(&app).await;
    let state = flow.submit(&current, "31864", "31864").await.unwrap();
    assert_eq!(
        error_of(state),
        ("card.pin_incorrect".into(), "current_pin".into())
    );
    let state = flow.submit(NEW_PIN, "31864", "31864").await.unwrap();
    assert!(matches!(state, SecondPinState::Changed { .. }), "{state:?}");
}

#[tokio::test]
async fn a_device_without_an_enrolled_key_cannot_change_it() {
    let bank = Bank::start().await.unwrap();
    let current = bank.demo(Some("sara.ahmadi")).unwrap().card_second_pin;
    let app = App::logged_in(&bank, "sara.ahmadi").await.unwrap();
    let (mut flow, _) = at_the_pins(&app).await;
    let state = flow.submit(&current, NEW_PIN, NEW_PIN).await.unwrap();
    let SecondPinState::Failed { problem, .. } = state else {
        panic!("{state:?}")
    };
    assert_eq!(problem.code, "device.not_enrolled");
}
