//! Exchange rates as the screen shows them: buy and sell grouped in Persian
//! digits, the bank's quote time in Jalali, and how old the quote is
//! (`۲ ساعت پیش`), out of date past the bank's `stale_after_seconds` or
//! whenever it is the phone's copy of a bank that could not be reached.

use serde::{Deserialize, Serialize};

use super::cache::{self, Freshness, Loaded};
use super::display::age_fa;
use crate::client::{ExchangeRates, InfoDocument, parse_instant};
use crate::digits::to_persian_digits;
use crate::flows::{Context, Problem};
use crate::money::Rials;
use crate::store::StoreError;

/// One currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExchangeRateView {
    /// ISO 4217 code.
    pub currency: String,
    /// Persian name.
    pub name_fa: String,
    /// What the bank pays for one unit.
    pub buy: Rials,
    /// What the bank asks for one unit.
    pub sell: Rials,
    /// `buy` grouped in Persian digits.
    pub buy_fa: String,
    /// `sell` grouped in Persian digits.
    pub sell_fa: String,
}

/// The rates screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExchangeRatesView {
    /// The currencies, in the bank's order.
    pub rates: Vec<ExchangeRateView>,
    /// The bank's quote time (RFC 3339).
    pub quoted_at: String,
    /// The same in Persian digits, Jalali date and Tehran time.
    pub quoted_at_fa: String,
    /// How old the quote is, in seconds (bank clock).
    pub age_seconds: u64,
    /// The same as a customer reads it (`۲ ساعت پیش`).
    pub age_fa: String,
    /// True when the quote is older than the bank allows or could not be
    /// confirmed (the phone's copy).
    pub stale: bool,
    /// Where it came from.
    pub freshness: Freshness,
}

/// The rates: one request (`exchange_rate_list`, conditional), or with
/// `offline_only` none at all (`None` before the first fetch).
pub async fn exchange_rates(
    ctx: &Context,
    offline_only: bool,
) -> Result<Option<ExchangeRatesView>, Problem> {
    let loaded = if offline_only {
        cache::cached(ctx, InfoDocument::ExchangeRates)?
    } else {
        Some(
            cache::load(ctx, InfoDocument::ExchangeRates, |json| {
                ExchangeRates::parse(json).is_some()
            })
            .await?,
        )
    };
    loaded.map(|loaded| view(ctx, loaded)).transpose()
}

fn view(ctx: &Context, loaded: Loaded) -> Result<ExchangeRatesView, Problem> {
    let rates =
        ExchangeRates::parse(&loaded.json).ok_or_else(|| Problem::of(&StoreError::Format))?;
    let quoted = parse_instant(&rates.quoted_at).unwrap_or(loaded.freshness.fetched_at);
    let age = u64::try_from(ctx.bank_now() - quoted).unwrap_or(0);
    Ok(ExchangeRatesView {
        rates: rates
            .items
            .into_iter()
            .map(|r| {
                let (buy, sell) = (Rials::new(r.buy_rials), Rials::new(r.sell_rials));
                ExchangeRateView {
                    currency: r.currency,
                    name_fa: r.name_fa,
                    buy_fa: buy.grouped_fa(),
                    sell_fa: sell.grouped_fa(),
                    buy,
                    sell,
                }
            })
            .collect(),
        quoted_at: rates.quoted_at,
        quoted_at_fa: to_persian_digits(&rates.quoted_at_jalali),
        age_seconds: age,
        age_fa: age_fa(age),
        stale: age > rates.stale_after_seconds || loaded.freshness.offline,
        freshness: loaded.freshness,
    })
}
