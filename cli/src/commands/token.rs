//! `hamrah token`: a card's soft token ("ramz-saz") for a demo profile.
//!
//! A profile is a directory: `bank/` holds the sandbox bank's data (started in
//! this process on a free loopback port, with the demo seed on first use, so
//! the bank remembers the token between commands), `phone.sqlite3` the phone's
//! sealed store, `profile.json` what is not secret (customer, bank clock
//! offset), and `secrets/` the phone's vault: the seed, the store key and the
//! device id, through a file-backed development [`SecretStore`] (see
//! [`file_store`] for why not the kernel keyring here).
//!
//! - `activate`: logs the demo customer in (reading SMS codes from the bank's
//!   outbox, as the customer reads her phone), enrolls the profile's device
//!   key (kept in `secrets/`; the bank activates tokens only on an enrolled
//!   device, whose requests are then signed) and activates a card's token.
//! - `code`: the current time-based code with its seconds left, or with
//!   `--amount` and `--to` the code bound to that payment; offline.
//! - `list`: the tokens held in the profile; offline.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use clap::{Args, Subcommand};
use hamrah_core::channel::{BankClient, Method, SpkiPin, Timeouts};
use hamrah_core::client::Api;
use hamrah_core::client::signing::{DevicePlatform, DeviceProfile};
use hamrah_core::flows::soft_token::SoftTokenActivation;
use hamrah_core::flows::{Context, Problem};
use hamrah_core::ids::{Bill, CardNumber};
use hamrah_core::money::Rials;
use hamrah_core::platform::{SecretStore, SoftwareDeviceSigner};
use hamrah_core::session::{Session, SessionState, device_id};
use hamrah_core::store::Store;
use hamrah_core::token::{Payee, SoftTokenError, SoftTokenVault, bank_time};
use hamrah_sandbox::{Sandbox, SandboxOptions};
use serde_json::{Value, json};

use crate::report::Report;

mod file_store;

use file_store::FileSecretStore;

/// Activate a card's soft token and show its codes, for a demo profile.
#[derive(Debug, Args)]
pub struct Token {
    /// The profile's directory (created on first use).
    #[arg(long, global = true, default_value = "hamrah-demo-profile")]
    profile: PathBuf,
    #[command(subcommand)]
    command: TokenCommand,
}

#[derive(Debug, Subcommand)]
enum TokenCommand {
    /// Log the demo customer in and activate her card's token (SMS code from the bank's outbox).
    Activate {
        /// The demo customer.
        #[arg(long, default_value = "sara.ahmadi")]
        username: String,
    },
    /// The current code (offline); with --amount and --to, the code bound to that payment.
    Code {
        /// The card (default: the first activated).
        #[arg(long)]
        card: Option<String>,
        /// The payment's amount in rials.
        #[arg(long, requires = "to")]
        amount: Option<u64>,
        /// The payee: a card number, or `BILL_ID:PAYMENT_ID` of a bill.
        #[arg(long, requires = "amount")]
        to: Option<String>,
    },
    /// The tokens held in the profile (offline).
    List,
}

fn problem(en: &str) -> Problem {
    Problem::new(
        "token.profile",
        "پروفایل نمایشی رمزساز در دسترس نیست.",
        &format!("The demo profile is not usable: {en}"),
    )
}

impl Token {
    /// Runs the command.
    pub fn run(self) -> Report {
        let outcome = match self.command {
            TokenCommand::Activate { username } => tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .map_err(|e| problem(&e.to_string()))
                .and_then(|rt| rt.block_on(activate(&self.profile, &username))),
            TokenCommand::Code { card, amount, to } => {
                code(&self.profile, card.as_deref(), amount.zip(to))
            }
            TokenCommand::List => list(&self.profile),
        };
        outcome.unwrap_or_else(|problem| Report::invalid(&problem))
    }
}

/// The profile's vault (`secrets/`).
fn vault(profile: &Path) -> Result<Arc<FileSecretStore>, Problem> {
    FileSecretStore::new(profile.join("secrets"))
        .map(Arc::new)
        .map_err(|e| Problem::of(&e))
}

fn tokens(secrets: &Arc<FileSecretStore>) -> SoftTokenVault {
    SoftTokenVault::new(Arc::clone(secrets) as Arc<dyn SecretStore>)
}

fn read_profile(profile: &Path) -> Value {
    std::fs::read(profile.join("profile.json"))
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or(Value::Null)
}

async fn activate(profile: &Path, username: &str) -> Result<Report, Problem> {
    let secrets = vault(profile)?;
    let mut options = SandboxOptions::demo(profile.join("bank"));
    options.rules.request.rate_limit_per_minute = 0;
    let sandbox = Sandbox::start(options)
        .await
        .map_err(|e| problem(&e.to_string()))?;
    let result = activate_with(profile, &sandbox, &secrets, username).await;
    sandbox.stop().await;
    result
}

async fn activate_with(
    profile: &Path,
    sandbox: &Sandbox,
    secrets: &Arc<FileSecretStore>,
    username: &str,
) -> Result<Report, Problem> {
    let customer = sandbox
        .demo_customers
        .iter()
        .find(|c| c.username.as_deref() == Some(username))
        .ok_or_else(|| problem("no such demo customer"))?;
    let pin: SpkiPin = sandbox.spki_pin.parse().map_err(|e| Problem::of(&e))?;
    let client =
        BankClient::new(&sandbox.url, &[pin], Timeouts::default()).map_err(|e| Problem::of(&e))?;
    let sms_code = || async {
        let path = format!("/admin/sms/{}?kind=otp", customer.mobile);
        let headers = [("x-admin-token", sandbox.admin_token.as_str())];
        let outbox = client.send(Method::GET, &path, &headers, None).await?.json;
        outbox["items"]
            .as_array()
            .and_then(|items| items.iter().rev().find_map(|m| m["otp"].as_str()))
            .map(str::to_owned)
            .ok_or_else(|| problem("no SMS code was sent"))
    };
    let device = device_id(secrets.as_ref())?;
    let store = Arc::new(Store::open(
        &profile.join("phone.sqlite3"),
        secrets.as_ref(),
    )?);
    let api = Api::new(client.clone(), device);
    api.set_device_signer(
        Arc::new(SoftwareDeviceSigner::new(
            Arc::clone(secrets) as Arc<dyn SecretStore>
        )),
        DeviceProfile {
            name: "hamrah token (demo profile)".to_owned(),
            platform: DevicePlatform::Desktop,
        },
    );
    let ctx = Context::connect(api.clone(), store)
        .await
        .with_soft_tokens(tokens(secrets));
    let session = Session::new(api, ctx.config.session.inactivity_timeout_seconds);
    let password = customer.password.clone().unwrap_or_default();
    let mut state = session.login(username, &password).await?;
    if let SessionState::LoginCodeSent { .. } = state {
        state = session.verify_login(&sms_code().await?).await?;
    }
    if !matches!(state, SessionState::Active { .. }) {
        return Err(problem("login did not complete"));
    }
    // The login with the SMS code enrolled the device key; if that failed,
    // it is tried once more (the bank allows it shortly after the code).
    if !ctx.api.device_enrolled() {
        session.enroll_device().await?;
    }
    let card = ctx
        .api
        .cards()
        .await?
        .into_iter()
        .find(|c| c.state == "active")
        .ok_or_else(|| problem("no active card"))?;
    let mut activation = SoftTokenActivation::start(&ctx, &card.card_id).await?;
    let token = activation.confirm(&sms_code().await?).await?;
    session.logout().await;
    let saved = json!({"username": username, "clock_offset_seconds": ctx.clock_offset});
    std::fs::write(profile.join("profile.json"), saved.to_string())
        .map_err(|e| problem(&e.to_string()))?;
    let params = token.params();
    let json = json!({"card_id": params.card_id, "pan_masked": card.pan_masked,
        "token_id": params.token_id, "digits": params.digits,
        "period_seconds": params.period_seconds, "algorithm": params.algorithm,
        "ocra_suite": params.ocra_suite});
    let text = format!(
        "✓ رمزساز کارت {} فعال شد / soft token of card {} activated\n  \
         شناسه / token: {}\n  رمز {} رقمی هر {} ثانیه / {}-digit code every {} s ({})",
        card.pan_masked,
        card.pan_masked,
        params.token_id,
        params.digits,
        params.period_seconds,
        params.digits,
        params.period_seconds,
        params.algorithm
    );
    Ok(Report::new(true, json, text))
}

fn code(
    profile: &Path,
    card: Option<&str>,
    payment: Option<(u64, String)>,
) -> Result<Report, Problem> {
    let vault = tokens(&vault(profile)?);
    let card = match card {
        Some(card) => card.to_owned(),
        None => vault
            .cards()
            .map_err(|e| Problem::of(&e))?
            .into_iter()
            .next()
            .ok_or_else(|| Problem::of(&SoftTokenError::NotActive))?,
    };
    let token = vault.get(&card).map_err(|e| Problem::of(&e))?;
    let offset = read_profile(profile)["clock_offset_seconds"]
        .as_i64()
        .unwrap_or(0);
    let now = bank_time(offset).map_err(|e| Problem::of(&e))?;
    let shown = token.code_at(now);
    let mut json = json!({"card_id": card, "code": shown.code, "seconds_left": shown.seconds_left});
    let mut text = format!(
        "رمز پویا / dynamic PIN: {}  ({} ثانیه دیگر / {} s left)",
        shown.code,
        hamrah_core::digits::to_persian_digits(&shown.seconds_left.to_string()),
        shown.seconds_left
    );
    if let Some((amount, to)) = payment {
        let payee = parse_payee(&to)?;
        let bound = token
            .transaction_code_at(Rials::new(amount), &payee, now)
            .map_err(|e| Problem::of(&e))?;
        json["transaction_code"] = bound.clone().into();
        json["amount_rials"] = amount.into();
        text.push_str(&format!(
            "\nرمز ویژهٔ این پرداخت / code for this payment: {bound}  ({} ریال / rials)",
            Rials::new(amount).grouped_fa()
        ));
    }
    Ok(Report::new(true, json, text))
}

/// A card number, or `BILL_ID:PAYMENT_ID`.
fn parse_payee(text: &str) -> Result<Payee, Problem> {
    match text.split_once(':') {
        Some((bill, payment)) => Bill::new(bill, payment)
            .map(Payee::Bill)
            .map_err(|e| Problem::of(&e).at("to")),
        None => text
            .parse::<CardNumber>()
            .map(Payee::Card)
            .map_err(|e| Problem::of(&e).at("to")),
    }
}

fn list(profile: &Path) -> Result<Report, Problem> {
    let vault = tokens(&vault(profile)?);
    let mut items = Vec::new();
    let mut text = String::from("رمزسازهای این پروفایل / soft tokens of this profile:");
    for card in vault.cards().map_err(|e| Problem::of(&e))? {
        let Some(token) = vault.open(&card).map_err(|e| Problem::of(&e))? else {
            continue;
        };
        let p = token.params();
        text.push_str(&format!(
            "\n  {} — {} ({} رقم / digits, {} s, {})",
            p.card_id, p.token_id, p.digits, p.period_seconds, p.algorithm
        ));
        items.push(json!({"card_id": p.card_id, "token_id": p.token_id, "digits": p.digits,
            "period_seconds": p.period_seconds, "algorithm": p.algorithm, "ocra_suite": p.ocra_suite}));
    }
    if items.is_empty() {
        text.push_str("\n  (هیچ / none)");
    }
    Ok(Report::new(true, json!({"items": items}), text))
}
