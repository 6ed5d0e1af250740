//! The device identity of the core against the sandbox bank: a login with
//! the SMS code on a new device enrolls the device key, every later request
//! is signed (a card transfer too, over its amount and payee), a clock that
//! drifted past the skew is corrected, quick login behind the desktop
//! passphrase, revocation. The phone's SQLite file holds neither the private
//! key nor the session token, and neither does the log output.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails loudly

mod common;

use std::io::Write;
use std::sync::{Arc, Mutex, Once, OnceLock};

use common::*;
use hamrah_core::Coded;
use hamrah_core::flows::card_transfer::CardTransferState;
use hamrah_core::platform::{
    DEVICE_KEY_NAME, DeviceSigner, LocalUnlock, PassphraseUnlock, SecretStore, SoftwareDeviceSigner,
};
use hamrah_core::session::SessionState;
use hamrah_e2e::{App, Bank};
use zeroize::Zeroizing;

const PASSPHRASE: &str = "desktop passphrase 1405";

/// A fresh install whose API has the desktop device signer.
async fn install(bank: &Bank) -> (App, Arc<SoftwareDeviceSigner>) {
    let app = App::install(bank).await.unwrap();
    let signer = app.add_device_signer();
    (app, signer)
}

/// The desktop unlock, answering `answer` when asked.
fn unlock(app: &App, answer: &'static str) -> Arc<PassphraseUnlock> {
    Arc::new(PassphraseUnlock::new(app.secrets.clone(), move |_| {
        Some(Zeroizing::new(answer.to_owned()))
    }))
}

/// Signed requests the bank has seen from this device (its nonces).
async fn nonces(bank: &Bank, device_id: &str) -> i64 {
    let device_id = device_id.to_owned();
    bank.sandbox
        .state()
        .db
        .read(move |conn| {
            Ok(conn.query_row(
                "SELECT COUNT(*) FROM signature_nonces WHERE device_id = ?1",
                [device_id],
                |r| r.get(0),
            )?)
        })
        .await
        .unwrap()
}

/// Every token the bank has issued (as their SHA-256 hashes).
async fn token_hashes(bank: &Bank) -> Vec<String> {
    bank.sandbox
        .state()
        .db
        .read(|conn| {
            let mut statement = conn.prepare("SELECT token_hash FROM sessions")?;
            let hashes = statement
                .query_map([], |r| r.get(0))?
                .collect::<Result<Vec<String>, _>>()?;
            Ok(hashes)
        })
        .await
        .unwrap()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Everything logged in this test binary (the core's and the bank's).
fn logs() -> &'static Mutex<Vec<u8>> {
    static LOGS: OnceLock<Mutex<Vec<u8>>> = OnceLock::new();
    static SUBSCRIBER: Once = Once::new();
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
    let logs = LOGS.get_or_init(|| Mutex::new(Vec::new()));
    SUBSCRIBER.call_once(|| {
        tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_writer(|| Sink)
            .with_ansi(false)
            .init();
    });
    logs
}

/// `bytes` hold no byte of the private key (raw, hex or base64) and no
/// session token: every run of base64url characters long enough to be a
/// token is hashed as the bank hashes tokens and compared with every token
/// the bank issued.
fn scan(bytes: &[u8], what: &str, scalar: &[u8], token_hashes: &[String]) {
    use base64::Engine;
    let hex: String = scalar.iter().map(|b| format!("{b:02x}")).collect();
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(scalar);
    assert!(!contains(bytes, scalar), "private key in {what}");
    assert!(
        !contains(bytes, hex.as_bytes()),
        "private key (hex) in {what}"
    );
    assert!(
        !contains(bytes, b64.as_bytes()),
        "private key (base64) in {what}"
    );
    let token_char = |b: &u8| b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_';
    for run in bytes.split(|b| !token_char(b)).filter(|r| r.len() >= 43) {
        for start in 0..=run.len() - 43 {
            let candidate = std::str::from_utf8(&run[start..start + 43]).unwrap();
            let hash = hamrah_sandbox::ids::sha256_hex(&[candidate]);
            assert!(!token_hashes.contains(&hash), "a session token in {what}");
        }
    }
}

/// The phone's SQLite files (database, WAL, shared memory) and the log
/// output hold neither the private key nor a session token.
async fn scan_store_and_logs(bank: &Bank, app: &App, scalar: &[u8]) {
    let hashes = token_hashes(bank).await;
    assert!(hashes.len() >= 2, "sessions were issued");
    let mut scanned = 0;
    for suffix in ["", "-wal", "-shm"] {
        let path = format!("{}{suffix}", app.store_path.display());
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        scanned += bytes.len();
        scan(&bytes, &path, scalar, &hashes);
    }
    assert!(scanned > 0, "the store was written");
    let logged = logs().lock().unwrap().clone();
    assert!(!logged.is_empty(), "something was logged");
    scan(&logged, "the log output", scalar, &hashes);
}

#[tokio::test]
async fn enroll_sign_quick_login_and_revoke() {
    logs();
    let bank = Bank::start().await.unwrap();
    let (app, signer) = install(&bank).await;
    let api = &app.ctx.api;
    assert!(!api.device_enrolled());

    // Login with the SMS code on this new device: the key is created and enrolled.
    app.login(&bank, "sara.ahmadi").await.unwrap();
    assert!(api.device_enrolled());
    let public = signer.public_key().unwrap().expect("a device key");
    let devices = app.session.devices().await.unwrap();
    let this = devices.iter().find(|d| d.current).unwrap();
    assert!(this.enrolled);
    assert_eq!(this.platform.as_deref(), Some("desktop"));
    assert_eq!(this.name.as_deref(), Some("QA desktop"));
    let fingerprint: String = {
        use sha2::Digest;
        sha2::Sha256::digest(&public)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    };
    assert_eq!(this.key_fingerprint.as_deref(), Some(fingerprint.as_str()));

    // Enrolling again is refused before the key is touched.
    let again = app.session.enroll_device().await.unwrap_err();
    assert_eq!(again.code, "device.already_enrolled");
    assert_eq!(signer.public_key().unwrap(), Some(public.clone()));

    // Every later request is signed: the bank records one nonce per request.
    let before = nonces(&bank, api.device_id()).await;
    api.accounts().await.unwrap();
    api.cards().await.unwrap();
    assert_eq!(nonces(&bank, api.device_id()).await, before + 2);

    // A card transfer, signed over its amount and payee, goes through.
    let mellat = bank.other_card("mellat").await.unwrap();
    let mut flow = to_authorize(&app, &mellat, 5_000_000).await;
    let otp = pin(&bank, &mut flow, "09121234567").await;
    let (cvv2, expiry) = sara_card(&bank);
    let state = flow.submit(&otp, &cvv2, &expiry).await.unwrap();
    assert!(
        matches!(state, CardTransferState::Succeeded { .. }),
        "{state:?}"
    );

    // The bank's clock moves past the skew: the core re-reads it and signs again.
    bank.advance_clock(200).await.unwrap();
    api.accounts().await.unwrap();

    // Quick login, gated by the desktop passphrase.
    app.session.logout().await;
    let gate = unlock(&app, PASSPHRASE);
    gate.set_passphrase(PASSPHRASE).unwrap();
    let wrong = unlock(&app, "not the passphrase");
    let refused = app.session.quick_login(wrong).await.unwrap_err();
    assert_eq!(refused.code, "platform.unlock_refused");
    assert_eq!(app.session.state(), SessionState::LoggedOut);
    let state = app.session.quick_login(gate.clone()).await.unwrap();
    assert!(matches!(state, SessionState::Active { .. }), "{state:?}");
    assert!(api.device_enrolled());
    api.accounts().await.unwrap();

    let scalar = app.secrets.load(DEVICE_KEY_NAME).unwrap().unwrap();
    scan_store_and_logs(&bank, &app, &scalar).await;

    // Revoked from another device: no more requests, no quick login.
    let (other, other_signer) = install(&bank).await;
    other.login(&bank, "sara.ahmadi").await.unwrap();
    other.session.revoke_device(api.device_id()).await.unwrap();
    let ended = api.accounts().await.unwrap_err();
    assert_eq!(ended.code(), "session.invalid");
    let refused = app.session.quick_login(gate.clone()).await.unwrap_err();
    assert_eq!(refused.code, "device.revoked");
    let listed = other.session.devices().await.unwrap();
    let revoked = listed
        .iter()
        .find(|d| d.device_id == api.device_id())
        .unwrap();
    assert_eq!(
        (revoked.state.as_str(), revoked.enrolled),
        ("revoked", false)
    );

    // Revoking itself logs the other install out and deletes its key.
    let state = other
        .session
        .revoke_device(other.ctx.api.device_id())
        .await
        .unwrap();
    assert_eq!(state, SessionState::LoggedOut);
    assert!(!other.ctx.api.has_token());
    assert_eq!(other_signer.public_key().unwrap(), None);
    bank.sandbox.stop().await;
}

#[tokio::test]
async fn without_a_signer_nothing_is_signed_and_quick_login_is_refused() {
    let bank = Bank::start().await.unwrap();
    let app = App::logged_in(&bank, "reza.karimi").await.unwrap();
    assert!(!app.ctx.api.device_enrolled());
    app.ctx.api.accounts().await.unwrap();
    assert_eq!(nonces(&bank, app.ctx.api.device_id()).await, 0);
    let gate = unlock(&app, PASSPHRASE);
    gate.set_passphrase(PASSPHRASE).unwrap();
    gate.unlock(&hamrah_core::platform::UnlockReason::quick_login())
        .unwrap();
    let refused = app.session.quick_login(gate).await.unwrap_err();
    assert_eq!(refused.code, "device.not_enrolled");
    bank.sandbox.stop().await;
}

#[tokio::test]
async fn activation_enrolls_the_device_too() {
    let bank = Bank::start().await.unwrap();
    let maryam = bank.demo(None).unwrap();
    let (app, signer) = install(&bank).await;
    app.session
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
    app.session.verify_activation(&code).await.unwrap();
    let state = app
        .session
        .choose_credentials("maryam.device", "Sepidar!Bahar7")
        .await
        .unwrap();
    assert!(matches!(state, SessionState::Active { .. }), "{state:?}");
    assert!(app.ctx.api.device_enrolled());
    assert!(signer.public_key().unwrap().is_some());
    let before = nonces(&bank, app.ctx.api.device_id()).await;
    app.ctx.api.accounts().await.unwrap();
    assert_eq!(nonces(&bank, app.ctx.api.device_id()).await, before + 1);
    bank.sandbox.stop().await;
}
