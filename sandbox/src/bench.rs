//! `hamrah-sandbox bench`: card-to-card transfers under load.
//!
//! Starts a sandbox in this process on a free loopback port (demo seed, rate
//! limit off, card limits raised through a [`BankRules`] override so that the
//! limits never stop the run), seeds one bench customer with one funded card
//! and account per client directly through the database, logs every client in
//! over HTTPS (password, then the SMS code read from the outbox, each on its
//! own device), and then drives the real journey from `--clients` concurrent
//! clients for `--seconds`: `dynamic_pin_request`, the PIN read back from the
//! bank's SMS outbox (a direct database read, as a phone reads the SMS), and
//! `card_transfer_create` to another bank's card. Each client keeps its own
//! TLS connection (HTTP/1.1 keep-alive: one request at a time per client). It prints transfers per second, the
//! latency of the transfer call (p50/p95/p99), the latency of the whole
//! journey, the errors and the ledger check.
//!
//! Not a test: nothing here asserts timings.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use hamrah_core::ids::CardNumber;
use hamrah_sandbox::config::BankRules;
use hamrah_sandbox::db::Db;
use hamrah_sandbox::error::{ApiError, ApiResult};
use hamrah_sandbox::ledger::{self, Posting, internal};
use hamrah_sandbox::state::AppState;
use hamrah_sandbox::vault::cvv2::Cvv2Mac;
use hamrah_sandbox::{Sandbox, SandboxOptions};
use rusqlite::params;
use serde_json::{Value, json};

use report::{micros, process_cpu, report};

mod report;

/// The bench customer's login.
const USERNAME: &str = "bench.customer";
/// Its password.
const PASSWORD: &str = "Bench#Load2026";
/// Its mobile: every dynamic PIN of the run goes there.
const MOBILE: &str = "09129990000";
/// Opening balance of each bench account: never the limit of a run.
const OPENING_BALANCE: i64 = 1_000_000_000_000_000;
/// CVV2 and expiry of the bench cards.
const CVV2: &str = "321";
const EXPIRY: &str = "0912";
/// The static second PIN of the bench cards (kept hashed, like the CVV2).
const SECOND_PIN: &str = "40718";

/// How to run the benchmark.
#[derive(Debug, Clone)]
pub struct BenchOptions {
    /// Seconds of load.
    pub seconds: u64,
    /// Concurrent clients.
    pub clients: usize,
    /// Data directory (a fresh temporary one when `None`).
    pub data_dir: Option<PathBuf>,
}

/// One client's tallies.
#[derive(Default)]
struct Tally {
    transfers: u64,
    errors: u64,
    transfer_us: Vec<u32>,
    journey_us: Vec<u32>,
    first_error: Option<String>,
}

/// Runs the benchmark and prints its report; `Err` when it could not run.
pub async fn run(options: BenchOptions) -> Result<(), String> {
    let (data_dir, temporary) = match &options.data_dir {
        Some(dir) => (dir.clone(), false),
        None => (
            std::env::temp_dir().join(format!("hamrah-bench-{}", uuid::Uuid::new_v4().simple())),
            true,
        ),
    };
    let mut rules = BankRules::default();
    rules.request.rate_limit_per_minute = 0;
    let limits = &mut rules.limits.card_to_card;
    limits.per_transfer_max_rials = OPENING_BALANCE;
    limits.daily_per_card_rials = OPENING_BALANCE;
    limits.monthly_per_card_rials = OPENING_BALANCE;
    let amount = limits.per_transfer_min_rials;
    let mut sandbox_options = SandboxOptions::demo(&data_dir);
    sandbox_options.rules = rules;
    // Every load client is 127.0.0.1: no per-address connection cap.
    sandbox_options.limits.max_connections_per_address = 0;
    let sandbox = Sandbox::start(sandbox_options)
        .await
        .map_err(|e| format!("cannot start the sandbox: {e}"))?;
    let result = drive(&sandbox, &options, amount).await;
    let check = sandbox.state().db.read(ledger::check).await;
    sandbox.stop().await;
    if temporary {
        let _ = std::fs::remove_dir_all(&data_dir);
    }
    let (tallies, elapsed, cpu) = result?;
    let check = check.map_err(|e| e.message_en)?;
    report(
        &options,
        tallies,
        elapsed,
        cpu,
        check.ok,
        check.transactions,
    );
    if check.ok {
        Ok(())
    } else {
        Err(format!("ledger check failed: {check:?}"))
    }
}

/// Seeds, logs in and drives the load; returns every client's tally and the run's length.
async fn drive(
    sandbox: &Sandbox,
    options: &BenchOptions,
    amount: i64,
) -> Result<(Vec<Tally>, Duration, Option<Duration>), String> {
    let db = sandbox.state().db.clone();
    let mac = std::sync::Arc::clone(&sandbox.state().cvv2);
    let cards = seed(&db, mac, options.clients)
        .await
        .map_err(|e| format!("seeding: {}", e.message_en))?;
    let destination = db
        .read(|conn| {
            Ok(conn.query_row(
                "SELECT pan FROM cards WHERE customer_id IS NULL AND bank_id = 'mellat'",
                [],
                |r| r.get::<_, String>(0),
            )?)
        })
        .await
        .map_err(|e| format!("no destination card: {}", e.message_en))?;
    let certificate = reqwest::Certificate::from_pem(sandbox.cert_pem.as_bytes())
        .map_err(|e| format!("certificate: {e}"))?;
    let mut clients = Vec::new();
    for pan in cards {
        let http = reqwest::Client::builder()
            .use_rustls_tls()
            .tls_built_in_root_certs(false)
            .add_root_certificate(certificate.clone())
            .pool_max_idle_per_host(1)
            .http1_only()
            .build()
            .map_err(|e| format!("client: {e}"))?;
        let device = uuid::Uuid::new_v4().to_string();
        let token = login(&http, &sandbox.url, sandbox.state(), &device).await?;
        clients.push(Client {
            http,
            url: sandbox.url.clone(),
            state: sandbox.state().clone(),
            device,
            token,
            pan,
            destination: destination.clone(),
            amount,
        });
    }
    println!(
        "bench: {} clients logged in; {} s of card-to-card transfers of {amount} rials...",
        options.clients, options.seconds
    );
    let started = Instant::now();
    let cpu_before = process_cpu();
    let deadline = started + Duration::from_secs(options.seconds);
    let tasks: Vec<_> = clients
        .into_iter()
        .map(|client| tokio::spawn(async move { client.drive(deadline).await }))
        .collect();
    let mut tallies = Vec::new();
    for task in tasks {
        tallies.push(task.await.map_err(|e| format!("client task: {e}"))?);
    }
    let cpu = process_cpu()
        .zip(cpu_before)
        .map(|(after, before)| after.saturating_sub(before));
    Ok((tallies, started.elapsed(), cpu))
}

/// Inserts the bench customer with one funded card and account per client; returns the PANs.
async fn seed(db: &Db, mac: std::sync::Arc<Cvv2Mac>, clients: usize) -> ApiResult<Vec<String>> {
    let password_hash = hamrah_sandbox::password::hash(PASSWORD)?;
    db.tx(move |tx| {
        let now = jiff::Timestamp::now().as_second();
        tx.execute(
            "INSERT INTO customers (id, national_id, mobile, birth_date, name_fa, name_en, username,
                                    password_hash, password_changed_at, created_at)
             VALUES ('cus_bench', '0499370899', ?1, '1370/01/01', 'مشتری آزمون بار', 'Bench Customer',
                     ?2, ?3, ?4, ?4)",
            params![MOBILE, USERNAME, password_hash, now],
        )?;
        let mut pans = Vec::new();
        for index in 0..clients {
            let account = format!("acc_bench{index}");
            tx.execute(
                "INSERT INTO accounts (id, customer_id, kind, product, title_fa, title_en, number, balance, opened_at)
                 VALUES (?1, 'cus_bench', 'deposit', 'current', 'حساب جاری', 'Current account', ?2, 0, ?3)",
                params![account, format!("9{index:011}"), now],
            )?;
            ledger::post(
                tx,
                "seed",
                None,
                &[
                    Posting {
                        account_id: internal::EQUITY,
                        amount: -OPENING_BALANCE,
                        description_fa: "افتتاح حساب",
                        counterparty: None,
                    },
                    Posting {
                        account_id: &account,
                        amount: OPENING_BALANCE,
                        description_fa: "واریز افتتاح حساب",
                        counterparty: None,
                    },
                ],
                now,
            )?;
            let pan = CardNumber::issue(&format!("603799{:09}", 900_000_000 + index))
                .map_err(|_| ApiError::internal())?;
            tx.execute(
                "INSERT INTO cards (id, pan, bank_id, account_id, customer_id, holder_name_fa, holder_name_en,
                                    expiry, cvv2, second_pin, created_at)
                 VALUES (?1, ?2, 'melli', ?3, 'cus_bench', 'مشتری آزمون بار', 'Bench Customer', ?4, ?5, ?6, ?7)",
                params![format!("crd_bench{index}"), pan.as_str(), account, EXPIRY, mac.digest(pan.as_str(), CVV2)?,
                        mac.second_pin_digest(pan.as_str(), SECOND_PIN)?, now],
            )?;
            pans.push(pan.as_str().to_owned());
        }
        Ok(pans)
    })
    .await
}

/// The newest code sent to the bench mobile, for a payment when `key` is
/// given (opened from the outbox, where codes are sealed).
async fn read_otp(state: &AppState, key: Option<String>) -> Result<String, String> {
    let sealer = std::sync::Arc::clone(&state.sealer);
    state
        .db
        .lookup(move |conn| {
            hamrah_sandbox::sms::latest_code(conn, &sealer, MOBILE, key.as_deref())?
                .ok_or_else(ApiError::internal)
        })
        .await
        .map_err(|e| format!("no SMS code: {}", e.message_en))
}

/// Logs the bench customer in on a new device: password, then the SMS code.
async fn login(
    http: &reqwest::Client,
    url: &str,
    state: &AppState,
    device: &str,
) -> Result<String, String> {
    let started: Value = post(
        http,
        &format!("{url}/v1/sessions"),
        &[("x-device-id", device)],
        &json!({"username": USERNAME, "password": PASSWORD}),
    )
    .await?;
    if let Some(token) = started["session"]["token"].as_str() {
        return Ok(token.to_owned());
    }
    let challenge = started["challenge_id"]
        .as_str()
        .ok_or_else(|| format!("login refused: {started}"))?;
    let code = read_otp(state, None).await?;
    let verified = post(
        http,
        &format!("{url}/v1/sessions/challenges/{challenge}/verify"),
        &[("x-device-id", device)],
        &json!({"code": code}),
    )
    .await?;
    verified["session"]["token"]
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| format!("login code refused: {verified}"))
}

/// A POST whose 2xx JSON body is returned; anything else is an `Err` with the body.
async fn post(
    http: &reqwest::Client,
    url: &str,
    headers: &[(&str, &str)],
    body: &Value,
) -> Result<Value, String> {
    let mut request = http.post(url).json(body);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = request.send().await.map_err(|e| format!("{url}: {e}"))?;
    let status = response.status();
    let body: Value = response.json().await.map_err(|e| format!("{url}: {e}"))?;
    if status.is_success() {
        Ok(body)
    } else {
        Err(format!("{status}: {body}"))
    }
}

/// One bench client: a device, a session and a card.
struct Client {
    http: reqwest::Client,
    url: String,
    state: AppState,
    device: String,
    token: String,
    pan: String,
    destination: String,
    amount: i64,
}

impl Client {
    async fn drive(self, deadline: Instant) -> Tally {
        let mut tally = Tally::default();
        while Instant::now() < deadline {
            let began = Instant::now();
            match self.journey(&mut tally).await {
                Ok(()) => {
                    tally.transfers += 1;
                    tally.journey_us.push(micros(began.elapsed()));
                }
                Err(error) => {
                    tally.errors += 1;
                    tally.first_error.get_or_insert(error);
                }
            }
        }
        tally
    }

    /// Dynamic PIN, the PIN read from the outbox, the transfer.
    async fn journey(&self, tally: &mut Tally) -> Result<(), String> {
        let key = uuid::Uuid::new_v4().to_string();
        let bearer = format!("Bearer {}", self.token);
        let headers = [
            ("authorization", bearer.as_str()),
            ("x-device-id", self.device.as_str()),
        ];
        post(
            &self.http,
            &format!("{}/v1/dynamic-pins", self.url),
            &headers,
            &json!({
                "idempotency_key": key,
                "source": {"pan": self.pan},
                "amount_rials": self.amount,
                "payee": {"kind": "card", "pan": self.destination},
            }),
        )
        .await?;
        let pin = read_otp(&self.state, Some(key.clone())).await?;
        let began = Instant::now();
        let receipt = post(
            &self.http,
            &format!("{}/v1/card-transfers", self.url),
            &[headers[0], headers[1], ("idempotency-key", key.as_str())],
            &json!({
                "source": {"pan": self.pan},
                "expiry": EXPIRY,
                "cvv2": CVV2,
                "pin": pin,
                "pin_kind": "sms",
                "destination_pan": self.destination,
                "amount_rials": self.amount,
            }),
        )
        .await?;
        tally.transfer_us.push(micros(began.elapsed()));
        if receipt["status"] == "succeeded" {
            Ok(())
        } else {
            Err(format!("unexpected receipt: {receipt}"))
        }
    }
}
