//! `hamrah-sandbox`: the sandbox bank for QA.
//!
//! ```text
//! hamrah-sandbox serve --addr 127.0.0.1:8443 --data-dir DIR [--seed demo] [--show-demo-secrets]
//!     [--tls-handshake-timeout S] [--header-read-timeout S] [--idle-timeout S]
//!     [--max-connections N] [--max-connections-per-address N]
//! hamrah-sandbox bench [--seconds 20] [--clients 64]
//! ```

mod bench;

/// The server's allocator (see the dependency note in Cargo.toml).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Args, Parser, Subcommand, ValueEnum};
use hamrah_sandbox::card_auth::mask_pan;
use hamrah_sandbox::seed::DemoCustomer;
use hamrah_sandbox::server::ServerLimits;
use hamrah_sandbox::{Sandbox, SandboxOptions};

/// The sandbox bank: an Iranian mobile-banking backend over HTTPS, for QA and tests.
#[derive(Debug, Parser)]
#[command(name = "hamrah-sandbox", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the bank until Ctrl-C.
    Serve {
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:8443")]
        addr: SocketAddr,
        /// Where the database and the TLS certificate live.
        #[arg(long, default_value = "sandbox-data")]
        data_dir: PathBuf,
        /// Seed an empty database.
        #[arg(long)]
        seed: Option<SeedKind>,
        /// The admin token (random when absent).
        #[arg(long, env = "HAMRAH_SANDBOX_ADMIN_TOKEN")]
        admin_token: Option<String>,
        /// Timeouts and connection caps.
        #[command(flatten)]
        limits: LimitArgs,
        /// Print the demo customers' passwords and full card numbers in the
        /// banner (by default masked; QA reads them from `GET /admin/seed`).
        #[arg(long)]
        show_demo_secrets: bool,
    },
    /// Load test: card-to-card transfers from concurrent clients against an
    /// in-process sandbox; prints transfers/s, latency percentiles, errors and
    /// the ledger check. Build with `--release`.
    Bench {
        /// Seconds of load.
        #[arg(long, default_value_t = 20)]
        seconds: u64,
        /// Concurrent clients.
        #[arg(long, default_value_t = 64)]
        clients: usize,
        /// Data directory (a fresh temporary one by default).
        #[arg(long)]
        data_dir: Option<PathBuf>,
    },
}

/// The server's connection limits; each defaults to [`ServerLimits::default`].
#[derive(Debug, Args)]
struct LimitArgs {
    /// Seconds from the TCP accept to the end of the TLS handshake [default: 10].
    #[arg(long, value_name = "SECONDS")]
    tls_handshake_timeout: Option<u64>,
    /// Seconds to send a request's headers; also the first request after the
    /// handshake, and an idle HTTP/1.1 connection's life [default: 10].
    #[arg(long, value_name = "SECONDS")]
    header_read_timeout: Option<u64>,
    /// Seconds a connection may stay without a request in flight [default: 60].
    #[arg(long, value_name = "SECONDS")]
    idle_timeout: Option<u64>,
    /// Open connections at most; more wait in the listen backlog [default: 512].
    #[arg(long, value_name = "N")]
    max_connections: Option<usize>,
    /// Open connections per IP address at most; more are closed, 0 for no limit [default: 128].
    #[arg(long, value_name = "N")]
    max_connections_per_address: Option<usize>,
}

impl LimitArgs {
    /// The defaults with the given flags applied.
    fn limits(&self) -> ServerLimits {
        let defaults = ServerLimits::default();
        let seconds = |flag: Option<u64>, default| flag.map_or(default, Duration::from_secs);
        ServerLimits {
            tls_handshake_timeout: seconds(
                self.tls_handshake_timeout,
                defaults.tls_handshake_timeout,
            ),
            header_read_timeout: seconds(self.header_read_timeout, defaults.header_read_timeout),
            idle_timeout: seconds(self.idle_timeout, defaults.idle_timeout),
            max_connections: self.max_connections.unwrap_or(defaults.max_connections),
            max_connections_per_address: self
                .max_connections_per_address
                .unwrap_or(defaults.max_connections_per_address),
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum SeedKind {
    /// Customers, accounts, cards, bills and holidays for a demo.
    Demo,
}

#[tokio::main]
async fn main() -> ExitCode {
    // Every log line goes through the core's redaction rule: no PAN, SHEBA,
    // password, code or token reaches the sandbox's log either.
    tracing_subscriber::fmt()
        .with_writer(hamrah_core::logging::Redacting::new(std::io::stdout))
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "hamrah_sandbox=info".into()),
        )
        .init();
    let cli = Cli::parse();
    match cli.command {
        Command::Serve {
            addr,
            data_dir,
            seed,
            admin_token,
            limits,
            show_demo_secrets,
        } => {
            serve(
                addr,
                data_dir,
                seed.is_some(),
                admin_token,
                limits.limits(),
                show_demo_secrets,
            )
            .await
        }
        Command::Bench {
            seconds,
            clients,
            data_dir,
        } => match bench::run(bench::BenchOptions {
            seconds,
            clients,
            data_dir,
        })
        .await
        {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("hamrah-sandbox bench: {error}");
                ExitCode::FAILURE
            }
        },
    }
}

async fn serve(
    addr: SocketAddr,
    data_dir: PathBuf,
    seed_demo: bool,
    admin_token: Option<String>,
    limits: ServerLimits,
    show_demo_secrets: bool,
) -> ExitCode {
    let mut options = SandboxOptions::demo(data_dir);
    options.addr = addr;
    options.seed_demo = seed_demo;
    options.admin_token = admin_token;
    options.limits = limits;
    let sandbox = match Sandbox::start(options).await {
        Ok(sandbox) => sandbox,
        Err(error) => {
            eprintln!("hamrah-sandbox: cannot start: {error}");
            return ExitCode::FAILURE;
        }
    };
    println!("Hamrah sandbox bank listening on {}", sandbox.url);
    println!("TLS pin (SPKI SHA-256): {}", sandbox.spki_pin);
    println!("Admin token (X-Admin-Token): {}", sandbox.admin_token);
    if !sandbox.demo_customers.is_empty() {
        println!("Demo customers:");
        for customer in &sandbox.demo_customers {
            println!("{}", demo_line(customer, show_demo_secrets));
        }
        if !show_demo_secrets {
            println!(
                "Passwords, card numbers, CVV2s and second PINs: GET {}/admin/seed with the admin token (or serve --show-demo-secrets)",
                sandbox.url
            );
        }
        println!(
            "SMS codes: GET {}/admin/sms/{{mobile}} with the admin token",
            sandbox.url
        );
    }
    let _ = tokio::signal::ctrl_c().await;
    sandbox.stop().await;
    ExitCode::SUCCESS
}

/// A demo customer's banner line: the card number masked and no password,
/// unless `secrets` (logs and terminals are not where credentials belong).
fn demo_line(customer: &DemoCustomer, secrets: bool) -> String {
    let card = if secrets {
        customer.card_pan.clone()
    } else {
        mask_pan(&customer.card_pan)
    };
    match (&customer.username, &customer.password) {
        (Some(username), Some(password)) if secrets => format!(
            "  {} ({}): username {username}  password {password}  mobile {}  card {card}",
            customer.name_en, customer.name_fa, customer.mobile
        ),
        (Some(username), _) => format!(
            "  {} ({}): username {username}  mobile {}  card {card}",
            customer.name_en, customer.name_fa, customer.mobile
        ),
        _ => format!(
            "  {} ({}): not yet activated — national ID {}  mobile {}  birth date {}  card {card} expiry {}",
            customer.name_en,
            customer.name_fa,
            customer.national_id,
            customer.mobile,
            customer.birth_date,
            customer.card_expiry
        ),
    }
}
