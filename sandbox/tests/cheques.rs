//! Sayad cheques at the sandbox bank: cheque books and leaves, registering a
//! cheque with a second factor bound to its amount and Sayad ID, confirming,
//! refusing and transferring received ones, the status by Sayad ID with the
//! issuer's colour code, and presenting on the due date (paid, or bounced
//! with a returned-cheque record, the issuer's new colour and SMS notices).
//! Every reply is checked against the contract; every test ends with the
//! ledger invariants.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails loudly

mod banking;
mod common;

use banking::{balance, sms_of_kind, today};
use common::{Bank, Customer, Reply};
use reqwest::Method;
use serde_json::{Value, json};

const SARA: &str = "sara.ahmadi";
const REZA: &str = "reza.karimi";
const SARA_ID: &str = "0012246141";
const REZA_ID: &str = "3382923971";
/// Sara's current account; her book's leaves are `100200300401` and the leaf number.
const SARA_ACCOUNT: &str = "acc_100200300401";
const REZA_ACCOUNT: &str = "acc_100200300501";
/// The seeded cheques: Sara's to Reza (pending), Reza's to Sara (held, larger than
/// his balance, due in a week), another bank's to Sara (pending, its issuer yellow).
const SARA_TO_REZA: &str = "1002003004010001";
const REZA_TO_SARA: &str = "1002003005010001";
const OTHER_TO_SARA: &str = "3004500600700001";

fn key() -> String {
    uuid::Uuid::new_v4().to_string()
}

async fn books(bank: &Bank, who: &Customer) -> Value {
    bank.as_customer(who, Method::GET, "/v1/cheque-books", None)
        .await
        .expect(200)
        .json
}

async fn received(bank: &Bank, who: &Customer) -> Vec<Value> {
    bank.as_customer(who, Method::GET, "/v1/cheques/received", None)
        .await
        .expect(200)
        .json["items"]
        .as_array()
        .unwrap()
        .clone()
}

async fn inquiry(bank: &Bank, who: &Customer, sayad_id: &str) -> Reply {
    bank.as_customer(
        who,
        Method::POST,
        "/v1/cheque-inquiries",
        Some(json!({"sayad_id": sayad_id})),
    )
    .await
}

async fn answer(bank: &Bank, who: &Customer, sayad_id: &str, action: &str, key: &str) -> Reply {
    bank.as_customer_once(
        who,
        Method::POST,
        &format!("/v1/cheques/{sayad_id}/{action}"),
        key,
        json!({}),
    )
    .await
}

/// A registration of Sara's leaf `leaf` to Reza, with the dynamic PIN the
/// bank sent her for it.
async fn register_body(bank: &Bank, sara: &Customer, key: &str, leaf: u32, amount: i64) -> Value {
    let sayad_id = format!("100200300401{leaf:04}");
    let due = banking::plus(today(bank).await, 20).to_string();
    let mut body = json!({"sayad_id": sayad_id, "amount_rials": amount, "due_date": due,
                          "payee_national_ids": [REZA_ID], "description": "قسط اول"});
    let pin = bank
        .account_pin(
            sara,
            key,
            SARA_ACCOUNT,
            amount,
            json!({"kind": "cheque", "sayad_id": sayad_id}),
        )
        .await;
    body["pin"] = pin["pin"].clone();
    body["pin_kind"] = pin["pin_kind"].clone();
    body
}

async fn advance_days(bank: &Bank, days: i64) {
    bank.admin(
        Method::POST,
        "/admin/clock",
        Some(json!({"advance_seconds": days * 86_400})),
    )
    .await
    .expect(200);
}

#[tokio::test]
async fn the_cheque_books_show_leaves_their_cheques_and_the_own_standing() {
    let bank = Bank::start().await;
    let sara = bank.login(SARA).await;
    let list = books(&bank, &sara).await;
    let book = &list["items"][0];
    assert_eq!(book["account_id"], SARA_ACCOUNT);
    let leaves = book["leaves"].as_array().unwrap();
    assert_eq!(leaves.len(), 10);
    assert_eq!(leaves[0]["sayad_id"], SARA_TO_REZA);
    assert_eq!(leaves[0]["serial"], "300401/00000001");
    assert_eq!(leaves[0]["state"], "issued");
    assert_eq!(leaves[0]["cheque"]["status"], "pending_acceptance");
    assert_eq!(leaves[0]["cheque"]["role"], "issuer");
    assert_eq!(leaves[0]["cheque"]["holders_masked"][0], "338****971");
    assert_eq!(leaves[1]["state"], "unused");
    assert!(leaves[1].get("cheque").is_none());
    assert_eq!(list["standing"]["colour"], "white");
    bank.finish().await;
}

#[tokio::test]
async fn registering_needs_the_pin_for_that_amount_and_leaf_and_happens_once() {
    let bank = Bank::start().await;
    let sara = bank.login(SARA).await;
    let reza = bank.login(REZA).await;
    let due = banking::plus(today(&bank).await, 20).to_string();
    let bare = json!({"sayad_id": "1002003004010002", "amount_rials": 70_000_000,
                      "due_date": due, "payee_national_ids": [REZA_ID]});
    bank.as_customer_once(&sara, Method::POST, "/v1/cheques", &key(), bare)
        .await
        .expect_error(422, "sca.required");
    // A PIN asked for another amount does not register this one.
    let k = key();
    let mut body = register_body(&bank, &sara, &k, 2, 70_000_000).await;
    body["amount_rials"] = json!(80_000_000);
    bank.as_customer_once(&sara, Method::POST, "/v1/cheques", &k, body)
        .await
        .expect_error(422, "otp.invalid");
    let k = key();
    let body = register_body(&bank, &sara, &k, 2, 70_000_000).await;
    let receipt = bank
        .as_customer_once(&sara, Method::POST, "/v1/cheques", &k, body.clone())
        .await
        .expect(201)
        .json;
    assert_eq!(receipt["kind"], "cheque");
    assert_eq!(receipt["action"], "register");
    assert_eq!(receipt["status"], "pending_acceptance");
    let replay = bank
        .as_customer_once(&sara, Method::POST, "/v1/cheques", &k, body)
        .await
        .expect(201);
    assert_eq!(replay.headers["idempotent-replayed"], "true");
    assert_eq!(replay.json, receipt);
    // The leaf is used up: a second registration of it is refused.
    let again = key();
    let body = register_body(&bank, &sara, &again, 2, 70_000_000).await;
    bank.as_customer_once(&sara, Method::POST, "/v1/cheques", &again, body)
        .await
        .expect_error(422, "cheque.leaf_not_available");
    // The ID as typed, with separators, reads the same.
    let status = inquiry(&bank, &reza, "1002-0030-0401-0002")
        .await
        .expect(200)
        .json;
    assert_eq!(status["role"], "pending");
    assert_eq!(status["amount_rials"], 70_000_000);
    assert_eq!(status["issuer"]["name_fa"], "سارا احمدی");
    assert_eq!(status["issuer"]["standing"]["colour"], "white");
    let notices = sms_of_kind(&bank, &reza.demo.mobile, "cheque").await;
    assert!(
        notices
            .iter()
            .any(|m| m["body"].as_str().unwrap().contains("۷۰٬۰۰۰٬۰۰۰")
                || m["body"].as_str().unwrap().contains("70,000,000"))
    );
    // Refusals of the input itself.
    let mut past = json!({"sayad_id": "1002003004010003", "amount_rials": 1,
                          "due_date": banking::plus(today(&bank).await, -1).to_string(),
                          "payee_national_ids": [REZA_ID]});
    bank.as_customer_once(&sara, Method::POST, "/v1/cheques", &key(), past.clone())
        .await
        .expect_error(400, "cheque.due_date_invalid");
    past["due_date"] = json!(due);
    past["payee_national_ids"] = json!([SARA_ID]);
    let k = key();
    let mut selfish = past.clone();
    let pin = bank
        .account_pin(
            &sara,
            &k,
            SARA_ACCOUNT,
            1,
            json!({"kind": "cheque", "sayad_id": "1002003004010003"}),
        )
        .await;
    selfish["pin"] = pin["pin"].clone();
    selfish["pin_kind"] = pin["pin_kind"].clone();
    bank.as_customer_once(&sara, Method::POST, "/v1/cheques", &k, selfish)
        .await
        .expect_error(422, "cheque.payee_self");
    past["sayad_id"] = json!("12345");
    bank.as_customer_once(&sara, Method::POST, "/v1/cheques", &key(), past)
        .await
        .expect_error(400, "sayad.length");
    bank.as_customer_once(
        &reza,
        Method::POST,
        "/v1/cheques",
        &key(),
        json!({"sayad_id": "1002003004010004", "amount_rials": 1, "due_date": due,
               "payee_national_ids": [SARA_ID]}),
    )
    .await
    .expect_error(404, "cheque.not_found");
    bank.finish().await;
}

#[tokio::test]
async fn the_payee_sees_the_issuers_colour_then_accepts_or_refuses() {
    let bank = Bank::start().await;
    let sara = bank.login(SARA).await;
    let reza = bank.login(REZA).await;
    let offered = received(&bank, &sara).await;
    let other = offered
        .iter()
        .find(|c| c["sayad_id"] == OTHER_TO_SARA)
        .unwrap();
    assert_eq!(other["role"], "pending");
    assert_eq!(other["issuer"]["standing"]["colour"], "yellow");
    assert_eq!(other["issuer"]["standing"]["returned_count"], 1);
    assert_eq!(other["issuer"]["bank"]["bank_id"], "tejarat");
    let k = key();
    let refused = answer(&bank, &sara, OTHER_TO_SARA, "refuse", &k)
        .await
        .expect(200)
        .json;
    assert_eq!(refused["status"], "refused");
    assert_eq!(
        answer(&bank, &sara, OTHER_TO_SARA, "refuse", &k)
            .await
            .headers["idempotent-replayed"],
        "true"
    );
    answer(&bank, &sara, OTHER_TO_SARA, "accept", &key())
        .await
        .expect_error(422, "cheque.state_invalid");
    // Reza confirms Sara's cheque; Sara cannot answer it for him.
    answer(&bank, &sara, SARA_TO_REZA, "accept", &key())
        .await
        .expect_error(422, "cheque.not_addressed");
    let accepted = answer(&bank, &reza, SARA_TO_REZA, "accept", &key())
        .await
        .expect(200)
        .json;
    assert_eq!(accepted["status"], "accepted");
    let held = received(&bank, &reza).await;
    let held = held.iter().find(|c| c["sayad_id"] == SARA_TO_REZA).unwrap();
    assert_eq!(held["role"], "holder");
    answer(&bank, &reza, "1002003004019999", "accept", &key())
        .await
        .expect_error(404, "cheque.not_found");
    bank.finish().await;
}

#[tokio::test]
async fn a_held_cheque_is_transferred_with_a_pin_bound_to_the_new_holder() {
    let bank = Bank::start().await;
    let sara = bank.login(SARA).await;
    let reza = bank.login(REZA).await;
    answer(&bank, &sara, OTHER_TO_SARA, "accept", &key())
        .await
        .expect(200);
    let body =
        json!({"to_national_id": REZA_ID, "amount_rials": 20_000_000, "account_id": SARA_ACCOUNT});
    let path = format!("/v1/cheques/{OTHER_TO_SARA}/transfer");
    bank.as_customer_once(&sara, Method::POST, &path, &key(), body.clone())
        .await
        .expect_error(422, "sca.required");
    let k = key();
    // A PIN for another new holder does not transfer it to Reza.
    let pin = bank
        .account_pin(
            &sara,
            &k,
            SARA_ACCOUNT,
            20_000_000,
            json!({"kind": "cheque", "sayad_id": OTHER_TO_SARA, "national_id": "8472621677"}),
        )
        .await;
    let mut signed = body.clone();
    signed["pin"] = pin["pin"].clone();
    signed["pin_kind"] = pin["pin_kind"].clone();
    bank.as_customer_once(&sara, Method::POST, &path, &k, signed)
        .await
        .expect_error(422, "otp.invalid");
    let k = key();
    let pin = bank
        .account_pin(
            &sara,
            &k,
            SARA_ACCOUNT,
            20_000_000,
            json!({"kind": "cheque", "sayad_id": OTHER_TO_SARA, "national_id": REZA_ID}),
        )
        .await;
    let mut signed = body.clone();
    signed["pin"] = pin["pin"].clone();
    signed["pin_kind"] = pin["pin_kind"].clone();
    let mut wrong = signed.clone();
    wrong["amount_rials"] = json!(20_000_001);
    let receipt = bank
        .as_customer_once(&sara, Method::POST, &path, &k, signed)
        .await
        .expect(200)
        .json;
    assert_eq!(receipt["action"], "transfer");
    assert_eq!(receipt["status"], "pending_acceptance");
    assert_eq!(receipt["holders_masked"][0], "338****971");
    let seen = inquiry(&bank, &sara, OTHER_TO_SARA).await.expect(200).json;
    assert_eq!(seen["role"], "holder");
    assert_eq!(seen["pending_masked"][0], "338****971");
    // Reza refuses: it stays Sara's; she offers it again and he confirms.
    answer(&bank, &reza, OTHER_TO_SARA, "refuse", &key())
        .await
        .expect(200);
    assert_eq!(
        inquiry(&bank, &sara, OTHER_TO_SARA).await.json["status"],
        "accepted"
    );
    let k = key();
    let pin = bank
        .account_pin(
            &sara,
            &k,
            SARA_ACCOUNT,
            20_000_000,
            json!({"kind": "cheque", "sayad_id": OTHER_TO_SARA, "national_id": REZA_ID}),
        )
        .await;
    wrong["pin"] = pin["pin"].clone();
    bank.as_customer_once(&sara, Method::POST, &path, &k, wrong)
        .await
        .expect_error(422, "cheque.amount_mismatch");
    let k = key();
    let pin = bank
        .account_pin(
            &sara,
            &k,
            SARA_ACCOUNT,
            20_000_000,
            json!({"kind": "cheque", "sayad_id": OTHER_TO_SARA, "national_id": REZA_ID}),
        )
        .await;
    let mut signed = body.clone();
    signed["pin"] = pin["pin"].clone();
    signed["pin_kind"] = pin["pin_kind"].clone();
    bank.as_customer_once(&sara, Method::POST, &path, &k, signed)
        .await
        .expect(200);
    answer(&bank, &reza, OTHER_TO_SARA, "accept", &key())
        .await
        .expect(200);
    let now = inquiry(&bank, &reza, OTHER_TO_SARA).await.json;
    assert_eq!(
        (now["status"].as_str(), now["role"].as_str()),
        (Some("accepted"), Some("holder"))
    );
    assert_eq!(
        inquiry(&bank, &sara, OTHER_TO_SARA).await.json["role"],
        "none"
    );
    bank.finish().await;
}

#[tokio::test]
async fn on_the_due_date_a_funded_cheque_is_paid_and_an_unfunded_one_bounces() {
    let bank = Bank::start().await;
    let sara = bank.login(SARA).await;
    let reza = bank.login(REZA).await;
    answer(&bank, &reza, SARA_TO_REZA, "accept", &key())
        .await
        .expect(200);
    let sara_before = balance(&bank, &sara, SARA_ACCOUNT).await;
    let reza_before = balance(&bank, &reza, REZA_ACCOUNT).await;
    assert_eq!(
        inquiry(&bank, &sara, REZA_TO_SARA).await.json["issuer"]["standing"]["colour"],
        "white"
    );
    // A week on, Reza's 400,000,000-rial cheque to Sara meets his 300,000,000.
    advance_days(&bank, 8).await;
    let (sara, reza) = (bank.login(SARA).await, bank.login(REZA).await);
    let bounced = inquiry(&bank, &sara, REZA_TO_SARA).await.expect(200).json;
    assert_eq!(bounced["status"], "bounced");
    assert!(bounced["presented_at_jalali"].is_string());
    let standing = &bounced["issuer"]["standing"];
    assert_eq!(
        (
            standing["colour"].as_str(),
            standing["returned_count"].as_i64()
        ),
        (Some("brown"), Some(1))
    );
    assert_eq!(
        balance(&bank, &reza, REZA_ACCOUNT).await,
        reza_before,
        "nothing moves on a bounce"
    );
    let to_issuer = sms_of_kind(&bank, &reza.demo.mobile, "cheque").await;
    assert!(
        to_issuer
            .iter()
            .any(|m| m["body"].as_str().unwrap().contains("چک برگشتی"))
    );
    let to_holder = sms_of_kind(&bank, &sara.demo.mobile, "cheque").await;
    assert!(
        to_holder
            .iter()
            .any(|m| m["body"].as_str().unwrap().contains("برگشت خورد"))
    );
    assert_eq!(books(&bank, &reza).await["standing"]["colour"], "brown");
    // A month on, Sara's 50,000,000-rial cheque to Reza is paid from her account into his.
    advance_days(&bank, 23).await;
    let (sara, reza) = (bank.login(SARA).await, bank.login(REZA).await);
    let paid = inquiry(&bank, &reza, SARA_TO_REZA).await.json;
    assert_eq!(paid["status"], "paid");
    assert_eq!(
        balance(&bank, &sara, SARA_ACCOUNT).await,
        sara_before - 50_000_000
    );
    assert_eq!(
        balance(&bank, &reza, REZA_ACCOUNT).await,
        reza_before + 50_000_000
    );
    bank.finish().await;
}

#[tokio::test]
async fn a_lost_reply_to_a_registration_is_found_by_its_key_and_replayed() {
    let bank = Bank::start().await;
    let sara = bank.login(SARA).await;
    let k = key();
    let body = register_body(&bank, &sara, &k, 5, 12_000_000).await;
    bank.admin(
        Method::POST,
        "/admin/faults",
        Some(json!({"route": "cheque_register", "kind": "drop_after_commit", "count": 1})),
    )
    .await
    .expect(201);
    let lost = bank
        .client
        .post(format!("{}/v1/cheques", bank.url))
        .bearer_auth(&sara.token)
        .header("x-device-id", &sara.device_id)
        .header("idempotency-key", &k)
        .json(&body)
        .send()
        .await;
    assert!(!lost.is_ok_and(|r| r.status().is_success()));
    let found = bank
        .as_customer(&sara, Method::GET, &format!("/v1/operations/{k}"), None)
        .await
        .expect(200)
        .json;
    assert_eq!(found["status"], "succeeded");
    assert_eq!(found["kind"], "cheque");
    assert_eq!(found["receipt"]["sayad_id"], "1002003004010005");
    let replay = bank
        .as_customer_once(&sara, Method::POST, "/v1/cheques", &k, body)
        .await
        .expect(201);
    assert_eq!(replay.json, found["receipt"]);
    bank.finish().await;
}
