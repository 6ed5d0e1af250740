//! Randomized fault scenarios (seeded): each card-to-card journey meets a
//! random fault; the state the customer ends in must match the ledger.
//! `HAMRAH_FAULT_SCENARIOS` (default 50) and `HAMRAH_FAULT_SEED` (default 1405).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails loudly

mod common;

use std::sync::Arc;
use std::time::{Duration, Instant};

use common::*;
use hamrah_core::channel::Timeouts;
use hamrah_core::flows::card_transfer::CardTransferState;
use hamrah_core::flows::submit::resolve_unresolved;
use hamrah_core::platform::MemorySecretStore;
use hamrah_e2e::{App, Bank};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

const FEE: u64 = 7_200;
const SARA_MOBILE: &str = "09121234567";

fn env(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn random_faults_never_lose_or_double_money() {
    let scenarios = env("HAMRAH_FAULT_SCENARIOS", 50);
    let seed = env("HAMRAH_FAULT_SEED", 1405);
    let mut rng = StdRng::seed_from_u64(seed);
    let bank = Bank::start().await.unwrap();
    let timeouts = Timeouts {
        connect: Duration::from_secs(5),
        request: Duration::from_millis(800),
    };
    let path = bank.dir.path().join("phone.sqlite3");
    let app = App::open(&bank, &path, Arc::new(MemorySecretStore::new()), timeouts)
        .await
        .unwrap();
    app.login(&bank, "sara.ahmadi").await.unwrap();
    let destinations = [
        bank.other_card("mellat").await.unwrap(),
        bank.other_card("tejarat").await.unwrap(),
        bank.demo(Some("reza.karimi")).unwrap().card_pan,
    ];
    let (cvv2, expiry) = sara_card(&bank);
    let started = Instant::now();
    let mut tally = std::collections::BTreeMap::<String, u32>::new();
    for n in 0..scenarios {
        bank.clear_faults().await.unwrap();
        let amount = rng.random_range(10_000..=400_000u64);
        let pan = &destinations[rng.random_range(0..destinations.len())];
        let before = balance(&app).await;
        let mut flow = to_authorize(&app, pan, amount).await;
        let otp = pin(&bank, &mut flow, SARA_MOBILE).await;
        let (route, kind, count, delay) = match rng.random_range(0..8) {
            0 => ("card_transfer_create", "none", 0, None),
            1 => (
                "card_transfer_create",
                "drop_after_commit",
                rng.random_range(1..=2),
                None,
            ),
            2 => (
                "card_transfer_create",
                "fail_before_commit",
                rng.random_range(1..=3),
                None,
            ),
            3 => (
                "card_transfer_create",
                "server_error",
                rng.random_range(1..=3),
                None,
            ),
            4 => (
                "card_transfer_create",
                "delay",
                1,
                Some(rng.random_range(20..=300)),
            ),
            5 => ("card_transfer_create", "delay", 1, Some(1_200)),
            6 => (
                "operation_get",
                "server_error",
                rng.random_range(1..=4),
                None,
            ),
            _ => (
                "operation_get",
                "drop_after_commit",
                rng.random_range(1..=2),
                None,
            ),
        };
        if kind != "none" {
            bank.fault(route, kind, count, delay).await.unwrap();
        }
        // Faults on the inquiry only matter when the answer is lost too.
        if route == "operation_get" {
            bank.fault("card_transfer_create", "drop_after_commit", 1, None)
                .await
                .unwrap();
        }
        let mut state = flow.submit(&otp, &cvv2, &expiry).await.unwrap().clone();
        if let CardTransferState::Authorize { error: Some(_), .. } = &state {
            // Not recorded by the bank: the customer tries again, same key and PIN.
            assert_eq!(balance(&app).await, before, "scenario {n}: {kind}");
            bank.clear_faults().await.unwrap();
            state = flow.submit(&otp, &cvv2, &expiry).await.unwrap().clone();
        }
        if let CardTransferState::Pending { .. } = &state {
            bank.clear_faults().await.unwrap();
            resolve_unresolved(&app.ctx.api, &app.ctx.store)
                .await
                .unwrap();
            state = flow.resolve().await.unwrap().clone();
        }
        let after = balance(&app).await;
        match &state {
            CardTransferState::Succeeded { receipt, .. } => {
                assert_eq!(receipt.status, "succeeded", "scenario {n}");
                assert_eq!(
                    after,
                    before - amount - FEE,
                    "scenario {n}: {route} {kind} x{count}"
                );
            }
            CardTransferState::Failed { problem, .. } => {
                assert_eq!(
                    after, before,
                    "scenario {n}: {route} {kind} x{count}: {problem:?}"
                );
            }
            other => panic!("scenario {n}: {route} {kind} x{count}: {other:?}"),
        }
        let end = if matches!(state, CardTransferState::Succeeded { .. }) {
            "succeeded"
        } else {
            "failed"
        };
        *tally.entry(format!("{route}/{kind} -> {end}")).or_default() += 1;
        assert!(
            app.ctx.store.unresolved_operations().unwrap().is_empty(),
            "scenario {n}"
        );
    }
    ledger_ok(&bank).await;
    eprintln!(
        "{scenarios} fault scenarios (seed {seed}) in {:.1} s: {tally:#?}",
        started.elapsed().as_secs_f64()
    );
    bank.sandbox.stop().await;
}
