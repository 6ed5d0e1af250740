//! The bank's information through the core against the sandbox bank: each
//! screen one conditional request (304 while the phone's copy is current),
//! shown offline from the sealed store with its age, branches searched on the
//! phone with no request per search.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails loudly

use hamrah_core::channel::Method;
use hamrah_core::flows::info::{BranchDirectory, deposit_products, exchange_rates};
use hamrah_e2e::{App, Bank};
use serde_json::json;

/// Requests the bank served for `operation` so far.
fn served(bank: &Bank, operation: &str) -> u64 {
    let stats = bank.sandbox.state().stats.snapshot();
    stats
        .requests_by_operation
        .get(operation)
        .copied()
        .unwrap_or(0)
}

#[tokio::test]
async fn rates_revalidate_for_free_and_show_their_age_offline() {
    let bank = Bank::start().await.unwrap();
    // No login: a customer reads the rates before logging in.
    let app = App::install(&bank).await.unwrap();
    let view = exchange_rates(&app.ctx, false).await.unwrap().unwrap();
    assert_eq!(served(&bank, "exchange_rate_list"), 1);
    assert!(!view.freshness.offline && !view.stale, "{view:?}");
    assert_eq!(view.age_fa, "همین حالا");
    let usd = view.rates.iter().find(|r| r.currency == "USD").unwrap();
    assert_eq!(usd.name_fa, "دلار آمریکا");
    assert!(usd.buy < usd.sell);
    assert!(
        usd.sell_fa.chars().any(|c| ('۰'..='۹').contains(&c)),
        "{}",
        usd.sell_fa
    );
    assert!(view.quoted_at_fa.contains('/') && !view.quoted_at_fa.contains('1'));

    // Again: a 304 and the same rates; the phone's copy: no request at all.
    let again = exchange_rates(&app.ctx, false).await.unwrap().unwrap();
    assert_eq!(served(&bank, "exchange_rate_list"), 2);
    assert_eq!(again.rates, view.rates);
    let held = exchange_rates(&app.ctx, true).await.unwrap().unwrap();
    assert_eq!(held.rates, view.rates);
    assert!(held.freshness.offline && held.stale);
    assert_eq!(served(&bank, "exchange_rate_list"), 2);

    // Two hours later the quote is two hours old, still current for the bank.
    bank.advance_clock(7200).await.unwrap();
    let later = App::open(
        &bank,
        &app.store_path,
        app.secrets.clone(),
        Default::default(),
    )
    .await
    .unwrap();
    let aged = exchange_rates(&later.ctx, false).await.unwrap().unwrap();
    assert_eq!(aged.age_fa, "۲ ساعت پیش");
    assert!(!aged.stale);
    // The bank quotes anew: the next refresh brings it.
    bank.admin(
        Method::PUT,
        "/admin/exchange-rates",
        Some(json!({"items": [{"currency": "USD", "buy_rials": 700_000, "sell_rials": 720_000}]})),
    )
    .await
    .unwrap();
    let fresh = exchange_rates(&later.ctx, false).await.unwrap().unwrap();
    assert_eq!(fresh.age_fa, "همین حالا");
    let usd = fresh.rates.iter().find(|r| r.currency == "USD").unwrap();
    assert_eq!(usd.buy.get(), 700_000);

    // The bank gone: the last quote, its age, marked out of date, with the reason.
    bank.advance_clock(3 * 3600).await.unwrap();
    let phone = App::open(
        &bank,
        &app.store_path,
        app.secrets.clone(),
        Default::default(),
    )
    .await
    .unwrap();
    let dir = bank.stop().await;
    let offline = exchange_rates(&phone.ctx, false).await.unwrap().unwrap();
    assert!(offline.freshness.offline && offline.stale);
    assert_eq!(offline.age_fa, "۳ ساعت پیش");
    assert_eq!(offline.freshness.error.unwrap().code, "network.unreachable");
    assert_eq!(offline.rates, fresh.rates);
    drop(dir);
}

#[tokio::test]
async fn branches_are_searched_on_the_phone_with_no_request_per_search() {
    let bank = Bank::start().await.unwrap();
    let app = App::install(&bank).await.unwrap();
    let directory = BranchDirectory::load(&app.ctx).await.unwrap();
    let status = directory.status(app.ctx.bank_now());
    assert!(status.count >= 40, "{status:?}");
    assert!(status.cities.len() >= 8);
    assert_eq!(
        status.cities[0], "اصفهان",
        "in the Persian alphabet's order"
    );

    // By city, typed on an Arabic keyboard; by name; by code in Persian digits.
    let tehran = directory.search("تهران", 100);
    assert!(tehran.len() >= 15 && tehran.iter().all(|b| b.city_fa == "تهران"));
    let karaj = directory.search("كرج", 10);
    assert_eq!(karaj.len(), 3);
    assert!(karaj.iter().all(|b| b.city_fa == "کرج"));
    let tajrish = directory.search("تجريش", 10);
    assert_eq!(tajrish[0].code, "1012");
    assert_eq!(tajrish[0].phone_fa, "۰۲۱۲۲۷۱۲۳۴۵");
    assert!(tajrish[0].hours_fa.starts_with("شنبه تا چهارشنبه ۰۷:۳۰"));
    assert_eq!(directory.search("۶۰۰۱", 10)[0].name_fa, "شعبه عظیمیه");
    assert_eq!(directory.search("مشهد احمداباد", 10)[0].code, "2005");
    // Nearest to Vanak square: the Vanak branch, then others in Tehran.
    let near = directory.nearest(35.7577, 51.4098, 3).unwrap();
    assert_eq!(near[0].code, "1018");
    assert!(near[0].distance_m.unwrap() < 100);
    assert!(near.windows(2).all(|w| w[0].distance_m <= w[1].distance_m));
    assert!(near.iter().all(|b| b.city_fa == "تهران"));
    assert_eq!(
        directory.nearest(95.0, 51.0, 3).unwrap_err().code,
        "info.location_invalid"
    );
    // All those searches were on the phone.
    assert_eq!(served(&bank, "branch_list"), 1);

    // Reopening the screen: 304; with no network at all: the phone's copy.
    let again = BranchDirectory::load(&app.ctx).await.unwrap();
    assert_eq!(served(&bank, "branch_list"), 2);
    assert_eq!(again.status(0).version, status.version);
    let dir = bank.stop().await;
    let offline = BranchDirectory::load(&app.ctx).await.unwrap();
    assert!(offline.status(0).freshness.offline);
    assert_eq!(offline.search("تجريش", 1)[0].code, "1012");
    let held = BranchDirectory::cached(&app.ctx).unwrap().unwrap();
    assert_eq!(held.status(0).count, status.count);
    drop(dir);
}

#[tokio::test]
async fn deposit_products_show_their_rates_in_persian() {
    let bank = Bank::start().await.unwrap();
    let app = App::install(&bank).await.unwrap();
    assert!(deposit_products(&app.ctx, true).await.unwrap().is_none());
    let view = deposit_products(&app.ctx, false).await.unwrap().unwrap();
    let product = |id: &str| view.products.iter().find(|p| p.product_id == id).unwrap();
    let year = product("long_term_1y");
    assert_eq!(year.rate_fa, "۲۰٫۵٪");
    assert_eq!(year.term_fa, "یک‌ساله");
    assert_eq!(year.kind_fa, "بلندمدت");
    assert_eq!(year.interest_paid_fa, "ماهانه");
    assert_eq!(year.minimum_balance_fa, "۱۰٬۰۰۰٬۰۰۰ ریال");
    let qard = product("qard_al_hasan");
    assert_eq!(
        (qard.rate_fa.as_str(), qard.interest_paid_fa.as_str()),
        ("۰٪", "بدون سود")
    );
    assert_eq!(product("short_term_special").term_fa, "۳ ماهه");
    deposit_products(&app.ctx, false).await.unwrap();
    let held = deposit_products(&app.ctx, true).await.unwrap().unwrap();
    assert_eq!(held.products, view.products);
    assert_eq!(served(&bank, "deposit_product_list"), 2);
    bank.sandbox.stop().await;
}
