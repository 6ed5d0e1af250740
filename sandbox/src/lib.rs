//! The sandbox bank: a real HTTPS mobile-banking backend for QA and tests.
//!
//! It implements `docs/api/openapi.yaml` over TLS (a self-signed certificate
//! kept in the data directory, pinned by SPKI), keeps a double-entry ledger in
//! SQLite, applies the rules of `../shared/domain.md` with every number from
//! [`config::BankRules`], and offers a loopback-only admin API for QA.
//!
//! Start it from the command line (`hamrah-sandbox serve`) or inside a test
//! with [`Sandbox::start`].

pub mod auth;
pub mod card_auth;
pub mod cheques;
pub mod clock;
pub mod config;
pub mod db;
pub mod error;
pub mod extract;
pub mod failures;
pub mod faults;
pub mod idempotency;
pub mod ids;
pub mod internal_transfer;
pub mod ledger;
pub mod loans;
pub mod notices;
pub mod operations;
pub mod password;
pub mod payment_source;
pub mod pin;
pub mod rate_limit;
pub mod routes;
pub mod sca;
pub mod seed;
pub mod server;
pub mod settlement;
pub mod signature;
pub mod sms;
pub mod sms_gateway;
pub mod soft_token;
pub mod state;
pub mod tls;
pub mod topup_catalog;
pub mod usage;
pub mod vault;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use rusqlite::OptionalExtension;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::clock::Clock;
use crate::config::BankRules;
use crate::db::Db;
use crate::seed::DemoCustomer;
use crate::state::AppState;

/// The bank the sandbox plays.
pub const SANDBOX_BANK_ID: &str = "melli";

/// How to start a sandbox.
#[derive(Debug, Clone)]
pub struct SandboxOptions {
    /// Where to listen; port 0 picks a free one.
    pub addr: SocketAddr,
    /// Where the database and TLS identity live.
    pub data_dir: PathBuf,
    /// Seed the demo bank into an empty database.
    pub seed_demo: bool,
    /// The bank's numbers.
    pub rules: BankRules,
    /// The admin token; a random one when `None`.
    pub admin_token: Option<String>,
    /// Timeouts and connection caps of the server.
    pub limits: server::ServerLimits,
}

impl SandboxOptions {
    /// A demo bank on a free loopback port, with the given data directory.
    pub fn demo(data_dir: impl Into<PathBuf>) -> Self {
        Self {
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            data_dir: data_dir.into(),
            seed_demo: true,
            rules: BankRules::default(),
            admin_token: None,
            limits: server::ServerLimits::default(),
        }
    }
}

/// Why the sandbox could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// The database could not be opened.
    #[error(transparent)]
    Db(#[from] db::OpenError),
    /// The TLS identity could not be made or read.
    #[error(transparent)]
    Tls(#[from] tls::TlsError),
    /// The address could not be bound.
    #[error("bind: {0}")]
    Io(#[from] std::io::Error),
    /// Seeding or reading the database failed.
    #[error("database: {0}")]
    Seed(String),
    /// `column.key` could not be made or read, or does not open the
    /// database's sealed secrets (a key from another data directory).
    #[error("column key: {0}")]
    ColumnKey(String),
}

/// A running sandbox bank.
pub struct Sandbox {
    /// `https://127.0.0.1:PORT`.
    pub url: String,
    /// The bound address.
    pub addr: SocketAddr,
    /// `sha256/...`: the pin clients check.
    pub spki_pin: String,
    /// The certificate in PEM.
    pub cert_pem: String,
    /// The admin API's token.
    pub admin_token: String,
    /// The demo customers, when seeded.
    pub demo_customers: Vec<DemoCustomer>,
    state: AppState,
    shutdown: watch::Sender<bool>,
    task: JoinHandle<()>,
}

impl Sandbox {
    /// Opens the data directory (creating the database and certificate on
    /// first start), seeds it when asked and empty, and starts serving.
    pub async fn start(options: SandboxOptions) -> Result<Self, StartError> {
        std::fs::create_dir_all(&options.data_dir)?;
        let identity = tls::load_or_create(&options.data_dir.join("tls"))?;
        let db = Db::open(&options.data_dir.join("bank.sqlite3"))?;
        let keys = vault::load_or_create(&options.data_dir.join("column.key"))
            .map_err(|e| StartError::ColumnKey(e.to_string()))?;
        let sealer = Arc::new(keys.sealer);
        let cvv2 = Arc::new(keys.cvv2);
        let (upgrade, mac) = (Arc::clone(&sealer), Arc::clone(&cvv2));
        db.tx(move |tx| {
            vault::check_key(tx, &upgrade)?;
            vault::seal_plain_rows(tx, &upgrade)?;
            sms::seal_plain_rows(tx, &upgrade)?;
            vault::cvv2::hash_plain_rows(tx, &mac)
        })
        .await
        .map_err(|e| StartError::ColumnKey(e.message_en))?;
        let offset = db
            .read(|conn| {
                Ok(conn
                    .query_row(
                        "SELECT value FROM settings WHERE key = 'clock_offset'",
                        [],
                        |r| r.get::<_, String>(0),
                    )
                    .optional()?)
            })
            .await
            .map_err(|e| StartError::Seed(e.message_en))?
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        let clock = Clock::with_offset(offset);
        let bank = hamrah_core::banks::by_id(SANDBOX_BANK_ID)
            .ok_or_else(|| StartError::Seed("sandbox bank missing from the registry".into()))?;
        let demo_customers = prepare(&db, &clock, bank, options.seed_demo, &cvv2)
            .await
            .map_err(|e| StartError::Seed(e.message_en))?;
        let admin_token = options.admin_token.clone().unwrap_or_else(ids::new_token);
        let stats = Arc::new(server::Stats::default());
        let state = AppState::new(state::Shared {
            db,
            clock: clock.clone(),
            rate_limiter: Arc::new(rate_limit::RateLimiter::new(
                options.rules.request.rate_limit_per_minute,
            )),
            rules: Arc::new(options.rules),
            bank,
            faults: Arc::default(),
            stats: Arc::clone(&stats),
            sealer,
            cvv2,
            admin_token: admin_token.clone().into(),
            started_at: clock.now(),
        });
        let listener = server::bind(options.addr)?;
        let addr = listener.local_addr()?;
        let router = routes::router(state.clone());
        let acceptor = tokio_rustls::TlsAcceptor::from(Arc::clone(&identity.server_config));
        let (shutdown, receiver) = watch::channel(false);
        let task = tokio::spawn(server::serve(
            listener,
            acceptor,
            router,
            stats,
            options.limits,
            receiver,
        ));
        Ok(Self {
            url: format!("https://{addr}"),
            addr,
            spki_pin: identity.spki_pin,
            cert_pem: identity.cert_pem,
            admin_token,
            demo_customers,
            state,
            shutdown,
            task,
        })
    }

    /// The shared state, for in-process tools (the benchmark, the demo).
    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Stops accepting, closes every connection, and waits for the server to end.
    pub async fn stop(self) {
        let _ = self.shutdown.send(true);
        let _ = self.task.await;
    }
}

/// Makes the internal accounts, seeds the demo bank into an empty database,
/// and returns the demo customers (remembered across restarts).
async fn prepare(
    db: &Db,
    clock: &Clock,
    bank: &'static hamrah_core::banks::Bank,
    seed_demo: bool,
    cvv2: &Arc<vault::cvv2::Cvv2Mac>,
) -> error::ApiResult<Vec<DemoCustomer>> {
    let now = clock.now();
    let mac = Arc::clone(cvv2);
    let code = bank.sheba_codes.first().copied().unwrap_or("017");
    let json = db
        .tx(move |tx| {
            seed::internal_accounts(tx, now)?;
            let stored: Option<String> = tx
                .query_row(
                    "SELECT value FROM settings WHERE key = 'demo_customers'",
                    [],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(stored) = stored {
                // An earlier sandbox kept the demo passwords and CVV2s here too.
                seed::forget_secrets(tx, &stored)?;
                return Ok(Some(stored));
            }
            let empty: bool =
                tx.query_row("SELECT COUNT(*) = 0 FROM customers", [], |r| r.get(0))?;
            if !(seed_demo && empty) {
                return Ok(None);
            }
            let customers = seed::demo(tx, code, now, &mac)?;
            Ok(Some(seed::remember(tx, &customers)?))
        })
        .await?;
    Ok(json.map(|j| seed::recall(&j)).unwrap_or_default())
}
