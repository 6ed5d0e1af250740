//! The light mode's promise for the information and inbox screens: one
//! request per screen opened, none for a screen read from the phone, and no
//! new connection after the first. Counted by the bank (`GET /admin/stats`).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails loudly

use hamrah_core::channel::Method;
use hamrah_core::flows::info::{BranchDirectory, deposit_products, exchange_rates};
use hamrah_core::flows::notices::{INBOX_PAGE, Inbox};
use hamrah_e2e::{App, Bank};
use serde_json::Value;

/// Non-admin requests and connections the bank saw so far.
async fn counted(bank: &Bank) -> (u64, u64) {
    let stats: Value = bank.admin(Method::GET, "/admin/stats", None).await.unwrap();
    let requests = stats["requests_served"].as_u64().unwrap();
    let connections = stats["connections_accepted"].as_u64().unwrap()
        - stats["admin_connections"].as_u64().unwrap();
    (requests, connections)
}

#[tokio::test]
async fn each_screen_is_one_request_and_a_read_from_the_phone_none() {
    let bank = Bank::start().await.unwrap();
    let app = App::logged_in(&bank, "sara.ahmadi").await.unwrap();
    let ctx = &app.ctx;
    let inbox = Inbox::new(ctx.clone());
    let mut rows = Vec::new();
    let mut last = counted(&bank).await;
    macro_rules! screen {
        ($name:literal, $open:expr) => {{
            $open;
            let now = counted(&bank).await;
            rows.push(($name, now.0 - last.0, now.1 - last.1));
            last = now;
        }};
    }
    screen!("rates", exchange_rates(ctx, false).await.unwrap().unwrap());
    screen!(
        "rates again (304)",
        exchange_rates(ctx, false).await.unwrap().unwrap()
    );
    screen!(
        "rates, light",
        exchange_rates(ctx, true).await.unwrap().unwrap()
    );
    screen!("branches", BranchDirectory::load(ctx).await.unwrap());
    screen!(
        "branches again (304)",
        BranchDirectory::load(ctx).await.unwrap()
    );
    screen!("branches, light, 3 searches", {
        let d = BranchDirectory::cached(ctx).unwrap().unwrap();
        d.search("تهران", 20);
        d.search("1012", 1);
        d.nearest(35.75, 51.41, 5).unwrap()
    });
    screen!(
        "deposit products",
        deposit_products(ctx, false).await.unwrap().unwrap()
    );
    screen!(
        "deposit products, light",
        deposit_products(ctx, true).await.unwrap().unwrap()
    );
    screen!("inbox", inbox.sync(INBOX_PAGE).await.unwrap());
    screen!("inbox, light", inbox.page(None, INBOX_PAGE).unwrap());
    screen!("mark read", inbox.mark_all_read(INBOX_PAGE).await.unwrap());
    assert!(last.0 >= 8, "the bank counted them");
    for (name, requests, connections) in &rows {
        eprintln!("{name}: {requests} requests, {connections} new connections");
    }
    let requests: Vec<u64> = rows.iter().map(|r| r.1).collect();
    assert_eq!(requests, [1, 1, 0, 1, 1, 0, 1, 0, 1, 0, 1], "{rows:?}");
    assert!(
        rows.iter().all(|r| r.2 == 0),
        "the login's connection is reused: {rows:?}"
    );
    bank.sandbox.stop().await;
}
