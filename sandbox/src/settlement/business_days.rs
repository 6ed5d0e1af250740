//! Business days and settlement times in Tehran: the next PAYA cycle and a
//! SATNA order's effective date. Weekdays and dates come from the core's
//! calendar and jiff; the weekend and the holidays from the bank.

use std::collections::HashSet;

use hamrah_core::calendar::{JalaliDate, tehran};
use jiff::civil::{Date, Time};
use rusqlite::Connection;

use crate::error::{ApiError, ApiResult};

/// How far ahead a business day is looked for before giving up.
const MAX_DAYS_AHEAD: i32 = 400;

/// The bank's business days: every day but the weekend days and the holidays.
#[derive(Debug, Clone)]
pub struct BusinessCalendar {
    weekend: Vec<String>,
    holidays: HashSet<Date>,
}

impl BusinessCalendar {
    /// The calendar from the rules' weekend days and the `holidays` table.
    pub fn load(conn: &Connection, weekend_days: &[String]) -> ApiResult<Self> {
        let holidays = conn
            .prepare_cached("SELECT date FROM holidays")?
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<Result<Vec<_>, _>>()?
            .iter()
            .filter_map(|text| hamrah_core::calendar::parse_gregorian(text).ok())
            .collect();
        Ok(Self {
            weekend: weekend_days.to_vec(),
            holidays,
        })
    }

    /// Whether banks settle on this Tehran date.
    pub fn is_business_day(&self, date: Date) -> bool {
        let Ok(jalali) = JalaliDate::from_gregorian(date) else {
            return false;
        };
        let weekday = jalali.weekday().name_en();
        !self.weekend.iter().any(|w| w.eq_ignore_ascii_case(weekday))
            && !self.holidays.contains(&date)
    }

    /// The first business day on or after `date`.
    pub fn business_day_on_or_after(&self, date: Date) -> ApiResult<Date> {
        let mut day = date;
        for _ in 0..MAX_DAYS_AHEAD {
            if self.is_business_day(day) {
                return Ok(day);
            }
            day = day.tomorrow().map_err(|_| ApiError::internal())?;
        }
        Err(ApiError::internal())
    }

    /// The first business day strictly after `date`.
    pub fn business_day_after(&self, date: Date) -> ApiResult<Date> {
        self.business_day_on_or_after(date.tomorrow().map_err(|_| ApiError::internal())?)
    }

    /// The first PAYA cycle (Tehran `HH:MM` times) strictly after `now` on a business day.
    pub fn next_paya_cycle(&self, now: i64, cycles: &[String]) -> ApiResult<i64> {
        let mut times = cycles
            .iter()
            .map(|c| parse_time(c))
            .collect::<ApiResult<Vec<_>>>()?;
        times.sort();
        let mut day = tehran_date(now)?;
        for _ in 0..MAX_DAYS_AHEAD {
            if self.is_business_day(day) {
                for time in &times {
                    let at = moment(day, *time)?;
                    if at > now {
                        return Ok(at);
                    }
                }
            }
            day = day.tomorrow().map_err(|_| ApiError::internal())?;
        }
        Err(ApiError::internal())
    }

    /// A SATNA order's effective date and settlement moment: at once when it
    /// is for today, today is a business day and `now` is before the cut-off;
    /// otherwise at the start of the first business day on or after the date
    /// asked for (the next one when the order is for today).
    pub fn satna_effective(
        &self,
        now: i64,
        requested: Option<Date>,
        cutoff: &str,
    ) -> ApiResult<(Date, i64)> {
        let today = tehran_date(now)?;
        let requested = requested.unwrap_or(today);
        if requested <= today {
            let cutoff_at = moment(today, parse_time(cutoff)?)?;
            if self.is_business_day(today) && now < cutoff_at {
                return Ok((today, now));
            }
            let day = self.business_day_after(today)?;
            return Ok((day, start_of_day(day)?));
        }
        let day = self.business_day_on_or_after(requested)?;
        Ok((day, start_of_day(day)?))
    }
}

/// The Tehran calendar date of a moment.
pub fn tehran_date(unix_seconds: i64) -> ApiResult<Date> {
    Ok(jiff::Timestamp::from_second(unix_seconds)
        .map_err(|_| ApiError::internal())?
        .to_zoned(tehran())
        .date())
}

/// The moment of a Tehran wall time on a date, Unix seconds.
pub fn moment(date: Date, time: Time) -> ApiResult<i64> {
    Ok(date
        .to_datetime(time)
        .to_zoned(tehran())
        .map_err(|_| ApiError::internal())?
        .timestamp()
        .as_second())
}

/// The first moment of a Tehran date, Unix seconds.
pub fn start_of_day(date: Date) -> ApiResult<i64> {
    Ok(date
        .to_zoned(tehran())
        .map_err(|_| ApiError::internal())?
        .timestamp()
        .as_second())
}

/// A configured Tehran time of day, `HH:MM`.
pub fn parse_time(hhmm: &str) -> ApiResult<Time> {
    Time::strptime("%H:%M", hhmm).map_err(|_| {
        tracing::error!(hhmm, "bad time of day in the bank's rules");
        ApiError::internal()
    })
}

/// The Jalali form of a Gregorian date, `YYYY/MM/DD`.
pub fn jalali_date(date: Date) -> ApiResult<String> {
    Ok(JalaliDate::from_gregorian(date)
        .map_err(|_| ApiError::internal())?
        .to_string())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn calendar(holidays: &[Date]) -> BusinessCalendar {
        BusinessCalendar {
            weekend: vec!["friday".to_owned()],
            holidays: holidays.iter().copied().collect(),
        }
    }

    fn at(text: &str) -> i64 {
        text.parse::<jiff::Timestamp>().unwrap().as_second()
    }

    fn cycles() -> Vec<String> {
        ["03:45", "09:45", "12:45", "18:45"]
            .map(String::from)
            .to_vec()
    }

    #[test]
    fn paya_waits_for_the_next_cycle() {
        // Sunday 2026-11-22 10:00 Tehran -> 12:45 the same day.
        let cal = calendar(&[]);
        let next = cal
            .next_paya_cycle(at("2026-11-22T06:30:00Z"), &cycles())
            .unwrap();
        assert_eq!(next, at("2026-11-22T09:15:00Z"));
    }

    #[test]
    fn paya_skips_friday_and_holidays() {
        // Thursday 2026-11-26 19:00 Tehran; Friday skipped; Saturday a holiday.
        let cal = calendar(&[jiff::civil::date(2026, 11, 28)]);
        let next = cal
            .next_paya_cycle(at("2026-11-26T15:30:00Z"), &cycles())
            .unwrap();
        assert_eq!(next, at("2026-11-29T00:15:00Z"));
    }

    #[test]
    fn satna_cutoff_and_holidays() {
        let cal = calendar(&[jiff::civil::date(2026, 11, 24)]);
        // Sunday 10:00 Tehran: at once.
        let now = at("2026-11-22T06:30:00Z");
        assert_eq!(
            cal.satna_effective(now, None, "14:30").unwrap(),
            (jiff::civil::date(2026, 11, 22), now)
        );
        // Sunday 15:00 Tehran: Monday.
        let (day, _) = cal
            .satna_effective(at("2026-11-22T11:30:00Z"), None, "14:30")
            .unwrap();
        assert_eq!(day, jiff::civil::date(2026, 11, 23));
        // Asked for the holiday Tuesday: Wednesday, from Tehran midnight.
        let (day, when) = cal
            .satna_effective(now, Some(jiff::civil::date(2026, 11, 24)), "14:30")
            .unwrap();
        assert_eq!(day, jiff::civil::date(2026, 11, 25));
        assert_eq!(when, at("2026-11-24T20:30:00Z"));
    }
}
