//! Reading dates typed as `year/month/day` or `year-month-day`, in any digit script.

use super::{CalendarError, JalaliDate};
use crate::digits::digit_value;

/// Years below this are read by [`parse_any`] as Jalali, the rest as Gregorian.
const FIRST_GREGORIAN_YEAR: u32 = 1700;

/// Invisible direction marks that Persian keyboards and copied text often carry.
const BIDI_MARKS: [char; 3] = ['\u{200e}', '\u{200f}', '\u{061c}'];

/// The year, month and day numbers of `year/month/day` or `year-month-day`.
///
/// Digits may be ASCII, Persian or Arabic-Indic; surrounding white space and
/// direction marks are ignored. Both separators must be the same character.
/// Month and day have one or two digits. A year too large for `u32` is a
/// [`CalendarError::Range`]; every other malformed text a [`CalendarError::Format`].
pub(crate) fn split_ymd(text: &str) -> Result<(u32, u8, u8), CalendarError> {
    let cleaned: String = text.chars().filter(|c| !BIDI_MARKS.contains(c)).collect();
    let cleaned = cleaned.trim();
    let separator = cleaned
        .chars()
        .find(|c| matches!(c, '/' | '-'))
        .ok_or(CalendarError::Format)?;
    let mut fields = cleaned.split(separator);
    let (Some(year), Some(month), Some(day), None) =
        (fields.next(), fields.next(), fields.next(), fields.next())
    else {
        return Err(CalendarError::Format);
    };
    let year = number(year, usize::MAX)?;
    let month = number(month, 2)?;
    let day = number(day, 2)?;
    let month = u8::try_from(month).map_err(|_| CalendarError::Format)?;
    let day = u8::try_from(day).map_err(|_| CalendarError::Format)?;
    Ok((year, month, day))
}

/// The value of a field of one to `max_digits` digits.
fn number(field: &str, max_digits: usize) -> Result<u32, CalendarError> {
    let mut value: u32 = 0;
    let mut count = 0;
    for c in field.chars() {
        let digit = digit_value(c).ok_or(CalendarError::Format)?;
        count += 1;
        value = value
            .checked_mul(10)
            .and_then(|v| v.checked_add(u32::from(digit)))
            .ok_or(CalendarError::Range)?;
    }
    if count == 0 || count > max_digits {
        return Err(CalendarError::Format);
    }
    Ok(value)
}

/// Reads a Gregorian date written `2025-03-20` or `2025/03/20`.
///
/// Persian and Arabic-Indic digits are accepted. Years run from 1 to 9999.
pub fn parse_gregorian(text: &str) -> Result<jiff::civil::Date, CalendarError> {
    let (year, month, day) = split_ymd(text)?;
    gregorian(year, month, day)
}

/// Reads `YYYY-MM-DD` or `YYYY/MM/DD`; a year below 1700 is read as Jalali,
/// any other as Gregorian. Returns the date in both calendars.
///
/// So `1403/12/30` and `2025-03-20` both give (2025-03-20, 1403/12/30).
pub fn parse_any(text: &str) -> Result<(jiff::civil::Date, JalaliDate), CalendarError> {
    let (year, month, day) = split_ymd(text)?;
    if year < FIRST_GREGORIAN_YEAR {
        let year = i32::try_from(year).map_err(|_| CalendarError::Range)?;
        let jalali = JalaliDate::new(year, month, day)?;
        Ok((jalali.to_gregorian(), jalali))
    } else {
        let date = gregorian(year, month, day)?;
        Ok((date, JalaliDate::from_gregorian(date)?))
    }
}

fn gregorian(year: u32, month: u8, day: u8) -> Result<jiff::civil::Date, CalendarError> {
    let year = i16::try_from(year)
        .ok()
        .filter(|y| (1..=9999).contains(y))
        .ok_or(CalendarError::Range)?;
    let month = i8::try_from(month).map_err(|_| CalendarError::InvalidDate)?;
    let day = i8::try_from(day).map_err(|_| CalendarError::InvalidDate)?;
    jiff::civil::Date::new(year, month, day).map_err(|_| CalendarError::InvalidDate)
}
