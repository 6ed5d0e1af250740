//! How the information screens write ages, distances and rates, in Persian
//! digits.

use crate::digits::to_persian_digits;

/// How long ago, as a customer reads it: `همین حالا`, `۵ دقیقه پیش`,
/// `۲ ساعت پیش`, `۳ روز پیش`.
pub fn age_fa(seconds: u64) -> String {
    let (count, unit) = match seconds {
        0..60 => return "همین حالا".to_owned(),
        60..3600 => (seconds / 60, "دقیقه"),
        3600..86_400 => (seconds / 3600, "ساعت"),
        _ => (seconds / 86_400, "روز"),
    };
    format!("{} {unit} پیش", to_persian_digits(&count.to_string()))
}

/// A distance: `۸۵۰ متر`, `۱٫۲ کیلومتر`, `۱۲۴ کیلومتر`.
pub fn distance_fa(meters: u32) -> String {
    if meters < 1000 {
        return format!("{} متر", to_persian_digits(&meters.to_string()));
    }
    let tenths = (meters + 50) / 100;
    let text = if meters >= 100_000 {
        ((meters + 500) / 1000).to_string()
    } else if tenths.is_multiple_of(10) {
        (tenths / 10).to_string()
    } else {
        format!("{}\u{066B}{}", tenths / 10, tenths % 10)
    };
    format!("{} کیلومتر", to_persian_digits(&text))
}

/// A rate of basis points as a percentage: `۲۰٫۵٪`, `۵٪`, `۱۰٫۲۵٪`.
pub fn rate_fa(basis_points: u32) -> String {
    let (whole, rest) = (basis_points / 100, basis_points % 100);
    let text = match rest {
        0 => whole.to_string(),
        r if r.is_multiple_of(10) => format!("{whole}\u{066B}{}", r / 10),
        r => format!("{whole}\u{066B}{r:02}"),
    };
    format!("{}\u{066A}", to_persian_digits(&text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_distances_and_rates_read_as_persian() {
        assert_eq!(age_fa(0), "همین حالا");
        assert_eq!(age_fa(59), "همین حالا");
        assert_eq!(age_fa(300), "۵ دقیقه پیش");
        assert_eq!(age_fa(7200), "۲ ساعت پیش");
        assert_eq!(age_fa(7199), "۱ ساعت پیش");
        assert_eq!(age_fa(3 * 86_400 + 5), "۳ روز پیش");
        assert_eq!(distance_fa(850), "۸۵۰ متر");
        assert_eq!(distance_fa(1_234), "۱٫۲ کیلومتر");
        assert_eq!(distance_fa(2_000), "۲ کیلومتر");
        assert_eq!(distance_fa(123_600), "۱۲۴ کیلومتر");
        assert_eq!(rate_fa(2050), "۲۰٫۵٪");
        assert_eq!(rate_fa(500), "۵٪");
        assert_eq!(rate_fa(1025), "۱۰٫۲۵٪");
        assert_eq!(rate_fa(0), "۰٪");
    }
}
