//! Tests of `hamrah_core::calendar` against an independent oracle.
//!
//! `tests/data/jalali_nowruz.json` was made by `scripts/gen_jalali_fixture.mjs`
//! with jalaali-js (Borkowski's algorithm), which shares no code with
//! icu_calendar: for every Jalali year 1206..=1498, the Gregorian date of
//! 1 Farvardin and whether the year is leap.

// Test helpers outside `#[test]` functions may unwrap too.
#![allow(clippy::unwrap_used)]

use hamrah_core::Coded;
use hamrah_core::calendar::{
    CalendarError, JalaliDate, MAX_YEAR, MIN_YEAR, TehranDateTime, Weekday, days_in_month,
    is_leap_year, parse_any, parse_gregorian, tehran, to_tehran,
};
use jiff::civil::{Date, date};

struct Year {
    year: i32,
    nowruz: Date,
    leap: bool,
}

fn fixture() -> Vec<Year> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/jalali_nowruz.json");
    let text = std::fs::read_to_string(path).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    let years: Vec<Year> = json["years"]
        .as_array()
        .unwrap()
        .iter()
        .map(|y| Year {
            year: i32::try_from(y["year"].as_i64().unwrap()).unwrap(),
            nowruz: y["nowruz"].as_str().unwrap().parse().unwrap(),
            leap: y["leap"].as_bool().unwrap(),
        })
        .collect();
    let numbers: Vec<i32> = years.iter().map(|y| y.year).collect();
    assert_eq!(numbers, (1206..=1498).collect::<Vec<_>>());
    years
}

fn j(year: i32, month: u8, day: u8) -> JalaliDate {
    JalaliDate::new(year, month, day).unwrap()
}

#[test]
fn every_nowruz_matches_the_oracle_both_ways() {
    let years = fixture();
    for y in &years {
        let first = j(y.year, 1, 1);
        assert_eq!(first.to_gregorian(), y.nowruz, "1 Farvardin {}", y.year);
        assert_eq!(JalaliDate::from_gregorian(y.nowruz), Ok(first));
        assert_eq!(is_leap_year(y.year), y.leap, "leap {}", y.year);
        let esfand = if y.leap { 30 } else { 29 };
        assert_eq!(days_in_month(y.year, 12), Some(esfand));
        assert_eq!(
            JalaliDate::new(y.year, 12, 30).is_ok(),
            y.leap,
            "30 Esfand {}",
            y.year
        );
        // The day before Nowruz is the last day of the previous year.
        let eve = JalaliDate::from_gregorian(y.nowruz.yesterday().unwrap()).unwrap();
        assert_eq!((eve.year(), eve.month()), (y.year - 1, 12));
        assert_eq!(Some(eve.day()), days_in_month(y.year - 1, 12));
    }
    // The oracle's leap flags agree with its own Nowruz dates.
    for pair in years.windows(2) {
        let length = pair[0].nowruz.until(pair[1].nowruz).unwrap().get_days();
        assert_eq!(
            length,
            if pair[0].leap { 366 } else { 365 },
            "{}",
            pair[0].year
        );
        let last = j(pair[0].year, 12, if pair[0].leap { 30 } else { 29 });
        assert_eq!(last.to_gregorian().tomorrow().unwrap(), pair[1].nowruz);
    }
}

#[test]
fn every_day_round_trips_over_the_oracle_range() {
    let start = date(1827, 3, 22); // 1206/01/01
    let end = date(2120, 3, 20); // 1498/12/30
    let mut gregorian = start;
    let mut previous: Option<JalaliDate> = None;
    let mut count = 0;
    while gregorian <= end {
        let jalali = JalaliDate::from_gregorian(gregorian).unwrap();
        assert_eq!(jalali.to_gregorian(), gregorian);
        assert_eq!(j(jalali.year(), jalali.month(), jalali.day()), jalali);
        assert_eq!(jalali.to_string().parse::<JalaliDate>(), Ok(jalali));
        assert_eq!(jalali.weekday(), Weekday::from(gregorian.weekday()));
        if let Some(previous) = previous {
            assert_eq!(next_day(previous), jalali, "after {previous}");
            assert!(previous < jalali);
        }
        previous = Some(jalali);
        gregorian = gregorian.tomorrow().unwrap();
        count += 1;
    }
    assert_eq!(previous, Some(j(1498, 12, 30)));
    assert_eq!(count, start.until(end).unwrap().get_days() + 1);
}

/// The next Jalali day, computed from month lengths alone.
fn next_day(d: JalaliDate) -> JalaliDate {
    if Some(d.day()) < days_in_month(d.year(), d.month()) {
        j(d.year(), d.month(), d.day() + 1)
    } else if d.month() < 12 {
        j(d.year(), d.month() + 1, 1)
    } else {
        j(d.year() + 1, 1, 1)
    }
}

#[test]
fn known_dates() {
    for (jalali, gregorian) in [
        (j(1403, 12, 30), date(2025, 3, 20)),
        (j(1404, 1, 1), date(2025, 3, 21)),
        (j(1405, 9, 1), date(2026, 11, 22)),
        (j(1378, 10, 11), date(2000, 1, 1)),
        (j(1304, 1, 1), date(1925, 3, 21)),
    ] {
        assert_eq!(jalali.to_gregorian(), gregorian);
        assert_eq!(JalaliDate::from_gregorian(gregorian), Ok(jalali));
        assert_eq!(Date::from(jalali), gregorian);
        assert_eq!(JalaliDate::try_from(gregorian), Ok(jalali));
    }
}

#[test]
fn supported_range_edges() {
    // Proleptic: ICU4X's arithmetic puts 1/1/1 AP on 622-03-21 (proleptic Gregorian).
    assert_eq!(j(MIN_YEAR, 1, 1).to_gregorian(), date(622, 3, 21));
    let last = j(MAX_YEAR, 12, days_in_month(MAX_YEAR, 12).unwrap());
    assert_eq!(last.to_gregorian(), date(3622, 3, 20));
    assert_eq!(
        JalaliDate::from_gregorian(date(622, 3, 20)),
        Err(CalendarError::Range)
    );
    assert_eq!(
        JalaliDate::from_gregorian(date(3622, 3, 21)),
        Err(CalendarError::Range)
    );
    assert_eq!(
        JalaliDate::from_gregorian(Date::MIN),
        Err(CalendarError::Range)
    );
    assert_eq!(
        JalaliDate::from_gregorian(Date::MAX),
        Err(CalendarError::Range)
    );
    assert_eq!(JalaliDate::new(0, 1, 1), Err(CalendarError::Range));
    assert_eq!(JalaliDate::new(3001, 1, 1), Err(CalendarError::Range));
    assert_eq!(JalaliDate::new(i32::MIN, 1, 1), Err(CalendarError::Range));
    assert!(!is_leap_year(0) && !is_leap_year(i32::MAX));
    assert_eq!(days_in_month(3001, 1), None);
}

#[test]
fn invalid_dates() {
    for (year, month, day) in [
        (1404, 12, 30),
        (1403, 13, 1),
        (1403, 0, 1),
        (1403, 1, 0),
        (1403, 1, 32),
        (1403, 7, 31),
        (1403, 12, 31),
    ] {
        assert_eq!(
            JalaliDate::new(year, month, day),
            Err(CalendarError::InvalidDate),
            "{year}/{month}/{day}"
        );
    }
    assert!(JalaliDate::new(1403, 12, 30).is_ok());
    assert_eq!(days_in_month(1403, 1), Some(31));
    assert_eq!(days_in_month(1403, 6), Some(31));
    assert_eq!(days_in_month(1403, 7), Some(30));
    assert_eq!(days_in_month(1404, 12), Some(29));
    assert_eq!(days_in_month(1403, 13), None);
    assert_eq!(days_in_month(1403, 0), None);
}

#[test]
fn names_and_forms() {
    let d = j(1403, 12, 30);
    assert_eq!(d.to_string(), "1403/12/30");
    assert_eq!(j(1403, 1, 5).to_string(), "1403/01/05");
    assert_eq!(d.to_persian_string(), "۱۴۰۳/۱۲/۳۰");
    assert_eq!(d.to_long_fa(), "پنج\u{200c}شنبه ۳۰ اسفند ۱۴۰۳");
    assert_eq!(d.weekday(), Weekday::Thursday);
    assert_eq!(d.month_name_fa(), "اسفند");
    assert_eq!(d.month_name_en(), "Esfand");
    assert_eq!(j(1404, 1, 1).weekday(), Weekday::Friday);
    assert!(j(1404, 1, 1).weekday().is_weekend());
    assert!(!d.weekday().is_weekend());
    assert_eq!(j(1378, 10, 11).weekday(), Weekday::Saturday);

    let fa: Vec<_> = (1..=12).map(|m| j(1403, m, 1).month_name_fa()).collect();
    assert_eq!(
        fa,
        [
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
            "اسفند"
        ]
    );
    let en: Vec<_> = (1..=12).map(|m| j(1403, m, 1).month_name_en()).collect();
    assert_eq!(
        en,
        [
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
            "Esfand"
        ]
    );

    // 1403/01/04 was a Saturday: one whole Persian week from there.
    let week: Vec<_> = (4..=10).map(|day| j(1403, 1, day).weekday()).collect();
    let fa: Vec<_> = week.iter().map(|w| w.name_fa()).collect();
    assert_eq!(
        fa,
        [
            "شنبه",
            "یک\u{200c}شنبه",
            "دوشنبه",
            "سه\u{200c}شنبه",
            "چهارشنبه",
            "پنج\u{200c}شنبه",
            "جمعه"
        ]
    );
    let numbers: Vec<_> = week.iter().map(|w| w.number()).collect();
    assert_eq!(numbers, [1, 2, 3, 4, 5, 6, 7]);
    assert_eq!(week[0].name_en(), "Saturday");
    assert_eq!(week[6].to_string(), "Friday");
}

#[test]
fn parses_jalali_text() {
    let d = j(1403, 12, 30);
    for text in [
        "1403/12/30",
        "1403-12-30",
        " 1403/12/30 ",
        "۱۴۰۳/۱۲/۳۰",
        "١٤٠٣-١٢-٣٠",
        "\u{200f}۱۴۰۳/۱۲/۳۰",
    ] {
        assert_eq!(text.parse::<JalaliDate>(), Ok(d), "{text:?}");
    }
    assert_eq!("1403/1/5".parse::<JalaliDate>(), Ok(j(1403, 1, 5)));
    for text in [
        "",
        "1403",
        "1403/12",
        "1403/12/30/1",
        "1403-12/30",
        "1403//30",
        "1403/123/1",
        "1403/12/300",
        "14O3/12/30",
        "+1403/12/30",
        "1403.12.30",
    ] {
        assert_eq!(
            text.parse::<JalaliDate>(),
            Err(CalendarError::Format),
            "{text:?}"
        );
    }
    assert_eq!(
        "99999999999/1/1".parse::<JalaliDate>(),
        Err(CalendarError::Range)
    );
    assert_eq!("3001/1/1".parse::<JalaliDate>(), Err(CalendarError::Range));
    assert_eq!(
        "1404/12/30".parse::<JalaliDate>(),
        Err(CalendarError::InvalidDate)
    );
}

#[test]
fn parses_gregorian_and_any() {
    for text in ["2025-03-20", "2025/03/20", "۲۰۲۵/۰۳/۲۰", "2025-3-20"] {
        assert_eq!(parse_gregorian(text), Ok(date(2025, 3, 20)), "{text:?}");
    }
    assert_eq!(
        parse_gregorian("2025-02-29"),
        Err(CalendarError::InvalidDate)
    );
    assert_eq!(
        parse_gregorian("2025-13-01"),
        Err(CalendarError::InvalidDate)
    );
    assert_eq!(parse_gregorian("0/1/1"), Err(CalendarError::Range));
    assert_eq!(parse_gregorian("10000/1/1"), Err(CalendarError::Range));
    assert_eq!(parse_gregorian("2025 03 20"), Err(CalendarError::Format));

    let both = (date(2025, 3, 20), j(1403, 12, 30));
    assert_eq!(parse_any("1403/12/30"), Ok(both));
    assert_eq!(parse_any("۲۰۲۵-۰۳-۲۰"), Ok(both));
    assert_eq!(parse_any("1699/1/1").map(|(_, d)| d), Ok(j(1699, 1, 1)));
    assert_eq!(parse_any("1700/1/1").map(|(g, _)| g), Ok(date(1700, 1, 1)));
    assert_eq!(parse_any("1404/12/30"), Err(CalendarError::InvalidDate));
    assert_eq!(parse_any("9999-01-01"), Err(CalendarError::Range));
    assert_eq!(parse_any("x"), Err(CalendarError::Format));
}

#[test]
fn tehran_time() {
    let tz = tehran();
    assert_eq!(tz.iana_name(), Some("Asia/Tehran"));
    let summer_2025: jiff::Timestamp = "2025-06-01T12:00:00Z".parse().unwrap();
    assert_eq!(to_tehran(summer_2025).offset().seconds(), 3 * 3600 + 1800);
    // The compiled-in zone data, not the fixed fallback: Iran kept summer time until 2022.
    let summer_2021: jiff::Timestamp = "2021-06-01T12:00:00Z".parse().unwrap();
    assert_eq!(to_tehran(summer_2021).offset().seconds(), 4 * 3600 + 1800);

    let ts: jiff::Timestamp = "2025-03-20T11:00:09Z".parse().unwrap();
    let t = TehranDateTime::from_timestamp(ts).unwrap();
    assert_eq!(
        (t.date, t.hour, t.minute, t.second),
        (j(1403, 12, 30), 14, 30, 9)
    );
    assert_eq!(t.to_string(), "1403/12/30 14:30");
    assert_eq!(t.to_persian_string(), "۱۴۰۳/۱۲/۳۰ ۱۴:۳۰");

    // 20:30 UTC is already midnight of Nowruz in Tehran.
    let ts: jiff::Timestamp = "2025-03-20T20:30:00Z".parse().unwrap();
    let t = TehranDateTime::from_timestamp(ts).unwrap();
    assert_eq!(t.to_string(), "1404/01/01 00:00");
    assert_eq!(
        TehranDateTime::from_timestamp(jiff::Timestamp::MIN),
        Err(CalendarError::Range)
    );
}

#[test]
fn errors_are_coded_and_do_not_echo_input() {
    let cases = [
        ("1403/12/3x".parse::<JalaliDate>(), "calendar.format"),
        ("5000/01/01".parse::<JalaliDate>(), "calendar.range"),
        ("1404/12/30".parse::<JalaliDate>(), "calendar.invalid_date"),
    ];
    for (result, code) in cases {
        let error = result.unwrap_err();
        assert_eq!(error.code(), code);
        let messages = [error.message_fa(), error.message_en(), error.to_string()];
        for message in messages {
            assert!(!message.is_empty());
            assert!(!message.chars().any(|c| c.is_ascii_digit()), "{message}");
        }
    }
}
