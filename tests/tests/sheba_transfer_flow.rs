//! The SHEBA transfer journey (PAYA and SATNA) of the core against the
//! sandbox bank: every step from the customer's input to the receipt, the
//! limits, and an outcome lost after commit resolved exactly once.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails loudly

mod common;

use common::ledger_ok;
use hamrah_core::flows::sheba_transfer::{Method, ShebaTransfer, ShebaTransferState};
use hamrah_core::ids::{AccountType, Sheba};
use hamrah_e2e::{App, Bank};

const PAYA_FEE: u64 = 20_000;
const SATNA_FEE: u64 = 50_000;

/// A SHEBA of another bank from the seed, by its 3-digit bank code.
async fn other_sheba(bank: &Bank, code: &str) -> String {
    let seed = bank.seed().await.unwrap();
    seed["other_bank_shebas"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s.as_str())
        .find(|s| &s[4..7] == code)
        .unwrap()
        .to_owned()
}

/// The available balance of the customer's account titled `title`.
async fn available(app: &App, title: &str) -> u64 {
    let accounts = app.ctx.api.accounts().await.unwrap();
    accounts
        .iter()
        .find(|a| a.title_fa == title)
        .unwrap()
        .available_balance_rials
}

/// A journey from the account titled `title` to `sheba`, up to the amount screen.
async fn to_amount(app: &App, title: &str, sheba: &str) -> ShebaTransfer {
    let mut flow = ShebaTransfer::start(app.ctx.clone()).await.unwrap();
    let ShebaTransferState::ChooseSource { accounts } = flow.state() else {
        panic!("{:?}", flow.state())
    };
    let id = accounts
        .iter()
        .find(|a| a.title_fa == title)
        .unwrap()
        .account_id
        .clone();
    flow.choose_source(&id).unwrap();
    let state = flow.enter_sheba(sheba).await.unwrap();
    assert!(
        matches!(state, ShebaTransferState::ConfirmHolder { .. }),
        "{state:?}"
    );
    let state = flow.confirm_holder(true).unwrap();
    assert!(
        matches!(state, ShebaTransferState::EnterAmount { .. }),
        "{state:?}"
    );
    flow
}

const CURRENT: &str = "حساب جاری";
const SAVINGS: &str = "حساب پس‌انداز";

const SARA_MOBILE: &str = "09121234567";

#[tokio::test]
async fn paya_happy_path_with_the_expected_settlement() {
    let bank = Bank::start().await.unwrap();
    let app = App::logged_in(&bank, "sara.ahmadi").await.unwrap();
    let mellat = other_sheba(&bank, "012").await;
    let before = available(&app, CURRENT).await;

    let mut flow = ShebaTransfer::start(app.ctx.clone()).await.unwrap();
    let ShebaTransferState::ChooseSource { accounts } = flow.state() else {
        panic!()
    };
    assert_eq!(accounts.len(), 2);
    let current = accounts.iter().find(|a| a.title_fa == CURRENT).unwrap();
    assert!(current.sheba_masked.starts_with("IR"));
    let id = current.account_id.clone();
    flow.choose_source(&id).unwrap();
    // Lower case and spaces, as typed.
    let typed = Sheba::grouped(&mellat.parse().unwrap()).to_lowercase();
    let state = flow.enter_sheba(&typed).await.unwrap();
    let ShebaTransferState::ConfirmHolder { destination, .. } = state else {
        panic!("{state:?}")
    };
    assert_eq!(destination.holder_name, "علی رضایی");
    assert_eq!(destination.bank.bank_id, "mellat");
    assert!(destination.sheba_masked.contains("****"));
    let state = flow.confirm_holder(true).unwrap();
    let ShebaTransferState::EnterAmount { limits, .. } = state else {
        panic!("{state:?}")
    };
    assert_eq!(limits.paya_below_rials, 150_000_000);
    assert_eq!(limits.satna_min_rials, 150_000_000);
    let state = flow.enter_amount("۳۰٬۰۰۰٬۰۰۰").unwrap();
    let ShebaTransferState::Confirm { payment, .. } = state else {
        panic!("{state:?}")
    };
    assert_eq!(payment.option.method, Method::Paya);
    assert_eq!(payment.option.fee_rials, PAYA_FEE);
    assert_eq!(payment.amount_words_fa, "سی میلیون");
    let estimate = payment.option.expected_settlement.clone().unwrap();
    flow.describe("اجاره").unwrap();

    let state = bank.submit_sheba(&mut flow, SARA_MOBILE).await.unwrap();
    let state = &state;
    let ShebaTransferState::Succeeded { receipt, .. } = state else {
        panic!("{state:?}")
    };
    assert_eq!(receipt.method, "paya");
    assert_eq!(receipt.status, "accepted");
    assert_eq!(receipt.total_debited_rials, 30_000_000 + PAYA_FEE);
    // The core's estimate from the bank's cycles is what the bank promised.
    assert!(
        receipt
            .expected_settlement_at_jalali
            .starts_with(&estimate.jalali),
        "{} vs {}",
        receipt.expected_settlement_at_jalali,
        estimate.jalali
    );
    assert_eq!(
        available(&app, CURRENT).await,
        before - 30_000_000 - PAYA_FEE
    );
    ledger_ok(&bank).await;
    let restored = ShebaTransfer::restore(app.ctx.clone(), flow.flow_id())
        .unwrap()
        .unwrap();
    assert!(matches!(
        restored.state(),
        ShebaTransferState::Succeeded { .. }
    ));
    bank.sandbox.stop().await;
}

#[tokio::test]
async fn satna_from_savings_on_a_chosen_date() {
    let bank = Bank::start().await.unwrap();
    let app = App::logged_in(&bank, "sara.ahmadi").await.unwrap();
    let tejarat = other_sheba(&bank, "018").await;
    let before = available(&app, SAVINGS).await;
    let mut flow = to_amount(&app, SAVINGS, &tejarat).await;
    let state = flow.enter_amount("2500000000").unwrap();
    let ShebaTransferState::Confirm { payment, .. } = state else {
        panic!("{state:?}")
    };
    assert_eq!(payment.option.method, Method::Satna);
    assert_eq!(payment.option.total_rials, 2_500_000_000 + SATNA_FEE);
    assert_eq!(payment.amount_words_fa, "دو میلیارد و پانصد میلیون");
    // Yesterday is refused; a date ten days ahead (Jalali) is taken.
    let state = flow.set_effective_date("1400/01/01").unwrap();
    let ShebaTransferState::Confirm { error: Some(e), .. } = state else {
        panic!("{state:?}")
    };
    assert_eq!(e.code, "transfer.effective_date_invalid");
    let later = jiff::Timestamp::now()
        .to_zoned(hamrah_core::calendar::tehran())
        .date()
        .checked_add(jiff::Span::new().days(10))
        .unwrap();
    let jalali = hamrah_core::calendar::JalaliDate::from_gregorian(later).unwrap();
    let state = flow.set_effective_date(&jalali.to_string()).unwrap();
    let ShebaTransferState::Confirm {
        payment,
        error: None,
        ..
    } = state
    else {
        panic!("{state:?}")
    };
    let estimate = payment.option.expected_settlement.clone().unwrap();
    let state = bank.submit_sheba(&mut flow, SARA_MOBILE).await.unwrap();
    let state = &state;
    let ShebaTransferState::Succeeded { receipt, .. } = state else {
        panic!("{state:?}")
    };
    assert_eq!(receipt.method, "satna");
    assert!(
        receipt
            .expected_settlement_at_jalali
            .starts_with(&estimate.jalali),
        "{} vs {}",
        receipt.expected_settlement_at_jalali,
        estimate.jalali
    );
    assert_eq!(
        available(&app, SAVINGS).await,
        before - 2_500_000_000 - SATNA_FEE
    );
    ledger_ok(&bank).await;
    bank.sandbox.stop().await;
}

#[tokio::test]
async fn limits_and_bad_input_are_caught_before_the_bank() {
    let bank = Bank::start().await.unwrap();
    let app = App::logged_in(&bank, "sara.ahmadi").await.unwrap();
    let saman = other_sheba(&bank, "056").await;
    let mut flow = ShebaTransfer::start(app.ctx.clone()).await.unwrap();
    let ShebaTransferState::ChooseSource { accounts } = flow.state() else {
        panic!()
    };
    let current = accounts.iter().find(|a| a.title_fa == CURRENT).unwrap();
    let (own, id) = (current.sheba.clone(), current.account_id.clone());
    flow.choose_source(&id).unwrap();
    // A typo: caught by the check digits; the own account; an unknown SHEBA.
    let mut typo = saman.clone().into_bytes();
    typo[10] = if typo[10] == b'1' { b'2' } else { b'1' };
    let unknown = Sheba::issue("012", AccountType::NonCentral, "999999999").unwrap();
    for (text, code) in [
        (String::from_utf8(typo).unwrap(), "sheba.checksum"),
        (own, "transfer.same_account"),
        (unknown.as_str().to_owned(), "inquiry.sheba_not_found"),
    ] {
        let state = flow.enter_sheba(&text).await.unwrap();
        let ShebaTransferState::EnterSheba { error: Some(e), .. } = state else {
            panic!("{state:?}")
        };
        assert_eq!(e.code, code);
        assert_eq!(e.field.as_deref(), Some("destination_sheba"));
    }
    let stats = bank.sandbox.state().stats.snapshot();
    let inquiries = stats.requests_by_operation.get("sheba_holder_inquiry");
    assert_eq!(inquiries.copied(), Some(1));

    let mut flow = to_amount(&app, CURRENT, &saman).await;
    for (amount, code) in [
        ("900000000", "funds.insufficient"),
        ("0", "amount.invalid"),
        ("12x", "money.invalid_character"),
    ] {
        let state = flow.enter_amount(amount).unwrap();
        let ShebaTransferState::EnterAmount { error: Some(e), .. } = state else {
            panic!("{state:?}")
        };
        assert_eq!(e.code, code, "{amount}");
    }
    // Just below the PAYA limit is PAYA; the limit itself is SATNA.
    let state = flow.enter_amount("149,999,999").unwrap();
    let ShebaTransferState::Confirm { payment, .. } = state else {
        panic!("{state:?}")
    };
    assert_eq!(payment.option.method, Method::Paya);
    let mut flow = to_amount(&app, CURRENT, &saman).await;
    let state = flow.enter_amount("150000000").unwrap();
    let ShebaTransferState::Confirm { payment, .. } = state else {
        panic!("{state:?}")
    };
    assert_eq!(payment.option.method, Method::Satna);
    bank.sandbox.stop().await;
}

#[tokio::test]
async fn a_lost_answer_is_resolved_and_debits_once() {
    let bank = Bank::start().await.unwrap();
    let app = App::logged_in(&bank, "sara.ahmadi").await.unwrap();
    let mellat = other_sheba(&bank, "012").await;
    let before = available(&app, CURRENT).await;
    let mut flow = to_amount(&app, CURRENT, &mellat).await;
    flow.enter_amount("40000000").unwrap();
    bank.fault("sheba_transfer_create", "drop_after_commit", 1, None)
        .await
        .unwrap();
    let state = bank.submit_sheba(&mut flow, SARA_MOBILE).await.unwrap();
    let state = &state;
    let ShebaTransferState::Succeeded { receipt, .. } = state else {
        panic!("{state:?}")
    };
    assert_eq!(receipt.total_debited_rials, 40_000_000 + PAYA_FEE);
    assert_eq!(
        available(&app, CURRENT).await,
        before - 40_000_000 - PAYA_FEE
    );
    let stats = bank.sandbox.state().stats.snapshot();
    let creates = stats.requests_by_operation.get("sheba_transfer_create");
    assert_eq!(creates.copied(), Some(1));
    ledger_ok(&bank).await;
    bank.sandbox.stop().await;
}
