//! What the bank sells as top-ups (`topup_catalog_get`): per operator the
//! fixed top-up amounts, whether an amazing top-up is sold, and the internet
//! packages. Server configuration, like [`crate::config::BankRules`].

use serde_json::{Value, json};

/// One internet package.
#[derive(Debug, Clone)]
pub struct Package {
    /// The bank's id (`mci_30d_20gb`).
    pub package_id: &'static str,
    /// Its Persian title.
    pub title_fa: &'static str,
    /// Days it lasts.
    pub duration_days: u32,
    /// Megabytes it carries.
    pub volume_mb: u32,
    /// Its price.
    pub price_rials: i64,
}

/// What one operator's lines can be charged with.
#[derive(Debug, Clone)]
pub struct OperatorOffer {
    /// The core's operator id (`mci`, `irancell`, `rightel`).
    pub operator: &'static str,
    /// Persian name.
    pub name_fa: &'static str,
    /// English name.
    pub name_en: &'static str,
    /// The fixed top-up amounts, ascending.
    pub charge_amounts_rials: Vec<i64>,
    /// The amazing top-up's name here, when the operator sells one.
    pub amazing_title_fa: Option<&'static str>,
    /// The internet packages.
    pub packages: Vec<Package>,
}

/// The whole catalogue.
#[derive(Debug, Clone)]
pub struct TopupRules {
    /// How long an app may keep the catalogue.
    pub cache_seconds: u64,
    /// The operators sold.
    pub operators: Vec<OperatorOffer>,
}

/// The amounts every operator sells (10,000 to 200,000 tomans).
const AMOUNTS: [i64; 5] = [100_000, 200_000, 500_000, 1_000_000, 2_000_000];

impl Default for TopupRules {
    fn default() -> Self {
        let package = |package_id, title_fa, duration_days, volume_mb, price_rials| Package {
            package_id,
            title_fa,
            duration_days,
            volume_mb,
            price_rials,
        };
        Self {
            cache_seconds: 3600,
            operators: vec![
                OperatorOffer {
                    operator: "mci",
                    name_fa: "همراه اول",
                    name_en: "MCI",
                    charge_amounts_rials: AMOUNTS.to_vec(),
                    amazing_title_fa: None,
                    packages: vec![
                        package("mci_1d_1gb", "بسته یک‌روزه ۱ گیگابایت", 1, 1024, 90_000),
                        package("mci_7d_5gb", "بسته هفتگی ۵ گیگابایت", 7, 5120, 350_000),
                        package(
                            "mci_30d_20gb",
                            "بسته ماهانه ۲۰ گیگابایت",
                            30,
                            20_480,
                            1_200_000,
                        ),
                    ],
                },
                OperatorOffer {
                    operator: "irancell",
                    name_fa: "ایرانسل",
                    name_en: "Irancell",
                    charge_amounts_rials: AMOUNTS.to_vec(),
                    amazing_title_fa: Some("شارژ شگفت‌انگیز"),
                    packages: vec![
                        package("irc_1d_1gb", "بسته روزانه ۱ گیگابایت", 1, 1024, 95_000),
                        package("irc_7d_6gb", "بسته هفتگی ۶ گیگابایت", 7, 6144, 390_000),
                        package(
                            "irc_30d_25gb",
                            "بسته ماهانه ۲۵ گیگابایت",
                            30,
                            25_600,
                            1_450_000,
                        ),
                    ],
                },
                OperatorOffer {
                    operator: "rightel",
                    name_fa: "رایتل",
                    name_en: "Rightel",
                    charge_amounts_rials: AMOUNTS.to_vec(),
                    amazing_title_fa: Some("شارژ شورانگیز"),
                    packages: vec![
                        package("rtl_3d_3gb", "بسته سه‌روزه ۳ گیگابایت", 3, 3072, 150_000),
                        package(
                            "rtl_30d_30gb",
                            "بسته ماهانه ۳۰ گیگابایت",
                            30,
                            30_720,
                            1_300_000,
                        ),
                    ],
                },
            ],
        }
    }
}

impl TopupRules {
    /// The offer of an operator the bank sells.
    pub fn offer(&self, operator: &str) -> Option<&OperatorOffer> {
        self.operators.iter().find(|o| o.operator == operator)
    }

    /// The contract's `TopupCatalog`, with the customer's own mobile.
    pub fn json(&self, own_mobile: Option<&str>) -> Value {
        let operators: Vec<Value> = self.operators.iter().map(OperatorOffer::json).collect();
        let mut catalog = json!({"cache_seconds": self.cache_seconds, "operators": operators});
        if let Some(mobile) = own_mobile {
            catalog["own_mobile"] = mobile.into();
        }
        catalog
    }
}

impl OperatorOffer {
    /// A package of this operator.
    pub fn package(&self, package_id: &str) -> Option<&Package> {
        self.packages.iter().find(|p| p.package_id == package_id)
    }

    fn json(&self) -> Value {
        let packages: Vec<Value> = self
            .packages
            .iter()
            .map(|p| {
                json!({"package_id": p.package_id, "title_fa": p.title_fa,
                       "duration_days": p.duration_days, "volume_mb": p.volume_mb,
                       "price_rials": p.price_rials})
            })
            .collect();
        let mut offer = json!({
            "operator": self.operator,
            "name_fa": self.name_fa,
            "name_en": self.name_en,
            "charge_amounts_rials": self.charge_amounts_rials,
            "amazing": self.amazing_title_fa.is_some(),
            "packages": packages,
        });
        if let Some(title) = self.amazing_title_fa {
            offer["amazing_title_fa"] = title.into();
        }
        offer
    }
}
