//! The QA admin API: token, outbox, clock, faults, unlock, seed, reset, ledger, stats.

mod common;

use common::Bank;
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn admin_needs_the_token() {
    let bank = Bank::start().await;
    bank.call(Method::GET, "/admin/clock", &[], None)
        .await
        .expect_error(401, "admin.unauthorized");
    bank.call(
        Method::GET,
        "/admin/clock",
        &[("x-admin-token", "wrong")],
        None,
    )
    .await
    .expect_error(401, "admin.unauthorized");
    bank.finish().await;
}

#[tokio::test]
async fn clock_moves_forward_only() {
    let bank = Bank::start().await;
    let before = bank
        .admin(Method::GET, "/admin/clock", None)
        .await
        .expect(200)
        .json;
    assert_eq!(before["offset_seconds"], 0);
    let after = bank
        .admin(
            Method::POST,
            "/admin/clock",
            Some(json!({"advance_seconds": 121})),
        )
        .await
        .expect(200)
        .json;
    assert_eq!(after["offset_seconds"], 121);
    bank.admin(Method::POST, "/admin/clock", Some(json!({"reset": true})))
        .await
        .expect_error(400, "admin.clock_backwards");
    bank.admin(
        Method::POST,
        "/admin/clock",
        Some(json!({"advance_seconds": 1, "reset": true})),
    )
    .await
    .expect_error(400, "request.malformed");
    bank.finish().await;
}

#[tokio::test]
async fn clock_survives_a_restart() {
    let mut bank = Bank::start().await;
    bank.admin(
        Method::POST,
        "/admin/clock",
        Some(json!({"advance_seconds": 3600})),
    )
    .await
    .expect(200);
    bank.restart().await;
    let clock = bank
        .admin(Method::GET, "/admin/clock", None)
        .await
        .expect(200)
        .json;
    assert_eq!(clock["offset_seconds"], 3600);
    bank.finish().await;
}

#[tokio::test]
async fn faults_are_armed_listed_consumed_and_cleared() {
    let bank = Bank::start().await;
    bank.admin(
        Method::POST,
        "/admin/faults",
        Some(json!({"route": "nothing", "kind": "server_error", "count": 1})),
    )
    .await
    .expect_error(400, "admin.route_unknown");
    bank.admin(
        Method::POST,
        "/admin/faults",
        Some(json!({"route": "config_get", "kind": "delay", "count": 1})),
    )
    .await
    .expect_error(400, "request.field_missing");
    let rule = bank
        .admin(
            Method::POST,
            "/admin/faults",
            Some(json!({"route": "GET /v1/config", "kind": "server_error", "count": 2})),
        )
        .await
        .expect(201)
        .json;
    assert_eq!(rule["remaining"], 2);
    bank.call(Method::GET, "/v1/config", &[], None)
        .await
        .expect_error(503, "server.unavailable");
    let list = bank
        .admin(Method::GET, "/admin/faults", None)
        .await
        .expect(200)
        .json;
    assert_eq!(list["items"][0]["remaining"], 1);
    bank.admin(Method::DELETE, "/admin/faults", None)
        .await
        .expect(204);
    bank.call(Method::GET, "/v1/config", &[], None)
        .await
        .expect(200);
    bank.finish().await;
}

#[tokio::test]
async fn fail_before_commit_answers_500() {
    let bank = Bank::start().await;
    bank.admin(
        Method::POST,
        "/admin/faults",
        Some(json!({"route": "config_get", "kind": "fail_before_commit", "count": 1})),
    )
    .await
    .expect(201);
    let reply = bank
        .call(Method::GET, "/v1/config", &[], None)
        .await
        .expect_error(500, "server.internal");
    assert_eq!(reply.json["retryable"], true);
    bank.finish().await;
}

#[tokio::test]
async fn drop_after_commit_breaks_the_connection() {
    let bank = Bank::start().await;
    bank.admin(
        Method::POST,
        "/admin/faults",
        Some(json!({"route": "config_get", "kind": "drop_after_commit", "count": 1})),
    )
    .await
    .expect(201);
    let result = bank
        .client
        .get(format!("{}/v1/config", bank.url))
        .send()
        .await;
    let lost = match result {
        Err(_) => true,
        Ok(response) => response.bytes().await.is_err(),
    };
    assert!(lost, "the response should have been dropped");
    bank.call(Method::GET, "/v1/config", &[], None)
        .await
        .expect(200);
    bank.finish().await;
}

#[tokio::test]
async fn redirect_answers_307_to_the_location_without_handling() {
    let bank = Bank::start().await;
    bank.admin(
        Method::POST,
        "/admin/faults",
        Some(json!({"route": "session_create", "kind": "redirect", "count": 1})),
    )
    .await
    .expect_error(400, "request.field_missing");
    let location = "http://127.0.0.1:9/v1/sessions";
    let rule = bank
        .admin(
            Method::POST,
            "/admin/faults",
            Some(
                json!({"route": "session_create", "kind": "redirect", "count": 1,
                        "location": location}),
            ),
        )
        .await
        .expect(201)
        .json;
    assert_eq!(rule["location"], location);
    // A client that does not follow redirects sees the 307 itself.
    let cert = reqwest::Certificate::from_pem(bank.sandbox().cert_pem.as_bytes()).unwrap();
    let client = reqwest::Client::builder()
        .use_rustls_tls()
        .tls_built_in_root_certs(false)
        .add_root_certificate(cert)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let demo = bank.demo(Some("sara.ahmadi"));
    let body = json!({"username": "sara.ahmadi", "password": demo.password.unwrap()});
    let response = client
        .post(format!("{}/v1/sessions", bank.url))
        .header("x-device-id", uuid::Uuid::new_v4().to_string())
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 307);
    assert_eq!(response.headers()["location"], location);
    let json: serde_json::Value = response.json().await.unwrap();
    common::contract().check_reply("POST", "/v1/sessions", 307, &json);
    assert_eq!(json["code"], "server.redirect");
    // Nothing was handled: no login, so no SMS notice of one.
    let outbox = bank
        .admin(Method::GET, &format!("/admin/sms/{}", demo.mobile), None)
        .await
        .expect(200)
        .json;
    assert_eq!(outbox["items"].as_array().unwrap().len(), 0, "{outbox}");
    bank.finish().await;
}

#[tokio::test]
async fn seed_lists_customers_cards_and_bills() {
    let bank = Bank::start().await;
    let seed = bank
        .admin(Method::GET, "/admin/seed", None)
        .await
        .expect(200)
        .json;
    let customers = seed["customers"].as_array().unwrap();
    assert_eq!(customers.len(), 3);
    assert!(customers.iter().any(|c| c["activated"] == false));
    assert!(seed["other_bank_cards"].as_array().unwrap().len() >= 2);
    assert!(seed["bills"].as_array().unwrap().len() >= 6);
    let reset = bank
        .admin(Method::POST, "/admin/reset", Some(json!({"seed": "empty"})))
        .await
        .expect(200)
        .json;
    assert!(reset["customers"].as_array().unwrap().is_empty());
    let again = bank
        .admin(Method::POST, "/admin/reset", Some(json!({"seed": "demo"})))
        .await
        .expect(200)
        .json;
    assert_eq!(again["customers"].as_array().unwrap().len(), 3);
    bank.finish().await;
}

#[tokio::test]
async fn unlock_unknown_user_is_404_and_issuers_can_be_switched() {
    let bank = Bank::start().await;
    bank.admin(Method::POST, "/admin/users/nobody/unlock", None)
        .await
        .expect_error(404, "request.not_found");
    bank.admin(Method::POST, "/admin/users/sara.ahmadi/unlock", None)
        .await
        .expect(204);
    bank.admin(
        Method::PUT,
        "/admin/issuers/saman",
        Some(json!({"otp_connected": true})),
    )
    .await
    .expect(200);
    let config = bank
        .call(Method::GET, "/v1/config", &[], None)
        .await
        .expect(200)
        .json;
    assert!(
        config["otp_issuers_not_connected"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    bank.finish().await;
}

#[tokio::test]
async fn ledger_and_stats() {
    let bank = Bank::start().await;
    let check = bank
        .admin(Method::GET, "/admin/ledger/check", None)
        .await
        .expect(200)
        .json;
    assert_eq!(check["ok"], true);
    assert_eq!(check["postings_sum_rials"], 0);
    bank.call(Method::GET, "/v1/config", &[], None)
        .await
        .expect(200);
    let stats = bank
        .admin(Method::GET, "/admin/stats", None)
        .await
        .expect(200)
        .json;
    assert_eq!(stats["requests_by_operation"]["config_get"], 1);
    assert!(stats["connections_accepted"].as_u64().unwrap() >= 1);
    bank.finish().await;
}
