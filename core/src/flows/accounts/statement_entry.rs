//! One statement entry as the bank sends it (`StatementEntry`), with what a
//! screen adds: the amount grouped and in words; and its row in the cache.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::client::parse_instant;
use crate::ids::Sheba;
use crate::money::Rials;
use crate::store::StatementRow;

/// Money in or out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Out of the account.
    Debit,
    /// Into the account.
    Credit,
}

/// One entry of an account's statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatementEntry {
    /// The bank's id of the entry.
    pub entry_id: String,
    /// When it was posted (RFC 3339).
    pub posted_at: String,
    /// When, as a Jalali date and Tehran time.
    pub posted_at_jalali: String,
    /// Debit or credit.
    pub direction: Direction,
    /// The amount (always positive; see `direction`).
    pub amount_rials: u64,
    /// The balance after the entry.
    pub balance_after_rials: i64,
    /// `card_transfer`, `sheba_transfer`, `bill_payment`, `fee`, ...
    pub kind: String,
    /// The bank's description in Persian.
    pub description_fa: String,
    /// Trace number, when there is one.
    #[serde(default)]
    pub trace_number: Option<String>,
    /// Reference number, when there is one.
    #[serde(default)]
    pub reference_number: Option<String>,
    /// The counterparty's name.
    #[serde(default)]
    pub counterparty_name: Option<String>,
    /// The counterparty's card, masked.
    #[serde(default)]
    pub counterparty_pan_masked: Option<String>,
    /// The counterparty's SHEBA (`Debug` masks it).
    #[serde(default)]
    pub counterparty_sheba: Option<Sheba>,
}

impl StatementEntry {
    /// From the bank's JSON (or the cache's copy of it).
    pub fn from_json(json: &Value) -> Option<Self> {
        serde_json::from_value(json.clone()).ok()
    }

    /// The amount grouped in Persian digits with its sign (`−۵٬۰۰۰`).
    pub fn amount_signed_fa(&self) -> String {
        let sign = match self.direction {
            Direction::Debit => "−",
            Direction::Credit => "+",
        };
        format!("{sign}{}", Rials::new(self.amount_rials).grouped_fa())
    }

    /// The amount in Persian words.
    pub fn amount_words_fa(&self) -> String {
        Rials::new(self.amount_rials).words_fa()
    }

    /// The row that caches this entry, searchable by counterparty and amount.
    pub(super) fn row(&self, account_id: &str) -> Option<StatementRow> {
        let amount = i64::try_from(self.amount_rials).ok()?;
        Some(StatementRow {
            entry_id: self.entry_id.clone(),
            account_id: account_id.to_owned(),
            posted_at: parse_instant(&self.posted_at)?,
            amount_rials: match self.direction {
                Direction::Debit => -amount,
                Direction::Credit => amount,
            },
            counterparty: self
                .counterparty_name
                .clone()
                .or_else(|| self.counterparty_pan_masked.clone()),
            entry: serde_json::to_value(self).ok()?,
        })
    }

    /// The cursor of the cache's next page after this entry.
    pub(super) fn cache_cursor(&self) -> Option<(i64, String)> {
        Some((parse_instant(&self.posted_at)?, self.entry_id.clone()))
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn a_bank_entry_becomes_a_signed_searchable_row() {
        let json = json!({
            "entry_id": "pst_000000000015", "posted_at": "2025-03-01T08:15:00Z",
            "posted_at_jalali": "1403/12/11 11:45:00", "direction": "debit",
            "amount_rials": 2_507_200, "balance_after_rials": 792_478_400,
            "kind": "card_transfer", "description_fa": "انتقال کارت به کارت",
            "counterparty_pan_masked": "627353******7575", "channel": "https"
        });
        let entry = StatementEntry::from_json(&json).unwrap();
        assert_eq!(entry.amount_signed_fa(), "−۲٬۵۰۷٬۲۰۰");
        let row = entry.row("acc_1").unwrap();
        assert_eq!(row.amount_rials, -2_507_200);
        assert_eq!(row.posted_at, 1_740_816_900);
        assert_eq!(row.counterparty.as_deref(), Some("627353******7575"));
        assert_eq!(StatementEntry::from_json(&row.entry), Some(entry));
        assert!(StatementEntry::from_json(&json!({"entry_id": "x"})).is_none());
    }
}
