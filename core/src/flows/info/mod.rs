//! The bank's public information as read models: exchange rates with the age
//! of their quote, the branch directory searched on the phone (by city, name
//! or code, Persian-insensitive; nearest to a location), and the deposit
//! products with their rates. Each is one conditional request (`ETag`; 304
//! when the phone's copy is current), kept sealed in the store, and readable
//! with no request at all (offline, or in the light mode).

mod branches;
mod cache;
mod display;
mod error;
mod normalize;
mod products;
mod rates;

pub use branches::{BranchDirectory, BranchView, DirectoryStatus};
pub use cache::Freshness;
pub use display::{age_fa, distance_fa, rate_fa};
pub use error::InfoError;
pub use normalize::{collation_key, search_key};
pub use products::{DepositProductView, DepositProductsView, deposit_products};
pub use rates::{ExchangeRateView, ExchangeRatesView, exchange_rates};
