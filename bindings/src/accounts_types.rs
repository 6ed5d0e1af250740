//! The accounts' records as the screens show them, made by the core's
//! account flows (`hamrah_core::flows::accounts`): labels, balances in
//! Persian digits and words, card states, statement entries with a typed
//! direction, card limits.

use hamrah_core::flows::accounts as core;
use hamrah_core::flows::display::{self, CardStatus};
use hamrah_core::money::Rials;

use crate::amounts::{AmountText, amount_text, signed_amount_text};
use crate::types::{ProblemInfo, problem};

/// One of the customer's accounts.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct AccountInfo {
    /// The bank's id.
    pub account_id: String,
    /// Title in Persian.
    pub title_fa: String,
    /// How every screen names it (title and the SHEBA's last four digits).
    pub label_fa: String,
    /// The account's SHEBA (shown on request).
    pub sheba: String,
    /// The SHEBA masked.
    pub sheba_masked: String,
    /// `active`, `blocked` or `closed`.
    pub state: String,
    /// Ledger balance.
    pub balance_rials: i64,
    /// The ledger balance as shown (a negative one with «−»).
    pub balance: AmountText,
    /// Available balance.
    pub available_balance_rials: u64,
    /// The available balance as shown.
    pub available: AmountText,
    /// The account's number as the bank prints it.
    pub number: String,
    /// Its type in Persian («پس‌انداز»).
    pub kind_fa: String,
    /// Its state in Persian, for the badge («مسدود»).
    pub state_fa: String,
    /// Whether money may leave it (offered as a source only then).
    pub usable: bool,
    /// The line that marks a blocked or closed account; none for one that can pay.
    pub unusable_note_fa: Option<String>,
    /// The annual rate a deposit earns («سود سالانه ۵٪»), none for a current account.
    pub interest_rate_fa: Option<String>,
    /// The SHEBA in full, grouped by four as banks print it.
    pub sheba_grouped: String,
    /// Title, number and SHEBA as one text, for the share sheet.
    pub share_text_fa: String,
}

impl From<&core::AccountView> for AccountInfo {
    fn from(a: &core::AccountView) -> Self {
        Self {
            account_id: a.account_id.clone(),
            title_fa: a.title_fa.clone(),
            label_fa: a.label_fa.clone(),
            sheba: a.sheba.as_str().to_owned(),
            sheba_masked: a.sheba_masked.clone(),
            state: a.state.clone(),
            balance_rials: a.balance_rials,
            balance: signed_amount_text(a.balance_rials),
            available_balance_rials: a.available.get(),
            available: amount_text(a.available.get()),
            number: a.number.clone(),
            kind_fa: a.kind_fa.clone(),
            state_fa: a.state_fa.clone(),
            usable: a.usable,
            unusable_note_fa: a.unusable_note_fa.clone(),
            interest_rate_fa: a.interest_rate_fa.clone(),
            sheba_grouped: a.sheba_grouped.clone(),
            share_text_fa: a.share_text_fa.clone(),
        }
    }
}

/// A card's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum CardState {
    /// It can pay.
    Active,
    /// Blocked: it cannot pay.
    Blocked,
    /// Expired: it cannot pay.
    Expired,
    /// A state this app does not know: not usable.
    Unknown,
}

impl From<CardStatus> for CardState {
    fn from(status: CardStatus) -> Self {
        match status {
            CardStatus::Active => Self::Active,
            CardStatus::Blocked => Self::Blocked,
            CardStatus::Expired => Self::Expired,
            CardStatus::Unknown => Self::Unknown,
        }
    }
}

/// One of the customer's cards (masked).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CardInfo {
    /// The bank's id.
    pub card_id: String,
    /// How every screen names it (bank and masked PAN).
    pub label_fa: String,
    /// Masked PAN.
    pub pan_masked: String,
    /// Holder's name.
    pub holder_name_fa: String,
    /// Issuer's Persian name.
    pub bank_name_fa: String,
    /// The account behind it.
    pub account_id: String,
    /// `active`, `blocked` or `expired`, as the bank says.
    pub state: String,
    /// The state, typed.
    pub status: CardState,
    /// The state in Persian, for the card's badge («مسدود»).
    pub status_fa: String,
    /// Whether it can pay (offered as a source only then).
    pub usable: bool,
}

impl From<&core::CardView> for CardInfo {
    fn from(c: &core::CardView) -> Self {
        let status = CardStatus::of(&c.state);
        Self {
            card_id: c.card_id.clone(),
            label_fa: c.label_fa.clone(),
            pan_masked: c.pan_masked.clone(),
            holder_name_fa: c.holder_name_fa.clone(),
            bank_name_fa: c.bank_name_fa.clone(),
            account_id: c.account_id.clone(),
            state: c.state.clone(),
            status: status.into(),
            status_fa: status.name_fa().to_owned(),
            usable: status.usable(),
        }
    }
}

/// The home screen's accounts and cards.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct OverviewInfo {
    /// The customer's accounts, in the bank's order (the SMS channel's indexes).
    pub accounts: Vec<AccountInfo>,
    /// The customer's cards, in the bank's order.
    pub cards: Vec<CardInfo>,
    /// When the lists were fetched: Jalali date and Tehran time, Persian digits.
    pub refreshed_at_fa: String,
    /// Why the last refresh failed (the lists are then the previous ones).
    pub error: Option<ProblemInfo>,
}

impl From<&core::OverviewState> for OverviewInfo {
    fn from(o: &core::OverviewState) -> Self {
        Self {
            accounts: o.accounts.iter().map(Into::into).collect(),
            cards: o.cards.iter().map(Into::into).collect(),
            refreshed_at_fa: display::tehran_time_fa(o.refreshed_at).unwrap_or_default(),
            error: problem(&o.error),
        }
    }
}

/// Money out of or into the account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum Direction {
    /// Out (shown with «−», in the debit colour).
    Debit,
    /// In (shown with «+», in the credit colour).
    Credit,
}

/// One line of a statement.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct StatementEntry {
    /// The bank's id of the posting.
    pub entry_id: String,
    /// When, Jalali date and Tehran time, as the bank wrote it.
    pub posted_at_jalali: String,
    /// The same in Persian digits.
    pub posted_at_fa: String,
    /// Out or in.
    pub direction: Direction,
    /// Amount (always positive; see `direction`).
    pub amount_rials: u64,
    /// The amount with its sign and unit («−۵٬۰۰۰ ریال»).
    pub amount_fa: String,
    /// The amount in Persian words.
    pub amount_words_fa: String,
    /// Balance after it.
    pub balance_after_rials: i64,
    /// `card_transfer`, `sheba_transfer`, `bill_payment`, `fee`, ...
    pub kind: String,
    /// Description in Persian.
    pub description_fa: String,
    /// Trace number, when there is one.
    pub trace_number: Option<String>,
    /// The other party: name, else masked card.
    pub counterparty: Option<String>,
}

impl From<&core::StatementEntry> for StatementEntry {
    fn from(e: &core::StatementEntry) -> Self {
        Self {
            entry_id: e.entry_id.clone(),
            posted_at_jalali: e.posted_at_jalali.clone(),
            posted_at_fa: hamrah_core::digits::to_persian_digits(&e.posted_at_jalali),
            direction: match e.direction {
                core::Direction::Debit => Direction::Debit,
                core::Direction::Credit => Direction::Credit,
            },
            amount_rials: e.amount_rials,
            amount_fa: format!("{} ریال", e.amount_signed_fa()),
            amount_words_fa: e.amount_words_fa(),
            balance_after_rials: e.balance_after_rials,
            kind: e.kind.clone(),
            description_fa: e.description_fa.clone(),
            trace_number: e.trace_number.clone(),
            counterparty: e
                .counterparty_name
                .clone()
                .or_else(|| e.counterparty_pan_masked.clone()),
        }
    }
}

/// One page of a statement, newest first.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct StatementPage {
    /// The entries.
    pub entries: Vec<StatementEntry>,
    /// Whether an older page follows.
    pub has_more: bool,
    /// The page came from the phone's cache (the bank was not reachable).
    pub from_cache: bool,
    /// Why the bank was not asked, for a page from the cache.
    pub error: Option<ProblemInfo>,
}

impl From<core::StatementPageView> for StatementPage {
    fn from(page: core::StatementPageView) -> Self {
        Self {
            entries: page.entries.iter().map(Into::into).collect(),
            has_more: page.has_more,
            from_cache: page.from_cache,
            error: problem(&page.error),
        }
    }
}

/// One period's card-to-card limit.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct LimitUsage {
    /// The limit.
    pub limit: AmountText,
    /// Used so far.
    pub used: AmountText,
    /// Left.
    pub remaining: AmountText,
    /// Used, in percent (0 to 100), for a progress bar.
    pub used_percent: u8,
    /// When the counter resets, Jalali and Tehran time in Persian digits.
    pub resets_at_fa: Option<String>,
}

impl From<&core::LimitUsage> for LimitUsage {
    fn from(u: &core::LimitUsage) -> Self {
        let text = |r: Rials| amount_text(r.get());
        Self {
            limit: text(u.limit),
            used: text(u.used),
            remaining: text(u.remaining),
            used_percent: u.used_percent,
            resets_at_fa: u.resets_at_jalali.clone(),
        }
    }
}

/// A card's card-to-card limits with today's and this month's usage.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CardLimitsInfo {
    /// The card.
    pub card_id: String,
    /// Smallest single transfer.
    pub per_transfer_min: AmountText,
    /// Largest single transfer.
    pub per_transfer_max: AmountText,
    /// Today (Tehran calendar day).
    pub today: LimitUsage,
    /// This Jalali month.
    pub this_month: LimitUsage,
}

impl From<&core::CardLimitsView> for CardLimitsInfo {
    fn from(l: &core::CardLimitsView) -> Self {
        Self {
            card_id: l.card_id.clone(),
            per_transfer_min: amount_text(l.per_transfer_min.get()),
            per_transfer_max: amount_text(l.per_transfer_max.get()),
            today: (&l.today).into(),
            this_month: (&l.this_month).into(),
        }
    }
}
