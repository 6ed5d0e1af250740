//! `topup_catalog_get`: what the bank sells per operator, parsed with the
//! core's parsers (an operator the core does not know is skipped: the
//! contract may add one; anything else outside the contract is refused).
//!
//! A saved journey keeps the catalogue in the contract's own shape, read
//! back through the same parser: one deserializer for the bank's reply and
//! the saved state, which keeps the phones' library small.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::{Api, Auth};
use crate::channel::{ChannelError, Method};
use crate::ids::{MobileNumber, Operator, PackageId, operator_by_id};
use crate::money::Rials;

/// An internet package the bank sells.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "Value", try_from = "Value")]
pub struct InternetPackage {
    /// The bank's id.
    pub package_id: PackageId,
    /// Its Persian title (`بسته ماهانه ۲۰ گیگابایت`).
    pub title_fa: String,
    /// Days it lasts.
    pub duration_days: u32,
    /// Megabytes it carries.
    pub volume_mb: u32,
    /// Its price.
    pub price: Rials,
}

/// What one operator's lines can be charged with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OperatorOffer {
    /// The operator.
    pub operator: Operator,
    /// Its Persian name.
    pub name_fa: String,
    /// The fixed top-up amounts, ascending.
    pub charge_amounts: Vec<Rials>,
    /// The amazing top-up's name at this operator, when it sells one.
    pub amazing_title_fa: Option<String>,
    /// The internet packages.
    pub packages: Vec<InternetPackage>,
}

/// The contract's `TopupCatalog`, parsed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "Value", try_from = "Value")]
pub struct TopupCatalog {
    /// The customer's own number, for "my number".
    pub own_mobile: Option<MobileNumber>,
    /// How long it may be kept.
    pub cache_seconds: u64,
    /// The operators sold, in the bank's order.
    pub operators: Vec<OperatorOffer>,
}

#[derive(Deserialize)]
struct RawCatalog {
    #[serde(default)]
    own_mobile: Option<MobileNumber>,
    cache_seconds: u64,
    operators: Vec<RawOffer>,
}

#[derive(Deserialize)]
struct RawOffer {
    operator: String,
    name_fa: String,
    charge_amounts_rials: Vec<u64>,
    amazing: bool,
    #[serde(default)]
    amazing_title_fa: Option<String>,
    packages: Vec<RawPackage>,
}

#[derive(Deserialize)]
struct RawPackage {
    package_id: PackageId,
    title_fa: String,
    duration_days: u32,
    volume_mb: u32,
    price_rials: u64,
}

impl TopupCatalog {
    /// Reads the bank's reply: `network.protocol` when it breaks the contract.
    pub fn from_json(json: Value) -> Result<Self, ChannelError> {
        let raw: RawCatalog = serde_json::from_value(json).map_err(|_| ChannelError::Protocol)?;
        let mut operators: Vec<OperatorOffer> = Vec::with_capacity(raw.operators.len());
        for offer in raw.operators {
            // An operator the contract added after this core was built.
            let Ok(operator) = operator_by_id(&offer.operator) else {
                continue;
            };
            let positive = |amount: u64| (amount > 0).then_some(Rials::new(amount));
            let charge_amounts = offer
                .charge_amounts_rials
                .into_iter()
                .map(positive)
                .collect::<Option<Vec<_>>>()
                .ok_or(ChannelError::Protocol)?;
            let packages = offer
                .packages
                .into_iter()
                .map(InternetPackage::from_raw)
                .collect::<Result<Vec<_>, _>>()?;
            if operators.iter().any(|o| o.operator == operator) {
                return Err(ChannelError::Protocol);
            }
            operators.push(OperatorOffer {
                operator,
                name_fa: offer.name_fa,
                charge_amounts,
                amazing_title_fa: offer.amazing.then(|| {
                    offer
                        .amazing_title_fa
                        .unwrap_or_else(|| "شارژ شگفت‌انگیز".into())
                }),
                packages,
            });
        }
        Ok(Self {
            own_mobile: raw.own_mobile,
            cache_seconds: raw.cache_seconds,
            operators,
        })
    }

    /// The offer of an operator the bank sells.
    pub fn offer(&self, operator: Operator) -> Option<&OperatorOffer> {
        self.operators.iter().find(|o| o.operator == operator)
    }
}

impl InternetPackage {
    fn from_raw(raw: RawPackage) -> Result<Self, ChannelError> {
        if raw.price_rials == 0 {
            return Err(ChannelError::Protocol);
        }
        Ok(Self {
            price: Rials::new(raw.price_rials),
            package_id: raw.package_id,
            title_fa: raw.title_fa,
            duration_days: raw.duration_days,
            volume_mb: raw.volume_mb,
        })
    }
}

impl From<InternetPackage> for Value {
    /// The contract's `InternetPackage`.
    fn from(p: InternetPackage) -> Self {
        json!({"package_id": p.package_id.as_str(), "title_fa": p.title_fa,
               "duration_days": p.duration_days, "volume_mb": p.volume_mb,
               "price_rials": p.price.get()})
    }
}

impl TryFrom<Value> for InternetPackage {
    type Error = ChannelError;

    fn try_from(json: Value) -> Result<Self, Self::Error> {
        Self::from_raw(serde_json::from_value(json).map_err(|_| ChannelError::Protocol)?)
    }
}

impl From<TopupCatalog> for Value {
    /// The contract's `TopupCatalog`.
    fn from(catalog: TopupCatalog) -> Self {
        let operators: Vec<Value> = catalog
            .operators
            .into_iter()
            .map(|o| {
                let mut offer = json!({
                    "operator": o.operator.id(),
                    "name_fa": o.name_fa,
                    "charge_amounts_rials": o.charge_amounts.iter().map(|a| a.get()).collect::<Vec<_>>(),
                    "amazing": o.amazing_title_fa.is_some(),
                    "packages": o.packages.into_iter().map(Value::from).collect::<Vec<_>>(),
                });
                if let Some(title) = o.amazing_title_fa {
                    offer["amazing_title_fa"] = title.into();
                }
                offer
            })
            .collect();
        let mut json = json!({"cache_seconds": catalog.cache_seconds, "operators": operators});
        if let Some(mobile) = catalog.own_mobile {
            json["own_mobile"] = mobile.as_str().into();
        }
        json
    }
}

impl TryFrom<Value> for TopupCatalog {
    type Error = ChannelError;

    fn try_from(json: Value) -> Result<Self, Self::Error> {
        Self::from_json(json)
    }
}

impl OperatorOffer {
    /// One of its packages.
    pub fn package(&self, package_id: &str) -> Option<&InternetPackage> {
        self.packages
            .iter()
            .find(|p| p.package_id.as_str() == package_id)
    }
}

impl Api {
    /// `topup_catalog_get`.
    pub async fn topup_catalog(&self) -> Result<TopupCatalog, ChannelError> {
        let json: Value = self
            .call(Method::GET, "/v1/topup-catalog", None, Auth::Bearer)
            .await?;
        TopupCatalog::from_json(json)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn reads_the_contract_and_skips_operators_it_does_not_know() {
        let catalog = TopupCatalog::from_json(json!({
            "own_mobile": "09121234567", "cache_seconds": 3600,
            "operators": [
                {"operator": "irancell", "name_fa": "ایرانسل", "name_en": "Irancell",
                 "charge_amounts_rials": [100000, 200000], "amazing": true,
                 "packages": [{"package_id": "irc_7d_6gb", "title_fa": "هفتگی", "duration_days": 7,
                               "volume_mb": 6144, "price_rials": 390000}]},
                {"operator": "newtel", "name_fa": "نو", "name_en": "New",
                 "charge_amounts_rials": [1], "amazing": false, "packages": []}
            ]
        }))
        .unwrap();
        assert_eq!(catalog.operators.len(), 1);
        let offer = catalog.offer(Operator::Irancell).unwrap();
        assert_eq!(offer.amazing_title_fa.as_deref(), Some("شارژ شگفت‌انگیز"));
        assert_eq!(
            offer.package("irc_7d_6gb").unwrap().price,
            Rials::new(390_000)
        );
        assert_eq!(catalog.own_mobile.as_ref().unwrap().as_str(), "09121234567");
        // Saved in the contract's shape, read back the same.
        let saved = serde_json::to_value(&catalog).unwrap();
        assert_eq!(
            serde_json::from_value::<TopupCatalog>(saved).unwrap(),
            catalog
        );
    }

    #[test]
    fn refuses_what_breaks_the_contract() {
        let bad = |operators: Value| {
            TopupCatalog::from_json(json!({"cache_seconds": 1, "operators": operators}))
        };
        let offer = |amounts: Value, package_id: &str, price: u64| {
            json!([{"operator": "mci", "name_fa": "همراه اول", "charge_amounts_rials": amounts,
                    "amazing": false, "packages": [{"package_id": package_id, "title_fa": "x",
                    "duration_days": 1, "volume_mb": 1, "price_rials": price}]}])
        };
        assert!(bad(offer(json!([100000]), "mci_1d", 1)).is_ok());
        assert_eq!(
            bad(offer(json!([0]), "mci_1d", 1)),
            Err(ChannelError::Protocol)
        );
        assert_eq!(
            bad(offer(json!([1]), "MCI 1D", 1)),
            Err(ChannelError::Protocol)
        );
        assert_eq!(
            bad(offer(json!([1]), "mci_1d", 0)),
            Err(ChannelError::Protocol)
        );
        assert_eq!(bad(json!("none")), Err(ChannelError::Protocol));
        let twice = json!([{"operator": "mci", "name_fa": "a", "charge_amounts_rials": [],
                            "amazing": false, "packages": []},
                           {"operator": "mci", "name_fa": "b", "charge_amounts_rials": [],
                            "amazing": false, "packages": []}]);
        assert_eq!(bad(twice), Err(ChannelError::Protocol));
    }
}
