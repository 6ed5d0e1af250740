//! Accounts, statements, cards, limits, blocking and holder inquiries.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod banking;
mod common;

use std::collections::HashSet;

use banking::*;
use common::Bank;
use hamrah_core::ids::{AccountType, CardNumber, Sheba};
use reqwest::Method;
use serde_json::{Value, json};

#[tokio::test]
async fn accounts_show_balances_from_the_ledger() {
    let bank = Bank::start().await;
    let sara = bank.login("sara.ahmadi").await;
    let list = bank
        .as_customer(&sara, Method::GET, "/v1/accounts", None)
        .await
        .expect(200)
        .json;
    let items = list["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    let current = account(&bank, &sara, "current").await;
    let savings = account(&bank, &sara, "savings").await;
    assert_eq!(current["balance_rials"], 800_000_000);
    assert_eq!(current["available_balance_rials"], 800_000_000);
    assert_eq!(current["state"], "active");
    assert_eq!(savings["balance_rials"], 5_000_000_000_i64);
    // A deposit account says what it earns; a current account earns nothing.
    assert_eq!(savings["type"], "savings");
    assert_eq!(savings["interest_rate_percent"], 5.0);
    assert!(current.get("interest_rate_percent").is_none());
    assert_eq!(
        current["sheba"],
        customer_sheba(&bank, "sara.ahmadi").await.as_str()
    );
    let id = current["account_id"].as_str().unwrap();
    let one = bank
        .as_customer(&sara, Method::GET, &format!("/v1/accounts/{id}"), None)
        .await
        .expect(200)
        .json;
    assert_eq!(one, current);
    let reza = bank.login("reza.karimi").await;
    bank.as_customer(&reza, Method::GET, &format!("/v1/accounts/{id}"), None)
        .await
        .expect_error(404, "account.not_found");
    bank.as_customer(
        &reza,
        Method::GET,
        &format!("/v1/accounts/{id}/statement"),
        None,
    )
    .await
    .expect_error(404, "account.not_found");
    bank.finish().await;
}

async fn page(bank: &Bank, customer: &common::Customer, path: &str) -> Value {
    bank.as_customer(customer, Method::GET, path, None)
        .await
        .expect(200)
        .json
}

fn entry_ids(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["entry_id"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn statements_page_newest_first() {
    let bank = Bank::start().await;
    let sara = bank.login("sara.ahmadi").await;
    let source = account(&bank, &sara, "current").await["account_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let mellat = other_sheba(&bank, "012").await;
    // Five PAYA orders: a transfer and a fee entry each, after the opening deposit.
    for n in 0..5 {
        order(&bank, &sara, &source, &mellat, PAYA_AMOUNT + n, "paya")
            .await
            .expect(201);
    }
    let path = format!("/v1/accounts/{source}/statement");
    let first = page(&bank, &sara, &format!("{path}?limit=4")).await;
    assert_eq!(first["account_id"], source.as_str());
    let newest = &first["items"][0];
    assert_eq!(newest["kind"], "fee");
    assert_eq!(newest["direction"], "debit");
    assert_eq!(newest["amount_rials"], 20_000);
    let transfer = &first["items"][1];
    assert_eq!(transfer["kind"], "sheba_transfer");
    assert_eq!(transfer["amount_rials"], PAYA_AMOUNT + 4);
    assert_eq!(transfer["counterparty_sheba"], mellat.as_str());
    assert!(transfer["trace_number"].is_string());
    assert!(transfer["transfer_id"].is_string());
    assert_eq!(
        transfer["balance_after_rials"].as_i64().unwrap() - 20_000,
        newest["balance_after_rials"].as_i64().unwrap()
    );

    let cursor = first["next_cursor"].as_str().unwrap().to_owned();
    let second = page(&bank, &sara, &format!("{path}?limit=4&cursor={cursor}")).await;
    // A new entry never shifts later pages.
    order(&bank, &sara, &source, &mellat, PAYA_AMOUNT, "paya")
        .await
        .expect(201);
    let second_again = page(&bank, &sara, &format!("{path}?limit=4&cursor={cursor}")).await;
    assert_eq!(second, second_again);
    let cursor = second["next_cursor"].as_str().unwrap().to_owned();
    let third = page(&bank, &sara, &format!("{path}?limit=4&cursor={cursor}")).await;
    assert!(third.get("next_cursor").is_none());
    let all: Vec<String> = [&first, &second, &third]
        .iter()
        .flat_map(|p| entry_ids(p))
        .collect();
    assert_eq!(all.len(), 11);
    assert_eq!(all.iter().collect::<HashSet<_>>().len(), 11);
    let mut sorted = all.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(all, sorted);
    assert_eq!(third["items"][2]["kind"], "deposit");
    assert_eq!(third["items"][2]["direction"], "credit");

    // The default page holds 20.
    let whole = page(&bank, &sara, &path).await;
    assert_eq!(whole["items"].as_array().unwrap().len(), 13);
    assert!(whole.get("next_cursor").is_none());
    for bad in ["limit=0", "limit=101", "limit=many"] {
        bank.as_customer(&sara, Method::GET, &format!("{path}?{bad}"), None)
            .await
            .expect_error(400, "request.limit_out_of_range");
    }
    let reply = bank
        .as_customer(&sara, Method::GET, &format!("{path}?cursor=bm9wZQ"), None)
        .await
        .expect_error(400, "request.cursor_invalid");
    assert_eq!(reply.json["field"], "cursor");
    bank.finish().await;
}

#[tokio::test]
async fn cards_and_their_limits() {
    let bank = Bank::start().await;
    let sara = bank.login("sara.ahmadi").await;
    let cards = bank
        .as_customer(&sara, Method::GET, "/v1/cards", None)
        .await
        .expect(200)
        .json;
    let card = &cards["items"][0];
    assert_eq!(cards["items"].as_array().unwrap().len(), 1);
    assert_eq!(card["pan"], sara.demo.card_pan.as_str());
    assert_eq!(card["bank"]["bank_id"], "melli");
    assert_eq!(card["state"], "active");
    assert_eq!(
        card["account_id"],
        account(&bank, &sara, "current").await["account_id"]
    );
    let card_id = card["card_id"].as_str().unwrap().to_owned();

    // 25,000,000 rials moved by card today.
    let used_id = card_id.clone();
    let now = now(&bank).await.as_second();
    bank.sandbox()
        .state()
        .db
        .tx(move |tx| hamrah_sandbox::usage::add(tx, &used_id, now, 25_000_000))
        .await
        .unwrap();
    let limits = bank
        .as_customer(
            &sara,
            Method::GET,
            &format!("/v1/cards/{card_id}/limits"),
            None,
        )
        .await
        .expect(200)
        .json;
    assert_eq!(limits["per_transfer_min_rials"], 10_000);
    assert_eq!(limits["per_transfer_max_rials"], 150_000_000);
    assert_eq!(limits["daily_limit_rials"], 150_000_000);
    assert_eq!(limits["daily_used_rials"], 25_000_000);
    assert_eq!(limits["daily_remaining_rials"], 125_000_000);
    assert_eq!(limits["monthly_limit_rials"], 1_500_000_000);
    assert_eq!(limits["monthly_used_rials"], 25_000_000);
    assert_eq!(limits["monthly_remaining_rials"], 1_475_000_000);
    let day_resets = ts(&limits["day_resets_at"]);
    let tomorrow = plus(today(&bank).await, 1);
    assert_eq!(day_resets, tehran_at(tomorrow, 0, 0));
    assert!(ts(&limits["month_resets_at"]) >= day_resets);

    let reza = bank.login("reza.karimi").await;
    bank.as_customer(
        &reza,
        Method::GET,
        &format!("/v1/cards/{card_id}/limits"),
        None,
    )
    .await
    .expect_error(404, "card.not_found");
    bank.finish().await;
}

#[tokio::test]
async fn blocking_a_card() {
    let bank = Bank::start().await;
    let sara = bank.login("sara.ahmadi").await;
    let cards = bank
        .as_customer(&sara, Method::GET, "/v1/cards", None)
        .await
        .expect(200)
        .json;
    let card_id = cards["items"][0]["card_id"].as_str().unwrap().to_owned();
    let path = format!("/v1/cards/{card_id}/block");
    bank.as_customer(&sara, Method::POST, &path, Some(json!({"reason": "lost"})))
        .await
        .expect_error(400, "idempotency.key_missing");
    let key = uuid::Uuid::new_v4().to_string();
    bank.as_customer_once(&sara, Method::POST, &path, &key, json!({"reason": "gone"}))
        .await
        .expect_error(400, "request.field_invalid");
    let blocked = bank
        .as_customer_once(&sara, Method::POST, &path, &key, json!({"reason": "lost"}))
        .await
        .expect(200);
    assert!(blocked.headers.get("idempotent-replayed").is_none());
    assert_eq!(blocked.json["state"], "blocked");
    assert_eq!(blocked.json["reason"], "lost");
    let replay = bank
        .as_customer_once(&sara, Method::POST, &path, &key, json!({"reason": "lost"}))
        .await
        .expect(200);
    assert_eq!(replay.headers["idempotent-replayed"], "true");
    assert_eq!(replay.json, blocked.json);
    // Again with a new key: the existing block.
    let other_key = uuid::Uuid::new_v4().to_string();
    let again = bank
        .as_customer_once(
            &sara,
            Method::POST,
            &path,
            &other_key,
            json!({"reason": "stolen"}),
        )
        .await
        .expect(200);
    assert!(again.headers.get("idempotent-replayed").is_none());
    assert_eq!(again.json, blocked.json);
    assert_eq!(
        sms_of_kind(&bank, &sara.demo.mobile, "card_block")
            .await
            .len(),
        1
    );
    let cards = bank
        .as_customer(&sara, Method::GET, "/v1/cards", None)
        .await
        .expect(200)
        .json;
    assert_eq!(cards["items"][0]["state"], "blocked");
    let reza = bank.login("reza.karimi").await;
    bank.as_customer(
        &reza,
        Method::POST,
        "/v1/holder-inquiries/card",
        Some(json!({"pan": sara.demo.card_pan})),
    )
    .await
    .expect_error(422, "inquiry.card_not_creditable");
    let key = uuid::Uuid::new_v4().to_string();
    bank.as_customer_once(&reza, Method::POST, &path, &key, json!({"reason": "lost"}))
        .await
        .expect_error(404, "card.not_found");
    bank.finish().await;
}

#[tokio::test]
async fn card_holder_inquiries() {
    let bank = Bank::start().await;
    let sara = bank.login("sara.ahmadi").await;
    let reza = bank.demo(Some("reza.karimi"));
    let inquire = |pan: Value| {
        bank.as_customer(
            &sara,
            Method::POST,
            "/v1/holder-inquiries/card",
            Some(json!({ "pan": pan })),
        )
    };
    let own = inquire(reza.card_pan.clone().into()).await.expect(200).json;
    assert_eq!(own["holder_name"], "رضا کریمی");
    assert_eq!(own["bank"]["bank_id"], "melli");
    assert!(own["pan_masked"].as_str().unwrap().contains("******"));
    let other = seed(&bank).await["other_bank_cards"][0].clone();
    let found = inquire(other["pan"].clone()).await.expect(200).json;
    assert_eq!(found["holder_name"], other["holder_name"]);
    assert_eq!(found["bank"]["bank_id"], other["bank_id"]);

    let unknown = CardNumber::issue("610433000000001").unwrap();
    inquire(unknown.as_str().into())
        .await
        .expect_error(404, "inquiry.card_not_found");
    let mut broken = reza.card_pan.clone();
    broken.replace_range(15..16, if broken.ends_with('0') { "1" } else { "0" });
    let reply = inquire(broken.into())
        .await
        .expect_error(400, "card.checksum");
    assert_eq!(reply.json["field"], "pan");
    inquire("1234".into())
        .await
        .expect_error(400, "card.length");
    bank.as_customer(
        &sara,
        Method::POST,
        "/v1/holder-inquiries/card",
        Some(json!({"pan": reza.card_pan, "extra": 1})),
    )
    .await
    .expect_error(400, "request.malformed");

    bank.admin(
        Method::PUT,
        "/admin/destinations",
        Some(json!({"pan": other["pan"], "creditable": false})),
    )
    .await
    .expect(200);
    inquire(other["pan"].clone())
        .await
        .expect_error(422, "inquiry.card_not_creditable");
    bank.finish().await;
}

#[tokio::test]
async fn sheba_holder_inquiries() {
    let bank = Bank::start().await;
    let sara = bank.login("sara.ahmadi").await;
    let inquire = |sheba: String| {
        bank.as_customer(
            &sara,
            Method::POST,
            "/v1/holder-inquiries/sheba",
            Some(json!({ "sheba": sheba })),
        )
    };
    let reza_sheba = customer_sheba(&bank, "reza.karimi").await;
    let own = inquire(reza_sheba.clone()).await.expect(200).json;
    assert_eq!(own["holder_name"], "رضا کریمی");
    assert_eq!(own["bank"]["bank_id"], "melli");
    assert_eq!(own["sheba"], reza_sheba.as_str());
    let saman = other_sheba(&bank, "056").await;
    let other = inquire(saman.clone()).await.expect(200).json;
    assert_eq!(other["holder_name"], "نرگس محمدی");
    assert_eq!(other["bank"]["bank_id"], "saman");

    let unknown = Sheba::issue("017", AccountType::NonCentral, "999000111").unwrap();
    inquire(unknown.as_str().to_owned())
        .await
        .expect_error(404, "inquiry.sheba_not_found");
    let mut broken = saman.clone();
    broken.replace_range(25..26, if saman.ends_with('0') { "1" } else { "0" });
    let reply = inquire(broken).await.expect_error(400, "sheba.checksum");
    assert_eq!(reply.json["field"], "sheba");
    bank.admin(
        Method::PUT,
        "/admin/destinations",
        Some(json!({"sheba": saman, "creditable": false})),
    )
    .await
    .expect(200);
    inquire(saman)
        .await
        .expect_error(422, "inquiry.sheba_not_creditable");
    bank.finish().await;
}
