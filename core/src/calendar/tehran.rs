//! Iran's time zone and moments shown the Iranian way.

use std::sync::OnceLock;

use jiff::tz::{Offset, TimeZone};
use jiff::{Timestamp, Zoned};

use super::{CalendarError, JalaliDate};
use crate::digits::to_persian_digits;

/// Iran Standard Time, UTC+03:30, in seconds.
const IRST_SECONDS: i32 = 3 * 3600 + 30 * 60;

/// The `Asia/Tehran` zone of the tz database (TZif, from Debian's tzdata
/// 2025b), compiled in: phones may have no system time zone data, and one
/// zone is about a kilobyte where the whole database is hundreds.
const TEHRAN_TZIF: &[u8] = include_bytes!("asia_tehran.tzif");

/// The `Asia/Tehran` time zone, with its whole history (summer times until
/// 2022), read once from the compiled-in TZif data.
///
/// Should that data ever fail to parse, this falls back to a fixed UTC+03:30. That is
/// exact for every moment since 2022-09-22: Iran abolished daylight saving
/// time by law in 2022, and its clocks have stayed at +03:30 since the end of
/// that summer. Only historical summer times (+04:30 before then) would differ.
pub fn tehran() -> TimeZone {
    static TEHRAN: OnceLock<TimeZone> = OnceLock::new();
    TEHRAN
        .get_or_init(|| TimeZone::tzif("Asia/Tehran", TEHRAN_TZIF).unwrap_or_else(|_| fixed_irst()))
        .clone()
}

/// A fixed UTC+03:30 zone.
fn fixed_irst() -> TimeZone {
    // +03:30 is well inside jiff's offset range, so this never gives UTC.
    Offset::from_seconds(IRST_SECONDS).map_or(TimeZone::UTC, TimeZone::fixed)
}

/// The moment as Tehran wall-clock time.
pub fn to_tehran(ts: Timestamp) -> Zoned {
    ts.to_zoned(tehran())
}

/// A moment shown the Iranian way: Jalali date and Tehran wall time.
///
/// Display gives `1403/12/30 14:30`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TehranDateTime {
    /// The Jalali date in Tehran.
    pub date: JalaliDate,
    /// The hour, 0 to 23.
    pub hour: u8,
    /// The minute, 0 to 59.
    pub minute: u8,
    /// The second, 0 to 59.
    pub second: u8,
}

impl TehranDateTime {
    /// The moment's Jalali date and wall time in Tehran.
    ///
    /// Fails with [`CalendarError::Range`] for a moment whose Tehran date is
    /// outside the Jalali years [`MIN_YEAR`](super::MIN_YEAR)`..=`[`MAX_YEAR`](super::MAX_YEAR).
    pub fn from_timestamp(ts: Timestamp) -> Result<Self, CalendarError> {
        let zoned = to_tehran(ts);
        Ok(Self {
            date: JalaliDate::from_gregorian(zoned.date())?,
            hour: zoned.hour().unsigned_abs(),
            minute: zoned.minute().unsigned_abs(),
            second: zoned.second().unsigned_abs(),
        })
    }

    /// The date and time in Persian digits, for example `۱۴۰۳/۱۲/۳۰ ۱۴:۳۰`.
    pub fn to_persian_string(&self) -> String {
        to_persian_digits(&self.to_string())
    }
}

impl std::fmt::Display for TehranDateTime {
    /// `1403/12/30 14:30`: the date and the wall time to the minute.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {:02}:{:02}", self.date, self.hour, self.minute)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fallback_is_iran_standard_time() {
        let offset = fixed_irst().to_offset(Timestamp::UNIX_EPOCH);
        assert_eq!(offset.seconds(), 12_600);
        assert_eq!(offset.to_string(), "+03:30");
    }

    #[test]
    fn tehran_has_kept_plus_0330_since_2022() {
        // Last summer time ended 2022-09-21 24:00 local; from then on +03:30 only.
        let after: Timestamp = "2022-09-21T20:30:00Z".parse().unwrap();
        assert_eq!(tehran().to_offset(after), fixed_irst().to_offset(after));
        let summer_2030: Timestamp = "2030-07-01T00:00:00Z".parse().unwrap();
        assert_eq!(tehran().to_offset(summer_2030).seconds(), IRST_SECONDS);
        let before: Timestamp = "2022-09-21T19:00:00Z".parse().unwrap();
        assert_eq!(tehran().to_offset(before).seconds(), IRST_SECONDS + 3600);
    }
}
