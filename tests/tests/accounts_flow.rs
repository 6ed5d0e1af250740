//! The customer's own money against the sandbox bank: the overview with
//! refresh, statement pages (cached, then served and searched offline), card
//! limits with today's and this month's usage, the saved destinations, and
//! blocking a card exactly once (also across a restart of the phone).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails loudly

mod common;

use common::*;
use hamrah_core::channel::Method;
use hamrah_core::flows::accounts::{
    BlockReason, CardBlock, CardBlockState, Overview, Payee, Statement, card_limits,
    saved_destinations,
};
use hamrah_core::flows::card_transfer::CardTransferState;
use hamrah_core::money::Rials;
use hamrah_core::store::StatementSearch;
use hamrah_e2e::{App, Bank};

const SARA_MOBILE: &str = "09121234567";
const AMOUNT: u64 = 2_500_000;
const FEE: u64 = 7_200;

/// One card-to-card transfer of [`AMOUNT`] from Sara's first card to `pan`.
async fn transfer(bank: &Bank, app: &App, pan: &str) {
    let mut flow = to_authorize(app, pan, AMOUNT).await;
    let otp = pin(bank, &mut flow, SARA_MOBILE).await;
    let (cvv2, expiry) = sara_card(bank);
    let state = flow.submit(&otp, &cvv2, &expiry).await.unwrap();
    assert!(
        matches!(state, CardTransferState::Succeeded { .. }),
        "{state:?}"
    );
}

#[tokio::test]
async fn overview_refresh_shows_a_transfer_and_survives_an_outage() {
    let bank = Bank::start().await.unwrap();
    let app = App::logged_in(&bank, "sara.ahmadi").await.unwrap();
    let mut overview = Overview::load(app.ctx.clone()).await.unwrap();
    let state = overview.state().clone();
    assert_eq!(state.accounts.len(), 2);
    assert!(!state.cards.is_empty());
    let card = state.cards[0].clone();
    assert!(card.pan_masked.contains("******"), "{card:?}");
    let account = overview.account(&card.account_id).unwrap().clone();
    assert!(account.sheba_masked.contains("****"));
    assert!(!account.available_words_fa.is_empty());
    // Debug of the view never shows the full SHEBA.
    assert!(!format!("{account:?}").contains(account.sheba.as_str()));

    transfer(&bank, &app, &bank.other_card("mellat").await.unwrap()).await;
    let state = overview.refresh().await.clone();
    assert!(state.error.is_none());
    let after = overview.account(&card.account_id).unwrap();
    assert_eq!(
        after.available.get(),
        account.available.get() - AMOUNT - FEE
    );

    // The bank fails: the lists stay, with the reason.
    bank.fault("account_list", "server_error", 1, None)
        .await
        .unwrap();
    let state = overview.refresh().await;
    assert_eq!(state.error.as_ref().unwrap().code, "server.unavailable");
    assert_eq!(state.accounts.len(), 2);
    bank.sandbox.stop().await;
}

#[tokio::test]
async fn statement_pages_are_cached_and_searchable_offline() {
    let bank = Bank::start().await.unwrap();
    let app = App::logged_in(&bank, "sara.ahmadi").await.unwrap();
    let pan = bank.other_card("tejarat").await.unwrap();
    for _ in 0..3 {
        transfer(&bank, &app, &pan).await;
    }
    let account = app.ctx.api.cards().await.unwrap()[0].account_id.clone();
    let mut statement = Statement::new(app.ctx.clone(), &account, 2);
    let first = statement.first_page().await.unwrap();
    assert!(!first.from_cache);
    assert_eq!(first.entries.len(), 2);
    assert!(first.has_more);
    let second = statement.next_page().await.unwrap();
    assert_eq!(second.entries.len(), 2);
    assert!(
        first
            .entries
            .iter()
            .all(|a| second.entries.iter().all(|b| a.entry_id != b.entry_id)),
        "pages overlap"
    );
    let newest = &first.entries[0];
    assert!(newest.amount_signed_fa().starts_with('−'), "{newest:?}");

    // Offline: the bank is down, the cache answers, newest first.
    bank.fault("account_statement_list", "server_error", 2, None)
        .await
        .unwrap();
    let cached = statement.first_page().await.unwrap();
    assert!(cached.from_cache);
    assert_eq!(cached.error.as_ref().unwrap().code, "server.unavailable");
    assert_eq!(cached.entries, first.entries);
    let cached_next = statement.next_page().await.unwrap();
    assert_eq!(cached_next.entries, second.entries);

    // Search by amount (the debit includes the fee) and by counterparty runs on the cache.
    let debit = AMOUNT + FEE;
    let by_amount = statement
        .search(&StatementSearch::Amount(debit as i64))
        .unwrap();
    assert!(
        by_amount.len() >= 3,
        "{} entries of the amount",
        by_amount.len()
    );
    assert!(by_amount.iter().all(|e| e.amount_rials == debit));
    let masked = by_amount[0].counterparty_pan_masked.clone().unwrap();
    assert!(masked.contains("******"));
    let by_card = statement
        .search(&StatementSearch::Counterparty(masked.clone()))
        .unwrap();
    assert_eq!(by_card.len(), 3);
    assert!(
        by_card
            .iter()
            .all(|e| e.counterparty_pan_masked.as_deref() == Some(masked.as_str()))
    );
    // As the customer types it: an amount in Persian digits, or the counterparty.
    let typed = hamrah_core::digits::to_persian_digits(&Rials::new(debit).grouped());
    assert_eq!(statement.search_typed(&typed).unwrap(), by_amount);
    assert_eq!(
        statement.search_typed(&format!(" {masked} ")).unwrap(),
        by_card
    );
    assert!(statement.search_typed("  ").unwrap().is_empty());
    bank.sandbox.stop().await;
}

#[tokio::test]
async fn limits_show_todays_and_this_months_usage() {
    let bank = Bank::start().await.unwrap();
    let app = App::logged_in(&bank, "sara.ahmadi").await.unwrap();
    let card_id = app.ctx.api.cards().await.unwrap()[0].card_id.clone();
    let before = card_limits(&app.ctx, &card_id).await.unwrap();
    transfer(&bank, &app, &bank.other_card("saman").await.unwrap()).await;
    let after = card_limits(&app.ctx, &card_id).await.unwrap();
    assert_eq!(after.today.used.get(), before.today.used.get() + AMOUNT);
    assert_eq!(
        after.this_month.used.get(),
        before.this_month.used.get() + AMOUNT
    );
    assert_eq!(
        after.today.remaining.get(),
        after.today.limit.get() - after.today.used.get()
    );
    assert!(
        after
            .today
            .resets_at_jalali
            .as_deref()
            .unwrap()
            .contains('/')
    );
    assert!(after.this_month.resets_at_jalali.is_some());
    let problem = card_limits(&app.ctx, "crd_nope").await.unwrap_err();
    assert_eq!(problem.code, "card.not_found");
    bank.sandbox.stop().await;
}

#[tokio::test]
async fn destinations_paid_to_are_saved_with_their_holders() {
    let bank = Bank::start().await.unwrap();
    let app = App::logged_in(&bank, "sara.ahmadi").await.unwrap();
    assert!(saved_destinations(&app.ctx).unwrap().is_empty());
    let mellat = bank.other_card("mellat").await.unwrap();
    transfer(&bank, &app, &mellat).await;
    transfer(&bank, &app, &mellat).await;
    let saved = saved_destinations(&app.ctx).unwrap();
    assert_eq!(saved.len(), 1, "{saved:?}");
    let Payee::Card { pan } = &saved[0].payee else {
        panic!("{saved:?}")
    };
    assert_eq!(pan.as_str(), mellat);
    assert_eq!(saved[0].holder_name, "علی رضایی");
    assert_eq!(saved[0].bank_name_fa.as_deref(), Some("بانک ملت"));
    assert!(!format!("{saved:?}").contains(&mellat));
    // The saved value goes straight back into a new transfer.
    let mut flow = to_authorize(&app, saved[0].payee.as_str(), AMOUNT).await;
    let otp = pin(&bank, &mut flow, SARA_MOBILE).await;
    let (cvv2, expiry) = sara_card(&bank);
    let state = flow.submit(&otp, &cvv2, &expiry).await.unwrap();
    assert!(matches!(state, CardTransferState::Succeeded { .. }));
    assert_eq!(saved_destinations(&app.ctx).unwrap().len(), 1);
    bank.sandbox.stop().await;
}

/// The number of card-block SMS messages sent to `mobile`.
async fn block_sms(bank: &Bank, mobile: &str) -> usize {
    let outbox = bank
        .admin(
            Method::GET,
            &format!("/admin/sms/{mobile}?kind=card_block"),
            None,
        )
        .await
        .unwrap();
    outbox["items"].as_array().map_or(0, Vec::len)
}

#[tokio::test]
async fn a_card_is_blocked_exactly_once_even_when_the_answer_is_lost() {
    let bank = Bank::start().await.unwrap();
    let app = App::logged_in(&bank, "sara.ahmadi").await.unwrap();
    let mut flow = CardBlock::start(app.ctx.clone()).await.unwrap();
    let CardBlockState::ChooseCard { cards } = flow.state().clone() else {
        panic!("{:?}", flow.state())
    };
    let card = cards[0].clone();
    let problem = flow.choose("crd_nope", BlockReason::Lost).unwrap_err();
    assert_eq!(problem.code, "card.not_found");
    // Changing one's mind at the confirmation goes back to the cards.
    flow.choose(&card.card_id, BlockReason::Lost).unwrap();
    let state = flow.back().await.unwrap();
    assert!(
        matches!(state, CardBlockState::ChooseCard { .. }),
        "{state:?}"
    );
    let state = flow.choose(&card.card_id, BlockReason::Stolen).unwrap();
    assert!(matches!(state, CardBlockState::Confirm { .. }), "{state:?}");
    // The confirm screen survives a restart of the screen.
    let flow_id = flow.flow_id().to_owned();
    let mut flow = CardBlock::restore(app.ctx.clone(), &flow_id)
        .unwrap()
        .unwrap();
    assert!(matches!(flow.state(), CardBlockState::Confirm { .. }));

    bank.fault("card_block", "drop_after_commit", 1, None)
        .await
        .unwrap();
    let state = flow.confirm().await.unwrap().clone();
    let CardBlockState::Blocked { order, receipt } = state else {
        panic!("{state:?}")
    };
    assert_eq!(receipt.pan_masked, card.pan_masked);
    assert_eq!(receipt.reason, "stolen");
    assert_eq!(order.reason, BlockReason::Stolen);
    let stats = bank.sandbox.state().stats.snapshot();
    assert_eq!(
        stats.requests_by_operation.get("card_block").copied(),
        Some(1)
    );
    assert_eq!(block_sms(&bank, SARA_MOBILE).await, 1);
    let cards = app.ctx.api.cards().await.unwrap();
    let now = cards.iter().find(|c| c.card_id == card.card_id).unwrap();
    assert_eq!(now.state, "blocked");

    // A blocked card is no longer offered.
    let next = CardBlock::start(app.ctx.clone()).await.unwrap();
    let CardBlockState::ChooseCard { cards } = next.state() else {
        panic!()
    };
    assert!(cards.iter().all(|c| c.card_id != card.card_id));
    let restored = CardBlock::restore(app.ctx.clone(), &flow_id)
        .unwrap()
        .unwrap();
    assert!(matches!(restored.state(), CardBlockState::Blocked { .. }));
    restored.close().unwrap();
    assert!(
        CardBlock::restore(app.ctx.clone(), &flow_id)
            .unwrap()
            .is_none()
    );
    bank.sandbox.stop().await;
}
