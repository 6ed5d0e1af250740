//! Other banks' Shetab cards (کارت‌های بانک‌های عضو شتاب): the customer adds a
//! card of another bank (its number, expiry and a label; the holder's name
//! comes from the bank's inquiry, shown to confirm), lists and removes them,
//! and pays from them: a card-to-card transfer, a bill or a loan instalment
//! ([`source`]), with that card's dynamic PIN from its issuer (Harim), the
//! CVV2 typed each time.
//!
//! The cards live only in the phone's sealed store
//! ([`crate::store::StoredOtherCard`]); the bank keeps nothing of them and
//! sees a card only when it pays (`{"pan": ...}`), as the contract says.

pub mod source;

use super::{Context, Problem};
use crate::calendar::{JalaliDate, TehranDateTime};
use crate::client::local_now;
use crate::ids::{CardExpiry, CardNumber};
use crate::store::StoredOtherCard;

pub use source::{PayingCard, paying_cards};

/// Most cards of other banks one phone keeps.
pub const MAX_OTHER_CARDS: usize = 20;
/// Longest label, in characters.
pub const MAX_LABEL_CHARS: usize = 30;

crate::coded_error! {
    /// Why a card of another bank cannot be added or found.
    pub enum OtherCardError {
        /// A card of this bank: it is among the customer's own cards already.
        OwnBank => (
            "other_card.own_bank",
            "کارت‌های همین بانک در فهرست کارت‌های شما هست؛ کارت بانک دیگری وارد کنید.",
            "Cards of this bank are among your own cards; enter another bank's card."
        ),
        /// The card number's BIN names no bank of the Shetab network.
        UnknownBank => (
            "other_card.unknown_bank",
            "بانک صادرکننده این کارت شناخته نشد.",
            "The card's issuing bank is not known."
        ),
        /// The card's expiry month has passed.
        Expired => (
            "other_card.expired",
            "تاریخ انقضای این کارت گذشته است.",
            "This card has expired."
        ),
        /// Too many cards.
        Limit => (
            "other_card.limit",
            "حداکثر ۲۰ کارت از بانک‌های دیگر می‌توانید اضافه کنید.",
            "At most 20 cards of other banks can be added."
        ),
        /// The label is too long.
        LabelTooLong => (
            "other_card.label_too_long",
            "عنوان کارت حداکثر ۳۰ نویسه است.",
            "A card's label has at most 30 characters."
        ),
        /// No such card on this phone.
        NotFound => (
            "other_card.not_found",
            "این کارت در فهرست کارت‌های شما نیست.",
            "This card is not among your cards."
        ),
    }
}

/// A card of another bank on this phone, as the list shows it (`Debug` masks the number).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OtherCard {
    /// Its id on this phone.
    pub id: String,
    /// The number.
    pub pan: CardNumber,
    /// Masked.
    pub pan_masked: String,
    /// `YYMM`, Jalali, as printed.
    pub expiry: String,
    /// The customer's label.
    pub label: String,
    /// The holder's name.
    pub holder_name: String,
    /// The issuer's registry id.
    pub bank_id: String,
    /// The issuer's Persian name.
    pub bank_name_fa: String,
    /// Whether its issuer sends dynamic PINs by SMS (central OTP); if not,
    /// paying from it needs that bank's own soft token.
    pub sms_pin: bool,
}

impl OtherCard {
    fn of(ctx: &Context, id: String, stored: StoredOtherCard) -> Option<Self> {
        let pan: CardNumber = stored.pan.parse().ok()?;
        let bank = pan.bank()?;
        let sms_pin = !ctx
            .config
            .otp_issuers_not_connected
            .iter()
            .any(|b| b.bank_id == bank.id);
        Some(Self {
            id,
            pan_masked: pan.masked(),
            expiry: stored.expiry,
            label: stored.label,
            holder_name: stored.holder_name,
            bank_id: bank.id.to_owned(),
            bank_name_fa: bank.name_fa.to_owned(),
            sms_pin,
            pan,
        })
    }
}

/// A card being added: what the inquiry found, to confirm (`Debug` masks the number).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OtherCardDraft {
    /// The number.
    pub pan: CardNumber,
    /// Masked.
    pub pan_masked: String,
    /// `YYMM`.
    pub expiry: String,
    /// The label (the bank's name when none was typed).
    pub label: String,
    /// The holder's name from the inquiry: the customer confirms it.
    pub holder_name: String,
    /// The issuer's Persian name.
    pub bank_name_fa: String,
}

fn refused(error: OtherCardError, field: &str) -> Problem {
    Problem::of(&error).at(field)
}

/// Parses what the customer typed and asks the bank who holds the card
/// (one request); nothing is kept until [`confirm`].
pub async fn inquire(
    ctx: &Context,
    pan: &str,
    expiry: &str,
    label: &str,
) -> Result<OtherCardDraft, Problem> {
    let pan: CardNumber = pan.parse().map_err(|e| Problem::of(&e).at("pan"))?;
    let bank = pan
        .bank()
        .ok_or_else(|| refused(OtherCardError::UnknownBank, "pan"))?;
    if ctx
        .config
        .bank
        .as_ref()
        .is_some_and(|own| own.bank_id == bank.id)
    {
        return Err(refused(OtherCardError::OwnBank, "pan"));
    }
    let expiry: CardExpiry = expiry.parse().map_err(|e| Problem::of(&e).at("expiry"))?;
    let today = jiff::Timestamp::from_second(ctx.bank_now())
        .ok()
        .and_then(|ts| TehranDateTime::from_timestamp(ts).ok())
        .map(|t| t.date);
    if today.is_some_and(|today: JalaliDate| expiry.is_expired_on(today)) {
        return Err(refused(OtherCardError::Expired, "expiry"));
    }
    let label = label.trim();
    if label.chars().count() > MAX_LABEL_CHARS {
        return Err(refused(OtherCardError::LabelTooLong, "label"));
    }
    let saved = ctx.store.other_cards()?;
    let known = ctx.store.other_card_id(pan.as_str());
    if saved.len() >= MAX_OTHER_CARDS && !saved.iter().any(|(id, _)| *id == known) {
        return Err(refused(OtherCardError::Limit, "pan"));
    }
    tracing::debug!(card = %pan, "holder inquiry of another bank's card");
    let holder = ctx
        .api
        .card_holder(pan.as_str())
        .await
        .map_err(|e| Problem::from(e).at("pan"))?;
    Ok(OtherCardDraft {
        pan_masked: pan.masked(),
        expiry: expiry.yymm(),
        label: if label.is_empty() {
            bank.name_fa.to_owned()
        } else {
            label.to_owned()
        },
        holder_name: holder.holder_name,
        bank_name_fa: bank.name_fa.to_owned(),
        pan,
    })
}

/// Keeps the card the customer confirmed; returns it as the list shows it.
pub fn confirm(ctx: &Context, draft: &OtherCardDraft) -> Result<OtherCard, Problem> {
    let stored = StoredOtherCard {
        pan: draft.pan.as_str().to_owned(),
        expiry: draft.expiry.clone(),
        label: draft.label.clone(),
        holder_name: draft.holder_name.clone(),
        added_at: local_now(),
    };
    let id = ctx.store.save_other_card(&stored)?;
    OtherCard::of(ctx, id, stored).ok_or_else(|| refused(OtherCardError::UnknownBank, "pan"))
}

/// The cards of other banks on this phone, oldest first (a damaged one is skipped).
pub fn list(ctx: &Context) -> Result<Vec<OtherCard>, Problem> {
    Ok(ctx
        .store
        .other_cards()?
        .into_iter()
        .filter_map(|(id, stored)| OtherCard::of(ctx, id, stored))
        .collect())
}

/// Removes a card from this phone.
pub fn remove(ctx: &Context, id: &str) -> Result<(), Problem> {
    if ctx.store.remove_other_card(id)? {
        Ok(())
    } else {
        Err(refused(OtherCardError::NotFound, "id"))
    }
}
