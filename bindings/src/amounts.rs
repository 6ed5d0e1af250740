//! Amounts as a customer reads them: Persian digits grouped by thousands and
//! the amount in Persian words, both made by the core's [`Rials`], so that no
//! screen formats money itself.

use hamrah_core::money::Rials;

/// The unit every amount is shown in (the bank counts rials).
const UNIT_FA: &str = "ریال";

/// One amount, ready for a screen.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct AmountText {
    /// Grouped Persian digits and the unit: «۱۲٬۵۰۰٬۰۰۰ ریال»; a debit starts with «−».
    pub rials_fa: String,
    /// The amount in Persian words and the unit: «دوازده میلیون و پانصد هزار ریال».
    pub words_fa: String,
}

/// The display forms of an amount of `rials`.
#[uniffi::export]
pub fn amount_text(rials: u64) -> AmountText {
    let amount = Rials::new(rials);
    AmountText {
        rials_fa: format!("{} {UNIT_FA}", amount.grouped_fa()),
        words_fa: format!("{} {UNIT_FA}", amount.words_fa()),
    }
}

/// The display forms of a signed amount (a balance, a statement line): a
/// negative one starts with «−» and its words with «منفی».
#[uniffi::export]
pub fn signed_amount_text(rials: i64) -> AmountText {
    let text = amount_text(rials.unsigned_abs());
    if rials < 0 {
        AmountText {
            rials_fa: format!("−{}", text.rials_fa),
            words_fa: format!("منفی {}", text.words_fa),
        }
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_in_persian_digits_and_names_the_unit() {
        let text = amount_text(12_500_000);
        assert_eq!(text.rials_fa, "۱۲٬۵۰۰٬۰۰۰ ریال");
        assert_eq!(text.words_fa, "دوازده میلیون و پانصد هزار ریال");
    }

    #[test]
    fn a_negative_amount_carries_its_sign() {
        let text = signed_amount_text(-1_000);
        assert_eq!(text.rials_fa, "−۱٬۰۰۰ ریال");
        assert_eq!(text.words_fa, "منفی یک هزار ریال");
        assert_eq!(
            signed_amount_text(i64::MIN).rials_fa.chars().next(),
            Some('−')
        );
        assert_eq!(signed_amount_text(5), amount_text(5));
    }
}
