//! The issuer's standing (وضعیت اعتباری صادرکننده): the Central Bank's colour
//! code from the issuer's returned cheques not yet cleared, shown before a
//! customer accepts a cheque.
//!
//! The rule, as the Central Bank announced it for the Sayad inquiry (reported
//! e.g. by Mimetals, 1400/01/14, and Sedaye Bourse): white, no returned cheque
//! (or all cleared); yellow, one, or at most 50,000,000 rials; orange, two to
//! four, or at most 200,000,000 rials; brown, five to ten, or at most
//! 500,000,000 rials; red, more than ten, or more than 500,000,000 rials. A
//! record is classed by its count and by its amount, and the worse class wins.

use serde::{Deserialize, Serialize};

/// The colour code, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChequeColour {
    /// No returned cheque, or all cleared.
    White,
    /// One, or at most 50,000,000 rials.
    Yellow,
    /// Two to four, or at most 200,000,000 rials.
    Orange,
    /// Five to ten, or at most 500,000,000 rials.
    Brown,
    /// More than ten, or more than 500,000,000 rials.
    Red,
}

impl ChequeColour {
    /// Every colour, best first.
    pub const ALL: [Self; 5] = [
        Self::White,
        Self::Yellow,
        Self::Orange,
        Self::Brown,
        Self::Red,
    ];

    /// The colour of a record of `count` returned cheques of `amount_rials` in all.
    pub fn of_record(count: u64, amount_rials: u64) -> Self {
        let by_count = match count {
            0 => Self::White,
            1 => Self::Yellow,
            2..=4 => Self::Orange,
            5..=10 => Self::Brown,
            _ => Self::Red,
        };
        let by_amount = match amount_rials {
            0 => Self::White,
            1..=50_000_000 => Self::Yellow,
            50_000_001..=200_000_000 => Self::Orange,
            200_000_001..=500_000_000 => Self::Brown,
            _ => Self::Red,
        };
        by_count.max(by_amount)
    }

    /// The contract's name: `white`, `yellow`, `orange`, `brown`, `red`.
    pub fn id(self) -> &'static str {
        match self {
            Self::White => "white",
            Self::Yellow => "yellow",
            Self::Orange => "orange",
            Self::Brown => "brown",
            Self::Red => "red",
        }
    }

    /// The colour in Persian.
    pub fn name_fa(self) -> &'static str {
        match self {
            Self::White => "سفید",
            Self::Yellow => "زرد",
            Self::Orange => "نارنجی",
            Self::Brown => "قهوه‌ای",
            Self::Red => "قرمز",
        }
    }

    /// What it means, in Persian, for the screen before accepting a cheque.
    pub fn meaning_fa(self) -> &'static str {
        match self {
            Self::White => "صادرکننده چک برگشتی رفع‌نشده ندارد.",
            Self::Yellow => "صادرکننده یک چک برگشتی یا تا ۵ میلیون تومان تعهد برگشتی دارد.",
            Self::Orange => {
                "صادرکننده دو تا چهار چک برگشتی یا تا ۲۰ میلیون تومان تعهد برگشتی دارد."
            }
            Self::Brown => "صادرکننده پنج تا ده چک برگشتی یا تا ۵۰ میلیون تومان تعهد برگشتی دارد.",
            Self::Red => {
                "صادرکننده بیش از ده چک برگشتی یا بیش از ۵۰ میلیون تومان تعهد برگشتی دارد."
            }
        }
    }

    /// Whether a customer should be warned before accepting (anything but white).
    pub fn warns(self) -> bool {
        self != Self::White
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_central_banks_classes_and_the_worse_wins() {
        assert_eq!(ChequeColour::of_record(0, 0), ChequeColour::White);
        assert_eq!(ChequeColour::of_record(1, 50_000_000), ChequeColour::Yellow);
        assert_eq!(ChequeColour::of_record(1, 50_000_001), ChequeColour::Orange);
        assert_eq!(ChequeColour::of_record(4, 1_000), ChequeColour::Orange);
        assert_eq!(ChequeColour::of_record(5, 1_000), ChequeColour::Brown);
        assert_eq!(
            ChequeColour::of_record(10, 500_000_000),
            ChequeColour::Brown
        );
        assert_eq!(ChequeColour::of_record(11, 1_000), ChequeColour::Red);
        assert_eq!(ChequeColour::of_record(1, 500_000_001), ChequeColour::Red);
        assert!(!ChequeColour::White.warns() && ChequeColour::Yellow.warns());
        assert_eq!(ChequeColour::Brown.name_fa(), "قهوه‌ای");
    }
}
