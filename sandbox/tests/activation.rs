//! Activation: identity and a card of this bank -> SMS code -> credentials ->
//! a full session on the activating device; also credential recovery.

#![allow(clippy::unwrap_used)]

mod common;

use common::{Bank, Reply};
use hamrah_sandbox::seed::DemoCustomer;
use reqwest::Method;
use serde_json::{Value, json};

fn device() -> String {
    uuid::Uuid::new_v4().to_string()
}

fn identity(demo: &DemoCustomer) -> Value {
    json!({
        "national_id": demo.national_id,
        "mobile": demo.mobile,
        "birth_date": demo.birth_date,
        "pan": demo.card_pan,
        "expiry": demo.card_expiry,
    })
}

async fn start(bank: &Bank, device: &str, body: Value) -> Reply {
    bank.call(
        Method::POST,
        "/v1/activations",
        &[("x-device-id", device)],
        Some(body),
    )
    .await
}

async fn verify(bank: &Bank, device: &str, id: &str, code: &str) -> Reply {
    bank.call(
        Method::POST,
        &format!("/v1/activations/{id}/verify"),
        &[("x-device-id", device)],
        Some(json!({"code": code})),
    )
    .await
}

async fn credentials(bank: &Bank, device: &str, id: &str, body: Value) -> Reply {
    bank.call(
        Method::POST,
        &format!("/v1/activations/{id}/credentials"),
        &[("x-device-id", device)],
        Some(body),
    )
    .await
}

/// Starts and verifies an activation; returns its id.
async fn verified(bank: &Bank, device: &str, demo: &DemoCustomer) -> String {
    let started = start(bank, device, identity(demo)).await.expect(201);
    let id = started.json["activation_id"].as_str().unwrap().to_owned();
    let code = bank.last_otp(&demo.mobile).await;
    verify(bank, device, &id, &code).await.expect(200);
    id
}

async fn sms_kinds(bank: &Bank, mobile: &str) -> Vec<String> {
    let outbox = bank
        .admin(Method::GET, &format!("/admin/sms/{mobile}"), None)
        .await
        .expect(200);
    outbox.json["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["kind"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn activation_then_login_with_the_new_credentials() {
    let bank = Bank::start().await;
    let maryam = bank.demo(None);
    let phone = device();
    let started = start(&bank, &phone, identity(&maryam)).await.expect(201);
    assert_eq!(started.json["sent_to_mobile_masked"], "0921***4567");
    assert_eq!(started.json["digits"], 6);
    assert_eq!(started.json["attempts_left"], 3);
    assert_eq!(started.json["seconds_left"], 120);
    let id = started.json["activation_id"].as_str().unwrap().to_owned();
    let code = bank.last_otp(&maryam.mobile).await;
    let verified = verify(&bank, &phone, &id, &code).await.expect(200);
    assert_eq!(verified.json["state"], "verified");
    assert!(verified.json.get("existing_username").is_none());
    let done = credentials(
        &bank,
        &phone,
        &id,
        json!({"username": "maryam.hosseini", "password": "Golestan#2024", "device_name": "Pixel 7", "platform": "android"}),
    )
    .await
    .expect(201);
    assert_eq!(done.json["username"], "maryam.hosseini");
    let session = &done.json["session"];
    assert_eq!(session["scope"], "full");
    assert_eq!(session["device"]["known"], true);
    assert_eq!(session["customer"]["mobile_masked"], "0921***4567");
    let token = session["token"].as_str().unwrap();
    let bearer = format!("Bearer {token}");
    bank.call(
        Method::GET,
        "/v1/sessions/current",
        &[("authorization", &bearer), ("x-device-id", &phone)],
        None,
    )
    .await
    .expect(200);
    assert!(
        sms_kinds(&bank, &maryam.mobile)
            .await
            .contains(&"login_notice".to_owned())
    );
    // The activation is used up.
    credentials(
        &bank,
        &phone,
        &id,
        json!({"username": "maryam.h2", "password": "Golestan#2025"}),
    )
    .await
    .expect_error(404, "activation.not_found");
    // The activating device is known: no SMS code at its next login.
    let login = bank
        .call(
            Method::POST,
            "/v1/sessions",
            &[("x-device-id", &phone)],
            Some(json!({"username": "maryam.hosseini", "password": "Golestan#2024"})),
        )
        .await
        .expect(200);
    assert_eq!(login.json["state"], "authenticated");
    // Another device needs the SMS code.
    let other = bank
        .call(
            Method::POST,
            "/v1/sessions",
            &[("x-device-id", &device())],
            Some(json!({"username": "maryam.hosseini", "password": "Golestan#2024"})),
        )
        .await
        .expect(200);
    assert_eq!(other.json["state"], "otp_required");
    bank.finish().await;
}

#[tokio::test]
async fn identity_mismatch_never_says_which() {
    let bank = Bank::start().await;
    let maryam = bank.demo(None);
    let sara = bank.demo(Some("sara.ahmadi"));
    let phone = device();
    let mut cases = Vec::new();
    for (field, value) in [
        ("mobile", json!(sara.mobile)),
        ("birth_date", json!("1375/02/21")),
        ("expiry", json!("0807")),
        ("pan", json!(sara.card_pan)),
        ("national_id", json!(sara.national_id)),
    ] {
        let mut body = identity(&maryam);
        body[field] = value;
        cases.push(body);
    }
    for body in cases {
        let reply = start(&bank, &phone, body)
            .await
            .expect_error(422, "activation.identity_mismatch");
        assert!(reply.json.get("field").is_none());
    }
    let mut other_bank = identity(&maryam);
    let mellat = hamrah_core::ids::CardNumber::issue("610433267735468").unwrap();
    other_bank["pan"] = json!(mellat.as_str());
    start(&bank, &phone, other_bank)
        .await
        .expect_error(422, "card.not_this_bank");
    for (field, value, code) in [
        ("national_id", "8472621678", "national_id.checksum"),
        ("mobile", "0921123456", "mobile.length"),
        ("birth_date", "1375/13/01", "calendar.invalid_date"),
        ("pan", "6037991002006012", "card.checksum"),
        ("expiry", "0813", "card.expiry_format"),
    ] {
        let mut body = identity(&maryam);
        body[field] = json!(value);
        let reply = start(&bank, &phone, body).await.expect_error(400, code);
        assert_eq!(reply.json["field"], field);
    }
    let mut missing = identity(&maryam);
    missing.as_object_mut().unwrap().remove("expiry");
    start(&bank, &phone, missing)
        .await
        .expect_error(400, "request.field_missing");
    let mut extra = identity(&maryam);
    extra["cvv2"] = json!("905");
    start(&bank, &phone, extra)
        .await
        .expect_error(400, "request.malformed");
    bank.finish().await;
}

#[tokio::test]
async fn wrong_expired_and_early_codes() {
    let bank = Bank::start().await;
    let maryam = bank.demo(None);
    let phone = device();
    let first = start(&bank, &phone, identity(&maryam)).await.expect(201);
    let id = first.json["activation_id"].as_str().unwrap().to_owned();
    let code = bank.last_otp(&maryam.mobile).await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    verify(&bank, &phone, &id, "12ab")
        .await
        .expect_error(400, "otp.format");
    credentials(
        &bank,
        &phone,
        &id,
        json!({"username": "maryam.h", "password": "Golestan#2024"}),
    )
    .await
    .expect_error(422, "activation.not_verified");
    verify(&bank, &device(), &id, &code)
        .await
        .expect_error(404, "activation.not_found");
    start(&bank, &phone, identity(&maryam))
        .await
        .expect_error(429, "activation.too_many_attempts");
    verify(&bank, &phone, &id, wrong)
        .await
        .expect_error(422, "otp.invalid");
    verify(&bank, &phone, &id, wrong)
        .await
        .expect_error(422, "otp.invalid");
    verify(&bank, &phone, &id, wrong)
        .await
        .expect_error(422, "otp.attempts_exceeded");
    // Dead: even the right code is refused now.
    verify(&bank, &phone, &id, &code)
        .await
        .expect_error(422, "otp.attempts_exceeded");
    // A new code may be asked for at once; this one expires.
    let second = start(&bank, &phone, identity(&maryam)).await.expect(201);
    let id = second.json["activation_id"].as_str().unwrap().to_owned();
    let code = bank.last_otp(&maryam.mobile).await;
    bank.admin(
        Method::POST,
        "/admin/clock",
        Some(json!({"advance_seconds": 121})),
    )
    .await
    .expect(200);
    verify(&bank, &phone, &id, &code)
        .await
        .expect_error(422, "otp.expired");
    verify(&bank, &phone, "act_nothing", &code)
        .await
        .expect_error(404, "activation.not_found");
    bank.finish().await;
}

#[tokio::test]
async fn weak_passwords_and_bad_usernames_are_refused() {
    let bank = Bank::start().await;
    let maryam = bank.demo(None);
    let phone = device();
    let id = verified(&bank, &phone, &maryam).await;
    for (password, code) in [
        ("Gol#24a", "password.too_short"),
        ("golestan#2024", "password.weak"),
        ("GOLESTAN#2024", "password.weak"),
        ("Golestan#Bagh", "password.weak"),
        ("Golestan2024", "password.weak"),
        ("Ab#8472621677", "password.contains_personal_data"),
        ("Ab#Maryam.Hosseini1", "password.contains_personal_data"),
        ("Ab#13750220", "password.contains_personal_data"),
        ("Ab#1375/02/20", "password.contains_personal_data"),
    ] {
        let reply = credentials(
            &bank,
            &phone,
            &id,
            json!({"username": "maryam.hosseini", "password": password}),
        )
        .await
        .expect_error(400, code);
        assert_eq!(reply.json["field"], "password", "{password}");
    }
    for username in ["Maryam.h", "mary", "1maryam", "maryam-h", "مریم.حسینی"] {
        credentials(
            &bank,
            &phone,
            &id,
            json!({"username": username, "password": "Golestan#2024"}),
        )
        .await
        .expect_error(400, "username.format");
    }
    credentials(
        &bank,
        &phone,
        &id,
        json!({"username": "sara.ahmadi", "password": "Golestan#2024"}),
    )
    .await
    .expect_error(409, "username.taken");
    credentials(
        &bank,
        &phone,
        &id,
        json!({"username": "maryam.hosseini", "password": "Golestan#2024"}),
    )
    .await
    .expect(201);
    bank.finish().await;
}

#[tokio::test]
async fn credentials_expire_after_verification() {
    let bank = Bank::start().await;
    let maryam = bank.demo(None);
    let phone = device();
    let id = verified(&bank, &phone, &maryam).await;
    bank.admin(
        Method::POST,
        "/admin/clock",
        Some(json!({"advance_seconds": 301})),
    )
    .await
    .expect(200);
    credentials(
        &bank,
        &phone,
        &id,
        json!({"username": "maryam.hosseini", "password": "Golestan#2024"}),
    )
    .await
    .expect_error(404, "activation.not_found");
    bank.finish().await;
}

#[tokio::test]
async fn recovery_replaces_credentials_and_ends_sessions() {
    let bank = Bank::start().await;
    let sara_demo = bank.demo(Some("sara.ahmadi"));
    let old = bank.login("sara.ahmadi").await;
    let phone = device();
    let started = start(&bank, &phone, identity(&sara_demo)).await.expect(201);
    let id = started.json["activation_id"].as_str().unwrap().to_owned();
    let code = bank.last_otp(&sara_demo.mobile).await;
    let verified = verify(&bank, &phone, &id, &code).await.expect(200);
    assert_eq!(verified.json["existing_username"], "sara.ahmadi");
    credentials(
        &bank,
        &phone,
        &id,
        json!({"username": "sara.ahmadi", "password": "Shiraz&Bahar99"}),
    )
    .await
    .expect(201);
    bank.as_customer(&old, Method::GET, "/v1/sessions/current", None)
        .await
        .expect_error(401, "session.invalid");
    bank.call(
        Method::POST,
        "/v1/sessions",
        &[("x-device-id", &phone)],
        Some(json!({"username": "sara.ahmadi", "password": "Hamrah@1405"})),
    )
    .await
    .expect_error(401, "auth.invalid_credentials");
    let login = bank
        .call(
            Method::POST,
            "/v1/sessions",
            &[("x-device-id", &phone)],
            Some(json!({"username": "sara.ahmadi", "password": "Shiraz&Bahar99"})),
        )
        .await
        .expect(200);
    assert_eq!(login.json["state"], "authenticated");
    bank.finish().await;
}

/// A code that is not `code`.
fn wrong_code(code: &str) -> &'static str {
    if code == "000000" { "111111" } else { "000000" }
}

/// Starts an activation and sends `wrong` codes; the replies' codes.
async fn wrong_codes(bank: &Bank, phone: &str, demo: &DemoCustomer, tries: usize) -> Vec<String> {
    let started = start(bank, phone, identity(demo)).await.expect(201);
    let id = started.json["activation_id"].as_str().unwrap().to_owned();
    let code = bank.last_otp(&demo.mobile).await;
    let mut codes = Vec::new();
    for _ in 0..tries {
        let reply = verify(bank, phone, &id, wrong_code(&code)).await;
        codes.push(reply.code().to_owned());
    }
    codes
}

#[tokio::test]
async fn wrong_codes_across_activations_lock_the_customer_and_tell_her() {
    let bank = Bank::start().await;
    let sara = bank.demo(Some("sara.ahmadi"));
    let phone = device();
    // Each code allows three tries, and a new activation may start at once;
    // the customer's failures add up across activations like failed logins.
    assert_eq!(
        wrong_codes(&bank, &phone, &sara, 3).await,
        ["otp.invalid", "otp.invalid", "otp.attempts_exceeded"]
    );
    let notices = sms_kinds(&bank, &sara.mobile).await.len();
    let started = start(&bank, &phone, identity(&sara)).await.expect(201);
    let id = started.json["activation_id"].as_str().unwrap().to_owned();
    let code = bank.last_otp(&sara.mobile).await;
    verify(&bank, &phone, &id, wrong_code(&code))
        .await
        .expect_error(422, "otp.invalid");
    let locked = verify(&bank, &phone, &id, wrong_code(&code))
        .await
        .expect_error(423, "auth.user_locked");
    assert_eq!(locked.json["retry_after_seconds"], 1800);
    // The right code, a new activation and the right password are all refused now.
    verify(&bank, &phone, &id, &code)
        .await
        .expect_error(423, "auth.user_locked");
    start(&bank, &phone, identity(&sara))
        .await
        .expect_error(423, "auth.user_locked");
    bank.call(
        Method::POST,
        "/v1/sessions",
        &[("x-device-id", &phone)],
        Some(json!({"username": "sara.ahmadi", "password": sara.password.clone().unwrap()})),
    )
    .await
    .expect_error(423, "auth.user_locked");
    // One SMS tells the customer of the lock (after the one code of the second start).
    let kinds = sms_kinds(&bank, &sara.mobile).await;
    assert_eq!(kinds[notices..], ["otp", "other"]);
    // The lock ends with its cool-down.
    bank.admin(
        Method::POST,
        "/admin/clock",
        Some(json!({"advance_seconds": 1801})),
    )
    .await
    .expect(200);
    verified(&bank, &phone, &sara).await;
    bank.finish().await;
}

/// A client of the bank from another loopback address (127.0.0.2).
fn second_address(bank: &Bank) -> reqwest::Client {
    let cert = reqwest::Certificate::from_pem(bank.sandbox().cert_pem.as_bytes()).unwrap();
    reqwest::Client::builder()
        .use_rustls_tls()
        .tls_built_in_root_certs(false)
        .add_root_certificate(cert)
        .local_address(std::net::IpAddr::from([127, 0, 0, 2]))
        .build()
        .unwrap()
}

/// `activation_start` through `client`, checked against the contract.
async fn start_from(bank: &Bank, client: &reqwest::Client, device: &str, body: Value) -> Reply {
    let response = client
        .post(format!("{}/v1/activations", bank.url))
        .header("x-device-id", device)
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let json: Value = response.json().await.unwrap();
    common::contract().check_reply("POST", "/v1/activations", status, &json);
    Reply {
        status,
        headers,
        json,
    }
}

/// A valid national ID no customer has: `prefix` and its check digit.
fn unknown_national_id(prefix: &str) -> String {
    let sum: u32 = prefix
        .bytes()
        .zip((2..=10).rev())
        .map(|(d, w)| u32::from(d - b'0') * w)
        .sum();
    let check = match sum % 11 {
        r if r < 2 => r,
        r => 11 - r,
    };
    let id = format!("{prefix}{check}");
    id.parse::<hamrah_core::ids::NationalId>().unwrap();
    id
}

#[tokio::test]
async fn identity_mismatches_are_throttled_per_national_id_and_per_address() {
    let bank = Bank::start().await;
    let maryam = bank.demo(None);
    let phone = device();
    let elsewhere = second_address(&bank);
    // Five wrong birth dates for Maryam's national ID, each the same answer...
    for day in 1..=5 {
        let mut body = identity(&maryam);
        body["birth_date"] = json!(format!("1375/03/0{day}"));
        start(&bank, &phone, body)
            .await
            .expect_error(422, "activation.identity_mismatch");
    }
    // ...then even the right identity is refused, from any address, until the window moves.
    let throttled = start(&bank, &phone, identity(&maryam))
        .await
        .expect_error(429, "activation.too_many_attempts");
    let wait = throttled.json["retry_after_seconds"].as_u64().unwrap();
    assert!((1..=3600).contains(&wait), "{wait}");
    assert_eq!(throttled.headers["retry-after"], wait.to_string().as_str());
    start_from(&bank, &elsewhere, &phone, identity(&maryam))
        .await
        .expect_error(429, "activation.too_many_attempts");
    // A national ID no customer has answers exactly as a customer's does.
    let stranger = unknown_national_id("123456789");
    let mut answers = Vec::new();
    for _ in 0..6 {
        let mut body = identity(&maryam);
        body["national_id"] = json!(stranger);
        let reply = start(&bank, &phone, body).await;
        answers.push((reply.status, reply.code().to_owned()));
    }
    let mut expected = vec![(422, "activation.identity_mismatch".to_owned()); 5];
    expected.push((429, "activation.too_many_attempts".to_owned()));
    assert_eq!(answers, expected);
    // Ten mismatches came from this address: any other national ID is refused
    // here, and still checked from another address.
    let mut other = identity(&maryam);
    other["national_id"] = json!(unknown_national_id("987654321"));
    start(&bank, &phone, other.clone())
        .await
        .expect_error(429, "activation.too_many_attempts");
    start_from(&bank, &elsewhere, &phone, other)
        .await
        .expect_error(422, "activation.identity_mismatch");
    // An hour later Maryam may activate.
    bank.admin(
        Method::POST,
        "/admin/clock",
        Some(json!({"advance_seconds": 3600})),
    )
    .await
    .expect(200);
    verified(&bank, &phone, &maryam).await;
    bank.finish().await;
}
