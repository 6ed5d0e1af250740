//! Every log line of a whole customer journey, the core's and the bank's,
//! at TRACE (the HTTP, HTTP/2 and TLS libraries included, `log` records
//! too), written through the core's redacting writer: activation, login with
//! the SMS code, card-to-card with the dynamic PIN, a SHEBA transfer, a bill,
//! and a raw login whose session token crosses the wire. None of the
//! journey's PANs, SHEBAs, passwords, SMS codes, CVV2s or tokens may appear;
//! the log must be there, cover the journey, and show the masked forms.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails loudly

mod common;

use std::io::Write;
use std::sync::{Mutex, OnceLock};

use common::*;
use hamrah_core::channel::Method;
use hamrah_core::flows::bill_payment::{BillPayment, BillPaymentState, BillSource};
use hamrah_core::flows::card_transfer::CardTransferState;
use hamrah_core::flows::sheba_transfer::{ShebaTransfer, ShebaTransferState};
use hamrah_core::ids::{CardNumber, Sheba};
use hamrah_core::logging::Redacting;
use hamrah_core::session::SessionState;
use hamrah_e2e::{App, Bank};
use serde_json::json;

const SARA_MOBILE: &str = "09121234567";

/// Everything logged in this test binary, after redaction.
fn logs() -> &'static Mutex<Vec<u8>> {
    static LOGS: OnceLock<Mutex<Vec<u8>>> = OnceLock::new();
    LOGS.get_or_init(|| {
        struct Sink;
        impl Write for Sink {
            fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
                logs().lock().unwrap().extend_from_slice(bytes);
                Ok(bytes.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        // No timestamps: their digits could pass for an SMS code.
        use tracing_subscriber::util::SubscriberInitExt;
        tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_writer(Redacting::new(|| Sink))
            .with_ansi(false)
            .without_time()
            .finish()
            .try_init()
            .unwrap();
        Mutex::new(Vec::new())
    })
}

/// Whether `digits` occurs in `text` not inside a longer number.
fn contains_number(text: &str, digits: &str) -> bool {
    text.match_indices(digits).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + digits.len()..].chars().next();
        !before.is_some_and(|c| c.is_ascii_digit()) && !after.is_some_and(|c| c.is_ascii_digit())
    })
}

/// Whether a `cvv2` key is followed closely by `cvv2`'s digits.
fn cvv2_logged(text: &str, cvv2: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    lower.match_indices("cvv2").any(|(at, _)| {
        let end = (at + 20).min(lower.len());
        lower.is_char_boundary(end) && contains_number(&lower[at..end], cvv2)
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_secret_reaches_a_log_line() {
    logs();
    let mut secrets: Vec<String> = Vec::new();
    let mut codes: Vec<String> = Vec::new();
    let bank = Bank::start().await.unwrap();
    secrets.push(bank.sandbox.admin_token.clone());

    // Activation of Maryam: identity, card, SMS code, credentials.
    let maryam = bank.demo(None).unwrap();
    let password = "Sahar#Bahar88".to_owned();
    let phone = App::install(&bank).await.unwrap();
    let session = &phone.session;
    session
        .start_activation(
            &maryam.national_id,
            &maryam.mobile,
            &maryam.birth_date,
            &maryam.card_pan,
            &maryam.card_expiry,
        )
        .await
        .unwrap();
    let code = bank.last_otp(&maryam.mobile).await.unwrap();
    session.verify_activation(&code).await.unwrap();
    let state = session
        .choose_credentials("maryam.h", &password)
        .await
        .unwrap();
    assert!(matches!(state, SessionState::Active { .. }), "{state:?}");
    secrets.extend([maryam.card_pan.clone(), password.clone()]);
    codes.push(code);

    // Sara on a new phone: password, then the SMS code.
    let sara = bank.demo(Some("sara.ahmadi")).unwrap();
    let app = App::logged_in(&bank, "sara.ahmadi").await.unwrap();
    codes.push(bank.last_otp(SARA_MOBILE).await.unwrap());
    secrets.extend([sara.password.clone().unwrap(), sara.card_pan.clone()]);

    // Card to card with the SMS dynamic PIN, CVV2 and expiry.
    let mellat = bank.other_card("mellat").await.unwrap();
    let mut flow = to_authorize(&app, &mellat, 1_500_000).await;
    let otp = pin(&bank, &mut flow, SARA_MOBILE).await;
    let state = flow
        .submit(&otp, &sara.card_cvv2, &sara.card_expiry)
        .await
        .unwrap();
    assert!(
        matches!(state, CardTransferState::Succeeded { .. }),
        "{state:?}"
    );
    secrets.push(mellat.clone());
    codes.push(otp);

    // A SHEBA transfer (PAYA) to another bank.
    let seed = bank.seed().await.unwrap();
    let sheba = seed["other_bank_shebas"][0].as_str().unwrap().to_owned();
    let mut flow = ShebaTransfer::start(app.ctx.clone()).await.unwrap();
    let ShebaTransferState::ChooseSource { accounts } = flow.state() else {
        panic!("{:?}", flow.state())
    };
    let source = accounts[0].account_id.clone();
    secrets.extend(accounts.iter().map(|a| a.sheba.clone()));
    flow.choose_source(&source).unwrap();
    flow.enter_sheba(&sheba).await.unwrap();
    flow.confirm_holder(true).unwrap();
    flow.enter_amount("2000000").unwrap();
    let state = &bank.submit_sheba(&mut flow, SARA_MOBILE).await.unwrap();
    assert!(
        matches!(state, ShebaTransferState::Succeeded { .. }),
        "{state:?}"
    );
    secrets.push(sheba.clone());

    // A bill from the account.
    let bill = seed["bills"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["bill_type"] == "electricity")
        .unwrap();
    let mut flow = BillPayment::start(app.ctx.clone());
    let (bill_id, payment_id) = (
        bill["bill_id"].as_str().unwrap(),
        bill["payment_id"].as_str().unwrap(),
    );
    flow.enter_bill(bill_id, payment_id).await.unwrap();
    let BillPaymentState::ChooseSource { sources, .. } = flow.state() else {
        panic!("{:?}", flow.state())
    };
    let account = sources
        .iter()
        .find(|s| matches!(s, BillSource::Account { .. }))
        .unwrap()
        .id()
        .to_owned();
    flow.choose_source(&account).unwrap();
    let state = &bank.confirm_bill(&mut flow, SARA_MOBILE).await.unwrap();
    assert!(
        matches!(state, BillPaymentState::Succeeded { .. }),
        "{state:?}"
    );

    // A session token crossing the wire both ways (a raw login on Sara's known device).
    let device = app.ctx.api.device_id().to_owned();
    let login = bank
        .client()
        .unwrap()
        .send(
            Method::POST,
            "/v1/sessions",
            &[("x-device-id", device.as_str())],
            Some(&json!({"username": "sara.ahmadi",
                "password": sara.password.clone().unwrap(), "platform": "desktop"})),
        )
        .await
        .unwrap();
    let token = login.json["session"]["token"].as_str().unwrap().to_owned();
    let bearer = format!("Bearer {token}");
    let _ = bank
        .client()
        .unwrap()
        .send(
            Method::GET,
            "/v1/sessions/current",
            &[("x-device-id", &device), ("authorization", &bearer)],
            None,
        )
        .await;
    secrets.push(token.clone());

    // The canary: secrets logged on purpose reach the log masked.
    let pan: CardNumber = mellat.parse().unwrap();
    let iban: Sheba = sheba.parse().unwrap();
    tracing::warn!(
        target: "log_scan",
        "canary pan={} sheba={} password={password:?} authorization={bearer:?} code={}",
        pan.as_str(),
        iban.as_str(),
        codes[0],
    );
    bank.sandbox.stop().await;

    let log = String::from_utf8_lossy(&logs().lock().unwrap()).into_owned();
    assert!(log.len() > 10_000, "the log is too short to mean anything");
    for wanted in [
        "card holder inquiry",
        "SHEBA holder inquiry",
        "submitting a journaled operation",
        "the bank answered",
        "session",
        "canary",
    ] {
        assert!(log.contains(wanted), "no {wanted:?} in the log");
    }
    // The libraries' TRACE output is in it too (TLS, HTTP/2 or HTTP/1).
    assert!(
        ["rustls", "h2", "hyper"].iter().any(|t| log.contains(t)),
        "no library logs"
    );
    // Masked forms: the flows' own lines and the canary's.
    for masked in [pan.masked(), iban.masked()] {
        assert!(log.contains(&masked), "no {masked} in the log");
    }
    assert!(log.contains("password=\"[redacted]\""));
    assert!(log.contains("code=[redacted]"));
    for secret in &secrets {
        assert!(!secret.is_empty());
        assert!(!log.contains(secret.as_str()), "a secret is in the log");
        if let Ok(pan) = secret.parse::<CardNumber>() {
            assert!(!log.contains(&pan.grouped()), "a grouped PAN is in the log");
        }
    }
    for code in &codes {
        assert!(!contains_number(&log, code), "an SMS code is in the log");
    }
    for cvv2 in [&sara.card_cvv2, &maryam.card_cvv2] {
        assert!(!cvv2_logged(&log, cvv2), "a CVV2 is in the log");
    }
}
