//! Search keys that do not care how Persian was typed: Arabic yeh and kaf
//! (`ي`, `ى`, `ك`) as Persian (`ی`, `ک`), hamza and madda forms of alef as
//! alef, `ة`/`ۀ` as `ه`, Persian and Arabic-Indic digits as ASCII, no
//! diacritics, tatweel or zero-width non-joiner, Latin lower-cased, spaces
//! collapsed.

use crate::digits::digit_value;

/// The text as searched.
pub fn search_key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = true;
    for c in text.chars() {
        let mapped = match c {
            'ي' | 'ى' | 'ئ' => 'ی',
            'ك' => 'ک',
            'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
            'ؤ' => 'و',
            'ة' | 'ۀ' => 'ه',
            // Tatweel, zero-width non-joiner and joiner, harakat and the superscript alef.
            '\u{0640}' | '\u{200C}' | '\u{200D}' | '\u{064B}'..='\u{065F}' | '\u{0670}' => continue,
            c => match digit_value(c) {
                Some(d) => char::from(b'0' + d),
                None => c,
            },
        };
        if mapped.is_whitespace() || matches!(mapped, '،' | ',' | '-' | '_' | '.') {
            if !space {
                out.push(' ');
                space = true;
            }
            continue;
        }
        out.extend(mapped.to_lowercase());
        space = false;
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// The Persian alphabet in its order (Unicode's puts `پ چ ژ ک گ ی` after the Arabic letters).
const ALPHABET: &str = "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی";

/// A key that sorts Persian text in the order of the Persian alphabet
/// (letters by their place in it, anything else after them by code point).
pub fn collation_key(text: &str) -> Vec<u32> {
    search_key(text)
        .chars()
        .map(|c| match ALPHABET.chars().position(|a| a == c) {
            Some(place) => 0x20 + place as u32,
            None if c == ' ' => 0x10,
            None => 0x1000 + c as u32,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn persian_typed_on_any_keyboard_gives_one_key() {
        assert_eq!(search_key("تجريش"), search_key("تجریش"));
        assert_eq!(search_key("كرج"), "کرج");
        assert_eq!(search_key("  میدان   آزادی "), "میدان ازادی");
        assert_eq!(search_key("معالی‌آباد"), "معالیاباد");
        assert_eq!(search_key("۱۰۱۲"), "1012");
        assert_eq!(search_key("١٠١٢"), "1012");
        assert_eq!(search_key("شـعـبه"), "شعبه");
        assert_eq!(search_key("Vanak"), "vanak");
        assert_eq!(search_key("چهارراه، زند"), "چهارراه زند");
        assert_eq!(search_key(""), "");
    }

    #[test]
    fn persian_sorts_in_the_order_of_its_alphabet() {
        let mut cities = ["مشهد", "کرج", "تهران", "یزد", "پردیس", "گرگان", "اصفهان"];
        cities.sort_by_key(|c| collation_key(c));
        assert_eq!(
            cities,
            ["اصفهان", "پردیس", "تهران", "کرج", "گرگان", "مشهد", "یزد"]
        );
    }
}
