//! What the top-up and account-transfer scenarios share: the requests each
//! journey step costs, and a phone's process that dies with a payment in
//! flight while the next one resolves it at start.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails loudly

use std::sync::Arc;
use std::time::Duration;

use hamrah_core::channel::Timeouts;
use hamrah_core::operation::resolve_unresolved;
use hamrah_core::platform::MemorySecretStore;
use hamrah_e2e::{App, Bank};

/// Requests of one operationId the bank has served.
pub fn served(bank: &Bank, operation: &str) -> u64 {
    let stats = bank.sandbox.state().stats.snapshot();
    stats
        .requests_by_operation
        .get(operation)
        .copied()
        .unwrap_or(0)
}

/// Every non-admin request the bank has served.
pub fn requests(bank: &Bank) -> u64 {
    bank.sandbox.state().stats.snapshot().requests_served
}

/// Runs `first` as the phone's first process, logged in as `username`; the
/// process dies shortly after `first` returns (its submit in flight). A
/// second process on the same vault and store logs in and resolves every
/// unknown outcome, as the app does at start; its app is returned with what
/// `first` returned.
pub fn two_processes<T, F>(
    bank_rt: &tokio::runtime::Runtime,
    bank: &Bank,
    username: &str,
    first: F,
) -> (T, App)
where
    F: AsyncFnOnce(App) -> T,
{
    let secrets = Arc::new(MemorySecretStore::new());
    let store = bank.dir.path().join(format!("phone-{username}.sqlite3"));
    let process = tokio::runtime::Runtime::new().unwrap();
    let left = process.block_on(async {
        let app = App::open(bank, &store, Arc::clone(&secrets), Timeouts::default())
            .await
            .unwrap();
        app.login(bank, username).await.unwrap();
        let left = first(app).await;
        tokio::time::sleep(Duration::from_millis(700)).await;
        left
    });
    process.shutdown_background();
    let app = bank_rt.block_on(async {
        bank.clear_faults().await.unwrap();
        let app = App::open(bank, &store, secrets, Timeouts::default())
            .await
            .unwrap();
        assert_eq!(app.ctx.store.unresolved_operations().unwrap().len(), 1);
        app.login(bank, username).await.unwrap();
        let report = resolve_unresolved(&app.ctx.api, &app.ctx.store)
            .await
            .unwrap();
        assert!(report.unresolved.is_empty(), "{report:?}");
        assert_eq!(report.succeeded.len(), 1, "{report:?}");
        app
    });
    (left, app)
}

/// The requests each step of a journey costs (`requests_served` of the bank's stats).
pub struct Meter {
    before: u64,
    /// Each step's name and requests.
    pub cost: Vec<(&'static str, u64)>,
}

impl Meter {
    /// Counting from now.
    pub fn new(bank: &Bank) -> Self {
        Self {
            before: requests(bank),
            cost: Vec::new(),
        }
    }

    /// The requests since the last step are `name`'s.
    pub fn step(&mut self, bank: &Bank, name: &'static str) {
        let now = requests(bank);
        self.cost.push((name, now - self.before));
        self.before = now;
    }

    /// Forgets the requests of the test's own checks.
    pub fn skip(&mut self, bank: &Bank) {
        self.before = requests(bank);
    }
}
