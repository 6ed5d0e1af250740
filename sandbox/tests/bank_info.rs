//! The bank's public information: exchange rates with the time of their
//! quote, the branch list as versioned data and the deposit products, each
//! with an `ETag` and 304 on `If-None-Match`, without a session.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::collections::HashSet;

use common::{Bank, Reply};
use reqwest::Method;
use serde_json::{Value, json};

/// A public GET, with `If-None-Match` when given.
async fn get(bank: &Bank, path: &str, etag: Option<&str>) -> Reply {
    let headers: Vec<(&str, &str)> = etag.map(|e| ("if-none-match", e)).into_iter().collect();
    bank.call(Method::GET, path, &headers, None).await
}

fn etag(reply: &Reply) -> String {
    reply.headers["etag"].to_str().unwrap().to_owned()
}

#[tokio::test]
async fn exchange_rates_carry_their_quote_time_and_revalidate_for_free() {
    let bank = Bank::start().await;
    let first = get(&bank, "/v1/exchange-rates", None).await.expect(200);
    let tag = etag(&first);
    assert!(tag.starts_with('"') && tag.ends_with('"'), "{tag}");
    let rates = &first.json;
    let items = rates["items"].as_array().unwrap();
    assert!(items.len() >= 5);
    let usd = items.iter().find(|r| r["currency"] == "USD").unwrap();
    assert_eq!(usd["name_fa"], "دلار آمریکا");
    assert!(usd["buy_rials"].as_i64().unwrap() < usd["sell_rials"].as_i64().unwrap());
    assert!(rates["stale_after_seconds"].as_i64().unwrap() >= 3600);

    // The same quote: 304 and no body.
    let again = get(&bank, "/v1/exchange-rates", Some(&tag))
        .await
        .expect(304);
    assert!(again.json.is_null());
    assert_eq!(etag(&again), tag);
    // A list of tags, one of them current, and a weak form of it, match too.
    get(
        &bank,
        "/v1/exchange-rates",
        Some(&format!("\"old\", W/{tag}")),
    )
    .await
    .expect(304);

    // The bank quotes again later: a new tag, the new time, the new rates.
    bank.admin(
        Method::POST,
        "/admin/clock",
        Some(json!({"advance_seconds": 7200})),
    )
    .await
    .expect(200);
    let quoted = bank
        .admin(
            Method::PUT,
            "/admin/exchange-rates",
            Some(json!({"items": [{"currency": "USD", "buy_rials": 690_000, "sell_rials": 710_000}]})),
        )
        .await
        .expect(200)
        .json;
    let now = bank.sandbox().state().clock.now();
    assert_eq!(quoted["quoted_at"], hamrah_sandbox::clock::rfc3339(now));
    let fresh = get(&bank, "/v1/exchange-rates", Some(&tag))
        .await
        .expect(200);
    assert_ne!(etag(&fresh), tag);
    assert_eq!(fresh.json, quoted);
    let usd = fresh.json["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["currency"] == "USD")
        .unwrap()
        .clone();
    assert_eq!(usd["buy_rials"], 690_000);
    assert_eq!(usd["sell_rials"], 710_000);

    // Only currencies the bank quotes, only positive rates.
    bank.admin(
        Method::PUT,
        "/admin/exchange-rates",
        Some(json!({"items": [{"currency": "XYZ", "buy_rials": 1, "sell_rials": 2}]})),
    )
    .await
    .expect_error(400, "request.field_invalid");
    bank.admin(
        Method::PUT,
        "/admin/exchange-rates",
        Some(json!({"items": [{"currency": "USD", "buy_rials": 0, "sell_rials": 2}]})),
    )
    .await
    .expect_error(400, "request.malformed");
    // A refused quote changed nothing.
    get(&bank, "/v1/exchange-rates", Some(&etag(&fresh)))
        .await
        .expect(304);
    bank.finish().await;
}

#[tokio::test]
async fn branches_are_versioned_data_in_several_cities() {
    let bank = Bank::start().await;
    let reply = get(&bank, "/v1/branches", None).await.expect(200);
    let tag = etag(&reply);
    let list = &reply.json;
    assert_eq!(format!("\"{}\"", list["version"].as_str().unwrap()), tag);
    let items = list["items"].as_array().unwrap();
    assert!(items.len() >= 36, "{}", items.len());
    let codes: HashSet<&str> = items.iter().map(|b| b["code"].as_str().unwrap()).collect();
    assert_eq!(codes.len(), items.len(), "branch codes are unique");
    let cities: HashSet<&str> = items
        .iter()
        .map(|b| b["city_fa"].as_str().unwrap())
        .collect();
    assert!(cities.len() >= 8, "{cities:?}");
    assert!(cities.contains("تهران") && cities.contains("مشهد"));
    for branch in items {
        // Every branch lies in Iran.
        let (lat, lon) = (
            branch["latitude"].as_f64().unwrap(),
            branch["longitude"].as_f64().unwrap(),
        );
        assert!(
            (25.0..40.0).contains(&lat) && (44.0..64.0).contains(&lon),
            "{branch}"
        );
        // Written in Persian letters: no Arabic yeh or kaf.
        let name = branch["name_fa"].as_str().unwrap();
        assert!(!name.contains('ي') && !name.contains('ك'), "{name}");
    }
    let again = get(&bank, "/v1/branches", Some(&tag)).await.expect(304);
    assert!(again.json.is_null());
    get(&bank, "/v1/branches", Some("\"something else\""))
        .await
        .expect(200);
    bank.finish().await;
}

#[tokio::test]
async fn deposit_products_name_their_type_rate_and_term() {
    let bank = Bank::start().await;
    let reply = get(&bank, "/v1/deposit-products", None).await.expect(200);
    let items = reply.json["items"].as_array().unwrap();
    let types: HashSet<&str> = items.iter().map(|p| p["type"].as_str().unwrap()).collect();
    assert_eq!(
        types,
        HashSet::from([
            "current",
            "short_term_savings",
            "long_term",
            "qard_al_hasan"
        ])
    );
    let product = |id: &str| -> Value {
        items
            .iter()
            .find(|p| p["product_id"] == id)
            .unwrap()
            .clone()
    };
    let one_year = product("long_term_1y");
    assert_eq!(one_year["annual_rate_basis_points"], 2050);
    assert_eq!(one_year["term_months"], 12);
    assert_eq!(product("qard_al_hasan")["annual_rate_basis_points"], 0);
    assert_eq!(product("current")["interest_paid"], "none");
    get(&bank, "/v1/deposit-products", Some(&etag(&reply)))
        .await
        .expect(304);
    bank.finish().await;
}

#[tokio::test]
async fn the_public_information_is_counted_per_operation() {
    let bank = Bank::start().await;
    get(&bank, "/v1/exchange-rates", None).await.expect(200);
    get(&bank, "/v1/branches", None).await.expect(200);
    get(&bank, "/v1/deposit-products", None).await.expect(200);
    let stats = bank
        .admin(Method::GET, "/admin/stats", None)
        .await
        .expect(200)
        .json;
    for operation in ["exchange_rate_list", "branch_list", "deposit_product_list"] {
        assert_eq!(stats["requests_by_operation"][operation], 1, "{stats}");
    }
    bank.finish().await;
}
