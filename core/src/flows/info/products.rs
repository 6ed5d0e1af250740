//! Deposit products (account types) and their rates, as the screen shows
//! them: the rate as a percentage, the term, how interest is paid, the
//! smallest balance, all in Persian.

use serde::{Deserialize, Serialize};

use super::cache::{self, Freshness, Loaded};
use super::display::rate_fa;
use crate::client::{DepositProduct, DepositProducts, InfoDocument};
use crate::digits::to_persian_digits;
use crate::flows::{Context, Problem};
use crate::money::Rials;
use crate::store::StoreError;

/// One product.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DepositProductView {
    /// The bank's id.
    pub product_id: String,
    /// `current`, `short_term_savings`, `long_term` or `qard_al_hasan`.
    pub kind: String,
    /// The kind in Persian (`بلندمدت`).
    pub kind_fa: String,
    /// Name in Persian.
    pub name_fa: String,
    /// Annual interest in hundredths of a percent.
    pub rate_basis_points: u32,
    /// The same as a percentage in Persian digits (`۲۰٫۵٪`).
    pub rate_fa: String,
    /// The smallest balance.
    pub minimum_balance: Rials,
    /// The same grouped in Persian digits, with the unit.
    pub minimum_balance_fa: String,
    /// Term in months (0: none).
    pub term_months: u32,
    /// The term in Persian (`یک‌ساله`, `۳ ماهه`, `بدون سررسید`).
    pub term_fa: String,
    /// How interest is paid, in Persian.
    pub interest_paid_fa: String,
    /// The bank's description.
    pub description_fa: String,
}

/// The products screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DepositProductsView {
    /// The products, in the bank's order.
    pub products: Vec<DepositProductView>,
    /// Where they came from.
    pub freshness: Freshness,
}

fn kind_fa(kind: &str) -> &'static str {
    match kind {
        "current" => "جاری",
        "short_term_savings" => "کوتاه‌مدت",
        "long_term" => "بلندمدت",
        "qard_al_hasan" => "قرض‌الحسنه",
        _ => "سپرده",
    }
}

fn term_fa(months: u32) -> String {
    match months {
        0 => "بدون سررسید".to_owned(),
        12 => "یک‌ساله".to_owned(),
        m if m.is_multiple_of(12) => format!("{} ساله", to_persian_digits(&(m / 12).to_string())),
        m => format!("{} ماهه", to_persian_digits(&m.to_string())),
    }
}

fn interest_paid_fa(paid: &str, rate: u32) -> &'static str {
    match paid {
        _ if rate == 0 => "بدون سود",
        "monthly" => "ماهانه",
        "at_maturity" => "در سررسید",
        _ => "بدون سود",
    }
}

impl From<DepositProduct> for DepositProductView {
    fn from(p: DepositProduct) -> Self {
        let minimum = Rials::new(p.minimum_balance_rials);
        Self {
            kind_fa: kind_fa(&p.kind).to_owned(),
            rate_fa: rate_fa(p.annual_rate_basis_points),
            minimum_balance_fa: format!("{} ریال", minimum.grouped_fa()),
            term_fa: term_fa(p.term_months),
            interest_paid_fa: interest_paid_fa(&p.interest_paid, p.annual_rate_basis_points)
                .to_owned(),
            product_id: p.product_id,
            kind: p.kind,
            name_fa: p.name_fa,
            rate_basis_points: p.annual_rate_basis_points,
            minimum_balance: minimum,
            term_months: p.term_months,
            description_fa: p.description_fa,
        }
    }
}

/// The products: one request (`deposit_product_list`, conditional), or with
/// `offline_only` none at all (`None` before the first fetch).
pub async fn deposit_products(
    ctx: &Context,
    offline_only: bool,
) -> Result<Option<DepositProductsView>, Problem> {
    let loaded = if offline_only {
        cache::cached(ctx, InfoDocument::DepositProducts)?
    } else {
        Some(
            cache::load(ctx, InfoDocument::DepositProducts, |json| {
                DepositProducts::parse(json).is_some()
            })
            .await?,
        )
    };
    loaded.map(view).transpose()
}

fn view(loaded: Loaded) -> Result<DepositProductsView, Problem> {
    let list =
        DepositProducts::parse(&loaded.json).ok_or_else(|| Problem::of(&StoreError::Format))?;
    Ok(DepositProductsView {
        products: list.items.into_iter().map(Into::into).collect(),
        freshness: loaded.freshness,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_read_as_persian() {
        assert_eq!(term_fa(0), "بدون سررسید");
        assert_eq!(term_fa(3), "۳ ماهه");
        assert_eq!(term_fa(12), "یک‌ساله");
        assert_eq!(term_fa(24), "۲ ساله");
        assert_eq!(interest_paid_fa("monthly", 0), "بدون سود");
        assert_eq!(interest_paid_fa("at_maturity", 500), "در سررسید");
    }
}
