//! The registry of Iranian banks and credit institutions.
//!
//! The data lives in `banks.toml` beside this file; `build.rs` validates it
//! and compiles it into static tables, so every lookup here is a binary search
//! over `&'static` data, with no parsing and no allocation at run time.

/// What sort of institution a [`Bank`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A bank.
    Bank,
    /// A credit institution (مؤسسه اعتباری).
    CreditInstitution,
}

/// An Iranian bank or credit institution.
#[derive(Debug, PartialEq, Eq)]
pub struct Bank {
    /// Short lower-case ascii snake_case id, e.g. `"melli"`.
    pub id: &'static str,
    /// Persian name, e.g. `"بانک ملی ایران"`.
    pub name_fa: &'static str,
    /// English name, e.g. `"Bank Melli Iran"`.
    pub name_en: &'static str,
    /// The 3-digit bank codes this bank has in SHEBA numbers.
    pub sheba_codes: &'static [&'static str],
    /// The 6-digit card BINs (first 6 digits of a PAN) this bank issues.
    pub bins: &'static [&'static str],
    /// The id of the bank that absorbed this one, if it was merged.
    pub merged_into: Option<&'static str>,
}

include!(concat!(env!("OUT_DIR"), "/banks_generated.rs"));

impl Bank {
    /// Whether this is a bank or a credit institution.
    pub fn kind(&self) -> Kind {
        BANKS
            .binary_search_by(|b| b.id.cmp(self.id))
            .ok()
            .and_then(|i| KINDS.get(i))
            .copied()
            .unwrap_or(Kind::Bank)
    }

    /// The bank that absorbed this one, if it was merged.
    pub fn successor(&self) -> Option<&'static Bank> {
        self.merged_into.and_then(by_id)
    }
}

/// Every bank in the registry, sorted by id, merged ones included.
pub fn all() -> &'static [Bank] {
    &BANKS
}

/// The bank with this id, e.g. `"mellat"`.
pub fn by_id(id: &str) -> Option<&'static Bank> {
    BANKS
        .binary_search_by(|b| b.id.cmp(id))
        .ok()
        .and_then(|i| BANKS.get(i))
}

/// The issuer of a card from the first 6 digits of its PAN (ASCII digits).
///
/// `bin` must be exactly those 6 digits; anything else gives `None`.
pub fn by_card_bin(bin: &str) -> Option<&'static Bank> {
    lookup(&BY_BIN, bin)
}

/// The bank of a SHEBA from its 3-digit bank code.
pub fn by_sheba_code(code: &str) -> Option<&'static Bank> {
    lookup(&BY_SHEBA, code)
}

fn lookup(table: &'static [(&'static str, u8)], key: &str) -> Option<&'static Bank> {
    let i = table.binary_search_by(|(k, _)| (*k).cmp(key)).ok()?;
    table
        .get(i)
        .and_then(|&(_, bank)| BANKS.get(usize::from(bank)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    const REQUIRED: [(&str, &[&str], &str); 8] = [
        ("melli", &["603799"], "017"),
        ("mellat", &["610433", "991975"], "012"),
        ("saman", &["621986"], "056"),
        ("keshavarzi", &["603770", "639217"], "016"),
        ("tejarat", &["627353", "585983"], "018"),
        ("sepah", &["589210"], "015"),
        ("pasargad", &["502229", "639347"], "057"),
        ("parsian", &["622106", "639194", "627884"], "054"),
    ];

    #[test]
    fn ids_are_unique_and_sorted() {
        let ids: Vec<_> = all().iter().map(|b| b.id).collect();
        assert!(ids.windows(2).all(|w| w[0] < w[1]), "{ids:?}");
    }

    #[test]
    fn bins_are_six_digits_and_unique() {
        let mut seen = HashSet::new();
        for b in all() {
            for bin in b.bins {
                assert!(bin.len() == 6 && bin.bytes().all(|c| c.is_ascii_digit()));
                assert!(seen.insert(*bin), "BIN {bin} twice");
            }
        }
        assert!(seen.len() >= 50, "only {} BINs", seen.len());
    }

    #[test]
    fn sheba_codes_are_three_digits_and_unique() {
        let mut seen = HashSet::new();
        for b in all() {
            for code in b.sheba_codes {
                assert!(code.len() == 3 && code.bytes().all(|c| c.is_ascii_digit()));
                assert!(seen.insert(*code), "SHEBA code {code} twice");
            }
        }
    }

    #[test]
    fn required_banks_resolve() {
        for (id, bins, code) in REQUIRED {
            let bank = by_id(id).unwrap();
            for bin in bins {
                assert_eq!(by_card_bin(bin).unwrap().id, id, "BIN {bin}");
            }
            assert_eq!(by_sheba_code(code).unwrap().id, id, "code {code}");
            assert!(bank.merged_into.is_none());
        }
        assert_eq!(by_id("melli").unwrap().name_fa, "بانک ملی ایران");
        assert_eq!(by_id("melli").unwrap().name_en, "Bank Melli Iran");
    }

    #[test]
    fn every_bank_round_trips() {
        for b in all() {
            assert!(std::ptr::eq(by_id(b.id).unwrap(), b));
            for bin in b.bins {
                assert!(std::ptr::eq(by_card_bin(bin).unwrap(), b));
            }
            for code in b.sheba_codes {
                assert!(std::ptr::eq(by_sheba_code(code).unwrap(), b));
            }
        }
    }

    #[test]
    fn merges_point_at_live_banks() {
        for id in ["ansar", "hekmat", "ghavamin", "kosar", "mehr_eghtesad"] {
            assert_eq!(by_id(id).unwrap().successor().unwrap().id, "sepah");
        }
        for b in all() {
            if let Some(s) = b.successor() {
                assert!(s.merged_into.is_none(), "{} -> {} is merged", b.id, s.id);
            }
        }
    }

    #[test]
    fn kinds() {
        assert_eq!(by_id("melli").unwrap().kind(), Kind::Bank);
        assert_eq!(by_id("melal").unwrap().kind(), Kind::CreditInstitution);
    }

    #[test]
    fn unknown_keys_give_none() {
        for bin in ["000000", "123456", "60379", "6037991", "", "۶۰۳۷۹۹"] {
            assert_eq!(by_card_bin(bin), None, "{bin:?}");
        }
        for code in ["000", "999", "17", "0170", ""] {
            assert_eq!(by_sheba_code(code), None, "{code:?}");
        }
        assert_eq!(by_id("nope"), None);
        assert_eq!(by_id("Melli"), None);
    }
}
