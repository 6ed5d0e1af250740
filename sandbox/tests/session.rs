//! Login, SMS code on a new device, lockout, password expiry and change,
//! idle and absolute timeouts, device binding, logout, devices.

#![allow(clippy::unwrap_used)]

mod common;

use common::{Bank, Customer, Reply, test_rules};
use reqwest::Method;
use serde_json::{Value, json};

fn device() -> String {
    uuid::Uuid::new_v4().to_string()
}

async fn login_on(bank: &Bank, device: &str, username: &str, password: &str) -> Reply {
    bank.call(
        Method::POST,
        "/v1/sessions",
        &[("x-device-id", device)],
        Some(json!({"username": username, "password": password})),
    )
    .await
}

async fn verify_code(bank: &Bank, device: &str, challenge: &Value, code: &str) -> Reply {
    let id = challenge["challenge_id"].as_str().unwrap();
    bank.call(
        Method::POST,
        &format!("/v1/sessions/challenges/{id}/verify"),
        &[("x-device-id", device)],
        Some(json!({"code": code})),
    )
    .await
}

async fn advance(bank: &Bank, seconds: i64) {
    bank.admin(
        Method::POST,
        "/admin/clock",
        Some(json!({"advance_seconds": seconds})),
    )
    .await
    .expect(200);
}

async fn sms_count(bank: &Bank, mobile: &str, kind: &str) -> usize {
    let outbox = bank
        .admin(
            Method::GET,
            &format!("/admin/sms/{mobile}?kind={kind}"),
            None,
        )
        .await
        .expect(200);
    outbox.json["items"].as_array().unwrap().len()
}

fn customer(bank: &Bank, session: &Value, device: &str, username: &str) -> Customer {
    Customer {
        token: session["token"].as_str().unwrap().to_owned(),
        device_id: device.to_owned(),
        demo: bank.demo(Some(username)),
        signing: None,
    }
}

fn wrong_code(code: &str) -> &'static str {
    if code == "000000" { "111111" } else { "000000" }
}

#[tokio::test]
async fn new_device_needs_the_code_and_then_is_known() {
    let bank = Bank::start().await;
    let sara = bank.demo(Some("sara.ahmadi"));
    let phone = device();
    let first = login_on(&bank, &phone, "sara.ahmadi", "Hamrah@1405")
        .await
        .expect(200);
    assert_eq!(first.json["state"], "otp_required");
    assert_eq!(first.json["sent_to_mobile_masked"], "0912***4567");
    assert_eq!(sms_count(&bank, &sara.mobile, "login_notice").await, 0);
    let code = bank.last_otp(&sara.mobile).await;
    verify_code(&bank, &device(), &first.json, &code)
        .await
        .expect_error(404, "auth.challenge_not_found");
    verify_code(&bank, &phone, &first.json, "12345")
        .await
        .expect_error(400, "otp.format");
    let done = verify_code(&bank, &phone, &first.json, &code)
        .await
        .expect(200);
    assert_eq!(done.json["state"], "authenticated");
    assert_eq!(done.json["session"]["device"]["known"], true);
    assert!(done.json["session"].get("last_login_at").is_none());
    // The challenge is used up.
    verify_code(&bank, &phone, &first.json, &code)
        .await
        .expect_error(404, "auth.challenge_not_found");
    let again = login_on(&bank, &phone, "sara.ahmadi", "Hamrah@1405")
        .await
        .expect(200);
    assert_eq!(again.json["state"], "authenticated");
    assert!(again.json["session"]["last_login_at"].is_string());
    assert!(again.json["session"]["last_login_at_jalali"].is_string());
    // Every successful login sent a notice.
    assert_eq!(sms_count(&bank, &sara.mobile, "login_notice").await, 2);
    bank.finish().await;
}

#[tokio::test]
async fn login_code_wrong_and_expired() {
    let bank = Bank::start().await;
    let sara = bank.demo(Some("sara.ahmadi"));
    let phone = device();
    let first = login_on(&bank, &phone, "sara.ahmadi", "Hamrah@1405")
        .await
        .expect(200);
    let code = bank.last_otp(&sara.mobile).await;
    verify_code(&bank, &phone, &first.json, wrong_code(&code))
        .await
        .expect_error(422, "otp.invalid");
    advance(&bank, 121).await;
    verify_code(&bank, &phone, &first.json, &code)
        .await
        .expect_error(422, "otp.expired");
    bank.finish().await;
}

#[tokio::test]
async fn five_failures_lock_until_time_or_admin() {
    let bank = Bank::start().await;
    let phone = device();
    // An unknown user gets the same answer as a wrong password.
    login_on(&bank, &phone, "nobody.here", "Hamrah@1405")
        .await
        .expect_error(401, "auth.invalid_credentials");
    for _ in 0..4 {
        login_on(&bank, &phone, "sara.ahmadi", "Wrong#Pass1")
            .await
            .expect_error(401, "auth.invalid_credentials");
    }
    let locked = login_on(&bank, &phone, "sara.ahmadi", "Wrong#Pass1")
        .await
        .expect_error(423, "auth.user_locked");
    assert_eq!(locked.json["retry_after_seconds"], 1800);
    assert_eq!(locked.json["retryable"], true);
    assert_eq!(locked.headers["retry-after"], "1800");
    // The right password is refused while locked.
    login_on(&bank, &phone, "sara.ahmadi", "Hamrah@1405")
        .await
        .expect_error(423, "auth.user_locked");
    advance(&bank, 1801).await;
    let after = login_on(&bank, &phone, "sara.ahmadi", "Hamrah@1405")
        .await
        .expect(200);
    assert_eq!(after.json["state"], "otp_required");
    // Lock again, then the admin unlocks.
    for _ in 0..5 {
        login_on(&bank, &phone, "sara.ahmadi", "Wrong#Pass1").await;
    }
    login_on(&bank, &phone, "sara.ahmadi", "Hamrah@1405")
        .await
        .expect_error(423, "auth.user_locked");
    bank.admin(Method::POST, "/admin/users/sara.ahmadi/unlock", None)
        .await
        .expect(204);
    login_on(&bank, &phone, "sara.ahmadi", "Hamrah@1405")
        .await
        .expect(200);
    bank.finish().await;
}

#[tokio::test]
async fn wrong_login_codes_count_as_failed_logins() {
    let bank = Bank::start().await;
    let sara = bank.demo(Some("sara.ahmadi"));
    let phone = device();
    let first = login_on(&bank, &phone, "sara.ahmadi", "Hamrah@1405")
        .await
        .expect(200);
    let code = bank.last_otp(&sara.mobile).await;
    let wrong = wrong_code(&code);
    verify_code(&bank, &phone, &first.json, wrong)
        .await
        .expect_error(422, "otp.invalid");
    verify_code(&bank, &phone, &first.json, wrong)
        .await
        .expect_error(422, "otp.invalid");
    verify_code(&bank, &phone, &first.json, wrong)
        .await
        .expect_error(422, "otp.attempts_exceeded");
    verify_code(&bank, &phone, &first.json, &code)
        .await
        .expect_error(422, "otp.attempts_exceeded");
    // The right password on a new device does not clear the count.
    let second = login_on(&bank, &phone, "sara.ahmadi", "Hamrah@1405")
        .await
        .expect(200);
    let code = bank.last_otp(&sara.mobile).await;
    verify_code(&bank, &phone, &second.json, wrong_code(&code))
        .await
        .expect_error(422, "otp.invalid");
    verify_code(&bank, &phone, &second.json, wrong_code(&code))
        .await
        .expect_error(423, "auth.user_locked");
    verify_code(&bank, &phone, &second.json, &code)
        .await
        .expect_error(423, "auth.user_locked");
    bank.finish().await;
}

#[tokio::test]
async fn expired_password_forces_a_change() {
    let bank = Bank::start().await;
    let sara = bank.demo(Some("sara.ahmadi"));
    advance(&bank, 90 * 86_400 + 1).await;
    let phone = device();
    let first = login_on(&bank, &phone, "sara.ahmadi", "Hamrah@1405")
        .await
        .expect(200);
    let code = bank.last_otp(&sara.mobile).await;
    let expired = verify_code(&bank, &phone, &first.json, &code)
        .await
        .expect(200);
    assert_eq!(expired.json["state"], "password_expired");
    assert_eq!(expired.json["reason"], "expired");
    assert_eq!(expired.json["session"]["scope"], "password_change");
    let restricted = customer(&bank, &expired.json["session"], &phone, "sara.ahmadi");
    bank.as_customer(&restricted, Method::GET, "/v1/devices", None)
        .await
        .expect_error(403, "session.password_change_required");
    bank.as_customer(
        &restricted,
        Method::PATCH,
        "/v1/sessions/current",
        Some(json!({"idle_timeout_seconds": 600})),
    )
    .await
    .expect_error(403, "session.password_change_required");
    bank.as_customer(&restricted, Method::GET, "/v1/sessions/current", None)
        .await
        .expect(200);
    let change =
        |current: &str, new: &str| json!({"current_password": current, "new_password": new});
    bank.as_customer(
        &restricted,
        Method::PUT,
        "/v1/me/password",
        Some(change("Hamrah@1405", "weakpass")),
    )
    .await
    .expect_error(400, "password.weak");
    bank.as_customer(
        &restricted,
        Method::PUT,
        "/v1/me/password",
        Some(change("Hamrah@1405", "Hamrah@1405")),
    )
    .await
    .expect_error(400, "password.reused");
    let reply = bank
        .as_customer(
            &restricted,
            Method::PUT,
            "/v1/me/password",
            Some(change("Hamrah@1405", "Ab#0012246141")),
        )
        .await
        .expect_error(400, "password.contains_personal_data");
    assert_eq!(reply.json["field"], "new_password");
    bank.as_customer(
        &restricted,
        Method::PUT,
        "/v1/me/password",
        Some(change("Wrong#Pass1", "Tabriz!Kuh77")),
    )
    .await
    .expect_error(401, "auth.invalid_credentials");
    let changed = bank
        .as_customer(
            &restricted,
            Method::PUT,
            "/v1/me/password",
            Some(change("Hamrah@1405", "Tabriz!Kuh77")),
        )
        .await
        .expect(200);
    assert_eq!(changed.json["scope"], "full");
    // The restricted token is gone; the new one works everywhere.
    bank.as_customer(&restricted, Method::GET, "/v1/sessions/current", None)
        .await
        .expect_error(401, "session.invalid");
    let full = customer(&bank, &changed.json, &phone, "sara.ahmadi");
    bank.as_customer(&full, Method::GET, "/v1/devices", None)
        .await
        .expect(200);
    let again = login_on(&bank, &phone, "sara.ahmadi", "Tabriz!Kuh77")
        .await
        .expect(200);
    assert_eq!(again.json["state"], "authenticated");
    bank.finish().await;
}

#[tokio::test]
async fn password_change_keeps_a_history_and_ends_other_sessions() {
    let bank = Bank::start().await;
    let mut sara = bank.login("sara.ahmadi").await;
    let other = bank.login("sara.ahmadi").await;
    let mut current = "Hamrah@1405".to_owned();
    for new in ["Tabriz!Kuh77", "Yazd$Kavir88"] {
        let changed = bank
            .as_customer(
                &sara,
                Method::PUT,
                "/v1/me/password",
                Some(json!({"current_password": current, "new_password": new})),
            )
            .await
            .expect(200);
        sara.token = changed.json["token"].as_str().unwrap().to_owned();
        current = new.to_owned();
    }
    bank.as_customer(&other, Method::GET, "/v1/sessions/current", None)
        .await
        .expect_error(401, "session.invalid");
    // The last three passwords (this one included) may not come back.
    for old in ["Hamrah@1405", "Tabriz!Kuh77", "Yazd$Kavir88"] {
        bank.as_customer(
            &sara,
            Method::PUT,
            "/v1/me/password",
            Some(json!({"current_password": current, "new_password": old})),
        )
        .await
        .expect_error(400, "password.reused");
    }
    let changed = bank
        .as_customer(
            &sara,
            Method::PUT,
            "/v1/me/password",
            Some(json!({"current_password": current, "new_password": "Kish%Darya99"})),
        )
        .await
        .expect(200);
    sara.token = changed.json["token"].as_str().unwrap().to_owned();
    bank.as_customer(
        &sara,
        Method::PUT,
        "/v1/me/password",
        Some(json!({"current_password": "Kish%Darya99", "new_password": "Hamrah@1405"})),
    )
    .await
    .expect(200);
    bank.finish().await;
}

#[tokio::test]
async fn idle_timeout_and_session_get_is_not_activity() {
    let bank = Bank::start().await;
    let sara = bank.login("sara.ahmadi").await;
    advance(&bank, 250).await;
    bank.as_customer(&sara, Method::GET, "/v1/devices", None)
        .await
        .expect(200);
    advance(&bank, 250).await;
    let current = bank
        .as_customer(&sara, Method::GET, "/v1/sessions/current", None)
        .await
        .expect(200);
    assert!(current.json.get("token").is_none());
    assert_eq!(current.json["idle_timeout_seconds"], 300);
    advance(&bank, 51).await;
    bank.as_customer(&sara, Method::GET, "/v1/devices", None)
        .await
        .expect_error(401, "session.idle_timeout");
    let fresh = bank.login("sara.ahmadi").await;
    advance(&bank, 301).await;
    bank.as_customer(&fresh, Method::GET, "/v1/sessions/current", None)
        .await
        .expect_error(401, "session.idle_timeout");
    bank.finish().await;
}

#[tokio::test]
async fn the_customer_chooses_the_idle_timeout_up_to_five_minutes() {
    let bank = Bank::start().await;
    let config = bank
        .call(Method::GET, "/v1/config", &[], None)
        .await
        .expect(200);
    assert_eq!(
        config.json["session"]["inactivity_timeout_max_seconds"],
        300
    );
    let sara = bank.login("sara.ahmadi").await;
    // PSD2 RTS Art. 4(3)(d): never more than five minutes without activity.
    for wrong in [59, 301, 600] {
        let reply = bank
            .as_customer(
                &sara,
                Method::PATCH,
                "/v1/sessions/current",
                Some(json!({"idle_timeout_seconds": wrong})),
            )
            .await
            .expect_error(400, "session.idle_timeout_out_of_range");
        assert_eq!(reply.json["field"], "idle_timeout_seconds");
    }
    let updated = bank
        .as_customer(
            &sara,
            Method::PATCH,
            "/v1/sessions/current",
            Some(json!({"idle_timeout_seconds": 120})),
        )
        .await
        .expect(200);
    assert_eq!(updated.json["idle_timeout_seconds"], 120);
    advance(&bank, 119).await;
    bank.as_customer(&sara, Method::GET, "/v1/devices", None)
        .await
        .expect(200);
    // Later sessions keep the choice.
    let later = bank.login("sara.ahmadi").await;
    let current = bank
        .as_customer(&later, Method::GET, "/v1/sessions/current", None)
        .await
        .expect(200);
    assert_eq!(current.json["idle_timeout_seconds"], 120);
    advance(&bank, 121).await;
    bank.as_customer(&later, Method::GET, "/v1/devices", None)
        .await
        .expect_error(401, "session.idle_timeout");
    bank.finish().await;
}

#[tokio::test]
async fn a_longer_idle_timeout_chosen_before_the_cap_is_cut_to_it() {
    let bank = Bank::start().await;
    let sara = bank.login("sara.ahmadi").await;
    // What an earlier sandbox let a customer choose, still in the database.
    bank.sandbox()
        .state()
        .db
        .tx(|tx| {
            tx.execute("UPDATE sessions SET idle_timeout = 600", [])?;
            tx.execute("UPDATE customers SET idle_timeout = 600", [])?;
            Ok(())
        })
        .await
        .unwrap();
    advance(&bank, 301).await;
    bank.as_customer(&sara, Method::GET, "/v1/devices", None)
        .await
        .expect_error(401, "session.idle_timeout");
    let later = bank.login("sara.ahmadi").await;
    let current = bank
        .as_customer(&later, Method::GET, "/v1/sessions/current", None)
        .await
        .expect(200);
    assert_eq!(current.json["idle_timeout_seconds"], 300);
    bank.finish().await;
}

#[tokio::test]
async fn sessions_end_absolutely() {
    let mut rules = test_rules();
    rules.session.absolute_lifetime_seconds = 600;
    let bank = Bank::start_with(rules).await;
    let sara = bank.login("sara.ahmadi").await;
    let current = bank
        .as_customer(&sara, Method::GET, "/v1/sessions/current", None)
        .await
        .expect(200);
    let created = current.json["created_at"].as_str().unwrap();
    let expires = current.json["expires_at"].as_str().unwrap();
    let seconds = |t: &str| t.parse::<jiff::Timestamp>().unwrap().as_second();
    assert_eq!(seconds(expires) - seconds(created), 600);
    for _ in 0..2 {
        advance(&bank, 250).await;
        bank.as_customer(&sara, Method::GET, "/v1/devices", None)
            .await
            .expect(200);
    }
    advance(&bank, 101).await;
    bank.as_customer(&sara, Method::GET, "/v1/devices", None)
        .await
        .expect_error(401, "session.expired");
    bank.finish().await;
}

#[tokio::test]
async fn default_absolute_lifetime_is_twelve_hours() {
    let bank = Bank::start().await;
    let sara = bank.login("sara.ahmadi").await;
    let current = bank
        .as_customer(&sara, Method::GET, "/v1/sessions/current", None)
        .await
        .expect(200);
    let seconds = |field: &str| {
        current.json[field]
            .as_str()
            .unwrap()
            .parse::<jiff::Timestamp>()
            .unwrap()
            .as_second()
    };
    assert_eq!(seconds("expires_at") - seconds("created_at"), 12 * 3600);
    assert_eq!(seconds("idle_expires_at") - seconds("created_at"), 300);
    bank.finish().await;
}

#[tokio::test]
async fn a_session_is_bound_to_its_device() {
    let bank = Bank::start().await;
    let sara = bank.login("sara.ahmadi").await;
    let stolen = Customer {
        device_id: device(),
        ..sara.clone()
    };
    bank.as_customer(&stolen, Method::GET, "/v1/sessions/current", None)
        .await
        .expect_error(401, "session.device_mismatch");
    bank.as_customer(&stolen, Method::DELETE, "/v1/sessions/current", None)
        .await
        .expect_error(401, "session.device_mismatch");
    bank.as_customer(&sara, Method::GET, "/v1/sessions/current", None)
        .await
        .expect(200);
    bank.finish().await;
}

#[tokio::test]
async fn logout_ends_the_session() {
    let bank = Bank::start().await;
    let sara = bank.login("sara.ahmadi").await;
    bank.as_customer(&sara, Method::DELETE, "/v1/sessions/current", None)
        .await
        .expect(204);
    bank.as_customer(&sara, Method::DELETE, "/v1/sessions/current", None)
        .await
        .expect(204);
    bank.as_customer(&sara, Method::GET, "/v1/sessions/current", None)
        .await
        .expect_error(401, "session.invalid");
    bank.call(
        Method::GET,
        "/v1/sessions/current",
        &[("x-device-id", &sara.device_id)],
        None,
    )
    .await
    .expect_error(401, "session.missing");
    bank.call(Method::GET, "/v1/sessions/current", &[], None)
        .await
        .expect_error(400, "device.id_missing");
    bank.finish().await;
}

#[tokio::test]
async fn devices_are_listed_and_revoked() {
    let bank = Bank::start().await;
    let first = bank.login("sara.ahmadi").await;
    let second = bank.login("sara.ahmadi").await;
    let list = bank
        .as_customer(&first, Method::GET, "/v1/devices", None)
        .await
        .expect(200);
    let items = list.json["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    let current: Vec<bool> = items
        .iter()
        .filter(|d| d["device_id"] == first.device_id.as_str())
        .map(|d| d["current"].as_bool().unwrap())
        .collect();
    assert_eq!(current, [true]);
    bank.as_customer(
        &first,
        Method::DELETE,
        &format!("/v1/devices/{}", device()),
        None,
    )
    .await
    .expect_error(404, "device.not_found");
    bank.as_customer(
        &first,
        Method::DELETE,
        &format!("/v1/devices/{}", second.device_id),
        None,
    )
    .await
    .expect(204);
    bank.as_customer(&second, Method::GET, "/v1/sessions/current", None)
        .await
        .expect_error(401, "session.invalid");
    let list = bank
        .as_customer(&first, Method::GET, "/v1/devices", None)
        .await
        .expect(200);
    let revoked = list.json["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["device_id"] == second.device_id.as_str())
        .unwrap()
        .clone();
    assert_eq!(revoked["state"], "revoked");
    // The revoked device needs the SMS code again.
    let again = login_on(&bank, &second.device_id, "sara.ahmadi", "Hamrah@1405")
        .await
        .expect(200);
    assert_eq!(again.json["state"], "otp_required");
    // Revoking the current device ends this session too.
    bank.as_customer(
        &first,
        Method::DELETE,
        &format!("/v1/devices/{}", first.device_id),
        None,
    )
    .await
    .expect(204);
    bank.as_customer(&first, Method::GET, "/v1/devices", None)
        .await
        .expect_error(401, "session.invalid");
    bank.finish().await;
}

#[tokio::test]
async fn login_request_is_checked() {
    let bank = Bank::start().await;
    let phone = device();
    bank.call(
        Method::POST,
        "/v1/sessions",
        &[("x-device-id", &phone)],
        Some(json!({"username": "sara.ahmadi"})),
    )
    .await
    .expect_error(400, "request.field_missing");
    bank.call(
        Method::POST,
        "/v1/sessions",
        &[("x-device-id", &phone)],
        Some(json!({"username": "sara.ahmadi", "password": "Hamrah@1405", "pin": "1"})),
    )
    .await
    .expect_error(400, "request.malformed");
    bank.call(
        Method::POST,
        "/v1/sessions",
        &[],
        Some(json!({"username": "sara.ahmadi", "password": "Hamrah@1405"})),
    )
    .await
    .expect_error(400, "device.id_missing");
    bank.call(
        Method::POST,
        "/v1/sessions",
        &[("x-device-id", &phone)],
        Some(json!({"username": "sara.ahmadi", "password": "Hamrah@1405", "platform": "symbian"})),
    )
    .await
    .expect_error(400, "request.field_invalid");
    bank.finish().await;
}
