//! Device identity over HTTPS: enrollment of the device key (proof of
//! possession, the window after the SMS code), signed requests (accepted;
//! replayed nonce (also at the edge of the skew), stale timestamp, altered
//! path, query, body, idempotency key, amount or payee refused; unsigned refused once enrolled), quick login (challenge,
//! signature, lock after 5 bad signatures, login notice) and revocation.
//!
//! The canonical string is built here by hand from the contract, not with
//! the core's function, so a drift between the two shows.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails loudly

mod common;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use common::{Bank, Customer, Reply, contract};
use p256::ecdsa::signature::Signer;
use p256::ecdsa::{Signature, SigningKey};
use reqwest::Method;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

fn new_key() -> SigningKey {
    loop {
        let bytes: [u8; 32] = rand::random();
        if let Ok(key) = SigningKey::from_slice(&bytes) {
            return key;
        }
    }
}

fn public_b64(key: &SigningKey) -> String {
    URL_SAFE_NO_PAD.encode(key.verifying_key().to_encoded_point(false).as_bytes())
}

fn sign_b64(key: &SigningKey, message: &str) -> String {
    let signature: Signature = key.sign(message.as_bytes());
    URL_SAFE_NO_PAD.encode(signature.to_der().as_bytes())
}

fn nonce() -> String {
    URL_SAFE_NO_PAD.encode(rand::random::<[u8; 16]>())
}

fn hex_sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// One signed request; each field can be made to differ from what is sent.
#[derive(Clone)]
struct Signed {
    method: Method,
    path: String,
    body: Option<Value>,
    timestamp: i64,
    nonce: String,
    amount: String,
    payee: String,
    idempotency_key: Option<String>,
    /// Sign these instead of `path` / the body bytes / the key (tampering).
    signed_path: Option<String>,
    signed_body: Option<Vec<u8>>,
    signed_idempotency_key: Option<String>,
}

impl Signed {
    fn new(method: Method, path: &str, body: Option<Value>, timestamp: i64) -> Self {
        Self {
            method,
            path: path.to_owned(),
            body,
            timestamp,
            nonce: nonce(),
            amount: String::new(),
            payee: String::new(),
            idempotency_key: None,
            signed_path: None,
            signed_body: None,
            signed_idempotency_key: None,
        }
    }

    fn linked(mut self, amount: &str, payee: &str) -> Self {
        self.amount = amount.to_owned();
        self.payee = payee.to_owned();
        self.idempotency_key = Some(uuid::Uuid::new_v4().to_string());
        self
    }

    async fn send(&self, bank: &Bank, customer: &Customer, key: &SigningKey) -> Reply {
        let bytes = self.body.as_ref().map(|b| serde_json::to_vec(b).unwrap());
        let signed_body = self
            .signed_body
            .clone()
            .or_else(|| bytes.clone())
            .unwrap_or_default();
        let canonical = [
            "hamrah-sig-v2",
            self.method.as_str(),
            self.signed_path.as_deref().unwrap_or(&self.path),
            &self.timestamp.to_string(),
            &self.nonce,
            &hex_sha256(&signed_body),
            self.signed_idempotency_key
                .as_deref()
                .or(self.idempotency_key.as_deref())
                .unwrap_or(""),
            &self.amount,
            &self.payee,
        ]
        .join("\n");
        let mut request = bank
            .client
            .request(self.method.clone(), format!("{}{}", bank.url, self.path))
            .header("authorization", format!("Bearer {}", customer.token))
            .header("x-device-id", &customer.device_id)
            .header("x-signature-timestamp", self.timestamp.to_string())
            .header("x-signature-nonce", &self.nonce)
            .header("x-signature", sign_b64(key, &canonical));
        if let Some(idempotency_key) = &self.idempotency_key {
            request = request.header("idempotency-key", idempotency_key);
        }
        if let Some(bytes) = bytes {
            request = request
                .header("content-type", "application/json")
                .body(bytes);
        }
        let response = request.send().await.unwrap();
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let bytes = response.bytes().await.unwrap();
        let json = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes).unwrap()
        };
        let path = self.path.split('?').next().unwrap();
        contract().check_reply(self.method.as_str(), path, status, &json);
        Reply {
            status,
            headers,
            json,
        }
    }
}

/// The bank's clock, Unix seconds.
async fn bank_now(bank: &Bank) -> i64 {
    let config = bank
        .call(Method::GET, "/v1/config", &[], None)
        .await
        .expect(200);
    let text = config.json["server_time"].as_str().unwrap();
    text.parse::<jiff::Timestamp>().unwrap().as_second()
}

fn enroll_body(key: &SigningKey) -> Value {
    json!({"public_key": public_b64(key), "algorithm": "ES256", "name": "Test phone",
           "platform": "android", "hardware_backed": true})
}

/// Enrolls `key` for the customer's device, signed with `key`.
async fn enroll(bank: &Bank, customer: &Customer, key: &SigningKey) -> Reply {
    let now = bank_now(bank).await;
    Signed::new(Method::POST, "/v1/devices", Some(enroll_body(key)), now)
        .send(bank, customer, key)
        .await
}

async fn enrolled_customer(bank: &Bank, username: &str) -> (Customer, SigningKey) {
    let customer = bank.login(username).await;
    let key = new_key();
    let device = enroll(bank, &customer, &key).await.expect(201);
    assert_eq!(device.json["enrolled"], true);
    assert_eq!(device.json["current"], true);
    (customer, key)
}

#[tokio::test]
async fn enrollment_proves_possession_of_the_key() {
    let bank = Bank::start().await;
    let customer = bank.login("sara.ahmadi").await;
    let key = new_key();
    let now = bank_now(&bank).await;
    // Unsigned, signed by another key, or a key that is not a P-256 point.
    bank.as_customer(
        &customer,
        Method::POST,
        "/v1/devices",
        Some(enroll_body(&key)),
    )
    .await
    .expect_error(401, "signature.missing");
    Signed::new(Method::POST, "/v1/devices", Some(enroll_body(&key)), now)
        .send(&bank, &customer, &new_key())
        .await
        .expect_error(401, "signature.invalid");
    let mut bad = enroll_body(&key);
    bad["public_key"] = json!(URL_SAFE_NO_PAD.encode([4u8; 65]));
    Signed::new(Method::POST, "/v1/devices", Some(bad), now)
        .send(&bank, &customer, &key)
        .await
        .expect_error(400, "device.public_key_invalid");
    // Nothing was enrolled by the refusals: requests still go unsigned.
    bank.as_customer(&customer, Method::GET, "/v1/accounts", None)
        .await
        .expect(200);

    let device = enroll(&bank, &customer, &key).await.expect(201);
    let fingerprint = hex_sha256(key.verifying_key().to_encoded_point(false).as_bytes());
    assert_eq!(device.json["key_fingerprint"], json!(fingerprint));
    assert_eq!(device.json["platform"], "android");
    assert!(device.json["enrolled_at"].is_string());
    let session = Signed::new(Method::GET, "/v1/sessions/current", None, now)
        .send(&bank, &customer, &key)
        .await
        .expect(200);
    assert_eq!(session.json["device"]["enrolled"], true);
    // Enrolling again needs a revocation first.
    enroll(&bank, &customer, &new_key())
        .await
        .expect_error(401, "signature.invalid");
    enroll(&bank, &customer, &key)
        .await
        .expect_error(409, "device.already_enrolled");
    bank.finish().await;
}

#[tokio::test]
async fn enrollment_is_allowed_only_shortly_after_the_sms_code() {
    let bank = Bank::start().await;
    let customer = bank.login("reza.karimi").await;
    // Keep the session alive past the 10-minute window.
    for _ in 0..3 {
        bank.admin(
            Method::POST,
            "/admin/clock",
            Some(json!({"advance_seconds": 250})),
        )
        .await
        .expect(200);
        bank.as_customer(&customer, Method::GET, "/v1/accounts", None)
            .await
            .expect(200);
    }
    enroll(&bank, &customer, &new_key())
        .await
        .expect_error(403, "device.enrollment_not_allowed");
    bank.finish().await;
}

#[tokio::test]
async fn signed_requests_are_accepted_and_every_alteration_refused() {
    let bank = Bank::start().await;
    let (customer, key) = enrolled_customer(&bank, "sara.ahmadi").await;
    let now = bank_now(&bank).await;
    // Unsigned from an enrolled device.
    bank.as_customer(&customer, Method::GET, "/v1/accounts", None)
        .await
        .expect_error(401, "signature.missing");
    // Signed: accepted, also with a query string and within the skew.
    let accounts = Signed::new(Method::GET, "/v1/accounts", None, now);
    accounts.send(&bank, &customer, &key).await.expect(200);
    Signed::new(Method::GET, "/v1/transfers?limit=5", None, now + 100)
        .send(&bank, &customer, &key)
        .await
        .expect(200);
    // The same nonce again.
    accounts
        .send(&bank, &customer, &key)
        .await
        .expect_error(401, "signature.replayed_nonce");
    // The same nonce at the far edge of the skew: first seen 120 s before
    // its timestamp, replayed 120 s after it (240 s later).
    let early = Signed::new(Method::GET, "/v1/accounts", None, now + 120);
    early.send(&bank, &customer, &key).await.expect(200);
    bank.admin(
        Method::POST,
        "/admin/clock",
        Some(json!({"advance_seconds": 240})),
    )
    .await
    .expect(200);
    early
        .send(&bank, &customer, &key)
        .await
        .expect_error(401, "signature.replayed_nonce");
    let now = bank_now(&bank).await;
    // Beyond max_skew_seconds (120) either way.
    for timestamp in [now - 200, now + 200] {
        Signed::new(Method::GET, "/v1/accounts", None, timestamp)
            .send(&bank, &customer, &key)
            .await
            .expect_error(401, "signature.stale_timestamp");
    }
    // Another path or query than the one signed.
    let mut other_path = Signed::new(Method::GET, "/v1/cards", None, now);
    other_path.signed_path = Some("/v1/accounts".to_owned());
    other_path
        .send(&bank, &customer, &key)
        .await
        .expect_error(401, "signature.invalid");
    let mut other_query = Signed::new(Method::GET, "/v1/transfers?limit=6", None, now);
    other_query.signed_path = Some("/v1/transfers?limit=5".to_owned());
    other_query
        .send(&bank, &customer, &key)
        .await
        .expect_error(401, "signature.invalid");
    // One byte of the body changed.
    let body = json!({"idle_timeout_seconds": 300});
    let mut other_body = Signed::new(
        Method::PATCH,
        "/v1/sessions/current",
        Some(body.clone()),
        now,
    );
    other_body.signed_body = Some(br#"{"idle_timeout_seconds":301}"#.to_vec());
    other_body
        .send(&bank, &customer, &key)
        .await
        .expect_error(401, "signature.invalid");
    Signed::new(Method::PATCH, "/v1/sessions/current", Some(body), now)
        .send(&bank, &customer, &key)
        .await
        .expect(200);
    // Another key.
    Signed::new(Method::GET, "/v1/accounts", None, now)
        .send(&bank, &customer, &new_key())
        .await
        .expect_error(401, "signature.invalid");
    // Malformed headers.
    let mut short_nonce = Signed::new(Method::GET, "/v1/accounts", None, now);
    short_nonce.nonce = "abc".to_owned();
    short_nonce
        .send(&bank, &customer, &key)
        .await
        .expect_error(400, "signature.format");
    bank.finish().await;
}

#[tokio::test]
async fn money_moving_calls_are_signed_over_amount_and_payee() {
    let bank = Bank::start().await;
    let (customer, key) = enrolled_customer(&bank, "sara.ahmadi").await;
    let now = bank_now(&bank).await;
    let cards = Signed::new(Method::GET, "/v1/cards", None, now)
        .send(&bank, &customer, &key)
        .await
        .expect(200);
    let card_id = cards.json["items"][0]["card_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let transfer = json!({"source": {"card_id": card_id}, "expiry": "0508", "cvv2": "123",
        "pin": "482913", "pin_kind": "sms", "destination_pan": "6104337812345674",
        "amount_rials": 25_000_000});
    let path = "/v1/card-transfers";
    // Signed over another amount, another payee, or without the link.
    for (amount, payee) in [
        ("25000001", "card:6104337812345674"),
        ("25000000", "card:6104337812345675"),
        ("", ""),
    ] {
        Signed::new(Method::POST, path, Some(transfer.clone()), now)
            .linked(amount, payee)
            .send(&bank, &customer, &key)
            .await
            .expect_error(401, "signature.invalid");
    }
    // Signed under one idempotency key, sent under another: a signed
    // payment cannot be replayed as a new operation.
    let mut other_key = Signed::new(Method::POST, path, Some(transfer.clone()), now)
        .linked("25000000", "card:6104337812345674");
    other_key.signed_idempotency_key = Some(uuid::Uuid::new_v4().to_string());
    other_key
        .send(&bank, &customer, &key)
        .await
        .expect_error(401, "signature.invalid");
    // Signed right: the signature passes, the bank judges the payment itself.
    let judged = Signed::new(Method::POST, path, Some(transfer), now)
        .linked("25000000", "card:6104337812345674")
        .send(&bank, &customer, &key)
        .await;
    assert!(!matches!(judged.status, 401), "refused: {}", judged.json);

    let block = format!("/v1/cards/{card_id}/block");
    let reason = json!({"reason": "lost"});
    Signed::new(Method::POST, &block, Some(reason.clone()), now)
        .linked("0", "card_block:crd_other")
        .send(&bank, &customer, &key)
        .await
        .expect_error(401, "signature.invalid");
    let blocked = Signed::new(Method::POST, &block, Some(reason), now)
        .linked("0", &format!("card_block:{card_id}"))
        .send(&bank, &customer, &key)
        .await;
    assert!((200..300).contains(&blocked.status), "{}", blocked.json);
    assert_eq!(blocked.json["state"], "blocked");
    bank.finish().await;
}

async fn challenge(bank: &Bank, device_id: &str) -> Reply {
    bank.call(
        Method::POST,
        "/v1/sessions/quick-challenges",
        &[("x-device-id", device_id)],
        None,
    )
    .await
}

async fn quick_login(bank: &Bank, device_id: &str, key: &SigningKey) -> Reply {
    let issued = challenge(bank, device_id).await.expect(201);
    let (id, challenge) = (
        issued.json["challenge_id"].as_str().unwrap(),
        issued.json["challenge"].as_str().unwrap(),
    );
    let message = format!("hamrah-quick-login-v1\n{id}\n{challenge}\n{device_id}");
    bank.call(
        Method::POST,
        "/v1/sessions/quick",
        &[("x-device-id", device_id)],
        Some(json!({"challenge_id": id, "signature": sign_b64(key, &message)})),
    )
    .await
}

async fn login_notices(bank: &Bank, mobile: &str) -> usize {
    let outbox = bank
        .admin(
            Method::GET,
            &format!("/admin/sms/{mobile}?kind=login_notice"),
            None,
        )
        .await
        .expect(200);
    outbox.json["items"].as_array().unwrap().len()
}

#[tokio::test]
async fn quick_login_signs_a_fresh_challenge() {
    let bank = Bank::start().await;
    let (customer, key) = enrolled_customer(&bank, "sara.ahmadi").await;
    let notices = login_notices(&bank, &customer.demo.mobile).await;
    let reply = quick_login(&bank, &customer.device_id, &key)
        .await
        .expect(200);
    assert_eq!(reply.json["state"], "authenticated");
    assert_eq!(reply.json["session"]["device"]["enrolled"], true);
    assert_eq!(
        login_notices(&bank, &customer.demo.mobile).await,
        notices + 1
    );
    // The new session works, signed.
    let quick = Customer {
        token: reply.json["session"]["token"].as_str().unwrap().to_owned(),
        ..customer.clone()
    };
    let now = bank_now(&bank).await;
    Signed::new(Method::GET, "/v1/accounts", None, now)
        .send(&bank, &quick, &key)
        .await
        .expect(200);
    // A challenge is single-use, and bound to its device.
    let issued = challenge(&bank, &customer.device_id).await.expect(201);
    let (id, text) = (
        issued.json["challenge_id"].as_str().unwrap(),
        issued.json["challenge"].as_str().unwrap(),
    );
    assert_eq!(URL_SAFE_NO_PAD.decode(text).unwrap().len(), 32);
    let message = format!(
        "hamrah-quick-login-v1\n{id}\n{text}\n{}",
        customer.device_id
    );
    let body = json!({"challenge_id": id, "signature": sign_b64(&key, &message)});
    let headers = [("x-device-id", customer.device_id.as_str())];
    bank.call(
        Method::POST,
        "/v1/sessions/quick",
        &headers,
        Some(body.clone()),
    )
    .await
    .expect(200);
    bank.call(Method::POST, "/v1/sessions/quick", &headers, Some(body))
        .await
        .expect_error(404, "auth.challenge_not_found");
    // A device without a key cannot ask.
    challenge(&bank, &uuid::Uuid::new_v4().to_string())
        .await
        .expect_error(403, "device.not_enrolled");
    bank.finish().await;
}

#[tokio::test]
async fn five_bad_quick_login_signatures_lock_the_user() {
    let bank = Bank::start().await;
    let (customer, key) = enrolled_customer(&bank, "sara.ahmadi").await;
    let impostor = new_key();
    for _ in 0..4 {
        quick_login(&bank, &customer.device_id, &impostor)
            .await
            .expect_error(401, "signature.invalid");
    }
    // A malformed signature is refused before anything is counted.
    let issued = challenge(&bank, &customer.device_id).await.expect(201);
    bank.call(
        Method::POST,
        "/v1/sessions/quick",
        &[("x-device-id", &customer.device_id)],
        Some(json!({"challenge_id": issued.json["challenge_id"], "signature": "AAAA"})),
    )
    .await
    .expect_error(400, "signature.format");
    quick_login(&bank, &customer.device_id, &impostor)
        .await
        .expect_error(423, "auth.user_locked");
    // Locked: even the right key and the password are refused.
    challenge(&bank, &customer.device_id)
        .await
        .expect_error(423, "auth.user_locked");
    let password = customer.demo.password.clone().unwrap();
    bank.call(
        Method::POST,
        "/v1/sessions",
        &[("x-device-id", &customer.device_id)],
        Some(json!({"username": "sara.ahmadi", "password": password})),
    )
    .await
    .expect_error(423, "auth.user_locked");
    bank.admin(Method::POST, "/admin/users/sara.ahmadi/unlock", None)
        .await
        .expect(204);
    quick_login(&bank, &customer.device_id, &key)
        .await
        .expect(200);
    bank.finish().await;
}

#[tokio::test]
async fn a_revoked_device_can_neither_sign_in_nor_quick_login() {
    let bank = Bank::start().await;
    let (phone, phone_key) = enrolled_customer(&bank, "sara.ahmadi").await;
    let (laptop, laptop_key) = enrolled_customer(&bank, "sara.ahmadi").await;
    let now = bank_now(&bank).await;
    let list = Signed::new(Method::GET, "/v1/devices", None, now)
        .send(&bank, &laptop, &laptop_key)
        .await
        .expect(200);
    let items = list.json["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert!(
        items
            .iter()
            .all(|d| d["enrolled"] == true && d["state"] == "active")
    );
    Signed::new(
        Method::DELETE,
        &format!("/v1/devices/{}", phone.device_id),
        None,
        now,
    )
    .send(&bank, &laptop, &laptop_key)
    .await
    .expect(204);
    // Its session ended, its key is gone: no quick login, a password login needs the SMS code.
    Signed::new(Method::GET, "/v1/accounts", None, now)
        .send(&bank, &phone, &phone_key)
        .await
        .expect_error(401, "session.invalid");
    challenge(&bank, &phone.device_id)
        .await
        .expect_error(403, "device.revoked");
    let password = phone.demo.password.clone().unwrap();
    let again = bank
        .call(
            Method::POST,
            "/v1/sessions",
            &[("x-device-id", &phone.device_id)],
            Some(json!({"username": "sara.ahmadi", "password": password})),
        )
        .await
        .expect(200);
    assert_eq!(again.json["state"], "otp_required");
    let list = Signed::new(Method::GET, "/v1/devices", None, now)
        .send(&bank, &laptop, &laptop_key)
        .await
        .expect(200);
    let revoked = list.json["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["device_id"] == json!(phone.device_id))
        .unwrap();
    assert_eq!(revoked["state"], "revoked");
    assert_eq!(revoked["enrolled"], false);
    assert!(revoked.get("key_fingerprint").is_none());
    bank.finish().await;
}
