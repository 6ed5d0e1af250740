//! Strong customer authentication of payments from an account: a SHEBA
//! transfer (PAYA or SATNA) and a bill paid from an account need a dynamic
//! PIN bound to their amount and payee (or a soft-token code); without it,
//! nothing moves. The low-value exemption is server configuration.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails loudly

mod banking;
mod common;

use banking::*;
use common::{Bank, test_rules};
use reqwest::Method;
use serde_json::json;

const SATNA_AMOUNT: i64 = 250_000_000;
const PAYA_AMOUNT: i64 = 30_000_000;

#[tokio::test]
async fn a_satna_to_a_new_sheba_with_only_the_session_is_refused() {
    let bank = Bank::start().await;
    let sara = bank.login("sara.ahmadi").await;
    let savings = account(&bank, &sara, "savings").await["account_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let before = balance(&bank, &sara, &savings).await;
    let tejarat = other_sheba(&bank, "018").await;
    let body = json!({"source_account_id": savings, "destination_sheba": tejarat,
                      "amount_rials": SATNA_AMOUNT, "method": "satna"});
    let key = uuid::Uuid::new_v4().to_string();
    let reply = bank
        .as_customer_once(&sara, Method::POST, SHEBA_TRANSFERS, &key, body.clone())
        .await
        .expect_error(422, "sca.required");
    assert_eq!(reply.json["field"], "pin");
    // A PIN kind without a PIN, or a made-up PIN, does not do either.
    let mut guessed = body.clone();
    guessed["pin"] = json!("123456");
    guessed["pin_kind"] = json!("sms");
    bank.as_customer_once(
        &sara,
        Method::POST,
        SHEBA_TRANSFERS,
        &uuid::Uuid::new_v4().to_string(),
        guessed,
    )
    .await
    .expect_error(422, "otp.not_requested");
    assert_eq!(balance(&bank, &sara, &savings).await, before);
    // With the PIN the bank sent for it, the same order goes through.
    let body = with_sheba_pin(&bank, &sara, &key, body).await;
    bank.as_customer_once(&sara, Method::POST, SHEBA_TRANSFERS, &key, body)
        .await
        .expect(201);
    assert!(balance(&bank, &sara, &savings).await < before);
    bank.finish().await;
}

#[tokio::test]
async fn the_pin_is_bound_to_the_amount_and_the_sheba() {
    let bank = Bank::start().await;
    let sara = bank.login("sara.ahmadi").await;
    let current = account(&bank, &sara, "current").await["account_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let before = balance(&bank, &sara, &current).await;
    let mellat = other_sheba(&bank, "012").await;
    let saman = other_sheba(&bank, "056").await;
    let key = uuid::Uuid::new_v4().to_string();
    let asked = json!({"source_account_id": current, "destination_sheba": mellat,
                       "amount_rials": PAYA_AMOUNT, "method": "paya"});
    let signed = with_sheba_pin(&bank, &sara, &key, asked).await;
    let mut more = signed.clone();
    more["amount_rials"] = json!(PAYA_AMOUNT * 2);
    bank.as_customer_once(&sara, Method::POST, SHEBA_TRANSFERS, &key, more)
        .await
        .expect_error(422, "otp.invalid");
    let mut elsewhere = signed.clone();
    elsewhere["destination_sheba"] = json!(saman);
    bank.as_customer_once(&sara, Method::POST, SHEBA_TRANSFERS, &key, elsewhere)
        .await
        .expect_error(422, "otp.invalid");
    assert_eq!(balance(&bank, &sara, &current).await, before);
    // The PIN's SMS names the payment to the customer.
    let outbox = bank
        .admin(
            Method::GET,
            &format!("/admin/sms/{}?kind=otp", sara.demo.mobile),
            None,
        )
        .await
        .expect(200);
    let text = outbox.json["items"].as_array().unwrap().last().unwrap()["body"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(text.contains(&PAYA_AMOUNT.to_string()), "{text}");
    bank.finish().await;
}

#[tokio::test]
async fn a_bill_paid_from_an_account_needs_its_pin() {
    let bank = Bank::start().await;
    let sara = bank.login("sara.ahmadi").await;
    let bill = seed(&bank).await["bills"][0].clone();
    let current = account(&bank, &sara, "current").await["account_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let body = json!({"bill_id": bill["bill_id"], "payment_id": bill["payment_id"],
                      "amount_rials": bill["amount_rials"],
                      "source": {"kind": "account", "account_id": current}});
    let key = uuid::Uuid::new_v4().to_string();
    bank.as_customer_once(&sara, Method::POST, "/v1/bill-payments", &key, body.clone())
        .await
        .expect_error(422, "sca.required");
    let payee =
        json!({"kind": "bill", "bill_id": bill["bill_id"], "payment_id": bill["payment_id"]});
    let amount = bill["amount_rials"].as_i64().unwrap();
    let pin = bank.account_pin(&sara, &key, &current, amount, payee).await;
    let mut paid = body;
    paid["source"]["pin"] = pin["pin"].clone();
    paid["source"]["pin_kind"] = pin["pin_kind"].clone();
    bank.as_customer_once(&sara, Method::POST, "/v1/bill-payments", &key, paid)
        .await
        .expect(201);
    bank.finish().await;
}

#[tokio::test]
async fn small_amounts_may_be_exempt_by_configuration() {
    let mut rules = test_rules();
    rules.sca.exempt_below_rials = 1_000_000;
    let bank = Bank::start_with(rules).await;
    let sara = bank.login("sara.ahmadi").await;
    let current = account(&bank, &sara, "current").await["account_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let mellat = other_sheba(&bank, "012").await;
    let config = bank
        .call(Method::GET, "/v1/config", &[], None)
        .await
        .expect(200);
    assert_eq!(config.json["sca"]["exempt_below_rials"], 1_000_000);
    let small = json!({"source_account_id": current, "destination_sheba": mellat,
                       "amount_rials": 999_999, "method": "paya"});
    let key = uuid::Uuid::new_v4().to_string();
    bank.as_customer_once(&sara, Method::POST, SHEBA_TRANSFERS, &key, small)
        .await
        .expect(201);
    let at_the_limit = json!({"source_account_id": current, "destination_sheba": mellat,
                              "amount_rials": 1_000_000, "method": "paya"});
    let key = uuid::Uuid::new_v4().to_string();
    bank.as_customer_once(&sara, Method::POST, SHEBA_TRANSFERS, &key, at_the_limit)
        .await
        .expect_error(422, "sca.required");
    bank.finish().await;
}
