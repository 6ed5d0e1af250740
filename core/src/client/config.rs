//! `GET /v1/config`: the bank's numbers (the core's defaults only apply offline).

use serde::{Deserialize, Serialize};

use super::{Api, Auth};
use crate::channel::{ChannelError, Method};

/// The contract's `BankConfig` (the parts the core uses).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BankConfig {
    /// The bank's clock, RFC 3339 UTC.
    pub server_time: String,
    /// Limits of transfers.
    pub limits: Limits,
    /// Fees.
    pub fees: Fees,
    /// Dynamic PIN numbers.
    pub otp: OtpConfig,
    /// Session numbers.
    pub session: SessionConfig,
    /// PAYA settlement times, Tehran `HH:MM`.
    #[serde(default)]
    pub paya_cycles: Vec<String>,
    /// SATNA cut-off, Tehran `HH:MM`.
    #[serde(default)]
    pub satna_cutoff: String,
    /// Issuers without central OTP (no SMS dynamic PIN for their cards).
    #[serde(default)]
    pub otp_issuers_not_connected: Vec<BankRef>,
    /// Days of the week banks do not settle (`friday`).
    #[serde(default)]
    pub weekend_days: Vec<String>,
    /// Official holidays besides the weekend.
    #[serde(default)]
    pub holidays: Vec<Holiday>,
    /// The bank itself (`None` offline: then no SHEBA is known to be its own).
    #[serde(default)]
    pub bank: Option<OwnBank>,
}

/// The bank the app talks to (the contract's `BankInfo`, the parts the core uses).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnBank {
    /// Registry id (`melli`).
    pub bank_id: String,
    /// Persian name.
    pub name_fa: String,
    /// Its 3-digit SHEBA code: a SHEBA with it is an account of this bank.
    pub sheba_code: String,
}

/// An official holiday (the contract's `Holiday`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holiday {
    /// Gregorian date, `YYYY-MM-DD` (Tehran).
    pub date: String,
    /// Jalali date, `YYYY/MM/DD`.
    pub date_jalali: String,
    /// Its name in Persian.
    pub title_fa: String,
}

/// A bank named in a reply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BankRef {
    /// Registry id (`melli`).
    pub bank_id: String,
    /// Persian name.
    pub name_fa: String,
    /// English name.
    pub name_en: String,
}

/// Transfer limits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Limits {
    /// Card-to-card.
    pub card_to_card: CardToCardLimits,
    /// PAYA.
    pub paya: PayaLimits,
    /// SATNA.
    pub satna: SatnaLimits,
    /// Transfers to accounts of this bank.
    #[serde(default)]
    pub account_transfer: AccountTransferLimits,
}

/// Limits of transfers to accounts of this bank (by number, or to a SHEBA of
/// this bank): instant, no PAYA or SATNA cycle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountTransferLimits {
    /// Smallest transfer.
    pub per_transfer_min_rials: u64,
    /// Largest transfer.
    pub per_transfer_max_rials: u64,
    /// Per source account per Tehran day.
    pub daily_per_account_rials: u64,
}

impl Default for AccountTransferLimits {
    /// The domain's defaults, the one copy of them.
    fn default() -> Self {
        Self {
            per_transfer_min_rials: 10_000,
            per_transfer_max_rials: 1_000_000_000,
            daily_per_account_rials: 2_000_000_000,
        }
    }
}

/// Card-to-card limits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardToCardLimits {
    /// Smallest transfer.
    pub per_transfer_min_rials: u64,
    /// Largest transfer.
    pub per_transfer_max_rials: u64,
    /// Per card per Tehran day.
    pub daily_per_card_rials: u64,
    /// Per card per Jalali month.
    pub monthly_per_card_rials: u64,
}

/// PAYA limits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PayaLimits {
    /// An order must be strictly below this.
    pub per_order_below_rials: u64,
}

/// SATNA limits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SatnaLimits {
    /// An order must be at least this.
    pub min_rials: u64,
}

/// Fees.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fees {
    /// Per card-to-card transfer.
    pub card_to_card_rials: u64,
    /// Per PAYA order.
    pub paya_rials: u64,
    /// Per SATNA order.
    pub satna_rials: u64,
    /// Kept from a returned SATNA order.
    #[serde(default)]
    pub satna_return_rials: u64,
    /// Per bill payment.
    #[serde(default)]
    pub bill_payment_rials: u64,
    /// Per transfer to an account of this bank.
    #[serde(default)]
    pub account_transfer_rials: u64,
    /// Per top-up or internet package.
    #[serde(default)]
    pub topup_rials: u64,
}

/// Dynamic PIN numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct OtpConfig {
    /// Validity of one PIN.
    pub lifetime_seconds: u64,
    /// Requests allowed per payment.
    pub max_requests_per_payment: u32,
    /// Digits of a PIN.
    pub digits: u32,
}

/// Session numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionConfig {
    /// Idle timeout.
    pub inactivity_timeout_seconds: u64,
    /// Largest idle timeout a customer may choose.
    pub inactivity_timeout_max_seconds: u64,
    /// Absolute lifetime.
    pub absolute_lifetime_seconds: u64,
}

impl Default for BankConfig {
    /// The domain's defaults (`../shared/domain.md`), the one copy of them:
    /// the phone uses them only offline, the sandbox bank starts from them.
    fn default() -> Self {
        Self {
            server_time: String::new(),
            limits: Limits {
                card_to_card: CardToCardLimits {
                    per_transfer_min_rials: 10_000,
                    per_transfer_max_rials: 150_000_000,
                    daily_per_card_rials: 150_000_000,
                    monthly_per_card_rials: 1_500_000_000,
                },
                paya: PayaLimits {
                    per_order_below_rials: 150_000_000,
                },
                satna: SatnaLimits {
                    min_rials: 150_000_000,
                },
                account_transfer: AccountTransferLimits::default(),
            },
            fees: Fees {
                card_to_card_rials: 7_200,
                paya_rials: 20_000,
                satna_rials: 50_000,
                satna_return_rials: 50_000,
                bill_payment_rials: 0,
                account_transfer_rials: 0,
                topup_rials: 0,
            },
            otp: OtpConfig {
                lifetime_seconds: 120,
                max_requests_per_payment: 5,
                digits: 6,
            },
            session: SessionConfig {
                inactivity_timeout_seconds: 300,
                // PSD2 RTS Art. 4(3)(d): at most five minutes without activity.
                inactivity_timeout_max_seconds: 300,
                absolute_lifetime_seconds: 43_200,
            },
            paya_cycles: ["03:45", "09:45", "12:45", "18:45"]
                .map(String::from)
                .to_vec(),
            satna_cutoff: "14:30".to_owned(),
            otp_issuers_not_connected: Vec::new(),
            weekend_days: vec!["friday".to_owned()],
            holidays: Vec::new(),
            bank: None,
        }
    }
}

impl BankConfig {
    /// Whether `sheba` is an account of this bank (known only online).
    pub fn is_own_sheba(&self, sheba: &crate::ids::Sheba) -> bool {
        self.bank
            .as_ref()
            .is_some_and(|bank| bank.sheba_code == sheba.bank_code())
    }

    /// The bank's clock minus this phone's clock, in seconds (for countdowns).
    pub fn clock_offset_seconds(&self, local_now: i64) -> i64 {
        parse_instant(&self.server_time).map_or(0, |bank| bank - local_now)
    }
}

/// Unix seconds of an RFC 3339 instant.
pub fn parse_instant(text: &str) -> Option<i64> {
    text.parse::<jiff::Timestamp>().ok().map(|t| t.as_second())
}

/// This phone's clock, Unix seconds.
pub fn local_now() -> i64 {
    jiff::Timestamp::now().as_second()
}

impl Api {
    /// `config_get`.
    /// Also keeps the bank's clock offset, which signed requests use.
    pub async fn config(&self) -> Result<BankConfig, ChannelError> {
        let config: BankConfig = self
            .call(Method::GET, "/v1/config", None, Auth::None)
            .await?;
        self.note_clock(&config);
        Ok(config)
    }
}
