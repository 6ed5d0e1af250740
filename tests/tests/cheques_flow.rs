//! Sayad cheques through the core against the sandbox bank: registering a
//! cheque with the dynamic PIN bound to its amount and Sayad ID (from an
//! enrolled, signing device), the payee seeing the issuer's colour code
//! before he accepts, a transfer with its own PIN, the journey restored after
//! the phone restarts and sent exactly once when the reply is lost, and the
//! bounce notice read offline from the phone's sealed copy.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails loudly

mod common;

use common::ledger_ok;
use hamrah_core::calendar::{JalaliDate, tehran};
use hamrah_core::channel::Timeouts;
use hamrah_core::client::{ChequeRole, ChequeStatus};
use hamrah_core::flows::cheques::{
    ChequeColour, ChequeRegistration, ChequeRegistrationState as Reg, ReceivedCheque,
    ReceivedChequeState as Recv, cheque_books, received_cheques,
};
use hamrah_e2e::{App, Bank};

const SARA_MOBILE: &str = "09121234567";
const REZA_ID: &str = "3382923971";
const MARYAM_ID: &str = "8472621677";
/// Reza's seeded cheque held by Sara: 400,000,000 rials, due in a week, above his balance.
const REZA_TO_SARA: &str = "1002003005010001";

/// The Jalali date `days` after the bank's today.
fn jalali_in(app: &App, days: i64) -> String {
    let today = jiff::Timestamp::from_second(app.ctx.bank_now())
        .unwrap()
        .to_zoned(tehran())
        .date();
    let day = today.checked_add(jiff::Span::new().days(days)).unwrap();
    JalaliDate::from_gregorian(day).unwrap().to_string()
}

/// Sara's registration of her leaf `leaf` to Reza, up to the confirmation.
async fn to_confirm(app: &App, leaf: u32, amount: &str) -> ChequeRegistration {
    let mut flow = ChequeRegistration::start(app.ctx.clone()).await.unwrap();
    let Reg::ChooseLeaf { leaves } = flow.state() else {
        panic!("{:?}", flow.state())
    };
    assert_eq!(
        leaves.len(),
        9,
        "the first leaf is the seeded cheque to Reza"
    );
    let sayad = format!("100200300401{leaf:04}");
    flow.choose_leaf(&sayad).unwrap();
    let state = flow
        .enter_details(
            amount,
            &jalali_in(app, 20),
            &[REZA_ID.to_owned()],
            "قسط اول",
        )
        .unwrap();
    assert!(
        matches!(state, Reg::Confirm { error: None, .. }),
        "{state:?}"
    );
    flow
}

#[tokio::test]
async fn a_registered_cheque_is_accepted_by_the_payee_after_he_sees_the_colour() {
    let bank = Bank::start().await.unwrap();
    let sara = App::enrolled(&bank, "sara.ahmadi").await.unwrap();
    let mut flow = ChequeRegistration::start(sara.ctx.clone()).await.unwrap();
    assert!(flow.choose_leaf("1002003004019999").is_err());
    flow.choose_leaf("۱۰۰۲۰۰۳۰۰۴۰۱۰۰۰۲").unwrap();
    // Each input is parsed on the phone first.
    for (amount, due, payee, code) in [
        (
            "۷۰٬۰۰۰٬۰۰۰",
            jalali_in(&sara, 20),
            "3382923970",
            "national_id.checksum",
        ),
        (
            "70000000",
            jalali_in(&sara, -1),
            REZA_ID,
            "cheque.due_date_invalid",
        ),
        (
            "70000000",
            "1405/13/01".to_owned(),
            REZA_ID,
            "calendar.invalid_date",
        ),
        (
            "x",
            jalali_in(&sara, 20),
            REZA_ID,
            "money.invalid_character",
        ),
    ] {
        let state = flow
            .enter_details(amount, &due, &[payee.to_owned()], "")
            .unwrap();
        let Reg::EnterDetails {
            error: Some(problem),
            ..
        } = state
        else {
            panic!("{state:?}")
        };
        assert_eq!(problem.code, code);
    }
    let state = flow
        .enter_details(
            "۷۰٬۰۰۰٬۰۰۰",
            &jalali_in(&sara, 20),
            &[REZA_ID.to_owned()],
            "قسط اول",
        )
        .unwrap()
        .clone();
    let Reg::Confirm { order, .. } = state else {
        panic!("{state:?}")
    };
    assert_eq!(order.amount.get(), 70_000_000);
    assert_eq!(order.amount_words_fa, "هفتاد میلیون");
    flow.request_pin().await.unwrap();
    let pin = bank.last_otp(SARA_MOBILE).await.unwrap();
    let state = flow.submit(&pin).await.unwrap().clone();
    let Reg::Registered { receipt, .. } = state else {
        panic!("{state:?}")
    };
    assert_eq!(receipt.status, ChequeStatus::PendingAcceptance);
    assert_eq!(receipt.holders_masked, ["338****971"]);
    let books = cheque_books(&sara.ctx).await.unwrap();
    assert!(
        books
            .issued()
            .any(|c| c.sayad_id.as_str() == "1002003004010002")
    );
    assert_eq!(books.standing().colour, ChequeColour::White);

    let reza = App::logged_in(&bank, "reza.karimi").await.unwrap();
    let offered = received_cheques(&reza.ctx).await.unwrap();
    assert_eq!(offered.pending().count(), 2, "the seeded one and this one");
    let mut answer = ReceivedCheque::start(reza.ctx.clone(), "1002 0030 0401 0002")
        .await
        .unwrap();
    // The colour is on the review screen, before any answer.
    let Recv::Review { cheque, .. } = answer.state() else {
        panic!("{:?}", answer.state())
    };
    assert_eq!(cheque.issuer.standing.colour, ChequeColour::White);
    assert_eq!(cheque.role, ChequeRole::Pending);
    assert_eq!(cheque.amount_rials, 70_000_000);
    let state = answer.accept().await.unwrap().clone();
    let Recv::Done { receipt, .. } = state else {
        panic!("{state:?}")
    };
    assert_eq!(receipt.status, ChequeStatus::Accepted);
    answer.close().unwrap();
    ledger_ok(&bank).await;
    bank.sandbox.stop().await;
}

#[tokio::test]
async fn a_registration_survives_a_restart_and_a_lost_reply_happens_once() {
    let bank = Bank::start().await.unwrap();
    let sara = App::logged_in(&bank, "sara.ahmadi").await.unwrap();
    let flow = to_confirm(&sara, 3, "12000000").await;
    let flow_id = flow.flow_id().to_owned();
    drop(flow);
    // The phone's process ends; a new one opens the same install.
    let sara = App::open(
        &bank,
        &sara.store_path,
        sara.secrets.clone(),
        Timeouts::default(),
    )
    .await
    .unwrap();
    sara.login(&bank, "sara.ahmadi").await.unwrap();
    let mut flow = ChequeRegistration::restore_latest(sara.ctx.clone())
        .unwrap()
        .unwrap();
    assert_eq!(flow.flow_id(), flow_id);
    assert!(
        matches!(flow.state(), Reg::Confirm { .. }),
        "{:?}",
        flow.state()
    );
    flow.request_pin().await.unwrap();
    let pin = bank.last_otp(SARA_MOBILE).await.unwrap();
    bank.fault("cheque_register", "drop_after_commit", 1, None)
        .await
        .unwrap();
    let state = flow.submit(&pin).await.unwrap().clone();
    assert!(matches!(state, Reg::Registered { .. }), "{state:?}");
    let stats = bank.sandbox.state().stats.snapshot();
    assert_eq!(
        stats.requests_by_operation.get("cheque_register").copied(),
        Some(1)
    );
    let restored = ChequeRegistration::restore(sara.ctx.clone(), &flow_id)
        .unwrap()
        .unwrap();
    assert!(matches!(restored.state(), Reg::Registered { .. }));
    restored.close().unwrap();
    let books = cheque_books(&sara.ctx).await.unwrap();
    assert_eq!(
        books
            .issued()
            .filter(|c| c.sayad_id.as_str() == "1002003004010003")
            .count(),
        1
    );
    ledger_ok(&bank).await;
    bank.sandbox.stop().await;
}

#[tokio::test]
async fn a_held_cheque_is_transferred_then_its_bounce_is_read_offline() {
    let bank = Bank::start().await.unwrap();
    let sara = App::logged_in(&bank, "sara.ahmadi").await.unwrap();
    let mut flow = ReceivedCheque::start(sara.ctx.clone(), REZA_TO_SARA)
        .await
        .unwrap();
    let Recv::Review { cheque, .. } = flow.state() else {
        panic!("{:?}", flow.state())
    };
    assert_eq!(cheque.role, ChequeRole::Holder);
    // Only a payee answers; a holder may transfer.
    let state = flow.accept().await.unwrap();
    let Recv::Review {
        error: Some(problem),
        ..
    } = state
    else {
        panic!("{state:?}")
    };
    assert_eq!(problem.code, "cheque.not_addressed");
    let state = flow.transfer_to("123").await.unwrap();
    assert!(
        matches!(state, Recv::Review { error: Some(_), .. }),
        "{state:?}"
    );
    let state = flow.transfer_to(MARYAM_ID).await.unwrap();
    assert!(matches!(state, Recv::ConfirmTransfer { .. }), "{state:?}");
    flow.request_pin().await.unwrap();
    let pin = bank.last_otp(SARA_MOBILE).await.unwrap();
    let state = flow.submit_transfer(&pin).await.unwrap().clone();
    let Recv::Done { receipt, .. } = state else {
        panic!("{state:?}")
    };
    assert_eq!(receipt.status, ChequeStatus::PendingAcceptance);
    assert_eq!(receipt.holders_masked, ["847****677"]);
    // The due date comes before Maryam answers: the transfer lapses, Sara
    // presents it, and Reza's account cannot pay it.
    bank.advance_clock(8 * 86_400).await.unwrap();
    sara.login(&bank, "sara.ahmadi").await.unwrap();
    let view = received_cheques(&sara.ctx).await.unwrap();
    assert!(!view.from_cache);
    let bounced: Vec<_> = view.bounced().collect();
    assert_eq!(bounced.len(), 1);
    assert_eq!(bounced[0].sayad_id.as_str(), REZA_TO_SARA);
    assert_eq!(bounced[0].issuer.standing.colour, ChequeColour::Brown);
    ledger_ok(&bank).await;
    // The bank goes away: the phone still shows the notice from its sealed copy.
    let _dir = bank.stop().await;
    let kept = received_cheques(&sara.ctx).await.unwrap();
    assert!(kept.from_cache);
    assert_eq!(kept.error.as_ref().unwrap().code, "network.unreachable");
    assert_eq!(kept.bounced().count(), 1);
}
