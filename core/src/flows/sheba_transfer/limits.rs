//! Which method an amount allows (PAYA strictly below the bank's PAYA limit,
//! SATNA from its minimum), what each costs, and when each settles.

use jiff::civil::Date;

use super::settlement::{BusinessDays, Moment};
use super::state::{Method, MethodOption, ShebaLimits};
use crate::client::BankConfig;
use crate::flows::Problem;

impl ShebaLimits {
    /// From the bank's config and the source's available balance.
    pub fn new(config: &BankConfig, available_rials: u64) -> Self {
        Self {
            paya_below_rials: config.limits.paya.per_order_below_rials,
            satna_min_rials: config.limits.satna.min_rials,
            paya_fee_rials: config.fees.paya_rials,
            satna_fee_rials: config.fees.satna_rials,
            available_rials,
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
}
