//! The demo's world: the sandbox bank in this process on a free loopback
//! port, its QA admin API (the SMS outbox stands in for the customer's
//! phone), and "phones": the core as an app runs it, pinned to the bank's key.

use std::path::Path;
use std::sync::Arc;

use hamrah_core::channel::{BankClient, Method, SpkiPin, Timeouts};
use hamrah_core::client::Api;
use hamrah_core::flows::{Context, Problem};
use hamrah_core::platform::MemorySecretStore;
use hamrah_core::session::{Session, device_id};
use hamrah_core::store::Store;
use hamrah_sandbox::seed::DemoCustomer;
use hamrah_sandbox::{Sandbox, SandboxOptions};
use serde_json::{Map, Value};

/// The problem of the demo's own machinery (not of a banking step).
pub fn demo_problem(en: &str) -> Problem {
    Problem::new(
        "demo.setup",
        "راه‌اندازی نمایش ممکن نشد.",
        &format!("The demo could not run: {en}"),
    )
}

/// The sandbox bank and what the demo knows about it.
pub struct DemoBank {
    /// The running sandbox.
    pub sandbox: Sandbox,
    pin: SpkiPin,
}

impl DemoBank {
    /// Starts the demo bank in `dir` on a free loopback port.
    pub async fn start(dir: &Path) -> Result<Self, Problem> {
        let sandbox = Sandbox::start(SandboxOptions::demo(dir))
            .await
            .map_err(|e| demo_problem(&e.to_string()))?;
        let pin = sandbox.spki_pin.parse().map_err(|e| Problem::of(&e))?;
        Ok(Self { sandbox, pin })
    }

    /// A client pinned to the bank's key: no other certificate is trusted.
    pub fn client(&self) -> Result<BankClient, Problem> {
        BankClient::new(&self.sandbox.url, &[self.pin], Timeouts::default())
            .map_err(|e| Problem::of(&e))
    }

    /// One call of the QA admin API.
    async fn admin(&self, path: &str) -> Result<Value, Problem> {
        let headers = [("x-admin-token", self.sandbox.admin_token.as_str())];
        Ok(self
            .client()?
            .send(Method::GET, path, &headers, None)
            .await?
            .json)
    }

    /// The newest one-time code in the SMS outbox of `mobile`: what the
    /// customer reads on her phone.
    pub async fn last_sms_code(&self, mobile: &str) -> Result<String, Problem> {
        let outbox = self.admin(&format!("/admin/sms/{mobile}?kind=otp")).await?;
        outbox["items"]
            .as_array()
            .and_then(|items| items.iter().rev().find_map(|m| m["otp"].as_str()))
            .map(str::to_owned)
            .ok_or_else(|| demo_problem("no SMS code was sent"))
    }

    /// The seed: other banks' cards and SHEBAs, bills, balances.
    pub async fn seed(&self) -> Result<Value, Problem> {
        self.admin("/admin/seed").await
    }

    /// Every demo customer's account balances, from the bank's ledger:
    /// `{"sara.ahmadi": {"acc_..": rials}}` (`unactivated` names the customer left to activate).
    pub async fn balances(&self, unactivated: &str) -> Result<Value, Problem> {
        let seed = self.seed().await?;
        let mut all = Map::new();
        for customer in seed["customers"].as_array().into_iter().flatten() {
            let name = customer["username"].as_str().unwrap_or(unactivated);
            let accounts: Map<String, Value> = customer["accounts"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|a| {
                    Some((
                        a["account_id"].as_str()?.to_owned(),
                        a["balance_rials"].clone(),
                    ))
                })
                .collect();
            all.insert(name.to_owned(), Value::Object(accounts));
        }
        Ok(Value::Object(all))
    }

    /// A demo customer by username (`None`: the one left to activate).
    pub fn customer(&self, username: Option<&str>) -> Result<DemoCustomer, Problem> {
        self.sandbox
            .demo_customers
            .iter()
            .find(|c| c.username.as_deref() == username)
            .cloned()
            .ok_or_else(|| demo_problem("demo customer missing"))
    }
}

/// One install of the app: its vault, sealed store, API, session and flows' context.
pub struct Phone {
    /// The session.
    pub session: Session,
    /// The flows' context.
    pub ctx: Context,
}

impl Phone {
    /// A fresh install whose store lives in `dir`.
    pub async fn install(bank: &DemoBank, dir: &Path, name: &str) -> Result<Self, Problem> {
        let secrets = MemorySecretStore::new();
        let device = device_id(&secrets)?;
        let store = Arc::new(Store::open(&dir.join(format!("{name}.sqlite3")), &secrets)?);
        let api = Api::new(bank.client()?, device);
        let ctx = Context::connect(api.clone(), store).await;
        let session = Session::new(api, ctx.config.session.inactivity_timeout_seconds);
        Ok(Self { session, ctx })
    }
}
