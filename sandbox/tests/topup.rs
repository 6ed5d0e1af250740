//! Mobile top-up and internet packages: the catalogue, a top-up for another
//! number from an account, a package by card, a ported number, and every
//! refusal leaving the ledger untouched.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
mod payments;

use common::{Bank, Customer, Reply};
use hamrah_sandbox::ledger::internal;
use payments::*;
use reqwest::Method;
use serde_json::{Value, json};

const REZA_MOBILE: &str = "09351234567";

async fn sara_account(bank: &Bank) -> String {
    seed(bank).await["customers"][0]["accounts"][0]["account_id"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// The payee of a top-up, as `dynamic_pin_request` takes it.
fn payee(body: &Value) -> Value {
    let mut payee = json!({"kind": "topup", "mobile": body["mobile"],
        "operator": body["operator"], "product": body["product"]});
    if let Some(id) = body.get("package_id") {
        payee["package_id"] = id.clone();
    }
    payee
}

/// A top-up body paid from `account_id`, its second factor the PIN the bank
/// sent to the customer for `key` (none when the bank refuses to send one).
async fn from_account(
    bank: &Bank,
    sara: &Customer,
    key: &str,
    mut body: Value,
    account_id: &str,
) -> Value {
    let amount = body["amount_rials"].as_i64().unwrap();
    let mut source = json!({"kind": "account", "account_id": account_id});
    if let Ok(pin) = bank
        .try_account_pin(sara, key, account_id, amount, payee(&body))
        .await
    {
        source["pin"] = pin["pin"].clone();
        source["pin_kind"] = pin["pin_kind"].clone();
    }
    body["source"] = source;
    body
}

async fn buy(bank: &Bank, customer: &Customer, key: &str, body: Value) -> Reply {
    bank.as_customer_once(customer, Method::POST, "/v1/topups", key, body)
        .await
}

#[tokio::test]
async fn the_catalogue_lists_each_operators_amounts_and_packages() {
    let bank = Bank::start().await;
    let sara = bank.login("sara.ahmadi").await;
    let reply = bank
        .as_customer(&sara, Method::GET, "/v1/topup-catalog", None)
        .await
        .expect(200);
    assert_eq!(reply.json["own_mobile"], sara.demo.mobile);
    let cache = reply.headers["cache-control"].to_str().unwrap();
    assert_eq!(cache, "private, max-age=3600");
    let operators = reply.json["operators"].as_array().unwrap();
    let ids: Vec<&str> = operators
        .iter()
        .map(|o| o["operator"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["mci", "irancell", "rightel"]);
    let irancell = &operators[1];
    assert_eq!(irancell["amazing"], true);
    assert_eq!(irancell["amazing_title_fa"], "شارژ شگفت‌انگیز");
    assert_eq!(operators[0]["amazing"], false);
    assert!(operators[0].get("amazing_title_fa").is_none());
    let package = &operators[0]["packages"][2];
    assert_eq!(package["package_id"], "mci_30d_20gb");
    assert_eq!(package["duration_days"], 30);
    assert_eq!(package["volume_mb"], 20_480);
    bank.finish().await;
}

#[tokio::test]
async fn a_top_up_for_another_number_from_an_account_happens_once() {
    let bank = Bank::start().await;
    let sara = bank.login("sara.ahmadi").await;
    let account = sara_account(&bank).await;
    let before = balance(&bank, &account).await;
    let operators_before = balance(&bank, internal::OPERATORS).await;
    let key = key();
    let asked = json!({"mobile": REZA_MOBILE, "operator": "irancell", "product": "charge",
                       "amount_rials": 200_000});
    let body = from_account(&bank, &sara, &key, asked, &account).await;
    let first = buy(&bank, &sara, &key, body.clone()).await.expect(201);
    let receipt = &first.json;
    assert_eq!(receipt["mobile_masked"], "0935***4567");
    assert_eq!(receipt["operator"], "irancell");
    assert_eq!(receipt["title_fa"], "شارژ مستقیم ایرانسل");
    assert_eq!(receipt["total_debited_rials"], 200_000);
    assert_eq!(receipt["operator_reference"].as_str().unwrap().len(), 12);
    assert_eq!(receipt["source_kind"], "account");
    assert_eq!(balance(&bank, &account).await, before - 200_000);
    assert_eq!(
        balance(&bank, internal::OPERATORS).await,
        operators_before + 200_000
    );
    // The same key again: the same receipt, replayed, nothing moved twice.
    let again = buy(&bank, &sara, &key, body).await.expect(201);
    assert_eq!(again.headers["idempotent-replayed"], "true");
    assert_eq!(again.json, first.json);
    assert_eq!(balance(&bank, &account).await, before - 200_000);
    assert_eq!(journals(&bank, "topup").await, 1);
    // The payer's notice names the line and the operator's reference.
    let outbox = bank
        .admin(
            Method::GET,
            &format!("/admin/sms/{}?kind=topup", sara.demo.mobile),
            None,
        )
        .await
        .expect(200);
    let notices = outbox.json["items"].as_array().unwrap();
    assert_eq!(notices.len(), 1);
    let text = notices[0]["body"].as_str().unwrap();
    assert!(text.contains("0935***4567"), "{text}");
    assert!(
        text.contains(receipt["operator_reference"].as_str().unwrap()),
        "{text}"
    );
    // `operation_get` knows it by its key.
    let known = bank
        .as_customer(&sara, Method::GET, &format!("/v1/operations/{key}"), None)
        .await
        .expect(200);
    assert_eq!(known.json["kind"], "topup");
    assert_eq!(known.json["receipt"], first.json);
    bank.finish().await;
}

#[tokio::test]
async fn a_package_is_paid_by_card_with_its_dynamic_pin() {
    let bank = Bank::start().await;
    let sara = bank.login("sara.ahmadi").await;
    let before = card_balance(&bank, &sara.demo.card_pan).await;
    let key = key();
    let mut body = json!({"mobile": sara.demo.mobile, "operator": "mci", "product": "package",
                          "package_id": "mci_7d_5gb", "amount_rials": 350_000});
    let code = pin(&bank, &sara, &key, 350_000, payee(&body)).await;
    body["source"] = json!({"kind": "card", "card": {"pan": sara.demo.card_pan},
        "expiry": sara.demo.card_expiry, "cvv2": sara.demo.card_cvv2,
        "pin": code, "pin_kind": "sms"});
    let receipt = buy(&bank, &sara, &key, body).await.expect(201).json;
    assert_eq!(receipt["product"], "package");
    assert_eq!(receipt["package_id"], "mci_7d_5gb");
    assert_eq!(receipt["source_kind"], "card");
    assert!(
        receipt["source_pan_masked"]
            .as_str()
            .unwrap()
            .contains("******")
    );
    assert_eq!(
        card_balance(&bank, &sara.demo.card_pan).await,
        before - 350_000
    );
    bank.finish().await;
}

#[tokio::test]
async fn a_ported_number_is_charged_on_the_operator_the_customer_chose() {
    let bank = Bank::start().await;
    let sara = bank.login("sara.ahmadi").await;
    let account = sara_account(&bank).await;
    // An Irancell prefix, ported to MCI: the customer picks MCI.
    let ported = key();
    let asked = json!({"mobile": REZA_MOBILE, "operator": "mci", "product": "charge",
                       "amount_rials": 100_000});
    let body = from_account(&bank, &sara, &ported, asked, &account).await;
    let receipt = buy(&bank, &sara, &ported, body).await.expect(201).json;
    assert_eq!(receipt["operator"], "mci");
    // A PIN asked for one operator does not buy on another.
    let key = key();
    let irancell = json!({"mobile": REZA_MOBILE, "operator": "irancell", "product": "amazing",
                          "amount_rials": 100_000});
    let mut signed = from_account(&bank, &sara, &key, irancell, &account).await;
    signed["operator"] = json!("rightel");
    buy(&bank, &sara, &key, signed)
        .await
        .expect_error(422, "otp.invalid");
    bank.finish().await;
}

#[tokio::test]
async fn what_the_operator_does_not_sell_is_refused_and_nothing_moves() {
    let bank = Bank::start().await;
    let sara = bank.login("sara.ahmadi").await;
    let account = sara_account(&bank).await;
    let before = balance(&bank, &account).await;
    let refused = [
        (
            json!({"mobile": REZA_MOBILE, "operator": "irancell", "product": "charge",
                "amount_rials": 123_456}),
            "topup.amount_not_offered",
        ),
        (
            json!({"mobile": sara.demo.mobile, "operator": "mci", "product": "amazing",
                "amount_rials": 200_000}),
            "topup.amazing_not_offered",
        ),
        (
            json!({"mobile": sara.demo.mobile, "operator": "mci", "product": "package",
                "package_id": "irc_7d_6gb", "amount_rials": 390_000}),
            "topup.package_not_found",
        ),
        (
            json!({"mobile": sara.demo.mobile, "operator": "mci", "product": "package",
                "package_id": "mci_7d_5gb", "amount_rials": 300_000}),
            "topup.amount_not_offered",
        ),
        (
            json!({"mobile": "09981234567", "operator": "shatel", "product": "charge",
                "amount_rials": 200_000}),
            "topup.operator_not_sold",
        ),
    ];
    for (asked, code) in refused {
        let key = key();
        let body = from_account(&bank, &sara, &key, asked, &account).await;
        let reply = buy(&bank, &sara, &key, body.clone())
            .await
            .expect_error(422, code);
        // A business refusal is recorded under its key.
        let again = buy(&bank, &sara, &key, body).await.expect_error(422, code);
        assert_eq!(again.headers["idempotent-replayed"], "true");
        assert_eq!(again.json, reply.json);
    }
    let malformed = [
        (
            json!({"mobile": "0935123456", "operator": "irancell", "product": "charge"}),
            "mobile.length",
            "mobile",
        ),
        (
            json!({"mobile": REZA_MOBILE, "operator": "hamrah", "product": "charge"}),
            "topup.operator_unknown",
            "operator",
        ),
        (
            json!({"mobile": REZA_MOBILE, "operator": "irancell", "product": "gift"}),
            "topup.product_unknown",
            "product",
        ),
        (
            json!({"mobile": REZA_MOBILE, "operator": "irancell", "product": "package",
                "package_id": "IRC 7D"}),
            "topup.package_id",
            "package_id",
        ),
    ];
    for (mut body, code, field) in malformed {
        body["amount_rials"] = json!(200_000);
        body["source"] = json!({"kind": "account", "account_id": account});
        let reply = buy(&bank, &sara, &key(), body)
            .await
            .expect_error(400, code);
        assert_eq!(reply.json["field"], field);
    }
    // Without its second factor, a payment from an account is refused.
    let body = json!({"mobile": REZA_MOBILE, "operator": "irancell", "product": "charge",
                      "amount_rials": 200_000,
                      "source": {"kind": "account", "account_id": account}});
    buy(&bank, &sara, &key(), body)
        .await
        .expect_error(422, "sca.required");
    assert_eq!(balance(&bank, &account).await, before);
    assert_eq!(journals(&bank, "topup").await, 0);
    bank.finish().await;
}
