//! Amounts in Persian words, as every confirmation screen shows them.

const ONES: [&str; 20] = [
    "",
    "یک",
    "دو",
    "سه",
    "چهار",
    "پنج",
    "شش",
    "هفت",
    "هشت",
    "نه",
    "ده",
    "یازده",
    "دوازده",
    "سیزده",
    "چهارده",
    "پانزده",
    "شانزده",
    "هفده",
    "هجده",
    "نوزده",
];
const TENS: [&str; 10] = [
    "",
    "",
    "بیست",
    "سی",
    "چهل",
    "پنجاه",
    "شصت",
    "هفتاد",
    "هشتاد",
    "نود",
];
const HUNDREDS: [&str; 10] = [
    "",
    "صد",
    "دویست",
    "سیصد",
    "چهارصد",
    "پانصد",
    "ششصد",
    "هفتصد",
    "هشتصد",
    "نهصد",
];
/// Short-scale names of successive powers of 1000, as Iranian banks use them.
const SCALES: [&str; 7] = [
    "",
    "هزار",
    "میلیون",
    "میلیارد",
    "تریلیون",
    "کوادریلیون",
    "کوینتیلیون",
];

/// A number in Persian words: `1234` is `یک هزار و دویست و سی و چهار`.
///
/// Covers all of `u64` (up to about 18 quintillion).
pub fn persian_words(n: u64) -> String {
    if n == 0 {
        return "صفر".to_owned();
    }
    let mut groups = Vec::with_capacity(SCALES.len());
    let mut rest = n;
    let mut scale = 0;
    while rest > 0 {
        let group = (rest % 1000) as usize;
        if group > 0 {
            let words = below_thousand(group);
            groups.push(match SCALES.get(scale) {
                Some(name) if !name.is_empty() => format!("{words} {name}"),
                _ => words,
            });
        }
        rest /= 1000;
        scale += 1;
    }
    groups.reverse();
    groups.join(" و ")
}

/// 1..=999 in words.
fn below_thousand(n: usize) -> String {
    let mut parts: Vec<&str> = Vec::with_capacity(3);
    let (hundreds, rest) = (n / 100, n % 100);
    if hundreds > 0 {
        parts.push(HUNDREDS[hundreds]);
    }
    if rest >= 20 {
        parts.push(TENS[rest / 10]);
        if rest % 10 > 0 {
            parts.push(ONES[rest % 10]);
        }
    } else if rest > 0 {
        parts.push(ONES[rest]);
    }
    parts.join(" و ")
}

#[cfg(test)]
mod tests {
    use super::persian_words;

    #[test]
    fn small_numbers() {
        assert_eq!(persian_words(0), "صفر");
        assert_eq!(persian_words(7), "هفت");
        assert_eq!(persian_words(13), "سیزده");
        assert_eq!(persian_words(20), "بیست");
        assert_eq!(persian_words(21), "بیست و یک");
        assert_eq!(persian_words(100), "صد");
        assert_eq!(persian_words(105), "صد و پنج");
        assert_eq!(persian_words(999), "نهصد و نود و نه");
    }

    #[test]
    fn scales() {
        assert_eq!(persian_words(1000), "یک هزار");
        assert_eq!(persian_words(1234), "یک هزار و دویست و سی و چهار");
        assert_eq!(persian_words(1_000_001), "یک میلیون و یک");
        assert_eq!(persian_words(150_000_000), "صد و پنجاه میلیون");
        assert_eq!(persian_words(2_500_000_000), "دو میلیارد و پانصد میلیون");
        assert_eq!(persian_words(1_000_000_000_000), "یک تریلیون");
        assert_eq!(persian_words(1_000_000_000_000_000), "یک کوادریلیون");
        assert_eq!(
            persian_words(u64::MAX),
            "هجده کوینتیلیون و چهارصد و چهل و شش کوادریلیون و هفتصد و چهل و چهار تریلیون \
             و هفتاد و سه میلیارد و هفتصد و نه میلیون و پانصد و پنجاه و یک هزار و ششصد و پانزده"
        );
    }
}
