//! Persian month and weekday names.

/// Month names in Persian, Farvardin first.
const MONTHS_FA: [&str; 12] = [
    "فروردین",
    "اردیبهشت",
    "خرداد",
    "تیر",
    "مرداد",
    "شهریور",
    "مهر",
    "آبان",
    "آذر",
    "دی",
    "بهمن",
    "اسفند",
];

/// Month names in the usual English transliteration, Farvardin first.
const MONTHS_EN: [&str; 12] = [
    "Farvardin",
    "Ordibehesht",
    "Khordad",
    "Tir",
    "Mordad",
    "Shahrivar",
    "Mehr",
    "Aban",
    "Azar",
    "Dey",
    "Bahman",
    "Esfand",
];

/// The Persian name of a month `1..=12`; empty for any other number.
pub(crate) fn month_name_fa(month: u8) -> &'static str {
    month_name(&MONTHS_FA, month)
}

/// The English name of a month `1..=12`; empty for any other number.
pub(crate) fn month_name_en(month: u8) -> &'static str {
    month_name(&MONTHS_EN, month)
}

fn month_name(names: &[&'static str; 12], month: u8) -> &'static str {
    usize::from(month)
        .checked_sub(1)
        .and_then(|i| names.get(i))
        .copied()
        .unwrap_or_default()
}

/// Days of the Persian week, Saturday first.
///
/// Friday is the weekly holiday; other holidays come from the bank's list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Weekday {
    /// شنبه, the first day of the week.
    Saturday,
    /// یک‌شنبه.
    Sunday,
    /// دوشنبه.
    Monday,
    /// سه‌شنبه.
    Tuesday,
    /// چهارشنبه.
    Wednesday,
    /// پنج‌شنبه.
    Thursday,
    /// جمعه, the weekly holiday.
    Friday,
}

impl Weekday {
    /// The Persian name, for example `پنج‌شنبه` (with a zero-width non-joiner).
    pub fn name_fa(self) -> &'static str {
        match self {
            Self::Saturday => "شنبه",
            Self::Sunday => "یک\u{200c}شنبه",
            Self::Monday => "دوشنبه",
            Self::Tuesday => "سه\u{200c}شنبه",
            Self::Wednesday => "چهارشنبه",
            Self::Thursday => "پنج\u{200c}شنبه",
            Self::Friday => "جمعه",
        }
    }

    /// The English name, for example `Thursday`.
    pub fn name_en(self) -> &'static str {
        match self {
            Self::Saturday => "Saturday",
            Self::Sunday => "Sunday",
            Self::Monday => "Monday",
            Self::Tuesday => "Tuesday",
            Self::Wednesday => "Wednesday",
            Self::Thursday => "Thursday",
            Self::Friday => "Friday",
        }
    }

    /// The day's place in the Persian week: 1 for Saturday to 7 for Friday.
    pub fn number(self) -> u8 {
        match self {
            Self::Saturday => 1,
            Self::Sunday => 2,
            Self::Monday => 3,
            Self::Tuesday => 4,
            Self::Wednesday => 5,
            Self::Thursday => 6,
            Self::Friday => 7,
        }
    }

    /// Whether this is the weekly holiday (Friday).
    ///
    /// Business days also exclude official holidays, which only the bank's list knows.
    pub fn is_weekend(self) -> bool {
        self == Self::Friday
    }
}

impl From<jiff::civil::Weekday> for Weekday {
    fn from(day: jiff::civil::Weekday) -> Self {
        match day {
            jiff::civil::Weekday::Saturday => Self::Saturday,
            jiff::civil::Weekday::Sunday => Self::Sunday,
            jiff::civil::Weekday::Monday => Self::Monday,
            jiff::civil::Weekday::Tuesday => Self::Tuesday,
            jiff::civil::Weekday::Wednesday => Self::Wednesday,
            jiff::civil::Weekday::Thursday => Self::Thursday,
            jiff::civil::Weekday::Friday => Self::Friday,
        }
    }
}

impl std::fmt::Display for Weekday {
    /// The English name.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name_en())
    }
}
