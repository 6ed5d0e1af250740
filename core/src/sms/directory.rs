//! The SMS channel's directory: an SMS frame names an account or a card by
//! its index in the bank's list, so each time the lists come over HTTPS
//! their labels are kept in the local store (sealed), and the SMS screens
//! can name the indexes when data is off.

use crate::client::{Account, Card};
use crate::flows::display;
use crate::store::{DirectoryKind, Store};

/// An account as every screen names it ([`display::account_label`]).
fn account_label(account: &Account) -> String {
    display::account_label(&account.title_fa, &account.sheba)
}

/// A card as every screen names it ([`display::card_label`]).
fn card_label(card: &Card) -> String {
    display::card_label(&card.bank.name_fa, &card.pan_masked)
}

/// Keeps the labels of `accounts`, in the bank's order. A failure is only
/// logged: the lists were fetched, and the directory is a convenience.
pub fn remember_accounts(store: &Store, accounts: &[Account]) {
    let labels: Vec<String> = accounts.iter().map(account_label).collect();
    keep(store, DirectoryKind::Account, &labels);
}

/// Keeps the labels of `cards`, in the bank's order (see [`remember_accounts`]).
pub fn remember_cards(store: &Store, cards: &[Card]) {
    let labels: Vec<String> = cards.iter().map(card_label).collect();
    keep(store, DirectoryKind::Card, &labels);
}

fn keep(store: &Store, kind: DirectoryKind, labels: &[String]) {
    if let Err(error) = store.replace_sms_directory(kind, labels) {
        tracing::warn!(code = %crate::Coded::code(&error), "could not keep the SMS directory");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::client::BankRef;

    #[test]
    fn labels_name_without_giving_the_numbers_away() {
        let account = Account {
            account_id: "acc_1".into(),
            sheba: "IR030171000000100200300401".into(),
            title_fa: "حساب جاری".into(),
            state: "active".into(),
            balance_rials: 0,
            available_balance_rials: 0,
            number: "100200300401".into(),
            kind: "current".into(),
            interest_rate_percent: None,
        };
        assert_eq!(account_label(&account), "حساب جاری …0401");
        let card = Card {
            card_id: "crd_1".into(),
            pan: "6037991002003014".into(),
            pan_masked: "603799******3014".into(),
            holder_name_fa: "سارا احمدی".into(),
            bank: BankRef {
                bank_id: "melli".into(),
                name_fa: "بانک ملی ایران".into(),
                name_en: "Bank Melli Iran".into(),
            },
            account_id: "acc_1".into(),
            state: "active".into(),
        };
        assert_eq!(card_label(&card), "بانک ملی ایران 603799******3014");
    }
}
