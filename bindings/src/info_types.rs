//! Records of the bank's information screens (mirrors of the core's read models).

use hamrah_core::flows::info::{
    BranchView, DepositProductView, DepositProductsView, DirectoryStatus, ExchangeRateView,
    ExchangeRatesView, Freshness,
};

use crate::types::{ProblemInfo, problem};

/// One currency's rates.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ExchangeRate {
    /// ISO 4217 code.
    pub currency: String,
    /// Persian name.
    pub name_fa: String,
    /// What the bank pays for one unit, rials.
    pub buy_rials: u64,
    /// What the bank asks for one unit, rials.
    pub sell_rials: u64,
    /// `buy_rials` grouped in Persian digits.
    pub buy_fa: String,
    /// `sell_rials` grouped in Persian digits.
    pub sell_fa: String,
}

/// The rates screen.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ExchangeRateBoard {
    /// In the bank's order.
    pub rates: Vec<ExchangeRate>,
    /// The bank's quote time, Jalali and Tehran, Persian digits.
    pub quoted_at_fa: String,
    /// How old the quote is, seconds.
    pub age_seconds: u64,
    /// The same as read (`۲ ساعت پیش`).
    pub age_fa: String,
    /// Out of date (too old, or not confirmed by the bank).
    pub stale: bool,
    /// The phone's copy: the bank was not reached (or not asked).
    pub offline: bool,
    /// Why the bank was not reached.
    pub error: Option<ProblemInfo>,
}

impl From<ExchangeRatesView> for ExchangeRateBoard {
    fn from(v: ExchangeRatesView) -> Self {
        Self {
            rates: v
                .rates
                .into_iter()
                .map(|r: ExchangeRateView| ExchangeRate {
                    currency: r.currency,
                    name_fa: r.name_fa,
                    buy_rials: r.buy.get(),
                    sell_rials: r.sell.get(),
                    buy_fa: r.buy_fa,
                    sell_fa: r.sell_fa,
                })
                .collect(),
            quoted_at_fa: v.quoted_at_fa,
            age_seconds: v.age_seconds,
            age_fa: v.age_fa,
            stale: v.stale,
            offline: v.freshness.offline,
            error: problem(&v.freshness.error),
        }
    }
}

/// One branch.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Branch {
    /// Code.
    pub code: String,
    /// Code in Persian digits.
    pub code_fa: String,
    /// Name.
    pub name_fa: String,
    /// City.
    pub city_fa: String,
    /// Address.
    pub address_fa: String,
    /// Landline (for the dialer).
    pub phone: String,
    /// The same in Persian digits.
    pub phone_fa: String,
    /// Degrees north (for the map).
    pub latitude: f64,
    /// Degrees east.
    pub longitude: f64,
    /// Opening hours in Persian.
    pub hours_fa: String,
    /// From the location asked about (nearest only), in Persian.
    pub distance_fa: Option<String>,
}

impl From<BranchView> for Branch {
    fn from(b: BranchView) -> Self {
        Self {
            code: b.code,
            code_fa: b.code_fa,
            name_fa: b.name_fa,
            city_fa: b.city_fa,
            address_fa: b.address_fa,
            phone: b.phone,
            phone_fa: b.phone_fa,
            latitude: b.latitude,
            longitude: b.longitude,
            hours_fa: b.hours_fa,
            distance_fa: b.distance_fa,
        }
    }
}

/// The branch directory held on the phone.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct BranchDirectoryInfo {
    /// Branches.
    pub count: u32,
    /// Cities, in the Persian alphabet's order.
    pub cities: Vec<String>,
    /// When the bank last sent or confirmed the list (`۲ ساعت پیش`).
    pub age_fa: String,
    /// The phone's copy.
    pub offline: bool,
    /// Why the bank was not reached.
    pub error: Option<ProblemInfo>,
}

impl From<DirectoryStatus> for BranchDirectoryInfo {
    fn from(s: DirectoryStatus) -> Self {
        Self {
            count: s.count,
            cities: s.cities,
            age_fa: s.age_fa,
            offline: s.freshness.offline,
            error: problem(&s.freshness.error),
        }
    }
}

/// One deposit product.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct DepositProduct {
    /// Id.
    pub product_id: String,
    /// `current`, `short_term_savings`, `long_term`, `qard_al_hasan`.
    pub kind: String,
    /// The kind in Persian.
    pub kind_fa: String,
    /// Name.
    pub name_fa: String,
    /// The annual rate (`۲۰٫۵٪`).
    pub rate_fa: String,
    /// The smallest balance, with the unit.
    pub minimum_balance_fa: String,
    /// The term (`یک‌ساله`).
    pub term_fa: String,
    /// How interest is paid.
    pub interest_paid_fa: String,
    /// The bank's description.
    pub description_fa: String,
}

/// The deposit products screen.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct DepositProductList {
    /// In the bank's order.
    pub products: Vec<DepositProduct>,
    /// The phone's copy.
    pub offline: bool,
    /// Why the bank was not reached.
    pub error: Option<ProblemInfo>,
}

fn offline(f: &Freshness) -> (bool, Option<ProblemInfo>) {
    (f.offline, problem(&f.error))
}

impl From<DepositProductsView> for DepositProductList {
    fn from(v: DepositProductsView) -> Self {
        let (offline, error) = offline(&v.freshness);
        Self {
            products: v
                .products
                .into_iter()
                .map(|p: DepositProductView| DepositProduct {
                    product_id: p.product_id,
                    kind: p.kind,
                    kind_fa: p.kind_fa,
                    name_fa: p.name_fa,
                    rate_fa: p.rate_fa,
                    minimum_balance_fa: p.minimum_balance_fa,
                    term_fa: p.term_fa,
                    interest_paid_fa: p.interest_paid_fa,
                    description_fa: p.description_fa,
                })
                .collect(),
            offline,
            error,
        }
    }
}
