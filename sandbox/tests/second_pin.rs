//! `card_second_pin_change`: an own card's static second PIN changed with
//! the current one and the device's enrolled key, once per idempotency key;
//! wrong current PINs spend a per-card and per-customer budget of the Tehran
//! day, then 423 and an SMS to the owner; the PIN is kept as a keyed hash.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
mod payments;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use common::{Bank, Customer, Reply};
use hamrah_core::client::signing::{DynamicLink, SignedParts, canonical_request, new_nonce};
use hamrah_core::ids::CardNumber;
use p256::ecdsa::Signature;
use p256::ecdsa::signature::Signer;
use payments::{advance, key, number, seed};
use reqwest::Method;
use serde_json::{Value, json};

/// Sara's seeded second PIN, and one she may choose.
const SARA_PIN: &str = "58214";
const NEW_PIN: &str = "49617";

fn path(card_id: &str) -> String {
    format!("/v1/cards/{card_id}/second-pin")
}

/// The customer's first card's id.
async fn card_id(bank: &Bank, customer: &Customer) -> String {
    bank.as_customer(customer, Method::GET, "/v1/cards", None)
        .await
        .expect(200)
        .json["items"][0]["card_id"]
        .as_str()
        .unwrap()
        .to_owned()
}

async fn change(
    bank: &Bank,
    customer: &Customer,
    card_id: &str,
    key: &str,
    current: &str,
    new: &str,
) -> Reply {
    let body = json!({"current_pin": current, "new_pin": new});
    bank.as_customer_once(customer, Method::POST, &path(card_id), key, body)
        .await
}

/// The bank's clock set to noon in Tehran, so that no test runs into a midnight.
async fn at_noon(bank: &Bank) {
    let now = bank.sandbox().state().clock.now();
    let (_, midnight) = hamrah_sandbox::usage::tehran_day(now).unwrap();
    let noon = jiff::Timestamp::from_second(midnight + 12 * 3600).unwrap();
    bank.admin(
        Method::POST,
        "/admin/clock",
        Some(json!({"set_to": noon.to_string()})),
    )
    .await
    .expect(200);
}

/// The SMS sent to a mobile, oldest first.
async fn outbox(bank: &Bank, mobile: &str) -> Vec<Value> {
    bank.admin(Method::GET, &format!("/admin/sms/{mobile}"), None)
        .await
        .expect(200)
        .json["items"]
        .as_array()
        .unwrap()
        .clone()
}

async fn security_sms(bank: &Bank, mobile: &str) -> Vec<String> {
    outbox(bank, mobile)
        .await
        .iter()
        .filter(|m| m["kind"] == "security")
        .map(|m| m["body"].as_str().unwrap().to_owned())
        .collect()
}

/// A column of every row of a table, as text.
async fn column(bank: &Bank, sql: &'static str) -> Vec<String> {
    bank.sandbox()
        .state()
        .db
        .read(move |conn| {
            Ok(conn
                .prepare(sql)?
                .query_map([], |r| r.get::<_, Option<String>>(0))?
                .collect::<Result<Vec<_>, _>>()?
                .into_iter()
                .flatten()
                .collect())
        })
        .await
        .unwrap()
}

#[tokio::test]
async fn a_change_is_done_once_and_the_new_pin_is_the_current_one() {
    let bank = Bank::start().await;
    let sara = bank.login_enrolled("sara.ahmadi").await;
    assert_eq!(sara.demo.card_second_pin, SARA_PIN);
    let card = card_id(&bank, &sara).await;
    let first = key();
    let done = change(&bank, &sara, &card, &first, SARA_PIN, NEW_PIN)
        .await
        .expect(200);
    assert!(done.headers.get("idempotent-replayed").is_none());
    assert_eq!(done.json["kind"], "second_pin_change");
    assert_eq!(done.json["card_id"], card.as_str());
    let pan = sara.demo.card_pan.as_str();
    assert_eq!(
        done.json["pan_masked"],
        format!("{}******{}", &pan[..6], &pan[12..])
    );
    assert_eq!(done.json["reference_number"].as_str().unwrap().len(), 12);
    // The same key again: the same receipt, replayed, and nothing done twice.
    let replay = change(&bank, &sara, &card, &first, SARA_PIN, NEW_PIN)
        .await
        .expect(200);
    assert_eq!(replay.headers["idempotent-replayed"], "true");
    assert_eq!(replay.json, done.json);
    let notices = security_sms(&bank, &sara.demo.mobile).await;
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert!(notices[0].contains("رمز دوم"), "{}", notices[0]);
    let inbox = bank
        .as_customer(&sara, Method::GET, "/v1/notices?limit=100", None)
        .await
        .expect(200)
        .json;
    let security: Vec<&Value> = inbox["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["kind"] == "security")
        .collect();
    assert_eq!(security.len(), 1, "{inbox}");
    // The client resolves an unknown outcome by the key.
    let operation = bank
        .as_customer(&sara, Method::GET, &format!("/v1/operations/{first}"), None)
        .await
        .expect(200)
        .json;
    assert_eq!(operation["status"], "succeeded");
    assert_eq!(operation["kind"], "second_pin_change");
    assert_eq!(operation["receipt"], done.json);
    // The old PIN no longer works; the new one does.
    change(&bank, &sara, &card, &key(), SARA_PIN, "30571")
        .await
        .expect_error(422, "card.pin_incorrect");
    change(&bank, &sara, &card, &key(), NEW_PIN, SARA_PIN)
        .await
        .expect(200);
    bank.finish().await;
}

#[tokio::test]
async fn the_pin_is_kept_as_a_keyed_hash_and_never_recorded() {
    let bank = Bank::start().await;
    let seeded = seed(&bank).await;
    for customer in seeded["customers"].as_array().unwrap() {
        for card in customer["cards"].as_array().unwrap() {
            let pin = card["second_pin"].as_str().unwrap();
            assert_eq!(pin.len(), 5, "{card}");
        }
    }
    for card in seeded["other_bank_cards"].as_array().unwrap() {
        assert!(card.get("second_pin").is_none(), "{card}");
    }
    let stored = column(
        &bank,
        "SELECT second_pin FROM cards WHERE customer_id IS NOT NULL",
    )
    .await;
    assert_eq!(stored.len(), 3);
    let sara = bank.login_enrolled("sara.ahmadi").await;
    let card = card_id(&bank, &sara).await;
    change(&bank, &sara, &card, &key(), SARA_PIN, NEW_PIN)
        .await
        .expect(200);
    let reza = bank.login_enrolled("reza.karimi").await;
    let reza_card = card_id(&bank, &reza).await;
    // A refusal recorded under its key (the PIN unchanged) keeps no PIN either.
    change(&bank, &reza, &reza_card, &key(), "73190", "73190")
        .await
        .expect_error(422, "card.pin_unchanged");
    let stored = column(&bank, "SELECT second_pin FROM cards").await;
    for value in &stored {
        assert_eq!(value.len(), 64, "{value}");
        assert!(value.bytes().all(|b| b.is_ascii_hexdigit()), "{value}");
    }
    let recorded = column(
        &bank,
        "SELECT response FROM idempotency WHERE operation = 'card_second_pin_change'",
    )
    .await;
    assert_eq!(recorded.len(), 2);
    let outbox = column(&bank, "SELECT text FROM sms_outbox").await;
    let notices = column(&bank, "SELECT text FROM notices").await;
    for pin in [SARA_PIN, NEW_PIN, "73190", "26047"] {
        for text in stored
            .iter()
            .chain(&recorded)
            .chain(&outbox)
            .chain(&notices)
        {
            assert!(!text.contains(pin), "{pin} in {text}");
        }
    }
    bank.finish().await;
}

#[tokio::test]
async fn only_an_enrolled_device_signing_the_card_may_change_its_pin() {
    let bank = Bank::start().await;
    let sara = bank.login("sara.ahmadi").await;
    let card = card_id(&bank, &sara).await;
    // Refused before anything is checked: the key, the body, the card.
    change(&bank, &sara, &card, &key(), SARA_PIN, NEW_PIN)
        .await
        .expect_error(403, "device.not_enrolled");
    bank.as_customer(&sara, Method::POST, &path("crd_none"), Some(json!({})))
        .await
        .expect_error(403, "device.not_enrolled");
    // An enrolled device's signature binds `second_pin:{card_id}` with amount 0.
    let sara = bank.enroll(&sara).await;
    let idempotency_key = key();
    let body = json!({"current_pin": SARA_PIN, "new_pin": NEW_PIN});
    for payee in [format!("card_block:{card}"), String::new()] {
        let link = DynamicLink {
            amount: "0".into(),
            payee,
        };
        let reply = signed_with_link(&bank, &sara, &card, &idempotency_key, &body, &link).await;
        reply.expect_error(401, "signature.invalid");
    }
    let link = DynamicLink {
        amount: "0".into(),
        payee: format!("second_pin:{card}"),
    };
    signed_with_link(&bank, &sara, &card, &idempotency_key, &body, &link)
        .await
        .expect(200);
    bank.finish().await;
}

/// A change signed by hand over `link` (the harness signs the core's link).
async fn signed_with_link(
    bank: &Bank,
    customer: &Customer,
    card: &str,
    idempotency_key: &str,
    body: &Value,
    link: &DynamicLink,
) -> Reply {
    let path = path(card);
    let bytes = serde_json::to_vec(body).unwrap();
    let timestamp = bank.sandbox().state().clock.now();
    let nonce = new_nonce();
    let canonical = canonical_request(&SignedParts {
        method: "POST",
        path_and_query: &path,
        timestamp,
        nonce: &nonce,
        body: &bytes,
        idempotency_key: Some(idempotency_key),
        link: Some(link),
    });
    let signature: Signature = customer
        .signing
        .as_ref()
        .unwrap()
        .sign(canonical.as_bytes());
    let headers = [
        ("authorization", format!("Bearer {}", customer.token)),
        ("x-device-id", customer.device_id.clone()),
        ("idempotency-key", idempotency_key.to_owned()),
        ("x-signature-timestamp", timestamp.to_string()),
        ("x-signature-nonce", nonce),
        (
            "x-signature",
            URL_SAFE_NO_PAD.encode(signature.to_der().as_bytes()),
        ),
    ];
    let headers: Vec<(&str, &str)> = headers.iter().map(|(n, v)| (*n, v.as_str())).collect();
    bank.call(Method::POST, &path, &headers, Some(body.clone()))
        .await
}

#[tokio::test]
async fn a_wrong_pin_says_the_tries_left_and_the_same_key_may_be_sent_again() {
    let bank = Bank::start().await;
    at_noon(&bank).await;
    let sara = bank.login_enrolled("sara.ahmadi").await;
    let card = card_id(&bank, &sara).await;
    let same = key();
    let wrong = change(&bank, &sara, &card, &same, "30571", NEW_PIN)
        .await
        .expect_error(422, "card.pin_incorrect");
    assert!(
        wrong.json["message_en"]
            .as_str()
            .unwrap()
            .contains("2 more tries today"),
        "{}",
        wrong.json
    );
    assert!(wrong.json["message_fa"].as_str().unwrap().contains('۲'));
    // Not the key's outcome: nothing recorded, the same key succeeds.
    let operation = bank
        .as_customer(&sara, Method::GET, &format!("/v1/operations/{same}"), None)
        .await
        .expect(200);
    assert_eq!(operation.json["status"], "not_found");
    let wrong = change(&bank, &sara, &card, &same, "30572", NEW_PIN)
        .await
        .expect_error(422, "card.pin_incorrect");
    assert!(
        wrong.json["message_en"]
            .as_str()
            .unwrap()
            .contains("1 more try today"),
        "{}",
        wrong.json
    );
    let done = change(&bank, &sara, &card, &same, SARA_PIN, NEW_PIN)
        .await
        .expect(200);
    assert!(done.headers.get("idempotent-replayed").is_none());
    change(&bank, &sara, &card, &same, SARA_PIN, NEW_PIN)
        .await
        .expect(200);
    bank.finish().await;
}

#[tokio::test]
async fn three_wrong_pins_lock_the_card_until_the_next_tehran_day() {
    let bank = Bank::start().await;
    at_noon(&bank).await;
    let sara = bank.login_enrolled("sara.ahmadi").await;
    let card = card_id(&bank, &sara).await;
    for wrong in ["30571", "30572"] {
        change(&bank, &sara, &card, &key(), wrong, NEW_PIN)
            .await
            .expect_error(422, "card.pin_incorrect");
    }
    assert!(security_sms(&bank, &sara.demo.mobile).await.is_empty());
    let now = bank.sandbox().state().clock.now();
    let (_, midnight) = hamrah_sandbox::usage::tehran_day(now).unwrap();
    let third = key();
    let locked = change(&bank, &sara, &card, &third, "30573", NEW_PIN)
        .await
        .expect_error(423, "card.pin_locked");
    let wait = locked.json["retry_after_seconds"].as_i64().unwrap();
    assert!(
        (midnight - now - 5..=midnight - now).contains(&wait),
        "{wait}"
    );
    assert_eq!(locked.headers["retry-after"], wait.to_string().as_str());
    // The owner is told once; the lock is not the key's outcome.
    let told = security_sms(&bank, &sara.demo.mobile).await;
    assert_eq!(told.len(), 1, "{told:?}");
    assert!(told[0].contains("رمز دوم"), "{}", told[0]);
    let operation = bank
        .as_customer(&sara, Method::GET, &format!("/v1/operations/{third}"), None)
        .await
        .expect(200);
    assert_eq!(operation.json["status"], "not_found");
    // Even the right PIN is refused for the rest of the day, and costs nothing.
    change(&bank, &sara, &card, &third, SARA_PIN, NEW_PIN)
        .await
        .expect_error(423, "card.pin_locked");
    assert_eq!(security_sms(&bank, &sara.demo.mobile).await.len(), 1);
    let failures = number(
        &bank,
        "SELECT COUNT(*) FROM failures WHERE kind = 'second_pin_card' AND subject = ?1",
        &card,
    )
    .await;
    assert_eq!(failures, 3);
    // Another customer's card is not locked by hers.
    let reza = bank.login_enrolled("reza.karimi").await;
    let reza_card = card_id(&bank, &reza).await;
    change(&bank, &reza, &reza_card, &key(), "73190", NEW_PIN)
        .await
        .expect(200);
    // The next Tehran day, the same key goes through.
    advance(&bank, wait).await;
    let sara = bank.login_enrolled("sara.ahmadi").await;
    change(&bank, &sara, &card, &third, SARA_PIN, NEW_PIN)
        .await
        .expect(200);
    bank.finish().await;
}

/// Gives a demo customer another card of this bank on her account, with `pin`.
async fn add_card(bank: &Bank, customer_id: &'static str, body: &str, pin: &'static str) -> String {
    let pan = CardNumber::issue(body).unwrap().as_str().to_owned();
    let id = format!("crd_test{body}");
    let mac = std::sync::Arc::clone(&bank.sandbox().state().cvv2);
    let row = id.clone();
    bank.sandbox()
        .state()
        .db
        .tx(move |tx| {
            tx.execute(
                "INSERT INTO cards (id, pan, bank_id, account_id, customer_id, holder_name_fa, holder_name_en, expiry, cvv2, second_pin, created_at)
                 SELECT ?1, ?2, 'melli', k.account_id, k.customer_id, k.holder_name_fa, k.holder_name_en, k.expiry, ?3, ?4, k.created_at
                 FROM cards k WHERE k.customer_id = ?5 LIMIT 1",
                rusqlite::params![row, pan, mac.digest(&pan, "111")?, mac.second_pin_digest(&pan, pin)?, customer_id],
            )?;
            Ok(())
        })
        .await
        .unwrap();
    id
}

#[tokio::test]
async fn wrong_pins_over_several_cards_lock_the_customer() {
    let bank = Bank::start().await;
    at_noon(&bank).await;
    let first = add_card(&bank, "cus_demo0", "603799100200311", "61830").await;
    let second = add_card(&bank, "cus_demo0", "603799100200321", "72941").await;
    let sara = bank.login_enrolled("sara.ahmadi").await;
    let own = card_id(&bank, &sara).await;
    // Two wrong ones on each of two cards: four of the customer's five.
    for card in [&own, &first] {
        for wrong in ["30571", "30572"] {
            change(&bank, &sara, card, &key(), wrong, NEW_PIN)
                .await
                .expect_error(422, "card.pin_incorrect");
        }
    }
    // The fifth, the first on this card, reaches the customer's limit.
    change(&bank, &sara, &second, &key(), "30573", NEW_PIN)
        .await
        .expect_error(423, "card.pin_locked");
    assert_eq!(security_sms(&bank, &sara.demo.mobile).await.len(), 1);
    // Every card of hers is locked now, even with its right PIN.
    for (card, pin) in [(&own, SARA_PIN), (&first, "61830"), (&second, "72941")] {
        change(&bank, &sara, card, &key(), pin, NEW_PIN)
            .await
            .expect_error(423, "card.pin_locked");
    }
    bank.finish().await;
}

#[tokio::test]
async fn new_pins_a_thief_would_try_first_are_refused_before_the_card() {
    let bank = Bank::start().await;
    let sara = bank.login_enrolled("sara.ahmadi").await;
    let card = card_id(&bank, &sara).await;
    for guessable in ["12345", "11111", "98765", "12121"] {
        let refused = change(&bank, &sara, &card, &key(), SARA_PIN, guessable)
            .await
            .expect_error(400, "pin.guessable");
        assert_eq!(refused.json["field"], "new_pin");
    }
    let refused = change(&bank, &sara, &card, &key(), "1234", NEW_PIN)
        .await
        .expect_error(400, "pin.format");
    assert_eq!(refused.json["field"], "current_pin");
    let refused = change(&bank, &sara, &card, &key(), SARA_PIN, "4961a")
        .await
        .expect_error(400, "pin.format");
    assert_eq!(refused.json["field"], "new_pin");
    let extra = json!({"current_pin": SARA_PIN, "new_pin": NEW_PIN, "pan": "x"});
    bank.as_customer_once(&sara, Method::POST, &path(&card), &key(), extra)
        .await
        .expect_error(400, "request.malformed");
    // None of it reached the card: no failure counted, the key stays free.
    let same = key();
    change(&bank, &sara, &card, &same, "30571", "12345")
        .await
        .expect_error(400, "pin.guessable");
    let failures = number(
        &bank,
        "SELECT COUNT(*) FROM failures WHERE subject = ?1",
        &card,
    )
    .await;
    assert_eq!(failures, 0);
    change(&bank, &sara, &card, &same, SARA_PIN, NEW_PIN)
        .await
        .expect(200);
    bank.finish().await;
}

#[tokio::test]
async fn an_unchanged_pin_is_refused_and_recorded() {
    let bank = Bank::start().await;
    let sara = bank.login_enrolled("sara.ahmadi").await;
    let card = card_id(&bank, &sara).await;
    let same = key();
    let refused = change(&bank, &sara, &card, &same, SARA_PIN, SARA_PIN)
        .await
        .expect_error(422, "card.pin_unchanged");
    let again = change(&bank, &sara, &card, &same, SARA_PIN, SARA_PIN)
        .await
        .expect_error(422, "card.pin_unchanged");
    assert_eq!(again.headers["idempotent-replayed"], "true");
    assert_eq!(again.json, refused.json);
    assert!(security_sms(&bank, &sara.demo.mobile).await.is_empty());
    bank.finish().await;
}

#[tokio::test]
async fn another_customers_card_is_not_found() {
    let bank = Bank::start().await;
    let sara = bank.login_enrolled("sara.ahmadi").await;
    let card = card_id(&bank, &sara).await;
    let reza = bank.login_enrolled("reza.karimi").await;
    change(&bank, &reza, &card, &key(), SARA_PIN, NEW_PIN)
        .await
        .expect_error(404, "card.not_found");
    change(&bank, &reza, "crd_none", &key(), "73190", NEW_PIN)
        .await
        .expect_error(404, "card.not_found");
    // Nothing was counted against her card.
    change(&bank, &sara, &card, &key(), SARA_PIN, NEW_PIN)
        .await
        .expect(200);
    bank.finish().await;
}

#[tokio::test]
async fn a_blocked_card_keeps_its_pin() {
    let bank = Bank::start().await;
    let sara = bank.login_enrolled("sara.ahmadi").await;
    let card = card_id(&bank, &sara).await;
    bank.as_customer_once(
        &sara,
        Method::POST,
        &format!("/v1/cards/{card}/block"),
        &key(),
        json!({"reason": "lost"}),
    )
    .await
    .expect(200);
    change(&bank, &sara, &card, &key(), SARA_PIN, NEW_PIN)
        .await
        .expect_error(422, "card.blocked");
    bank.finish().await;
}

#[tokio::test]
async fn config_serves_the_second_pin_budget() {
    let bank = Bank::start().await;
    let config = bank
        .call(Method::GET, "/v1/config", &[], None)
        .await
        .expect(200)
        .json;
    assert_eq!(
        config["second_pin"],
        json!({"failures_per_card_per_day": 3, "failures_per_customer_per_day": 5})
    );
    bank.finish().await;
}
