//! The inbox through the core against the sandbox bank: the notices the bank
//! sent by SMS synced into the sealed store (one request), unread counts,
//! read marks shared with the customer's other phones (and sent later when
//! the bank cannot be reached), offline reads.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails loudly

mod common;

use common::*;
use hamrah_core::flows::card_transfer::CardTransferState;
use hamrah_core::flows::notices::{INBOX_PAGE, Inbox};
use hamrah_e2e::{App, Bank};

const SARA_MOBILE: &str = "09121234567";
const AMOUNT: u64 = 2_500_000;
const FEE: u64 = 7_200;

fn served(bank: &Bank, operation: &str) -> u64 {
    let stats = bank.sandbox.state().stats.snapshot();
    stats
        .requests_by_operation
        .get(operation)
        .copied()
        .unwrap_or(0)
}

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

/// Whether `needle` is anywhere in the store's files (database and WAL).
fn in_store_files(app: &App, needle: &str) -> bool {
    ["", "-wal"].iter().any(|suffix| {
        let mut path = app.store_path.as_os_str().to_owned();
        path.push(suffix);
        std::fs::read(&path)
            .map(|bytes| bytes.windows(needle.len()).any(|w| w == needle.as_bytes()))
            .unwrap_or(false)
    })
}

#[tokio::test]
async fn the_inbox_syncs_sealed_counts_unread_and_shares_read_marks() {
    let bank = Bank::start().await.unwrap();
    let app = App::logged_in(&bank, "sara.ahmadi").await.unwrap();
    let pan = bank.other_card("tejarat").await.unwrap();
    transfer(&bank, &app, &pan).await;
    let inbox = Inbox::new(app.ctx.clone());
    assert_eq!(inbox.unread_count().unwrap(), 0, "nothing synced yet");

    let view = inbox.sync(INBOX_PAGE).await.unwrap();
    assert_eq!(served(&bank, "notice_list"), 1);
    assert!(!view.offline);
    let kinds: Vec<&str> = view.notices.iter().map(|n| n.kind.as_str()).collect();
    assert_eq!(kinds, ["debit", "login_notice"], "newest first");
    assert_eq!(view.unread_count, 2);
    let debit = &view.notices[0];
    assert_eq!(debit.title_fa, "برداشت");
    assert_eq!(debit.amount.unwrap().get(), AMOUNT + FEE);
    assert_eq!(debit.amount_fa.as_deref(), Some("۲٬۵۰۷٬۲۰۰ ریال"));
    assert!(!debit.read);
    assert!(debit.created_at_fa.chars().all(|c| !c.is_ascii_digit()));
    assert_eq!(view.notices[1].title_fa, "ورود به همراه‌بانک");
    // Sealed on the phone: neither the text nor its masked card is in the files.
    let masked = debit
        .text_fa
        .split_whitespace()
        .find(|w| w.contains("******"))
        .unwrap()
        .to_owned();
    assert!(!in_store_files(&app, &masked), "{masked} in clear");
    assert!(!in_store_files(&app, "برداشت کارت به کارت"));

    // Read up to the newest: one request; her other phone sees them read.
    let read = inbox.mark_all_read(INBOX_PAGE).await.unwrap();
    assert_eq!(served(&bank, "notice_mark_read"), 1);
    assert_eq!(read.unread_count, 0);
    assert!(read.notices.iter().all(|n| n.read));
    let other = App::logged_in(&bank, "sara.ahmadi").await.unwrap();
    let there = Inbox::new(other.ctx.clone())
        .sync(INBOX_PAGE)
        .await
        .unwrap();
    // Only her new login is unread there.
    assert_eq!(there.unread_count, 1);
    assert_eq!(there.notices[0].kind, "login_notice");
    assert!(!there.notices[0].read && there.notices[1..].iter().all(|n| n.read));

    // A new transfer: the next sync is one request for what is new only.
    transfer(&bank, &app, &pan).await;
    let before = served(&bank, "notice_list");
    let view = inbox.sync(INBOX_PAGE).await.unwrap();
    assert_eq!(served(&bank, "notice_list"), before + 1);
    assert_eq!(view.unread_count, 2, "her second login and the new debit");
    assert_eq!(view.notices.len(), 4);

    // The bank down: the phone's inbox, and a read mark kept until it is back.
    bank.fault("notice_list", "server_error", 1, None)
        .await
        .unwrap();
    let down = inbox.sync(INBOX_PAGE).await.unwrap();
    assert!(down.offline);
    assert_eq!(down.error.unwrap().code, "server.unavailable");
    assert_eq!(down.notices, view.notices);
    bank.fault("notice_mark_read", "server_error", 1, None)
        .await
        .unwrap();
    let marked = inbox.mark_all_read(INBOX_PAGE).await.unwrap();
    assert!(marked.offline);
    assert_eq!(marked.unread_count, 0);
    let page = inbox.page(None, 2).unwrap();
    assert_eq!(page.notices.len(), 2);
    assert!(page.has_older);
    let older = inbox.page(Some(page.notices[1].notice_id), 10).unwrap();
    assert_eq!(older.notices.len(), 2);
    assert!(!older.has_older);
    // Back: the next sync sends the mark first.
    let marks = served(&bank, "notice_mark_read");
    inbox.sync(INBOX_PAGE).await.unwrap();
    assert_eq!(served(&bank, "notice_mark_read"), marks + 1);
    let there = Inbox::new(other.ctx.clone())
        .sync(INBOX_PAGE)
        .await
        .unwrap();
    assert_eq!(there.unread_count, 0);
    ledger_ok(&bank).await;
    bank.sandbox.stop().await;
}
