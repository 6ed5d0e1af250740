//! What every handler shares.

use std::ops::Deref;
use std::sync::Arc;

use hamrah_core::banks::Bank;
use hamrah_core::store::Sealer;

use crate::clock::Clock;
use crate::config::BankRules;
use crate::db::Db;
use crate::faults::Faults;
use crate::rate_limit::RateLimiter;
use crate::server::Stats;
use crate::vault::cvv2::Cvv2Mac;

/// The sandbox bank's shared state. Every request clones it (once per
/// extractor and middleware), so it is one reference count, not one per field.
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

impl AppState {
    /// Shares `shared` with every handler.
    pub fn new(shared: Shared) -> Self {
        Self(Arc::new(shared))
    }
}

impl Deref for AppState {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}

/// What [`AppState`] holds.
pub struct Shared {
    /// The database.
    pub db: Db,
    /// The sandbox clock.
    pub clock: Clock,
    /// The bank's numbers.
    pub rules: Arc<BankRules>,
    /// Which bank the sandbox plays.
    pub bank: &'static Bank,
    /// Faults QA injected.
    pub faults: Arc<Faults>,
    /// Connection and request counts.
    pub stats: Arc<Stats>,
    /// Seals the bank's secrets at rest: seeds and SMS keys (see [`crate::vault`]).
    pub sealer: Arc<Sealer>,
    /// Verifies CVV2s and second PINs, which are kept only as keyed hashes.
    pub cvv2: Arc<Cvv2Mac>,
    /// The admin API's token.
    pub admin_token: Arc<str>,
    /// Requests per minute per client address and per customer.
    pub rate_limiter: Arc<RateLimiter>,
    /// When the server started, Unix seconds.
    pub started_at: i64,
}
