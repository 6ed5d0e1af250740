//! The session of the core against the sandbox bank: activation, login with
//! the SMS code, logout, the idle timeout, the forced password change, the lock.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails loudly

use std::time::Duration;

use hamrah_core::session::SessionState;
use hamrah_e2e::{App, Bank};

async fn wait_for(app: &App, want: impl Fn(&SessionState) -> bool) -> SessionState {
    let mut watch = app.session.watch();
    tokio::time::timeout(Duration::from_secs(5), watch.wait_for(|s| want(s)))
        .await
        .expect("state not reached")
        .unwrap()
        .clone()
}

#[tokio::test]
async fn activation_gives_credentials_and_a_session() {
    let bank = Bank::start().await.unwrap();
    let maryam = bank.demo(None).unwrap();
    let app = App::install(&bank).await.unwrap();
    // Parsed locally first: a wrong check digit never reaches the bank.
    let problem = app
        .session
        .start_activation(
            "0012246142",
            &maryam.mobile,
            &maryam.birth_date,
            &maryam.card_pan,
            &maryam.card_expiry,
        )
        .await
        .unwrap_err();
    assert_eq!(
        (problem.code.as_str(), problem.field.as_deref()),
        ("national_id.checksum", Some("national_id"))
    );
    let state = app
        .session
        .start_activation(
            &maryam.national_id,
            &maryam.mobile,
            &maryam.birth_date,
            &maryam.card_pan,
            &maryam.card_expiry,
        )
        .await
        .unwrap();
    assert!(
        matches!(
            state,
            SessionState::ActivationCodeSent {
                seconds_left: 120,
                ..
            }
        ),
        "{state:?}"
    );
    let code = bank.last_otp(&maryam.mobile).await.unwrap();
    assert_eq!(
        app.session.verify_activation(&code).await.unwrap(),
        SessionState::ChooseCredentials
    );
    let state = app
        .session
        .choose_credentials("maryam.h", "Sahar#Bahar88")
        .await
        .unwrap();
    assert!(matches!(state, SessionState::Active { .. }), "{state:?}");
    assert_eq!(app.ctx.api.cards().await.unwrap().len(), 1);
    // The activating device is known: the next login needs no SMS code.
    app.session.logout().await;
    let state = app
        .session
        .login("maryam.h", "Sahar#Bahar88")
        .await
        .unwrap();
    assert!(matches!(state, SessionState::Active { .. }), "{state:?}");
    bank.sandbox.stop().await;
}

#[tokio::test]
async fn a_new_device_logs_in_with_the_sms_code_and_logs_out() {
    let bank = Bank::start().await.unwrap();
    let sara = bank.demo(Some("sara.ahmadi")).unwrap();
    let app = App::install(&bank).await.unwrap();
    let state = app
        .session
        .login("sara.ahmadi", sara.password.as_deref().unwrap())
        .await
        .unwrap();
    assert!(
        matches!(state, SessionState::LoginCodeSent { .. }),
        "{state:?}"
    );
    let problem = app.session.verify_login("000000").await.unwrap_err();
    assert_eq!(problem.code, "otp.invalid");
    let code = bank.last_otp(&sara.mobile).await.unwrap();
    let state = app.session.verify_login(&code).await.unwrap();
    assert_eq!(
        state,
        SessionState::Active {
            customer: "سارا احمدی".into()
        }
    );
    assert_eq!(app.session.logout().await, SessionState::LoggedOut);
    let error = app.ctx.api.accounts().await.unwrap_err();
    assert_eq!(hamrah_core::Coded::code(&error), "session.missing");
    bank.sandbox.stop().await;
}

#[tokio::test]
async fn the_idle_timeout_ends_the_session_on_the_phone_too() {
    let bank = Bank::start().await.unwrap();
    let app = App::logged_in(&bank, "sara.ahmadi").await.unwrap();
    app.ctx.api.accounts().await.unwrap();
    bank.advance_clock(301).await.unwrap();
    let error = app.ctx.api.accounts().await.unwrap_err();
    assert_eq!(hamrah_core::Coded::code(&error), "session.idle_timeout");
    let state = wait_for(&app, |s| matches!(s, SessionState::Expired { .. })).await;
    assert_eq!(
        state,
        SessionState::Expired {
            code: "session.idle_timeout".into()
        }
    );
    assert!(!app.ctx.api.has_token());
    bank.sandbox.stop().await;
}

#[tokio::test]
async fn an_expired_password_must_be_changed_first() {
    let bank = Bank::start().await.unwrap();
    let reza = bank.demo(Some("reza.karimi")).unwrap();
    let password = reza.password.clone().unwrap();
    bank.advance_clock(91 * 86_400).await.unwrap();
    let app = App::install(&bank).await.unwrap();
    let mut state = app.session.login("reza.karimi", &password).await.unwrap();
    if let SessionState::LoginCodeSent { .. } = state {
        let code = bank.last_otp(&reza.mobile).await.unwrap();
        state = app.session.verify_login(&code).await.unwrap();
    }
    assert_eq!(
        state,
        SessionState::PasswordChangeRequired {
            reason: "expired".into()
        }
    );
    let error = app.ctx.api.accounts().await.unwrap_err();
    assert_eq!(
        hamrah_core::Coded::code(&error),
        "session.password_change_required"
    );
    let problem = app
        .session
        .change_password(&password, "short")
        .await
        .unwrap_err();
    assert_eq!(problem.field.as_deref(), Some("new_password"));
    let state = app
        .session
        .change_password(&password, "Shiraz@Bahar1405")
        .await
        .unwrap();
    assert!(matches!(state, SessionState::Active { .. }), "{state:?}");
    app.ctx.api.accounts().await.unwrap();
    bank.sandbox.stop().await;
}

#[tokio::test]
async fn repeated_failures_lock_the_user() {
    let bank = Bank::start().await.unwrap();
    let app = App::install(&bank).await.unwrap();
    let mut last = None;
    for _ in 0..6 {
        let problem = app
            .session
            .login("reza.karimi", "Wrong#Pass99")
            .await
            .unwrap_err();
        last = Some(problem.code.clone());
        if problem.code == "auth.user_locked" {
            break;
        }
        assert_eq!(problem.code, "auth.invalid_credentials");
    }
    assert_eq!(last.as_deref(), Some("auth.user_locked"));
    let SessionState::Locked {
        retry_after_seconds,
    } = app.session.state()
    else {
        panic!("{:?}", app.session.state())
    };
    assert!(retry_after_seconds > 0);
    // Even the right password is refused while locked.
    let reza = bank.demo(Some("reza.karimi")).unwrap();
    let problem = app
        .session
        .login("reza.karimi", reza.password.as_deref().unwrap())
        .await
        .unwrap_err();
    assert_eq!(problem.code, "auth.user_locked");
    bank.sandbox.stop().await;
}

#[tokio::test]
async fn a_transfer_with_an_expired_session_fails_cleanly() {
    let bank = Bank::start().await.unwrap();
    let app = App::logged_in(&bank, "sara.ahmadi").await.unwrap();
    let mellat = bank.other_card("mellat").await.unwrap();
    let mut flow = hamrah_core::flows::card_transfer::CardTransfer::start(app.ctx.clone())
        .await
        .unwrap();
    let hamrah_core::flows::card_transfer::CardTransferState::ChooseSource { cards } = flow.state()
    else {
        panic!()
    };
    let card_id = cards[0].card_id.clone();
    flow.choose_source(&card_id).unwrap();
    bank.advance_clock(301).await.unwrap();
    let state = flow.enter_destination(&mellat).await.unwrap().clone();
    let hamrah_core::flows::card_transfer::CardTransferState::EnterDestination {
        error: Some(problem),
        ..
    } = state
    else {
        panic!("{state:?}")
    };
    assert_eq!(problem.code, "session.idle_timeout");
    wait_for(&app, |s| matches!(s, SessionState::Expired { .. })).await;
    bank.sandbox.stop().await;
}
