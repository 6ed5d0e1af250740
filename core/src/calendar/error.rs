//! Why a date was refused.

use crate::Coded;

/// Why a date could not be read or built.
///
/// No variant carries the rejected input, so the message is safe to log.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    /// The text is not a date written as year, month and day (`1403/12/30`, `2025-03-20`).
    #[error("the date is not written as year/month/day")]
    Format,
    /// The year is outside the range this calendar supports.
    #[error("the year is outside the supported range")]
    Range,
    /// The month or day does not exist, for example month 13 or 30 Esfand of a common year.
    #[error("no such day exists in the calendar")]
    InvalidDate,
}

impl Coded for CalendarError {
    fn code(&self) -> &str {
        match self {
            Self::Format => "calendar.format",
            Self::Range => "calendar.range",
            Self::InvalidDate => "calendar.invalid_date",
        }
    }

    fn message_fa(&self) -> String {
        match self {
            Self::Format => "تاریخ باید به شکل سال/ماه/روز نوشته شود.",
            Self::Range => "سال خارج از بازهٔ پشتیبانی‌شده است.",
            Self::InvalidDate => "چنین روزی در تقویم وجود ندارد.",
        }
        .to_owned()
    }
}
