//! The bank's public information: `exchange_rate_list`, `branch_list` and
//! `deposit_product_list`, each with an `ETag` and 304 on `If-None-Match`
//! (no session: the app shows them before login too); and the QA call
//! `admin_exchange_rates_set` that quotes new rates.

mod conditional;
mod rates;

use std::sync::OnceLock;

use axum::Router;
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::get;
use serde_json::{Value, json};

use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use conditional::{Versioned, answer};

pub(crate) use rates::admin_exchange_rates_set;

/// The routes of this area.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/v1/exchange-rates", get(rates::exchange_rate_list))
        .route("/v1/branches", get(branch_list))
        .route("/v1/deposit-products", get(deposit_product_list))
}

/// The bank's branches, as data (`sandbox/data/branches.json`).
const BRANCHES: &str = include_str!("../../../data/branches.json");
/// The bank's deposit products (`sandbox/data/deposit_products.json`).
const PRODUCTS: &str = include_str!("../../../data/deposit_products.json");

/// A reply built once from a data file.
fn built(
    cell: &'static OnceLock<Option<Versioned>>,
    make: impl FnOnce() -> Option<Versioned>,
) -> ApiResult<&'static Versioned> {
    cell.get_or_init(make).as_ref().ok_or_else(|| {
        tracing::error!("a data file of the bank's information does not parse");
        ApiError::internal()
    })
}

async fn branch_list(headers: HeaderMap) -> ApiResult<Response> {
    static REPLY: OnceLock<Option<Versioned>> = OnceLock::new();
    let reply = built(&REPLY, || {
        let items: Value = serde_json::from_str(BRANCHES).ok()?;
        let version = conditional::digest(&items.to_string());
        Some(Versioned::of(
            &json!({"version": version, "items": items}),
            &version,
        ))
    })?;
    Ok(answer(&headers, reply))
}

/// The annual rate of the deposit product an account of contract type
/// `account_type` earns, in percent (`None` for a current account).
pub(crate) fn interest_rate_percent(account_type: &str) -> Option<f64> {
    static PRODUCT_LIST: OnceLock<Value> = OnceLock::new();
    let product = match account_type {
        "savings" => "short_term",
        "short_term_deposit" => "short_term_special",
        "long_term_deposit" => "long_term_1y",
        _ => return None,
    };
    let products = PRODUCT_LIST.get_or_init(|| serde_json::from_str(PRODUCTS).unwrap_or_default());
    let basis_points = products
        .as_array()?
        .iter()
        .find(|p| p["product_id"] == product)?["annual_rate_basis_points"]
        .as_u64()?;
    Some(basis_points as f64 / 100.0)
}

async fn deposit_product_list(headers: HeaderMap) -> ApiResult<Response> {
    static REPLY: OnceLock<Option<Versioned>> = OnceLock::new();
    let reply = built(&REPLY, || {
        let items: Value = serde_json::from_str(PRODUCTS).ok()?;
        let body = json!({"items": items});
        Some(Versioned::of(
            &body,
            &conditional::digest(&body.to_string()),
        ))
    })?;
    Ok(answer(&headers, reply))
}
