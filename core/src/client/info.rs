//! The bank's public information (`exchange_rate_list`, `branch_list`,
//! `deposit_product_list`), fetched conditionally with the `ETag` the phone
//! holds (304: its copy is current), and the inbox (`notice_list`,
//! `notice_mark_read`).
//!
//! Each reply is checked past serde: a rate of zero, a branch off the Earth
//! or a rate above 100 % is outside the contract ([`ChannelError::Protocol`]).

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::{Api, Auth};
use crate::channel::{ChannelError, Method};

/// A document of the bank's public information.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InfoDocument {
    /// `GET /v1/exchange-rates`.
    ExchangeRates,
    /// `GET /v1/branches`.
    Branches,
    /// `GET /v1/deposit-products`.
    DepositProducts,
}

impl InfoDocument {
    /// Its path.
    pub fn path(self) -> &'static str {
        match self {
            Self::ExchangeRates => "/v1/exchange-rates",
            Self::Branches => "/v1/branches",
            Self::DepositProducts => "/v1/deposit-products",
        }
    }

    /// Its name in the phone's cache.
    pub fn name(self) -> &'static str {
        match self {
            Self::ExchangeRates => "exchange_rates",
            Self::Branches => "branches",
            Self::DepositProducts => "deposit_products",
        }
    }
}

/// What a conditional fetch brought.
#[derive(Debug, Clone, PartialEq)]
pub enum Versioned {
    /// A new version: the body as the bank sent it, and its `ETag`.
    Changed {
        /// The JSON body.
        json: Value,
        /// The `ETag`, when sent.
        etag: Option<String>,
    },
    /// 304: the version the phone holds is current.
    NotModified,
}

/// The contract's `ExchangeRates`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExchangeRates {
    /// When the bank quoted them (RFC 3339).
    pub quoted_at: String,
    /// The same, Jalali date and Tehran time.
    pub quoted_at_jalali: String,
    /// A quote older than this is out of date.
    pub stale_after_seconds: u64,
    /// The rates, in the bank's order.
    pub items: Vec<ExchangeRate>,
}

/// The contract's `ExchangeRate`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExchangeRate {
    /// ISO 4217 code.
    pub currency: String,
    /// Persian name.
    pub name_fa: String,
    /// What the bank pays for one unit.
    pub buy_rials: u64,
    /// What the bank asks for one unit.
    pub sell_rials: u64,
}

/// The contract's `BranchList`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BranchList {
    /// The list's version.
    pub version: String,
    /// Every branch.
    pub items: Vec<Branch>,
}

/// The contract's `Branch`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Branch {
    /// The branch code.
    pub code: String,
    /// Name in Persian.
    pub name_fa: String,
    /// City.
    pub city_fa: String,
    /// Province.
    pub province_fa: String,
    /// Address.
    pub address_fa: String,
    /// Landline with area code.
    pub phone: String,
    /// Degrees north.
    pub latitude: f64,
    /// Degrees east.
    pub longitude: f64,
    /// Opening hours.
    pub hours: BranchHours,
}

/// The contract's `BranchHours` (Tehran `HH:MM`, Saturday to Wednesday).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BranchHours {
    /// Opens.
    pub opens: String,
    /// Closes.
    pub closes: String,
    /// Closes on Thursdays; `None`: closed on Thursdays.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thursday_closes: Option<String>,
}

/// The contract's `DepositProductList`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DepositProducts {
    /// The products.
    pub items: Vec<DepositProduct>,
}

/// The contract's `DepositProduct`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DepositProduct {
    /// Id.
    pub product_id: String,
    /// `current`, `short_term_savings`, `long_term` or `qard_al_hasan`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Name in Persian.
    pub name_fa: String,
    /// Annual interest in hundredths of a percent.
    pub annual_rate_basis_points: u32,
    /// The smallest balance.
    pub minimum_balance_rials: u64,
    /// Term in months (0: none).
    pub term_months: u32,
    /// `monthly`, `at_maturity` or `none`.
    pub interest_paid: String,
    /// Description in Persian.
    pub description_fa: String,
}

/// The contract's `Notice`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notice {
    /// Grows with every notice.
    pub notice_id: i64,
    /// The contract's `NoticeKind` (unknown kinds are kept as sent).
    pub kind: String,
    /// The SMS text.
    pub text_fa: String,
    /// The amount it reports.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_rials: Option<u64>,
    /// When (RFC 3339).
    pub created_at: String,
    /// When, Jalali date and Tehran time.
    pub created_at_jalali: String,
    /// Whether it was read (by the bank's mark).
    pub read: bool,
}

/// The contract's `NoticePage`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct NoticePage {
    /// Oldest first.
    pub items: Vec<Notice>,
    /// Unread, all of them.
    pub unread_count: u32,
    /// Every notice up to this id is read.
    pub read_up_to: i64,
    /// Newer notices follow.
    pub has_more: bool,
}

/// The contract's `NoticeReadState`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub struct NoticeReadState {
    /// The read mark.
    pub read_up_to: i64,
    /// Unread, all of them.
    pub unread_count: u32,
}

/// An ISO 4217 code: three upper-case ASCII letters.
fn currency_code(code: &str) -> bool {
    code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase())
}

/// A Tehran wall-clock time `HH:MM`.
pub(crate) fn tehran_time(text: &str) -> Option<(u8, u8)> {
    let (h, m) = text.split_once(':')?;
    if h.len() != 2 || m.len() != 2 {
        return None;
    }
    let (h, m) = (h.parse::<u8>().ok()?, m.parse::<u8>().ok()?);
    (h < 24 && m < 60).then_some((h, m))
}

impl ExchangeRates {
    /// The bank's reply, checked: every rate positive, codes ISO 4217.
    pub fn parse(json: &Value) -> Option<Self> {
        let rates: Self = serde_json::from_value(json.clone()).ok()?;
        let valid = super::parse_instant(&rates.quoted_at).is_some()
            && rates
                .items
                .iter()
                .all(|r| currency_code(&r.currency) && r.buy_rials > 0 && r.sell_rials > 0);
        valid.then_some(rates)
    }
}

impl Branch {
    fn valid(&self) -> bool {
        let hours = &self.hours;
        self.latitude.is_finite()
            && self.longitude.is_finite()
            && (-90.0..=90.0).contains(&self.latitude)
            && (-180.0..=180.0).contains(&self.longitude)
            && !self.code.is_empty()
            && self.code.bytes().all(|b| b.is_ascii_digit())
            && tehran_time(&hours.opens).is_some()
            && tehran_time(&hours.closes).is_some()
            && hours
                .thursday_closes
                .as_deref()
                .is_none_or(|t| tehran_time(t).is_some())
    }
}

impl BranchList {
    /// The bank's reply, checked: every branch on the Earth, with digits for
    /// a code and `HH:MM` hours.
    pub fn parse(json: &Value) -> Option<Self> {
        let list: Self = serde_json::from_value(json.clone()).ok()?;
        list.items.iter().all(Branch::valid).then_some(list)
    }
}

impl DepositProducts {
    /// The bank's reply, checked: rates between 0 and 100 %.
    pub fn parse(json: &Value) -> Option<Self> {
        let list: Self = serde_json::from_value(json.clone()).ok()?;
        list.items
            .iter()
            .all(|p| p.annual_rate_basis_points <= 10_000)
            .then_some(list)
    }
}

impl Api {
    /// One document of the bank's public information; with `etag` (the one
    /// the phone holds) the bank answers 304 while it is current.
    pub async fn fetch_info(
        &self,
        document: InfoDocument,
        etag: Option<&str>,
    ) -> Result<Versioned, ChannelError> {
        let mut headers: Vec<(&str, &str)> = Vec::with_capacity(2);
        headers.push(("x-device-id", &self.inner.device_id));
        if let Some(etag) = etag {
            headers.push(("if-none-match", etag));
        }
        let result = self
            .inner
            .bank
            .send_bytes(Method::GET, document.path(), &headers, None)
            .await;
        self.inner.fallback.observe_https(&result);
        let reply = result?;
        Ok(if reply.not_modified() {
            Versioned::NotModified
        } else {
            Versioned::Changed {
                json: reply.json,
                etag: reply.etag,
            }
        })
    }

    /// `notice_list`: up to `limit` notices after the id `after`, oldest first.
    pub async fn notices(&self, after: i64, limit: u32) -> Result<NoticePage, ChannelError> {
        let path = format!(
            "/v1/notices?after={}&limit={}",
            after.max(0),
            limit.clamp(1, 100)
        );
        self.call(Method::GET, &path, None, Auth::Bearer).await
    }

    /// `notice_mark_read`: every notice up to `up_to` is read.
    pub async fn mark_notices_read(&self, up_to: i64) -> Result<NoticeReadState, ChannelError> {
        let body = json!({"up_to": up_to.max(0)});
        self.call(Method::POST, "/v1/notices/read", Some(&body), Auth::Bearer)
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replies_outside_the_contract_are_refused() {
        let rates = json!({"quoted_at": "2026-11-22T08:00:00Z", "quoted_at_jalali": "1405/09/01 11:30:00",
            "stale_after_seconds": 21600,
            "items": [{"currency": "USD", "name_fa": "دلار", "buy_rials": 1, "sell_rials": 2}]});
        assert!(ExchangeRates::parse(&rates).is_some());
        let mut zero = rates.clone();
        zero["items"][0]["buy_rials"] = 0.into();
        assert!(ExchangeRates::parse(&zero).is_none());
        let mut code = rates.clone();
        code["items"][0]["currency"] = "usd".into();
        assert!(ExchangeRates::parse(&code).is_none());

        let branch = json!({"code": "1012", "name_fa": "ش", "city_fa": "ت", "province_fa": "ت",
            "address_fa": "آ", "phone": "02122712345", "latitude": 35.8, "longitude": 51.4,
            "hours": {"opens": "07:30", "closes": "13:30"}});
        let list = json!({"version": "v", "items": [branch]});
        assert!(BranchList::parse(&list).is_some());
        for (field, value) in [
            ("/items/0/latitude", json!(91.0)),
            ("/items/0/code", json!("12a")),
            ("/items/0/hours/opens", json!("7:30")),
            ("/items/0/hours/closes", json!("24:00")),
        ] {
            let mut bad = list.clone();
            *bad.pointer_mut(field).unwrap() = value;
            assert!(BranchList::parse(&bad).is_none(), "{field}");
        }
        let products = json!({"items": [{"product_id": "x", "type": "long_term", "name_fa": "ب",
            "annual_rate_basis_points": 10001, "minimum_balance_rials": 0, "term_months": 12,
            "interest_paid": "monthly", "description_fa": ""}]});
        assert!(DepositProducts::parse(&products).is_none());
    }
}
