//! `hamrah date`: a date in both calendars.

use clap::Args;
use hamrah_core::calendar;
use serde_json::json;

use crate::report::Report;

/// Convert a date between the Gregorian and Jalali calendars.
#[derive(Debug, Args)]
pub struct Date {
    /// `YYYY-MM-DD` or `YYYY/MM/DD`; a year below 1700 is read as Jalali.
    date: String,
}

impl Date {
    /// Runs the command.
    pub fn run(self) -> Report {
        match calendar::parse_any(&self.date) {
            Ok((gregorian, jalali)) => {
                let weekday = jalali.weekday();
                Report::valid(
                    json!({
                        "gregorian": gregorian.to_string(),
                        "jalali": jalali.to_string(),
                        "jalali_fa": jalali.to_persian_string(),
                        "month_fa": jalali.month_name_fa(),
                        "weekday_fa": weekday.name_fa(),
                        "weekday_en": weekday.name_en(),
                    }),
                    false,
                    format!(
                        "{}\n{} / {}  ({})",
                        jalali.to_long_fa(),
                        jalali,
                        gregorian,
                        weekday.name_en()
                    ),
                )
            }
            Err(error) => Report::invalid(&error),
        }
    }
}
