//! Dates and times as Iranians read them: the Jalali (Persian, Solar Hijri)
//! calendar, Asia/Tehran time, Persian month and weekday names.
//!
//! - [`JalaliDate`]: a valid Jalali date, converted to and from
//!   [`jiff::civil::Date`]. The conversion is ICU4X's Persian calendar, which
//!   follows the official astronomical calendar; the tests check every year
//!   from 1206 to 1498 AP against an independent implementation.
//! - [`tehran`], [`to_tehran`] and [`TehranDateTime`]: the `Asia/Tehran` zone
//!   from a bundled tz database, and a moment as Jalali date and Tehran time.
//! - [`parse_gregorian`] and [`parse_any`]: dates as customers type them, in
//!   ASCII, Persian or Arabic-Indic digits.
//!
//! ```
//! use hamrah_core::calendar::JalaliDate;
//!
//! let date: JalaliDate = "۱۴۰۳/۱۲/۳۰".parse()?;
//! assert_eq!(date.to_gregorian(), jiff::civil::date(2025, 3, 20));
//! assert_eq!(date.to_long_fa(), "پنج\u{200c}شنبه ۳۰ اسفند ۱۴۰۳");
//! # Ok::<(), hamrah_core::calendar::CalendarError>(())
//! ```

mod error;
mod jalali;
mod names;
mod parse;
mod tehran;

pub use error::CalendarError;
pub use jalali::{JalaliDate, MAX_YEAR, MIN_YEAR, days_in_month, is_leap_year};
pub use names::Weekday;
pub use parse::{parse_any, parse_gregorian};
pub use tehran::{TehranDateTime, tehran, to_tehran};
