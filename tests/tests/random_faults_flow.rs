//! Randomized fault scenarios (seeded): each card-to-card journey meets a
//! random fault; the state the customer ends in must match the ledger.
//! `HAMRAH_FAULT_SCENARIOS` (default 200), `HAMRAH_FAULT_SEED` (default 1405)
//! and `HAMRAH_FAULT_WORKERS` (default 8).
//!
//! A scenario mostly waits (the core's backoffs, the bank's injected delays,
//! timeouts), so the scenarios run on several workers at once. Faults are
//! armed per route for a whole bank, so each worker has a sandbox of its own
//! and one logged-in phone, and takes the next scenario when it is free; every
//! scenario's balance is checked against its own outcome, and each bank's
//! ledger at the end. Scenario `n` draws from its own seeded generator, so
//! it is the same whatever the number of workers.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails loudly

mod common;

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use common::*;
use hamrah_core::channel::Timeouts;
use hamrah_core::flows::card_transfer::CardTransferState;
use hamrah_core::operation::resolve_unresolved;
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

/// Per `route/kind -> end`: scenarios, and seconds spent in them.
type Tally = BTreeMap<String, (u32, f64)>;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn random_faults_never_lose_or_double_money() {
    let scenarios = env("HAMRAH_FAULT_SCENARIOS", 200);
    let seed = env("HAMRAH_FAULT_SEED", 1405);
    let workers = env("HAMRAH_FAULT_WORKERS", 8).clamp(1, scenarios.max(1));
    let started = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    let next = Arc::new(AtomicU64::new(0));
    for _ in 0..workers {
        tasks.spawn(run_worker(Arc::clone(&next), scenarios, seed));
    }
    let mut tally = Tally::new();
    let mut ran = 0;
    while let Some(done) = tasks.join_next().await {
        let (count, part) = done.unwrap();
        ran += count;
        for (key, (n, seconds)) in part {
            let entry = tally.entry(key).or_default();
            entry.0 += n;
            entry.1 += seconds;
        }
    }
    assert_eq!(ran, scenarios);
    let serial: f64 = tally.values().map(|(_, s)| s).sum();
    eprintln!(
        "{scenarios} fault scenarios (seed {seed}, {workers} workers) in {:.1} s \
         ({serial:.1} s of scenarios end to end):",
        started.elapsed().as_secs_f64()
    );
    for (key, (n, seconds)) in &tally {
        eprintln!("  {key}: {n}, {:.2} s each", seconds / f64::from(*n));
    }
}

/// One bank, one phone, scenarios one after the other, each taking the
/// next number not yet run (`next`) below `scenarios`.
async fn run_worker(next: Arc<AtomicU64>, scenarios: u64, seed: u64) -> (u64, Tally) {
    let bank = Bank::start().await.unwrap().with_pooled_admin().unwrap();
    let timeouts = Timeouts {
        connect: Duration::from_secs(5),
        request: Duration::from_millis(800),
    };
    let path = bank.dir.path().join("phone.sqlite3");
    let app = App::open(&bank, &path, Arc::new(MemorySecretStore::new()), timeouts)
        .await
        .unwrap();
    // The short request timeout is for the faults; the login before them may
    // meet a busy machine (eight banks at once), so it gets a few tries.
    let mut login = app.login(&bank, "sara.ahmadi").await;
    for _ in 0..3 {
        if login.is_ok() {
            break;
        }
        login = app.login(&bank, "sara.ahmadi").await;
    }
    login.unwrap();
    let destinations = [
        bank.other_card("mellat").await.unwrap(),
        bank.other_card("tejarat").await.unwrap(),
        bank.demo(Some("reza.karimi")).unwrap().card_pan,
    ];
    let mut tally = Tally::new();
    let mut ran = 0;
    loop {
        let n = next.fetch_add(1, Ordering::Relaxed);
        if n >= scenarios {
            break;
        }
        ran += 1;
        let started = Instant::now();
        let end = scenario(&bank, &app, &destinations, n, seed).await;
        let entry = tally.entry(end).or_default();
        entry.0 += 1;
        entry.1 += started.elapsed().as_secs_f64();
    }
    ledger_ok(&bank).await;
    bank.sandbox.stop().await;
    (ran, tally)
}

/// Scenario `n`: a transfer meets a random fault; returns `route/kind -> end`.
async fn scenario(bank: &Bank, app: &App, destinations: &[String], n: u64, seed: u64) -> String {
    let mut rng = StdRng::seed_from_u64(seed.wrapping_mul(1_000_003).wrapping_add(n));
    let (cvv2, expiry) = sara_card(bank);
    bank.clear_faults().await.unwrap();
    let amount = rng.random_range(10_000..=400_000u64);
    let pan = &destinations[rng.random_range(0..destinations.len())];
    let before = balance(app).await;
    let mut flow = to_authorize(app, pan, amount).await;
    let otp = pin(bank, &mut flow, SARA_MOBILE).await;
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
        assert_eq!(balance(app).await, before, "scenario {n}: {kind}");
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
    let after = balance(app).await;
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
    assert!(
        app.ctx.store.unresolved_operations().unwrap().is_empty(),
        "scenario {n}"
    );
    format!("{route}/{kind} -> {end}")
}
