//! When a SHEBA transfer is expected to settle, from the bank's numbers:
//! PAYA at the next cycle on a business day; SATNA at once on a business day
//! before the cut-off, else at the start of the next business day. The
//! weekend and the holidays come from the bank's config; the bank's receipt
//! has the last word.

use jiff::Timestamp;
use jiff::civil::{Date, Time};
use serde::{Deserialize, Serialize};

use crate::calendar::{JalaliDate, TehranDateTime, tehran};
use crate::client::BankConfig;

/// How far ahead a business day is looked for.
const MAX_DAYS_AHEAD: usize = 400;

/// A moment shown to the customer: Jalali date and Tehran time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Moment {
    /// Unix seconds.
    pub at: i64,
    /// `1403/12/11 12:45`.
    pub jalali: String,
    /// The same in Persian digits.
    pub jalali_fa: String,
    /// `سه‌شنبه ۱۱ اسفند ۱۴۰۳`: the long date.
    pub date_long_fa: String,
}

impl Moment {
    /// A Unix moment in Tehran.
    pub fn new(at: i64) -> Option<Self> {
        let shown = TehranDateTime::from_timestamp(Timestamp::from_second(at).ok()?).ok()?;
        Some(Self {
            at,
            jalali: shown.to_string(),
            jalali_fa: shown.to_persian_string(),
            date_long_fa: shown.date.to_long_fa(),
        })
    }

    /// From the bank's RFC 3339 instant.
    pub fn parse(instant: &str) -> Option<Self> {
        Self::new(crate::client::parse_instant(instant)?)
    }
}

/// The bank's business days.
pub(super) struct BusinessDays<'a> {
    config: &'a BankConfig,
}

impl<'a> BusinessDays<'a> {
    pub(super) fn new(config: &'a BankConfig) -> Self {
        Self { config }
    }

    fn is_business_day(&self, date: Date) -> bool {
        let Ok(jalali) = JalaliDate::from_gregorian(date) else {
            return false;
        };
        let weekday = jalali.weekday().name_en();
        let text = date.to_string();
        !self
            .config
            .weekend_days
            .iter()
            .any(|w| w.eq_ignore_ascii_case(weekday))
            && !self.config.holidays.iter().any(|h| h.date == text)
    }

    fn first_on_or_after(&self, date: Date) -> Option<Date> {
        let mut day = date;
        for _ in 0..MAX_DAYS_AHEAD {
            if self.is_business_day(day) {
                return Some(day);
            }
            day = day.tomorrow().ok()?;
        }
        None
    }

    /// The next PAYA cycle strictly after `now`, on a business day.
    pub(super) fn next_paya_cycle(&self, now: i64) -> Option<i64> {
        let mut times: Vec<Time> = self
            .config
            .paya_cycles
            .iter()
            .filter_map(|c| parse_time(c))
            .collect();
        times.sort();
        let mut day = tehran_date(now)?;
        for _ in 0..MAX_DAYS_AHEAD {
            if self.is_business_day(day) {
                for time in &times {
                    let at = moment(day, *time)?;
                    if at > now {
                        return Some(at);
                    }
                }
            }
            day = day.tomorrow().ok()?;
        }
        None
    }

    /// A SATNA order's effective moment for the Tehran date asked (today when `None`).
    pub(super) fn satna_effective(&self, now: i64, requested: Option<Date>) -> Option<i64> {
        let today = tehran_date(now)?;
        let requested = requested.unwrap_or(today);
        if requested <= today {
            let cutoff = parse_time(&self.config.satna_cutoff)?;
            if self.is_business_day(today) && now < moment(today, cutoff)? {
                return Some(now);
            }
            let day = self.first_on_or_after(today.tomorrow().ok()?)?;
            return moment(day, Time::midnight());
        }
        moment(self.first_on_or_after(requested)?, Time::midnight())
    }
}

/// The Tehran date of a moment.
pub(super) fn tehran_date(unix: i64) -> Option<Date> {
    Some(Timestamp::from_second(unix).ok()?.to_zoned(tehran()).date())
}

fn parse_time(text: &str) -> Option<Time> {
    let (h, m) = text.split_once(':')?;
    Time::new(h.parse().ok()?, m.parse().ok()?, 0, 0).ok()
}

fn moment(day: Date, time: Time) -> Option<i64> {
    Some(
        day.to_datetime(time)
            .to_zoned(tehran())
            .ok()?
            .timestamp()
            .as_second(),
    )
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)] // a test fails loudly
    use super::*;

    fn at(text: &str) -> i64 {
        text.parse::<Timestamp>().unwrap().as_second()
    }

    #[test]
    fn paya_waits_for_the_next_cycle_of_a_business_day() {
        let config = BankConfig::default();
        let days = BusinessDays::new(&config);
        // Saturday 2025-03-01 11:45 Tehran: the 12:45 cycle.
        let next = days.next_paya_cycle(at("2025-03-01T08:15:00Z")).unwrap();
        assert_eq!(Moment::new(next).unwrap().jalali, "1403/12/11 12:45");
        // Thursday 2025-03-06 20:00 Tehran: Friday is the weekend, so Saturday 03:45.
        let next = days.next_paya_cycle(at("2025-03-06T16:30:00Z")).unwrap();
        assert_eq!(Moment::new(next).unwrap().jalali, "1403/12/18 03:45");
    }

    #[test]
    fn satna_after_the_cutoff_moves_to_the_next_business_day() {
        let mut config = BankConfig::default();
        let days = BusinessDays::new(&config);
        let now = at("2025-03-01T08:15:00Z");
        assert_eq!(days.satna_effective(now, None), Some(now));
        // 15:00 Tehran, after the 14:30 cut-off: Sunday at midnight.
        let late = at("2025-03-01T11:30:00Z");
        let next = days.satna_effective(late, None).unwrap();
        assert_eq!(Moment::new(next).unwrap().jalali, "1403/12/12 00:00");
        // A holiday on Sunday moves it to Monday.
        config.holidays.push(crate::client::Holiday {
            date: "2025-03-02".into(),
            date_jalali: "1403/12/12".into(),
            title_fa: "تعطیل".into(),
        });
        let days = BusinessDays::new(&config);
        let next = days.satna_effective(late, None).unwrap();
        assert_eq!(Moment::new(next).unwrap().jalali, "1403/12/13 00:00");
    }
}
