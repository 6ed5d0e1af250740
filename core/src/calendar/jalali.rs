//! [`JalaliDate`] and its conversion to and from the Gregorian calendar.
//!
//! The arithmetic is ICU4X's Persian calendar (`icu_calendar`): the 33-year
//! leap rule with a correction table that matches the astronomical calendar
//! (vernal equinox before or after noon on the 52.5° E meridian) from 1178 to
//! 3000 AP. The tests check it against an independent implementation for every
//! year from 1206 to 1498 AP. Before 1178 AP (and before the calendar became
//! official in 1304 AP) dates are proleptic arithmetic and may differ by a day
//! from other implementations.

use icu_calendar::{Date, Iso, cal::Persian};

use super::{CalendarError, Weekday, names, parse};
use crate::digits::to_persian_digits;

/// The first Jalali year a [`JalaliDate`] can hold (from 622-03-21, proleptic Gregorian).
pub const MIN_YEAR: i32 = 1;
/// The last Jalali year a [`JalaliDate`] can hold (up to 3622-03-20).
pub const MAX_YEAR: i32 = 3000;

/// A valid date of the Jalali calendar, in the years [`MIN_YEAR`]`..=`[`MAX_YEAR`].
///
/// Dates order by time. Display gives `1403/12/30`; parsing accepts that,
/// `1403-12-30`, `1403/1/5` and Persian or Arabic-Indic digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct JalaliDate {
    year: i32,
    month: u8,
    day: u8,
    /// The same day in the Gregorian calendar, fixed by the constructors.
    gregorian: jiff::civil::Date,
}

impl JalaliDate {
    /// The date `year/month/day`.
    ///
    /// Fails with [`CalendarError::Range`] for a year outside
    /// [`MIN_YEAR`]`..=`[`MAX_YEAR`] and [`CalendarError::InvalidDate`] for a
    /// month or day that does not exist (month 13, 30 Esfand of a common year).
    pub fn new(year: i32, month: u8, day: u8) -> Result<Self, CalendarError> {
        if !in_range(year) {
            return Err(CalendarError::Range);
        }
        let last = days_in_month(year, month).ok_or(CalendarError::InvalidDate)?;
        if day == 0 || day > last {
            return Err(CalendarError::InvalidDate);
        }
        let iso = Date::try_new_persian(year, month, day)
            .map_err(|_| CalendarError::InvalidDate)?
            .to_calendar(Iso);
        let gregorian = jiff::civil::Date::new(
            i16::try_from(iso.year().extended_year()).map_err(|_| CalendarError::Range)?,
            i8::try_from(iso.month().ordinal).map_err(|_| CalendarError::Range)?,
            i8::try_from(iso.day_of_month().0).map_err(|_| CalendarError::Range)?,
        )
        .map_err(|_| CalendarError::Range)?;
        Ok(Self {
            year,
            month,
            day,
            gregorian,
        })
    }

    /// The Jalali date of a Gregorian day.
    ///
    /// Fails with [`CalendarError::Range`] before 622-03-21 or after 3622-03-20
    /// (outside Jalali years [`MIN_YEAR`]`..=`[`MAX_YEAR`]).
    pub fn from_gregorian(date: jiff::civil::Date) -> Result<Self, CalendarError> {
        let iso = Date::try_new_iso(
            i32::from(date.year()),
            date.month().unsigned_abs(),
            date.day().unsigned_abs(),
        )
        .map_err(|_| CalendarError::Range)?;
        let persian = iso.to_calendar(Persian);
        let year = persian.year().extended_year();
        if !in_range(year) {
            return Err(CalendarError::Range);
        }
        Ok(Self {
            year,
            month: persian.month().ordinal,
            day: persian.day_of_month().0,
            gregorian: date,
        })
    }

    /// The same day in the Gregorian calendar.
    pub fn to_gregorian(&self) -> jiff::civil::Date {
        self.gregorian
    }

    /// The year, for example 1403.
    pub fn year(&self) -> i32 {
        self.year
    }

    /// The month, 1 (Farvardin) to 12 (Esfand).
    pub fn month(&self) -> u8 {
        self.month
    }

    /// The day of the month, 1 to 31.
    pub fn day(&self) -> u8 {
        self.day
    }

    /// The day of the week.
    pub fn weekday(&self) -> Weekday {
        self.gregorian.weekday().into()
    }

    /// The month's Persian name, `فروردین` to `اسفند`.
    pub fn month_name_fa(&self) -> &'static str {
        names::month_name_fa(self.month)
    }

    /// The month's English name, `Farvardin` to `Esfand`.
    pub fn month_name_en(&self) -> &'static str {
        names::month_name_en(self.month)
    }

    /// The date in Persian digits, for example `۱۴۰۳/۱۲/۳۰`.
    pub fn to_persian_string(&self) -> String {
        to_persian_digits(&self.to_string())
    }

    /// The long Persian form, for example `پنج‌شنبه ۳۰ اسفند ۱۴۰۳`.
    pub fn to_long_fa(&self) -> String {
        to_persian_digits(&format!(
            "{} {} {} {}",
            self.weekday().name_fa(),
            self.day,
            self.month_name_fa(),
            self.year
        ))
    }
}

impl std::fmt::Display for JalaliDate {
    /// `year/month/day` with two-digit month and day, for example `1403/01/05`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{:02}/{:02}", self.year, self.month, self.day)
    }
}

impl std::str::FromStr for JalaliDate {
    type Err = CalendarError;

    /// Reads `1403/12/30`, `1403-12-30` or `1403/1/5`, in any digit script.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let (year, month, day) = parse::split_ymd(text)?;
        let year = i32::try_from(year).map_err(|_| CalendarError::Range)?;
        Self::new(year, month, day)
    }
}

impl TryFrom<jiff::civil::Date> for JalaliDate {
    type Error = CalendarError;

    /// Same as [`JalaliDate::from_gregorian`].
    fn try_from(date: jiff::civil::Date) -> Result<Self, Self::Error> {
        Self::from_gregorian(date)
    }
}

impl From<JalaliDate> for jiff::civil::Date {
    /// Same as [`JalaliDate::to_gregorian`].
    fn from(date: JalaliDate) -> Self {
        date.gregorian
    }
}

fn in_range(year: i32) -> bool {
    (MIN_YEAR..=MAX_YEAR).contains(&year)
}

/// Whether a Jalali year has 366 days (Esfand has 30 days).
///
/// False for years outside [`MIN_YEAR`]`..=`[`MAX_YEAR`].
pub fn is_leap_year(year: i32) -> bool {
    in_range(year) && Date::try_new_persian(year, 12, 30).is_ok()
}

/// The number of days in a Jalali month: 31 for months 1–6, 30 for 7–11,
/// and 29 or 30 (leap year) for Esfand.
///
/// `None` for a month outside `1..=12` or a year outside [`MIN_YEAR`]`..=`[`MAX_YEAR`].
pub fn days_in_month(year: i32, month: u8) -> Option<u8> {
    if !in_range(year) {
        return None;
    }
    match month {
        1..=6 => Some(31),
        7..=11 => Some(30),
        12 if is_leap_year(year) => Some(30),
        12 => Some(29),
        _ => None,
    }
}
