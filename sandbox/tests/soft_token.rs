//! The soft token ("ramz-saz"): activation by SMS code with the seed sealed
//! to the device's ECDH key, only on an enrolled device (signed requests),
//! offline codes accepted once, transaction-bound codes bound to amount and
//! payee, one step of clock skew, the lock after 5 wrong codes, deactivation,
//! and bill payments with a code.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails loudly

mod common;
mod payments;

use common::{Bank, Customer, Reply};
use hamrah_core::ids::{Bill, CardNumber};
use hamrah_core::money::Rials;
use hamrah_core::token::{
    ActivationKey, Algorithm, EncryptedSeed, Payee, Secret, Totp, transaction_code,
};
use hamrah_sandbox::{Sandbox, SandboxOptions, StartError, vault};
use payments::*;
use reqwest::Method;
use serde_json::{Value, json};

const AMOUNT: i64 = 25_000_000;

/// The customer's main card's id.
async fn card_id(bank: &Bank, customer: &Customer) -> String {
    let cards = bank
        .as_customer(customer, Method::GET, "/v1/cards", None)
        .await
        .expect(200)
        .json;
    cards["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["pan"] == customer.demo.card_pan.as_str())
        .unwrap()["card_id"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// The card's `soft_token` in the card list.
async fn token_state(bank: &Bank, customer: &Customer) -> Value {
    let cards = bank
        .as_customer(customer, Method::GET, "/v1/cards", None)
        .await
        .expect(200)
        .json;
    cards["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["pan"] == customer.demo.card_pan.as_str())
        .unwrap()["soft_token"]
        .clone()
}

async fn start(bank: &Bank, customer: &Customer, card_id: &str) -> Reply {
    bank.as_customer(
        customer,
        Method::POST,
        "/v1/soft-token-activations",
        Some(json!({"card_id": card_id})),
    )
    .await
}

async fn confirm(
    bank: &Bank,
    customer: &Customer,
    activation: &str,
    code: &str,
    key: &str,
) -> Reply {
    bank.as_customer(
        customer,
        Method::POST,
        &format!("/v1/soft-token-activations/{activation}/confirm"),
        Some(json!({"code": code, "device_public_key": key})),
    )
    .await
}

/// Activates the customer's main card's token; the seed as the device opened it.
async fn activate(bank: &Bank, customer: &Customer) -> Secret {
    let card = card_id(bank, customer).await;
    let started = start(bank, customer, &card).await.expect(201).json;
    let code = bank.last_otp(&customer.demo.mobile).await;
    let key = ActivationKey::generate().unwrap();
    let activation = started["activation_id"].as_str().unwrap();
    let reply = confirm(bank, customer, activation, &code, &key.public_key())
        .await
        .expect(201)
        .json;
    let sealed: EncryptedSeed = serde_json::from_value(reply["encrypted_seed"].clone()).unwrap();
    key.open(reply["token_id"].as_str().unwrap(), &sealed)
        .unwrap()
}

/// The bank's clock now, Unix seconds.
async fn bank_now(bank: &Bank) -> u64 {
    let clock = bank
        .admin(Method::GET, "/admin/clock", None)
        .await
        .expect(200);
    let now: jiff::Timestamp = clock.json["now"].as_str().unwrap().parse().unwrap();
    u64::try_from(now.as_second()).unwrap()
}

/// Moves the bank's clock to one second into a fresh 30-second step, so a
/// test has the rest of the step before real time crosses into the next.
async fn align(bank: &Bank) -> u64 {
    let now = bank_now(bank).await;
    advance(bank, i64::try_from(30 - now % 30 + 1).unwrap()).await;
    bank_now(bank).await
}

fn totp(seed: &Secret) -> Totp {
    Totp::new(seed.clone(), Algorithm::Sha256, 6, 30).unwrap()
}

fn ocra(seed: &Secret, amount: i64, pan: &str, at: u64) -> String {
    let payee = Payee::Card(pan.parse::<CardNumber>().unwrap());
    transaction_code(seed, Rials::new(u64::try_from(amount).unwrap()), &payee, at).unwrap()
}

/// Sara, logged in on an enrolled device with her card's soft token
/// active, about to pay a Mellat card at the start of a time step.
struct Paying {
    bank: Bank,
    sara: Customer,
    mellat: String,
    seed: Secret,
    now: u64,
    before: i64,
}

impl Paying {
    async fn start() -> Self {
        let bank = Bank::start().await;
        let sara = bank.login_enrolled("sara.ahmadi").await;
        let mellat = other_card(&bank, "mellat").await;
        let seed = activate(&bank, &sara).await;
        let now = align(&bank).await;
        let before = card_balance(&bank, &sara.demo.card_pan).await;
        Self {
            bank,
            sara,
            mellat,
            seed,
            now,
            before,
        }
    }
}

/// A card transfer from the customer's main card with a soft-token code.
async fn pay(
    bank: &Bank,
    customer: &Customer,
    to: &str,
    amount: i64,
    code: &str,
    kind: &str,
) -> Reply {
    let mut body = transfer_body(customer, to, amount, code);
    body["pin_kind"] = kind.into();
    transfer(bank, customer, &key(), body).await
}

#[tokio::test]
async fn activation_needs_the_sms_code_and_seals_the_seed_to_the_device() {
    let bank = Bank::start().await;
    let sara = bank.login_enrolled("sara.ahmadi").await;
    let card = card_id(&bank, &sara).await;
    assert_eq!(token_state(&bank, &sara).await, json!({"state": "none"}));

    let started = start(&bank, &sara, &card).await.expect(201).json;
    assert_eq!(started["card_id"], card.as_str());
    assert_eq!(started["seconds_left"], 120);
    let activation = started["activation_id"].as_str().unwrap().to_owned();
    let code = bank.last_otp(&sara.demo.mobile).await;
    let key = ActivationKey::generate().unwrap();
    let wrong = if code == "000000" { "111111" } else { "000000" };
    confirm(&bank, &sara, &activation, wrong, &key.public_key())
        .await
        .expect_error(422, "otp.invalid");
    confirm(&bank, &sara, &activation, &code, "AAAA")
        .await
        .expect_error(400, "device.public_key_invalid");
    let reply = confirm(&bank, &sara, &activation, &code, &key.public_key())
        .await
        .expect(201)
        .json;
    assert_eq!(
        reply["totp"],
        json!({"digits": 6, "period_seconds": 30, "algorithm": "sha256"})
    );
    assert_eq!(reply["ocra_suite"], "OCRA-1:HOTP-SHA256-8:QH40-T30S");
    let token_id = reply["token_id"].as_str().unwrap().to_owned();
    let sealed: EncryptedSeed = serde_json::from_value(reply["encrypted_seed"].clone()).unwrap();

    // Bound to the token id (AAD) and to this device's key.
    let other = ActivationKey::generate().unwrap();
    assert!(other.open(&token_id, &sealed).is_err());
    let again = ActivationKey::generate().unwrap();
    assert!(again.open("tok_another", &sealed).is_err());
    let seed = key.open(&token_id, &sealed).unwrap();
    assert_eq!(seed.len(), 32);
    // The bank keeps the very seed the device opened, sealed under its column
    // key and bound to the token: the database alone does not hold it.
    let binding = vault::seed_binding(&token_id);
    let stored = bank
        .sandbox()
        .state()
        .db
        .read(move |conn| {
            Ok(conn.query_row(
                "SELECT seed FROM soft_tokens WHERE token_id = ?1",
                [token_id],
                |r| r.get::<_, Vec<u8>>(0),
            )?)
        })
        .await
        .unwrap();
    assert_eq!(stored.len(), 12 + 32 + 16);
    assert!(!stored.windows(32).any(|w| w == seed.expose()));
    let sealer = &bank.sandbox().state().sealer;
    let kept = vault::open(sealer, &binding, &stored).unwrap();
    assert_eq!(Secret::new(kept.to_vec()).unwrap(), seed);
    assert!(vault::open(sealer, &vault::seed_binding("tok_another"), &stored).is_err());

    let state = token_state(&bank, &sara).await;
    assert_eq!(state["state"], "active");
    assert_eq!(state["device_id"], sara.device_id.as_str());
    // The code is used up.
    confirm(&bank, &sara, &activation, &code, &key_text())
        .await
        .expect_error(404, "activation.not_found");
    bank.finish().await;
}

fn key_text() -> String {
    ActivationKey::generate().unwrap().public_key()
}

/// SMS messages in the customer's outbox.
async fn sms_count(bank: &Bank, customer: &Customer) -> usize {
    sms_kinds(bank, &customer.demo.mobile).await.len()
}

#[tokio::test]
async fn activation_needs_an_enrolled_device_and_sends_nothing_otherwise() {
    let bank = Bank::start().await;
    // A device confirmed by SMS code but never enrolled.
    let reza = bank.login("reza.karimi").await;
    let card = card_id(&bank, &reza).await;
    let sent = sms_count(&bank, &reza).await;
    start(&bank, &reza, &card)
        .await
        .expect_error(403, "device.not_enrolled");
    confirm(&bank, &reza, "sta_unknown", "123456", &key_text())
        .await
        .expect_error(403, "device.not_enrolled");
    assert_eq!(sms_count(&bank, &reza).await, sent);
    assert_eq!(token_state(&bank, &reza).await, json!({"state": "none"}));

    // A revoked device: its activation, started while it was enrolled, cannot
    // be confirmed after it logs in again, nor can a new one start.
    let sara = bank.login_enrolled("sara.ahmadi").await;
    let card = card_id(&bank, &sara).await;
    let started = start(&bank, &sara, &card).await.expect(201).json;
    let activation = started["activation_id"].as_str().unwrap();
    let code = bank.last_otp(&sara.demo.mobile).await;
    let path = format!("/v1/devices/{}", sara.device_id);
    bank.as_customer(&sara, Method::DELETE, &path, None)
        .await
        .expect(204);
    let again = bank.login_on("sara.ahmadi", &sara.device_id).await;
    let sent = sms_count(&bank, &again).await;
    start(&bank, &again, &card)
        .await
        .expect_error(403, "device.not_enrolled");
    confirm(&bank, &again, activation, &code, &key_text())
        .await
        .expect_error(403, "device.not_enrolled");
    assert_eq!(sms_count(&bank, &again).await, sent);
    assert_eq!(token_state(&bank, &again).await, json!({"state": "none"}));
    bank.finish().await;
}

#[tokio::test]
async fn wrong_activation_codes_add_up_across_activations_and_lock_the_customer() {
    let bank = Bank::start().await;
    let sara = bank.login_enrolled("sara.ahmadi").await;
    let card = card_id(&bank, &sara).await;
    let key = key_text();
    let mut codes = Vec::new();
    // Two activations, each dead after its own three tries: five wrong codes in all.
    for tries in [3, 2] {
        let started = start(&bank, &sara, &card).await.expect(201).json;
        let activation = started["activation_id"].as_str().unwrap().to_owned();
        let code = bank.last_otp(&sara.demo.mobile).await;
        let wrong = if code == "000000" { "111111" } else { "000000" };
        for _ in 0..tries {
            let reply = confirm(&bank, &sara, &activation, wrong, &key).await;
            codes.push(reply.code().to_owned());
        }
    }
    assert_eq!(
        codes,
        [
            "otp.invalid",
            "otp.invalid",
            "otp.attempts_exceeded",
            "otp.invalid",
            "auth.user_locked"
        ]
    );
    assert_eq!(token_state(&bank, &sara).await, json!({"state": "none"}));
    bank.finish().await;
}

#[tokio::test]
async fn a_second_start_waits_until_the_first_code_expires() {
    let bank = Bank::start().await;
    let sara = bank.login_enrolled("sara.ahmadi").await;
    let card = card_id(&bank, &sara).await;
    let first = start(&bank, &sara, &card).await.expect(201).json;
    let expires: jiff::Timestamp = first["expires_at"].as_str().unwrap().parse().unwrap();
    let expires = u64::try_from(expires.as_second()).unwrap();
    let sent = sms_count(&bank, &sara).await;

    advance(&bank, 100).await;
    let before = bank_now(&bank).await;
    let refused = start(&bank, &sara, &card)
        .await
        .expect_error(429, "token.activation_pending");
    let after = bank_now(&bank).await;
    // The seconds left of the first code (the bank's clock also runs in real time).
    let left = refused.json["retry_after_seconds"].as_u64().unwrap();
    assert!(
        (expires - after..=expires - before).contains(&left),
        "{left}"
    );
    assert!((19..=20).contains(&left), "{left}");
    assert_eq!(sms_count(&bank, &sara).await, sent);

    advance(&bank, 20).await;
    let started = start(&bank, &sara, &card).await.expect(201).json;
    assert_eq!(sms_count(&bank, &sara).await, sent + 1);
    // The new code activates.
    let activation = started["activation_id"].as_str().unwrap();
    let code = bank.last_otp(&sara.demo.mobile).await;
    confirm(&bank, &sara, activation, &code, &key_text())
        .await
        .expect(201);
    bank.finish().await;
}

#[tokio::test]
async fn activation_is_for_own_active_cards_only() {
    let bank = Bank::start().await;
    let sara = bank.login_enrolled("sara.ahmadi").await;
    let reza = bank.login_enrolled("reza.karimi").await;
    let rezas_card = card_id(&bank, &reza).await;
    start(&bank, &sara, &rezas_card)
        .await
        .expect_error(404, "card.not_found");
    // Another customer cannot confirm Sara's activation.
    let card = card_id(&bank, &sara).await;
    let started = start(&bank, &sara, &card).await.expect(201).json;
    let code = bank.last_otp(&sara.demo.mobile).await;
    let activation = started["activation_id"].as_str().unwrap();
    confirm(&bank, &reza, activation, &code, &key_text())
        .await
        .expect_error(404, "activation.not_found");
    bank.finish().await;
}

#[tokio::test]
async fn an_offline_code_is_accepted_once_and_refused_the_second_time() {
    let Paying {
        bank,
        sara,
        mellat,
        seed,
        now,
        before,
    } = Paying::start().await;

    let code = totp(&seed).at(now);
    let receipt = pay(&bank, &sara, &mellat, AMOUNT, &code, "totp")
        .await
        .expect(201)
        .json;
    assert_eq!(receipt["status"], "succeeded");
    pay(&bank, &sara, &mellat, AMOUNT, &code, "totp")
        .await
        .expect_error(422, "token.code_reused");

    let ocra_code = ocra(&seed, AMOUNT, &mellat, now);
    pay(&bank, &sara, &mellat, AMOUNT, &ocra_code, "ocra")
        .await
        .expect(201);
    pay(&bank, &sara, &mellat, AMOUNT, &ocra_code, "ocra")
        .await
        .expect_error(422, "token.code_reused");
    assert_eq!(
        card_balance(&bank, &sara.demo.card_pan).await,
        before - 2 * (AMOUNT + 7_200)
    );
    bank.finish().await;
}

#[tokio::test]
async fn seeds_an_earlier_sandbox_kept_in_the_clear_are_sealed_at_start() {
    let mut bank = Bank::start().await;
    let sara = bank.login_enrolled("sara.ahmadi").await;
    let mellat = other_card(&bank, "mellat").await;
    let seed = activate(&bank, &sara).await;
    // As a sandbox before sealed columns wrote it.
    let plain = seed.expose().to_vec();
    bank.sandbox()
        .state()
        .db
        .tx(move |tx| Ok(tx.execute("UPDATE soft_tokens SET seed = ?1", [plain])?))
        .await
        .unwrap();

    bank.restart().await;
    let stored: Vec<u8> = bank
        .sandbox()
        .state()
        .db
        .read(|conn| Ok(conn.query_row("SELECT seed FROM soft_tokens", [], |r| r.get(0))?))
        .await
        .unwrap();
    assert_eq!(stored.len(), 12 + 32 + 16);
    // The token goes on working.
    let now = align(&bank).await;
    pay(&bank, &sara, &mellat, AMOUNT, &totp(&seed).at(now), "totp")
        .await
        .expect(201);
    bank.finish().await;
}

#[tokio::test]
async fn a_data_directory_given_another_column_key_refuses_to_start() {
    let mut bank = Bank::start().await;
    let sara = bank.login_enrolled("sara.ahmadi").await;
    activate(&bank, &sara).await;
    bank.sandbox.take().unwrap().stop().await;

    let key = bank.dir.path().join("column.key");
    std::fs::write(&key, [9u8; 32]).unwrap();
    let error = Sandbox::start(SandboxOptions::demo(bank.dir.path()))
        .await
        .err()
        .expect("another key must not start");
    assert!(matches!(error, StartError::ColumnKey(_)), "{error}");
    assert!(
        error.to_string().contains("column.key does not open"),
        "{error}"
    );
}

#[tokio::test]
async fn a_code_spent_on_a_refused_payment_cannot_pay_again() {
    let Paying {
        bank,
        sara,
        mellat,
        seed,
        now,
        before,
    } = Paying::start().await;

    // Accepted, then refused by a limit: the refusal is recorded under its key...
    let code = totp(&seed).at(now);
    let above_max = 150_000_001;
    pay(&bank, &sara, &mellat, above_max, &code, "totp")
        .await
        .expect_error(422, "limit.per_transfer_max");
    // ...and the code stays used for any other payment.
    pay(&bank, &sara, &mellat, AMOUNT, &code, "totp")
        .await
        .expect_error(422, "token.code_reused");
    assert_eq!(card_balance(&bank, &sara.demo.card_pan).await, before);
    bank.finish().await;
}

#[tokio::test]
async fn a_transaction_bound_code_is_refused_for_another_amount_or_payee() {
    let Paying {
        bank,
        sara,
        mellat,
        seed,
        now,
        before,
    } = Paying::start().await;
    let tejarat = other_card(&bank, "tejarat").await;

    let code = ocra(&seed, AMOUNT, &mellat, now);
    pay(&bank, &sara, &mellat, AMOUNT + 1, &code, "ocra")
        .await
        .expect_error(422, "token.code_invalid");
    pay(&bank, &sara, &tejarat, AMOUNT, &code, "ocra")
        .await
        .expect_error(422, "token.code_invalid");
    assert_eq!(card_balance(&bank, &sara.demo.card_pan).await, before);
    // Not a TOTP code either.
    pay(&bank, &sara, &mellat, AMOUNT, &code[..6], "totp")
        .await
        .expect_error(422, "token.code_invalid");
    pay(&bank, &sara, &mellat, AMOUNT, &code, "ocra")
        .await
        .expect(201);
    bank.finish().await;
}

#[tokio::test]
async fn one_step_of_skew_is_accepted_two_are_refused() {
    let bank = Bank::start().await;
    let sara = bank.login_enrolled("sara.ahmadi").await;
    let mellat = other_card(&bank, "mellat").await;
    let seed = activate(&bank, &sara).await;

    // The phone runs one step behind the bank: accepted.
    let now = align(&bank).await;
    let late = totp(&seed).at(now - 30);
    pay(&bank, &sara, &mellat, AMOUNT, &late, "totp")
        .await
        .expect(201);
    // One step ahead: accepted.
    let early = ocra(&seed, AMOUNT, &mellat, now + 30);
    pay(&bank, &sara, &mellat, AMOUNT, &early, "ocra")
        .await
        .expect(201);
    // Two steps either way: refused.
    let now = align(&bank).await;
    let too_late = totp(&seed).at(now - 60);
    pay(&bank, &sara, &mellat, AMOUNT, &too_late, "totp")
        .await
        .expect_error(422, "token.code_invalid");
    let too_early = ocra(&seed, AMOUNT, &mellat, now + 60);
    pay(&bank, &sara, &mellat, AMOUNT, &too_early, "ocra")
        .await
        .expect_error(422, "token.code_invalid");
    // The same code, made now and then the bank's clock moved: one step ok, two not.
    let code = totp(&seed).at(now);
    advance(&bank, 60).await;
    pay(&bank, &sara, &mellat, AMOUNT, &code, "totp")
        .await
        .expect_error(422, "token.code_invalid");
    let now = align(&bank).await;
    let code = totp(&seed).at(now);
    advance(&bank, 30).await;
    pay(&bank, &sara, &mellat, AMOUNT, &code, "totp")
        .await
        .expect(201);
    bank.finish().await;
}

#[tokio::test]
async fn five_wrong_codes_in_a_row_lock_the_token_until_reactivated() {
    let bank = Bank::start().await;
    let sara = bank.login_enrolled("sara.ahmadi").await;
    let mellat = other_card(&bank, "mellat").await;
    let seed = activate(&bank, &sara).await;
    let now = align(&bank).await;
    let right = totp(&seed).at(now);
    let wrong = if right == "123456" {
        "654321"
    } else {
        "123456"
    };

    // A success in between resets the count.
    for _ in 0..4 {
        pay(&bank, &sara, &mellat, AMOUNT, wrong, "totp")
            .await
            .expect_error(422, "token.code_invalid");
    }
    pay(&bank, &sara, &mellat, AMOUNT, &right, "totp")
        .await
        .expect(201);
    for _ in 0..4 {
        pay(&bank, &sara, &mellat, AMOUNT, wrong, "totp")
            .await
            .expect_error(422, "token.code_invalid");
    }
    pay(&bank, &sara, &mellat, AMOUNT, "87654321", "ocra")
        .await
        .expect_error(422, "token.locked");
    assert_eq!(token_state(&bank, &sara).await["state"], "locked");
    let fresh = ocra(&seed, AMOUNT, &mellat, now);
    pay(&bank, &sara, &mellat, AMOUNT, &fresh, "ocra")
        .await
        .expect_error(422, "token.locked");

    // Activating again unlocks, with a new seed; the old one is worthless.
    let seed = activate(&bank, &sara).await;
    assert_eq!(token_state(&bank, &sara).await["state"], "active");
    let now = bank_now(&bank).await;
    let code = ocra(&seed, AMOUNT, &mellat, now);
    pay(&bank, &sara, &mellat, AMOUNT, &code, "ocra")
        .await
        .expect(201);
    bank.finish().await;
}

#[tokio::test]
async fn deactivation_and_blocking_end_the_token() {
    let bank = Bank::start().await;
    let sara = bank.login_enrolled("sara.ahmadi").await;
    let mellat = other_card(&bank, "mellat").await;
    let card = card_id(&bank, &sara).await;
    pay(&bank, &sara, &mellat, AMOUNT, "123456", "totp")
        .await
        .expect_error(422, "token.not_active");
    let seed = activate(&bank, &sara).await;
    let path = format!("/v1/cards/{card}/soft-token");
    bank.as_customer(&sara, Method::DELETE, &path, None)
        .await
        .expect(204);
    bank.as_customer(&sara, Method::DELETE, &path, None)
        .await
        .expect(204);
    assert_eq!(token_state(&bank, &sara).await, json!({"state": "none"}));
    let code = totp(&seed).at(bank_now(&bank).await);
    pay(&bank, &sara, &mellat, AMOUNT, &code, "totp")
        .await
        .expect_error(422, "token.not_active");

    // Revoking the device that holds the seed ends the token too.
    activate(&bank, &sara).await;
    let other_phone = bank.login("sara.ahmadi").await;
    bank.as_customer(
        &other_phone,
        Method::DELETE,
        &format!("/v1/devices/{}", sara.device_id),
        None,
    )
    .await
    .expect(204);
    assert_eq!(
        token_state(&bank, &other_phone).await,
        json!({"state": "none"})
    );
    let sara = bank.login_enrolled("sara.ahmadi").await;

    activate(&bank, &sara).await;
    let block = json!({"reason": "lost"});
    bank.as_customer_once(
        &sara,
        Method::POST,
        &format!("/v1/cards/{card}/block"),
        &key(),
        block,
    )
    .await
    .expect(200);
    assert_eq!(token_state(&bank, &sara).await, json!({"state": "none"}));
    bank.finish().await;
}

#[tokio::test]
async fn a_bill_is_paid_by_card_with_a_code_bound_to_the_bill() {
    let bank = Bank::start().await;
    let sara = bank.login_enrolled("sara.ahmadi").await;
    let seed = activate(&bank, &sara).await;
    let bills = seed_bills(&bank).await;
    let (bill_id, payment_id) = (&bills[0].0, &bills[0].1);
    let bill = Bill::new(bill_id, payment_id).unwrap();
    let amount = i64::try_from(bill.amount().get()).unwrap();
    let now = align(&bank).await;
    let bound = |b: &Bill| {
        transaction_code(
            &seed,
            Rials::new(u64::try_from(amount).unwrap()),
            &Payee::Bill(b.clone()),
            now,
        )
        .unwrap()
    };
    let other = Bill::new(&bills[1].0, &bills[1].1).unwrap();
    let body = |code: &str| {
        json!({"bill_id": bill_id, "payment_id": payment_id, "amount_rials": amount,
            "source": {"kind": "card", "card": {"pan": sara.demo.card_pan},
                "expiry": sara.demo.card_expiry, "cvv2": sara.demo.card_cvv2,
                "pin": code, "pin_kind": "ocra"}})
    };
    bank.as_customer_once(
        &sara,
        Method::POST,
        "/v1/bill-payments",
        &key(),
        body(&bound(&other)),
    )
    .await
    .expect_error(422, "token.code_invalid");
    let receipt = bank
        .as_customer_once(
            &sara,
            Method::POST,
            "/v1/bill-payments",
            &key(),
            body(&bound(&bill)),
        )
        .await
        .expect(201)
        .json;
    assert_eq!(receipt["status"], "succeeded");
    bank.finish().await;
}

/// Unpaid bills of the seed: (bill ID, payment ID).
async fn seed_bills(bank: &Bank) -> Vec<(String, String)> {
    seed(bank).await["bills"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["bill_id"].as_str().unwrap().to_owned(),
                b["payment_id"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}
