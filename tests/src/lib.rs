//! Shared set-up of the end-to-end scenarios: a sandbox bank on loopback
//! with its pin, the core's client for it, the admin API, and an "app"
//! (the core as a phone runs it: API, store, session).

mod app;
mod confirm;

use hamrah_core::channel::{BankClient, Method, SpkiPin, Timeouts};
use hamrah_sandbox::{Sandbox, SandboxOptions};
use serde_json::{Value, json};

pub use app::App;

/// Boxed error of the harness.
pub type Error = Box<dyn std::error::Error + Send + Sync>;

/// A running sandbox and the directory it lives in.
pub struct Bank {
    /// The sandbox.
    pub sandbox: Sandbox,
    /// Its data directory, removed when dropped.
    pub dir: tempfile::TempDir,
    /// One pooled client for the admin calls, when the test stays on one
    /// tokio runtime (see [`Bank::with_pooled_admin`]).
    admin_pool: Option<BankClient>,
}

impl Bank {
    /// A demo bank on a free loopback port, without the per-address rate limit.
    pub async fn start() -> Result<Self, Error> {
        let dir = tempfile::tempdir()?;
        let mut options = SandboxOptions::demo(dir.path());
        options.rules.request.rate_limit_per_minute = 0;
        let sandbox = Sandbox::start(options).await?;
        Ok(Self {
            sandbox,
            dir,
            admin_pool: None,
        })
    }

    /// The admin calls share one pooled connection instead of a connection
    /// (and a TLS handshake) each. Only for a test that stays on one tokio
    /// runtime: a connection belongs to the runtime that opened it.
    pub fn with_pooled_admin(mut self) -> Result<Self, Error> {
        self.admin_pool = Some(self.client()?);
        Ok(self)
    }

    /// Stops the bank and starts it again on the same data directory and
    /// address (same TLS key, ledger, sessions and journal; faults, being
    /// in memory, are gone), as a bank's process restart.
    pub async fn restart(self) -> Result<Self, Error> {
        let Self { sandbox, dir, .. } = self;
        let addr = sandbox.addr;
        sandbox.stop().await;
        let mut options = SandboxOptions::demo(dir.path());
        options.addr = addr;
        options.rules.request.rate_limit_per_minute = 0;
        let sandbox = Sandbox::start(options).await?;
        Ok(Self {
            sandbox,
            dir,
            admin_pool: None,
        })
    }

    /// Stops the bank (its port refuses connections from now on); the data
    /// directory is handed back so that it outlives the bank.
    pub async fn stop(self) -> tempfile::TempDir {
        self.sandbox.stop().await;
        self.dir
    }

    /// The bank's pin, as the app ships it.
    pub fn pin(&self) -> Result<SpkiPin, hamrah_core::channel::PinError> {
        self.sandbox.spki_pin.parse()
    }

    /// The core's client for this bank, pinned to its key.
    pub fn client(&self) -> Result<BankClient, Error> {
        self.client_with(Timeouts::default())
    }

    /// The core's client with other timeouts.
    pub fn client_with(&self, timeouts: Timeouts) -> Result<BankClient, Error> {
        Ok(BankClient::new(
            &self.sandbox.url,
            &[self.pin()?],
            timeouts,
        )?)
    }

    /// One admin call (`X-Admin-Token`), on a connection of its own (so it
    /// works from any runtime of a test that simulates several processes).
    pub async fn admin(
        &self,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> Result<Value, Error> {
        let headers = [("x-admin-token", self.sandbox.admin_token.as_str())];
        let fresh;
        let client = match &self.admin_pool {
            Some(pooled) => pooled,
            None => {
                fresh = self.client()?;
                &fresh
            }
        };
        Ok(client
            .send(method, path, &headers, body.as_ref())
            .await?
            .json)
    }

    /// The newest one-time code sent by SMS to `mobile`.
    pub async fn last_otp(&self, mobile: &str) -> Result<String, Error> {
        let outbox = self
            .admin(Method::GET, &format!("/admin/sms/{mobile}?kind=otp"), None)
            .await?;
        let items = outbox["items"].as_array().cloned().unwrap_or_default();
        items
            .iter()
            .rev()
            .find_map(|m| m["otp"].as_str().map(str::to_owned))
            .ok_or_else(|| "no code sent".into())
    }

    /// Injects a fault on the next `count` calls of `route` (an operationId).
    pub async fn fault(
        &self,
        route: &str,
        kind: &str,
        count: u32,
        delay_ms: Option<u64>,
    ) -> Result<(), Error> {
        let mut body = json!({"route": route, "kind": kind, "count": count});
        if let Some(delay) = delay_ms {
            body["delay_ms"] = delay.into();
        }
        self.admin(Method::POST, "/admin/faults", Some(body))
            .await?;
        Ok(())
    }

    /// Removes every fault.
    pub async fn clear_faults(&self) -> Result<(), Error> {
        self.admin(Method::DELETE, "/admin/faults", None).await?;
        Ok(())
    }

    /// Whether the ledger balances (every transaction sums to 0, balances match postings).
    pub async fn ledger_check(&self) -> Result<Value, Error> {
        self.admin(Method::GET, "/admin/ledger/check", None).await
    }

    /// The seed: cards with CVV2s, other banks' cards, bills.
    pub async fn seed(&self) -> Result<Value, Error> {
        self.admin(Method::GET, "/admin/seed", None).await
    }

    /// A PAN of another bank's card from the seed (`mellat`, `saman`, `tejarat`).
    pub async fn other_card(&self, bank_id: &str) -> Result<String, Error> {
        let seed = self.seed().await?;
        seed["other_bank_cards"]
            .as_array()
            .and_then(|cards| cards.iter().find(|c| c["bank_id"] == bank_id))
            .and_then(|c| c["pan"].as_str().map(str::to_owned))
            .ok_or_else(|| "no such card".into())
    }

    /// Moves the bank's clock forward.
    pub async fn advance_clock(&self, seconds: u64) -> Result<(), Error> {
        self.admin(
            Method::POST,
            "/admin/clock",
            Some(json!({"advance_seconds": seconds})),
        )
        .await?;
        Ok(())
    }

    /// A demo customer by username (`None`: the one left to activate).
    pub fn demo(
        &self,
        username: Option<&str>,
    ) -> Result<hamrah_sandbox::seed::DemoCustomer, Error> {
        self.sandbox
            .demo_customers
            .iter()
            .find(|c| c.username.as_deref() == username)
            .cloned()
            .ok_or_else(|| "no such demo customer".into())
    }
}
