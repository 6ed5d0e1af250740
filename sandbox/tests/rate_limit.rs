//! The request rate limit (`request.rate_limit_per_minute`): per client
//! address and per customer, 429 `rate.limited` with the seconds left.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{Bank, Customer, test_rules};
use reqwest::Method;
use serde_json::json;

const PER_MINUTE: u32 = 20;

/// A client of the bank from another loopback address.
fn client_from(bank: &Bank, last: u8) -> reqwest::Client {
    let cert = reqwest::Certificate::from_pem(bank.sandbox().cert_pem.as_bytes()).unwrap();
    reqwest::Client::builder()
        .use_rustls_tls()
        .tls_built_in_root_certs(false)
        .add_root_certificate(cert)
        .local_address(std::net::IpAddr::from([127, 0, 0, last]))
        .build()
        .unwrap()
}

/// `GET /v1/accounts` as the customer through `client`: the status.
async fn accounts(bank: &Bank, client: &reqwest::Client, customer: &Customer) -> (u16, String) {
    let response = client
        .get(format!("{}/v1/accounts", bank.url))
        .bearer_auth(&customer.token)
        .header("x-device-id", &customer.device_id)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    let body: serde_json::Value = response.json().await.unwrap();
    common::contract().check_reply("GET", "/v1/accounts", status, &body);
    (status, body["code"].as_str().unwrap_or("").to_owned())
}

/// Moves the bank's clock to the first second of a minute, so the test runs
/// within one window of the limit.
async fn start_of_a_minute(bank: &Bank) {
    let clock = bank
        .admin(Method::GET, "/admin/clock", None)
        .await
        .expect(200);
    let now: jiff::Timestamp = clock.json["now"].as_str().unwrap().parse().unwrap();
    let next = (now.as_second() / 60 + 1) * 60;
    let set_to = jiff::Timestamp::from_second(next).unwrap().to_string();
    bank.admin(
        Method::POST,
        "/admin/clock",
        Some(json!({"set_to": set_to})),
    )
    .await
    .expect(200);
}

#[tokio::test]
async fn one_customer_is_limited_across_addresses() {
    let mut rules = test_rules();
    rules.request.rate_limit_per_minute = PER_MINUTE;
    let bank = Bank::start_with(rules).await;
    start_of_a_minute(&bank).await;
    let sara = bank.login("sara.ahmadi").await;
    let reza = bank.login("reza.karimi").await;
    let (second, third) = (client_from(&bank, 2), client_from(&bank, 3));
    // Half of the customer's minute from each of two addresses: neither
    // address is near its limit, the customer is at hers.
    for client in [&second, &third] {
        for _ in 0..PER_MINUTE / 2 {
            assert_eq!(accounts(&bank, client, &sara).await, (200, String::new()));
        }
    }
    let (status, code) = accounts(&bank, &second, &sara).await;
    assert_eq!((status, code.as_str()), (429, "rate.limited"));
    // Another customer from the same address is not limited.
    assert_eq!(accounts(&bank, &third, &reza).await, (200, String::new()));
    bank.finish().await;
}

#[tokio::test]
async fn one_address_is_limited_before_anything_is_done() {
    let mut rules = test_rules();
    rules.request.rate_limit_per_minute = PER_MINUTE;
    let bank = Bank::start_with(rules).await;
    start_of_a_minute(&bank).await;
    let client = client_from(&bank, 4);
    for _ in 0..PER_MINUTE {
        let response = client
            .get(format!("{}/v1/config", bank.url))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status().as_u16(), 200);
    }
    let response = client
        .get(format!("{}/v1/config", bank.url))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 429);
    assert!(response.headers().contains_key("retry-after"));
    let body: serde_json::Value = response.json().await.unwrap();
    common::contract().check_reply("GET", "/v1/config", 429, &body);
    assert_eq!(body["code"], "rate.limited");
    bank.finish().await;
}
