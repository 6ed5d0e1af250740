//! A card's card-to-card limits with today's and this month's usage
//! (`card_limits_get`), as the limits screen shows them: amounts grouped in
//! Persian digits and the moments the counters reset in Jalali, Tehran time.

use serde::{Deserialize, Serialize};

use crate::calendar::TehranDateTime;
use crate::client::{CardLimits, parse_instant};
use crate::flows::{Context, Problem};
use crate::money::Rials;

/// One period's limit (a Tehran day or a Jalali month).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LimitUsage {
    /// The limit of the period.
    pub limit: Rials,
    /// Used so far (succeeded transfers only).
    pub used: Rials,
    /// Left in the period.
    pub remaining: Rials,
    /// Used, in percent of the limit (0 to 100), for a progress bar.
    pub used_percent: u8,
    /// Left, grouped in Persian digits.
    pub remaining_grouped_fa: String,
    /// Left, in Persian words.
    pub remaining_words_fa: String,
    /// When the counter resets: Jalali date and Tehran time, Persian digits.
    pub resets_at_jalali: Option<String>,
}

impl LimitUsage {
    fn new(limit: u64, used: u64, remaining: u64, resets_at: Option<&str>) -> Self {
        let percent = if limit == 0 {
            100
        } else {
            (u128::from(used.min(limit)) * 100 / u128::from(limit)) as u8
        };
        let remaining = Rials::new(remaining);
        Self {
            limit: Rials::new(limit),
            used: Rials::new(used),
            remaining,
            used_percent: percent,
            remaining_grouped_fa: remaining.grouped_fa(),
            remaining_words_fa: remaining.words_fa(),
            resets_at_jalali: resets_at.and_then(jalali),
        }
    }
}

/// What the limits screen of one card renders.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardLimitsView {
    /// The card.
    pub card_id: String,
    /// Smallest single transfer.
    pub per_transfer_min: Rials,
    /// Largest single transfer.
    pub per_transfer_max: Rials,
    /// Today (Tehran calendar day).
    pub today: LimitUsage,
    /// This Jalali month.
    pub this_month: LimitUsage,
}

impl CardLimitsView {
    /// From the bank's `CardLimits`.
    pub fn new(card_id: &str, limits: &CardLimits) -> Self {
        Self {
            card_id: card_id.to_owned(),
            per_transfer_min: Rials::new(limits.per_transfer_min_rials),
            per_transfer_max: Rials::new(limits.per_transfer_max_rials),
            today: LimitUsage::new(
                limits.daily_limit_rials,
                limits.daily_used_rials,
                limits.daily_remaining_rials,
                limits.day_resets_at.as_deref(),
            ),
            this_month: LimitUsage::new(
                limits.monthly_limit_rials,
                limits.monthly_used_rials,
                limits.monthly_remaining_rials,
                limits.month_resets_at.as_deref(),
            ),
        }
    }
}

/// Asks the bank for a card's limits and usage.
pub async fn card_limits(ctx: &Context, card_id: &str) -> Result<CardLimitsView, Problem> {
    let limits = ctx.api.card_limits(card_id).await?;
    tracing::debug!(
        daily_used = limits.daily_used_rials,
        monthly_used = limits.monthly_used_rials,
        "card limits"
    );
    Ok(CardLimitsView::new(card_id, &limits))
}

fn jalali(instant: &str) -> Option<String> {
    let seconds = parse_instant(instant)?;
    let ts = jiff::Timestamp::from_second(seconds).ok()?;
    TehranDateTime::from_timestamp(ts)
        .ok()
        .map(|t| t.to_persian_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usage_in_percent_and_reset_in_jalali() {
        let usage = LimitUsage::new(
            150_000_000,
            25_000_000,
            125_000_000,
            Some("2025-03-01T20:30:00Z"),
        );
        assert_eq!(usage.used_percent, 16);
        assert_eq!(usage.remaining_grouped_fa, "۱۲۵٬۰۰۰٬۰۰۰");
        // 2025-03-02 00:00 Tehran is 1403/12/12.
        assert_eq!(usage.resets_at_jalali.as_deref(), Some("۱۴۰۳/۱۲/۱۲ ۰۰:۰۰"));
        assert_eq!(LimitUsage::new(0, 0, 0, None).used_percent, 100);
    }
}
