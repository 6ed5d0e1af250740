//! The top-up journey of the core against the sandbox bank: a top-up for
//! another number (its operator proposed, then overridden for a ported
//! number) paid from an account, with the requests each step costs; an
//! internet package for "my number" paid by card; choices refused on the
//! phone; a journey reopened after a restart; and an answer lost after
//! commit, with the phone's process dying, resolved exactly once.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails loudly

mod common;
mod support;

use common::{ledger_ok, sara_card};
use hamrah_core::flows::bill_payment::BillSource;
use hamrah_core::flows::topup::{Topup, TopupState};
use hamrah_core::ids::Operator;
use hamrah_e2e::{App, Bank};
use support::{Meter, requests, served, two_processes};

const SARA_MOBILE: &str = "09121234567";

/// The available balance of an account.
async fn available(app: &App, account_id: &str) -> u64 {
    let accounts = app.ctx.api.accounts().await.unwrap();
    let account = accounts
        .iter()
        .find(|a| a.account_id == account_id)
        .unwrap();
    account.available_balance_rials
}

/// The first source of the kind (`account` or `card`) on the source screen.
fn source(state: &TopupState, card: bool) -> String {
    let TopupState::ChooseSource { sources, .. } = state else {
        panic!("{state:?}")
    };
    sources
        .iter()
        .find(|s| matches!(s, BillSource::Card { .. }) == card)
        .unwrap()
        .id()
        .to_owned()
}

#[tokio::test]
async fn a_top_up_for_another_number_step_by_step() {
    let bank = Bank::start().await.unwrap();
    let app = App::logged_in(&bank, "sara.ahmadi").await.unwrap();
    let mut meter = Meter::new(&bank);

    let mut flow = Topup::start(app.ctx.clone()).await.unwrap();
    meter.step(&bank, "start");
    let TopupState::EnterMobile { catalog, .. } = flow.state() else {
        panic!("{:?}", flow.state())
    };
    assert_eq!(catalog.own_mobile.as_ref().unwrap().as_str(), SARA_MOBILE);
    // As typed: +98, spaces, Persian digits.
    let state = flow.enter_mobile("+98 ۹۳۵ ۱۲۳ ۴۵۶۷").unwrap().clone();
    meter.step(&bank, "mobile");
    let TopupState::ChooseProduct { line, error, .. } = &state else {
        panic!("{state:?}")
    };
    assert_eq!(error, &None);
    assert_eq!(line.operator, Operator::Irancell);
    assert_eq!(line.mobile_masked, "0935***4567");
    assert!(!line.own);
    let offer = state.offer().unwrap();
    assert_eq!(offer.operator, Operator::Irancell);
    assert_eq!(offer.amazing_title_fa.as_deref(), Some("شارژ شگفت‌انگیز"));
    // Ported to MCI, then back.
    let state = flow.choose_operator("mci").unwrap();
    let TopupState::ChooseProduct { line, .. } = state else {
        panic!("{state:?}")
    };
    assert!(line.ported());
    assert_eq!(line.operator_name_fa, "همراه اول");
    flow.choose_operator("irancell").unwrap();
    meter.step(&bank, "operator");
    let state = flow.choose_charge("۲۰۰٬۰۰۰", true).await.unwrap().clone();
    meter.step(&bank, "product");
    let TopupState::ChooseSource { purchase, .. } = &state else {
        panic!("{state:?}")
    };
    assert_eq!(purchase.title_fa, "شارژ شگفت‌انگیز ایرانسل");
    assert_eq!(purchase.amount_words_fa, "دویست هزار");
    let account = source(&state, false);
    let balance = available(&app, &account).await;
    meter.skip(&bank);
    let state = flow.choose_source(&account).unwrap();
    assert!(
        matches!(state, TopupState::ConfirmAccount { .. }),
        "{state:?}"
    );
    meter.step(&bank, "source");
    let state = flow.request_pin().await.unwrap();
    assert!(
        matches!(state, TopupState::ConfirmAccount { error: None, .. }),
        "{state:?}"
    );
    meter.step(&bank, "pin");
    let pin = bank.last_otp(SARA_MOBILE).await.unwrap();
    let state = flow.confirm(&pin).await.unwrap().clone();
    meter.step(&bank, "confirm");
    let TopupState::Succeeded { receipt, .. } = &state else {
        panic!("{state:?}")
    };
    assert_eq!(receipt.mobile_masked, "0935***4567");
    assert_eq!(receipt.operator, "irancell");
    assert_eq!(receipt.operator_reference.len(), 12);
    assert_eq!(receipt.total_debited_rials, 200_000);
    assert_eq!(available(&app, &account).await, balance - 200_000);
    // One request a step; the product step reads the accounts and the cards.
    assert_eq!(
        meter.cost,
        [
            ("start", 1),
            ("mobile", 0),
            ("operator", 0),
            ("product", 2),
            ("source", 0),
            ("pin", 1),
            ("confirm", 1)
        ]
    );
    // Reopened by a new process on the same store: the receipt is still there.
    let restored = Topup::restore(app.ctx.clone(), flow.flow_id())
        .unwrap()
        .unwrap();
    assert_eq!(restored.state(), &state);
    ledger_ok(&bank).await;
    bank.sandbox.stop().await;
}

#[tokio::test]
async fn an_internet_package_for_my_number_paid_by_card() {
    let bank = Bank::start().await.unwrap();
    let app = App::logged_in(&bank, "sara.ahmadi").await.unwrap();
    let mut flow = Topup::start(app.ctx.clone()).await.unwrap();
    let TopupState::EnterMobile { catalog, .. } = flow.state() else {
        panic!()
    };
    let own = catalog.own_mobile.clone().unwrap();
    let state = flow.enter_mobile(own.as_str()).unwrap();
    let TopupState::ChooseProduct { line, .. } = state else {
        panic!("{state:?}")
    };
    assert!(line.own);
    let package = state.offer().unwrap().packages[1].clone();
    assert_eq!(package.duration_days, 7);
    // Reopened on the product screen: the catalogue was saved in the
    // contract's shape and comes back through its parser, the offer with it.
    let reopened = Topup::restore(app.ctx.clone(), flow.flow_id())
        .unwrap()
        .unwrap();
    assert_eq!(reopened.state(), flow.state());
    assert_eq!(reopened.state().offer(), flow.state().offer());
    let state = flow
        .choose_package(package.package_id.as_str())
        .await
        .unwrap()
        .clone();
    let card = source(&state, true);
    let state = flow.choose_source(&card).unwrap();
    assert!(matches!(state, TopupState::Authorize { .. }), "{state:?}");
    flow.request_pin().await.unwrap();
    let pin = bank.last_otp(SARA_MOBILE).await.unwrap();
    let (cvv2, expiry) = sara_card(&bank);
    let state = flow.submit_card(&pin, &cvv2, &expiry).await.unwrap();
    let TopupState::Succeeded { receipt, order } = state else {
        panic!("{state:?}")
    };
    assert_eq!(receipt.source_kind, "card");
    assert!(receipt.source_pan_masked.is_some());
    assert_eq!(receipt.amount_rials, package.price.get());
    assert_eq!(order.purchase.title_fa, package.title_fa);
    // The receipt reopened, its package read back as saved.
    let restored = Topup::restore(app.ctx.clone(), flow.flow_id())
        .unwrap()
        .unwrap();
    assert_eq!(restored.state(), flow.state());
    ledger_ok(&bank).await;
    bank.sandbox.stop().await;
}

#[tokio::test]
async fn what_the_operator_does_not_sell_is_refused_on_the_phone() {
    let bank = Bank::start().await.unwrap();
    let app = App::logged_in(&bank, "sara.ahmadi").await.unwrap();
    let mut flow = Topup::start(app.ctx.clone()).await.unwrap();
    let before = requests(&bank);
    let state = flow.enter_mobile("0912123456").unwrap();
    let TopupState::EnterMobile { error: Some(e), .. } = state else {
        panic!("{state:?}")
    };
    assert_eq!(
        (e.code.as_str(), e.field.as_deref()),
        ("mobile.length", Some("mobile"))
    );
    // A Shatel number: no offer, but the customer may pick the operator it was ported to.
    let state = flow.enter_mobile("09981234567").unwrap();
    let TopupState::ChooseProduct { error: Some(e), .. } = state else {
        panic!("{state:?}")
    };
    assert_eq!(state.offer(), None);
    assert_eq!(e.code, "topup.operator_not_sold");
    let state = flow.choose_operator("talia").unwrap();
    let TopupState::ChooseProduct { error: Some(e), .. } = state else {
        panic!("{state:?}")
    };
    assert_eq!(e.code, "topup.operator_not_sold");
    flow.choose_operator("mci").unwrap();
    let refused = |state: &TopupState| match state {
        TopupState::ChooseProduct { error: Some(e), .. } => e.code.clone(),
        other => panic!("{other:?}"),
    };
    let state = flow.choose_charge("200000", true).await.unwrap();
    assert_eq!(refused(state), "topup.amazing_not_offered");
    let state = flow.choose_charge("123456", false).await.unwrap();
    assert_eq!(refused(state), "topup.amount_not_offered");
    let state = flow.choose_package("irc_7d_6gb").await.unwrap();
    assert_eq!(refused(state), "topup.package_not_found");
    assert_eq!(
        requests(&bank),
        before,
        "refused on the phone, not at the bank"
    );
    bank.sandbox.stop().await;
}

#[test]
fn a_top_up_sent_before_the_phone_died_is_resolved_once() {
    let bank_rt = tokio::runtime::Runtime::new().unwrap();
    let bank = bank_rt.block_on(Bank::start()).unwrap();
    let ((flow_id, account, balance), app) =
        two_processes(&bank_rt, &bank, "sara.ahmadi", async |app: App| {
            let mut flow = Topup::start(app.ctx.clone()).await.unwrap();
            flow.enter_mobile("09211234567").unwrap();
            let state = flow.choose_charge("500000", false).await.unwrap().clone();
            let account = source(&state, false);
            let balance = available(&app, &account).await;
            flow.choose_source(&account).unwrap();
            flow.request_pin().await.unwrap();
            let pin = bank.last_otp(SARA_MOBILE).await.unwrap();
            // The answer is lost after commit and the inquiry hangs: the
            // phone dies with the journal entry pending.
            bank.fault("topup_create", "drop_after_commit", 1, None)
                .await
                .unwrap();
            bank.fault("operation_get", "delay", 1, Some(5_000))
                .await
                .unwrap();
            let flow_id = flow.flow_id().to_owned();
            tokio::spawn(async move {
                let _ = flow.confirm(&pin).await;
            });
            (flow_id, account, balance)
        });
    bank_rt.block_on(async {
        let flow = Topup::restore(app.ctx.clone(), &flow_id).unwrap().unwrap();
        let TopupState::Succeeded { receipt, .. } = flow.state() else {
            panic!("{:?}", flow.state())
        };
        assert_eq!(receipt.operator, "rightel");
        assert_eq!(available(&app, &account).await, balance - 500_000);
        assert_eq!(served(&bank, "topup_create"), 1);
        ledger_ok(&bank).await;
    });
    bank_rt.block_on(bank.sandbox.stop());
}
