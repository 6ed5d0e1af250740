//! The accounts and cards overview: balances (grouped, in words) and card
//! states, refreshed on demand; a failed refresh keeps the last lists and
//! says why.

use serde::{Deserialize, Serialize};

use crate::client::{Account, Card};
use crate::flows::display::{
    AccountKind, AccountStatus, account_label, account_share_text, card_label, interest_rate_fa,
    sheba_grouped,
};
use crate::flows::{Context, Problem};
use crate::ids::Sheba;
use crate::money::Rials;

/// One account, as the overview shows it (`Debug` shows no full SHEBA).
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountView {
    /// The bank's id of the account.
    pub account_id: String,
    /// Title in Persian (`حساب جاری`).
    pub title_fa: String,
    /// How every screen names it (title and the SHEBA's last four digits).
    pub label_fa: String,
    /// The account's SHEBA (`Debug` masks it).
    pub sheba: Sheba,
    /// The SHEBA masked for display.
    pub sheba_masked: String,
    /// `active`, `blocked` or `closed`.
    pub state: String,
    /// Ledger balance (negative only for overdraft products).
    pub balance_rials: i64,
    /// What may be spent now.
    pub available: Rials,
    /// The available balance grouped in Persian digits.
    pub available_grouped_fa: String,
    /// The available balance in Persian words.
    pub available_words_fa: String,
    /// The account's number as the bank prints it.
    #[serde(default)]
    pub number: String,
    /// Its type in Persian («پس‌انداز»).
    #[serde(default)]
    pub kind_fa: String,
    /// Its state in Persian, for the badge («مسدود»).
    #[serde(default)]
    pub state_fa: String,
    /// Whether money may leave it (offered as a source only then).
    #[serde(default)]
    pub usable: bool,
    /// The line that marks a blocked or closed account; none for one that can pay.
    #[serde(default)]
    pub unusable_note_fa: Option<String>,
    /// The annual rate a deposit earns, in hundredths of a percent.
    #[serde(default)]
    pub interest_basis_points: Option<u32>,
    /// That rate in Persian («سود سالانه ۵٪»).
    #[serde(default)]
    pub interest_rate_fa: Option<String>,
    /// The SHEBA in full, grouped by four as banks print it.
    #[serde(default)]
    pub sheba_grouped: String,
    /// The account's title, number and SHEBA as one text to share.
    #[serde(default)]
    pub share_text_fa: String,
}

impl std::fmt::Debug for AccountView {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AccountView")
            .field("account_id", &self.account_id)
            .field("label_fa", &self.label_fa)
            .field("sheba", &self.sheba)
            .field("state", &self.state)
            .field("kind_fa", &self.kind_fa)
            .field("balance_rials", &self.balance_rials)
            .field("available", &self.available)
            .field("interest_basis_points", &self.interest_basis_points)
            .finish_non_exhaustive()
    }
}

/// One card, as the overview shows it (never the full PAN).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardView {
    /// The bank's id of the card.
    pub card_id: String,
    /// How every screen names it (bank and masked PAN).
    pub label_fa: String,
    /// Masked PAN.
    pub pan_masked: String,
    /// Holder's name.
    pub holder_name_fa: String,
    /// Issuer's Persian name.
    pub bank_name_fa: String,
    /// The account behind the card.
    pub account_id: String,
    /// `active`, `blocked` or `expired`.
    pub state: String,
}

/// What the overview screen renders.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OverviewState {
    /// The customer's accounts.
    pub accounts: Vec<AccountView>,
    /// The customer's cards of this bank.
    pub cards: Vec<CardView>,
    /// When the lists were last fetched, bank clock, Unix seconds.
    pub refreshed_at: i64,
    /// Why the last refresh failed (the lists are then the previous ones).
    pub error: Option<Problem>,
}

impl AccountView {
    fn of(account: &Account) -> Result<Self, Problem> {
        let sheba: Sheba = account
            .sheba
            .parse()
            .map_err(|_| crate::flows::journey::unreadable_receipt())?;
        let available = Rials::new(account.available_balance_rials);
        let status = AccountStatus::of(&account.state);
        let interest_basis_points = account
            .interest_rate_percent
            .as_ref()
            .and_then(serde_json::Number::as_f64)
            .filter(|rate| (0.0..=100.0).contains(rate))
            .map(|rate| (rate * 100.0).round() as u32);
        Ok(Self {
            account_id: account.account_id.clone(),
            title_fa: account.title_fa.clone(),
            label_fa: account_label(&account.title_fa, &account.sheba),
            sheba_masked: sheba.masked(),
            sheba,
            state: account.state.clone(),
            balance_rials: account.balance_rials,
            available,
            available_grouped_fa: available.grouped_fa(),
            available_words_fa: available.words_fa(),
            number: account.number.clone(),
            kind_fa: AccountKind::of(&account.kind).name_fa().to_owned(),
            state_fa: status.name_fa().to_owned(),
            usable: status.usable(),
            unusable_note_fa: (!status.usable()).then(|| {
                format!(
                    "{}: برداشت و انتقال از این حساب ممکن نیست.",
                    status.name_fa()
                )
            }),
            interest_basis_points,
            interest_rate_fa: interest_basis_points.map(interest_rate_fa),
            sheba_grouped: sheba_grouped(&account.sheba),
            share_text_fa: account_share_text(&account.title_fa, &account.number, &account.sheba),
        })
    }
}

impl From<&Card> for CardView {
    fn from(card: &Card) -> Self {
        Self {
            card_id: card.card_id.clone(),
            label_fa: card_label(&card.bank.name_fa, &card.pan_masked),
            pan_masked: card.pan_masked.clone(),
            holder_name_fa: card.holder_name_fa.clone(),
            bank_name_fa: card.bank.name_fa.clone(),
            account_id: card.account_id.clone(),
            state: card.state.clone(),
        }
    }
}

/// The overview of one logged-in customer.
#[derive(Debug)]
pub struct Overview {
    ctx: Context,
    state: OverviewState,
}

impl Overview {
    /// Fetches the accounts and cards.
    pub async fn load(ctx: Context) -> Result<Self, Problem> {
        let (accounts, cards) = fetch(&ctx).await?;
        let state = OverviewState {
            accounts,
            cards,
            refreshed_at: ctx.bank_now(),
            error: None,
        };
        tracing::debug!(
            accounts = state.accounts.len(),
            cards = state.cards.len(),
            "overview loaded"
        );
        Ok(Self { ctx, state })
    }

    /// The state to render.
    pub fn state(&self) -> &OverviewState {
        &self.state
    }

    /// Fetches again; on failure the previous lists stay, with the problem.
    pub async fn refresh(&mut self) -> &OverviewState {
        match fetch(&self.ctx).await {
            Ok((accounts, cards)) => {
                self.state = OverviewState {
                    accounts,
                    cards,
                    refreshed_at: self.ctx.bank_now(),
                    error: None,
                };
            }
            Err(problem) => {
                tracing::info!(code = %problem.code, "overview refresh failed; showing the last lists");
                self.state.error = Some(problem);
            }
        }
        &self.state
    }

    /// One account by id.
    pub fn account(&self, account_id: &str) -> Option<&AccountView> {
        self.state
            .accounts
            .iter()
            .find(|a| a.account_id == account_id)
    }

    /// One card by id.
    pub fn card(&self, card_id: &str) -> Option<&CardView> {
        self.state.cards.iter().find(|c| c.card_id == card_id)
    }
}

async fn fetch(ctx: &Context) -> Result<(Vec<AccountView>, Vec<CardView>), Problem> {
    let accounts = ctx.api.accounts().await?;
    let cards = ctx.api.cards().await?;
    crate::sms::directory::remember_accounts(&ctx.store, &accounts);
    crate::sms::directory::remember_cards(&ctx.store, &cards);
    let accounts = accounts
        .iter()
        .map(AccountView::of)
        .collect::<Result<Vec<_>, _>>()?;
    Ok((accounts, cards.iter().map(CardView::from).collect()))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn an_account_says_its_type_rate_state_and_full_sheba() {
        let account: Account = serde_json::from_value(json!({
            "account_id": "acc_2", "number": "100200300402", "sheba": "IR820540102680020817909002",
            "title_fa": "حساب پس‌انداز", "type": "savings", "state": "blocked",
            "balance_rials": 5_000, "available_balance_rials": 5_000,
            "interest_rate_percent": 18.5
        }))
        .unwrap();
        let view = AccountView::of(&account).unwrap();
        assert_eq!(view.kind_fa, "پس‌انداز");
        assert_eq!(view.interest_basis_points, Some(1850));
        assert_eq!(view.interest_rate_fa.as_deref(), Some("سود سالانه ۱۸٫۵٪"));
        assert_eq!(view.state_fa, "مسدود");
        assert!(!view.usable);
        assert_eq!(
            view.unusable_note_fa.as_deref(),
            Some("مسدود: برداشت و انتقال از این حساب ممکن نیست.")
        );
        assert_eq!(view.sheba_grouped, "IR82 0540 1026 8002 0817 9090 02");
        assert!(view.share_text_fa.contains("IR820540102680020817909002"));
        assert!(view.share_text_fa.contains("100200300402"));
        let debug = format!("{view:?}");
        assert!(!debug.contains("IR820540102680020817909002") && !debug.contains("0540 1026"));
    }

    #[test]
    fn a_current_account_earns_nothing_and_a_nonsense_rate_is_not_shown() {
        let mut json = json!({
            "account_id": "acc_1", "sheba": "IR030171000000100200300401", "title_fa": "حساب جاری",
            "type": "current", "state": "active", "balance_rials": 0, "available_balance_rials": 0
        });
        let view = AccountView::of(&serde_json::from_value(json.clone()).unwrap()).unwrap();
        assert!(view.usable && view.interest_rate_fa.is_none());
        assert!(view.unusable_note_fa.is_none());
        json["interest_rate_percent"] = json!(-3);
        let view = AccountView::of(&serde_json::from_value(json).unwrap()).unwrap();
        assert!(view.interest_basis_points.is_none());
    }
}
