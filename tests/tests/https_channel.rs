//! The core's HTTPS channel against the sandbox over real TLS on loopback:
//! pins enforced, one pooled connection reused, errors in the bank's model.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails loudly

use hamrah_core::Coded;
use hamrah_core::channel::Method;
use hamrah_core::channel::{BankClient, ChannelError, SpkiPin, Timeouts};
use hamrah_e2e::Bank;

#[tokio::test]
async fn the_pinned_bank_answers() {
    let bank = Bank::start().await.unwrap();
    let reply = bank
        .client()
        .unwrap()
        .send(Method::GET, "/v1/config", &[], None)
        .await
        .unwrap();
    assert_eq!(reply.status, 200);
    assert_eq!(reply.json["otp"]["lifetime_seconds"], 120);
    bank.sandbox.stop().await;
}

#[tokio::test]
async fn a_key_matching_no_pin_is_refused() {
    let bank = Bank::start().await.unwrap();
    let wrong = SpkiPin::of_spki(b"some other key");
    let client = BankClient::new(&bank.sandbox.url, &[wrong], Timeouts::default()).unwrap();
    let error = client
        .send(Method::GET, "/v1/config", &[], None)
        .await
        .unwrap_err();
    assert_eq!(error, ChannelError::PinMismatch);
    assert_eq!(error.code(), "tls.pin_mismatch");
    assert!(!error.retryable());
    bank.sandbox.stop().await;
}

#[tokio::test]
async fn a_warm_client_opens_no_new_connection() {
    let bank = Bank::start().await.unwrap();
    let client = bank.client().unwrap();
    for _ in 0..5 {
        client
            .send(Method::GET, "/v1/config", &[], None)
            .await
            .unwrap();
    }
    let stats = bank.sandbox.state().stats.snapshot();
    assert_eq!(stats.connections_accepted, 1, "{stats:?}");
    assert_eq!(stats.requests_served, 5);
    bank.sandbox.stop().await;
}

#[tokio::test]
async fn bank_errors_keep_code_messages_and_field() {
    let bank = Bank::start().await.unwrap();
    let client = bank.client().unwrap();
    let body = serde_json::json!({"pan": "6037999836900605"});
    let headers = [
        ("authorization", "Bearer nothing"),
        ("x-device-id", "0c6f2f3e-9a0f-4c35-a1a8-1b4f0f1f2c3d"),
    ];
    let error = client
        .send(
            Method::POST,
            "/v1/holder-inquiries/card",
            &headers,
            Some(&body),
        )
        .await
        .unwrap_err();
    let ChannelError::Bank(bank_error) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(bank_error.status, 401);
    assert_eq!(error.code(), "session.invalid");
    assert!(!error.message_fa().is_empty());
    bank.sandbox.stop().await;
}

#[tokio::test]
async fn an_unreachable_bank_sent_nothing() {
    let bank = Bank::start().await.unwrap();
    let pin = bank.pin().unwrap();
    let url = bank.sandbox.url.clone();
    bank.sandbox.stop().await;
    let client = BankClient::new(&url, &[pin], Timeouts::default()).unwrap();
    let error = client
        .send(Method::GET, "/v1/config", &[], None)
        .await
        .unwrap_err();
    assert_eq!(error, ChannelError::Unreachable);
    assert!(error.retryable());
}

#[tokio::test]
async fn a_redirect_from_the_pinned_bank_is_not_followed() {
    let bank = Bank::start().await.unwrap();
    // A plain-HTTP listener the redirect points at; nothing ever accepts on it,
    // so whatever reached it is still in its backlog afterwards.
    let elsewhere = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    elsewhere.set_nonblocking(true).unwrap();
    let location = format!("http://{}/v1/sessions", elsewhere.local_addr().unwrap());
    bank.admin(
        Method::POST,
        "/admin/faults",
        Some(
            serde_json::json!({"route": "session_create", "kind": "redirect",
                                "count": 1, "location": location}),
        ),
    )
    .await
    .unwrap();
    let sara = bank.demo(Some("sara.ahmadi")).unwrap();
    let password = sara.password.clone().unwrap();
    let body = serde_json::json!({"username": "sara.ahmadi", "password": password});
    let timeouts = Timeouts {
        connect: std::time::Duration::from_secs(10),
        request: std::time::Duration::from_secs(5),
    };
    let client = bank.client_with(timeouts).unwrap();
    let result = client
        .send(
            Method::POST,
            "/v1/sessions",
            &[("x-device-id", "0c6f2f3e-9a0f-4c35-a1a8-1b4f0f1f2c3d")],
            Some(&body),
        )
        .await;

    // Nothing connected to the redirect's address: the password went nowhere else.
    match elsewhere.accept() {
        Err(error) if error.kind() == std::io::ErrorKind::WouldBlock => {}
        Err(error) => panic!("{error}"),
        Ok((mut stream, _)) => {
            use std::io::Read;
            stream.set_nonblocking(true).unwrap();
            let mut sent = Vec::new();
            let _ = stream.read_to_end(&mut sent);
            let sent = String::from_utf8_lossy(&sent);
            panic!(
                "the redirect was followed in clear; password resent: {}",
                sent.contains(&password)
            );
        }
    }
    // The pinned bank saw the login once: not resent there either.
    let stats = bank.sandbox.state().stats.snapshot();
    assert_eq!(stats.requests_by_operation.get("session_create"), Some(&1));
    // A redirect breaks the contract: a protocol error, never retried.
    let error = result.unwrap_err();
    assert_eq!(error, ChannelError::Protocol);
    assert_eq!(error.code(), "network.protocol");
    bank.sandbox.stop().await;
}
