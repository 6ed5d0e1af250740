//! Which method an amount allows (PAYA strictly below the bank's PAYA limit,
//! SATNA from its minimum), what each costs, and when each settles.

use jiff::civil::Date;

use super::settlement::{BusinessDays, Moment};
use super::state::{Method, MethodOption, ShebaLimits};
use crate::client::BankConfig;
use crate::flows::Problem;
use crate::flows::account_transfer::DepositLimits;
use crate::ids::Sheba;

impl ShebaLimits {
    /// From the bank's config and the source's available balance.
    pub fn new(config: &BankConfig, available_rials: u64) -> Self {
        Self {
            paya_below_rials: config.limits.paya.per_order_below_rials,
            satna_min_rials: config.limits.satna.min_rials,
            paya_fee_rials: config.fees.paya_rials,
            satna_fee_rials: config.fees.satna_rials,
            available_rials,
            internal: None,
        }
    }

    /// The limits of a transfer to `destination`: a SHEBA of this bank goes
    /// internal (instant, the bank's own limits and fee, no PAYA/SATNA).
    pub fn to(config: &BankConfig, available_rials: u64, destination: &Sheba) -> Self {
        let internal = config.is_own_sheba(destination).then(|| {
            DepositLimits::new(
                &config.limits.account_transfer,
                config.fees.account_transfer_rials,
                available_rials,
            )
        });
        Self {
            internal,
            ..Self::new(config, available_rials)
        }
    }

    /// The methods `amount` allows, each with its fee and expected settlement
    /// at the bank's `now`; a refusal carries the bank's code.
    pub fn options(
        &self,
        amount: u64,
        config: &BankConfig,
        now: i64,
    ) -> Result<Vec<MethodOption>, Problem> {
        if amount == 0 {
            return Err(Problem::new(
                "amount.invalid",
                "مبلغ باید بیشتر از صفر باشد.",
                "The amount must be more than zero.",
            )
            .at("amount_rials"));
        }
        if let Some(internal) = &self.internal {
            internal.check(amount)?;
            return Ok(vec![self.option(
                Method::Internal,
                amount,
                config,
                now,
                None,
            )]);
        }
        let mut methods = Vec::with_capacity(2);
        if amount < self.paya_below_rials {
            methods.push(Method::Paya);
        }
        if amount >= self.satna_min_rials {
            methods.push(Method::Satna);
        }
        if methods.is_empty() {
            return Err(Problem::new(
                "limit.satna_min",
                "مبلغ برای پایا زیاد و برای ساتنا کم است.",
                "The amount is too large for PAYA and too small for SATNA.",
            )
            .at("amount_rials"));
        }
        let options: Vec<MethodOption> = methods
            .into_iter()
            .map(|method| self.option(method, amount, config, now, None))
            .filter(|o| o.total_rials <= self.available_rials)
            .collect();
        if options.is_empty() {
            return Err(Problem::new(
                "funds.insufficient",
                "موجودی حساب برای این مبلغ و کارمزد آن کافی نیست.",
                "The available balance does not cover the amount and its fee.",
            )
            .at("amount_rials"));
        }
        Ok(options)
    }

    /// One method's fee, total and expected settlement (`effective` for SATNA).
    pub(super) fn option(
        &self,
        method: Method,
        amount: u64,
        config: &BankConfig,
        now: i64,
        effective: Option<Date>,
    ) -> MethodOption {
        let days = BusinessDays::new(config);
        let (fee, settles) = match method {
            Method::Paya => (self.paya_fee_rials, days.next_paya_cycle(now)),
            Method::Satna => (self.satna_fee_rials, days.satna_effective(now, effective)),
            Method::Internal => (
                self.internal
                    .as_ref()
                    .map_or(config.fees.account_transfer_rials, |l| l.fee_rials),
                Some(now),
            ),
        };
        MethodOption {
            method,
            fee_rials: fee,
            total_rials: amount.saturating_add(fee),
            expected_settlement: settles.and_then(Moment::new),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)] // a test fails loudly
    use super::*;

    #[test]
    fn the_amount_chooses_the_method() {
        let config = BankConfig::default();
        let limits = ShebaLimits::new(&config, 10_000_000_000);
        let now = 1_740_816_900;
        let methods = |amount| {
            limits
                .options(amount, &config, now)
                .map(|o| o.iter().map(|o| o.method).collect::<Vec<_>>())
        };
        assert_eq!(methods(149_999_999).unwrap(), [Method::Paya]);
        assert_eq!(methods(150_000_000).unwrap(), [Method::Satna]);
        let mut overlap = config.clone();
        overlap.limits.satna.min_rials = 100_000_000;
        let both = ShebaLimits::new(&overlap, 10_000_000_000)
            .options(120_000_000, &overlap, now)
            .unwrap();
        assert_eq!(both.len(), 2);
        assert_eq!(both[1].total_rials, 120_050_000);
        let poor = ShebaLimits::new(&config, 150_000_000);
        assert_eq!(
            poor.options(150_000_000, &config, now).unwrap_err().code,
            "funds.insufficient"
        );
        let mut gap = config.clone();
        gap.limits.satna.min_rials = 200_000_000;
        let gap_limits = ShebaLimits::new(&gap, 10_000_000_000);
        assert_eq!(
            gap_limits.options(170_000_000, &gap, now).unwrap_err().code,
            "limit.satna_min"
        );
    }

    #[test]
    fn a_sheba_of_this_bank_goes_internal_with_its_own_limits() {
        let mut config = BankConfig::default();
        let own = Sheba::issue("017", crate::ids::AccountType::NonCentral, "100200300501").unwrap();
        let other =
            Sheba::issue("012", crate::ids::AccountType::NonCentral, "7326222975119").unwrap();
        let now = 1_740_816_900;
        // Offline the bank's own code is unknown: PAYA/SATNA as before.
        assert!(
            ShebaLimits::to(&config, 10_000_000_000, &own)
                .internal
                .is_none()
        );
        config.bank = Some(crate::client::OwnBank {
            bank_id: "melli".into(),
            name_fa: "بانک ملی ایران".into(),
            sheba_code: "017".into(),
        });
        let limits = ShebaLimits::to(&config, 10_000_000_000, &own);
        let options = limits.options(300_000_000, &config, now).unwrap();
        assert_eq!(options.len(), 1);
        assert_eq!(options[0].method, Method::Internal);
        assert_eq!(options[0].fee_rials, 0);
        assert_eq!(options[0].expected_settlement.as_ref().unwrap().at, now);
        assert_eq!(
            limits
                .options(1_000_000_001, &config, now)
                .unwrap_err()
                .code,
            "limit.per_transfer_max"
        );
        let elsewhere = ShebaLimits::to(&config, 10_000_000_000, &other);
        let methods = elsewhere.options(300_000_000, &config, now).unwrap();
        assert_eq!(methods[0].method, Method::Satna);
    }
}
