//! [`OtherCards`]: other banks' Shetab cards on this phone (added after the
//! holder inquiry, listed, removed). A card's full number never crosses to
//! the app: the app shows the masked one and pays by the card's id.

use std::sync::Arc;

use hamrah_core::flows::other_cards::{self, OtherCard};

use crate::error::HamrahError;
use crate::install::Install;
use crate::runtime::run;

/// Another bank's card on this phone.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct OtherCardInfo {
    /// Its id on this phone (a payment's source id).
    pub id: String,
    /// Masked number.
    pub pan_masked: String,
    /// `YYMM`, as printed.
    pub expiry: String,
    /// The customer's label.
    pub label: String,
    /// The holder's name.
    pub holder_name: String,
    /// The issuer's Persian name.
    pub bank_name_fa: String,
    /// Whether its issuer sends dynamic PINs by SMS (else that bank's soft token is needed).
    pub sms_pin: bool,
}

impl From<OtherCard> for OtherCardInfo {
    fn from(c: OtherCard) -> Self {
        Self {
            id: c.id,
            pan_masked: c.pan_masked,
            expiry: c.expiry,
            label: c.label,
            holder_name: c.holder_name,
            bank_name_fa: c.bank_name_fa,
            sms_pin: c.sms_pin,
        }
    }
}

/// What the inquiry found, for the customer to confirm.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct OtherCardPreview {
    /// Masked number.
    pub pan_masked: String,
    /// The holder's name from the bank's inquiry.
    pub holder_name: String,
    /// The issuer's Persian name.
    pub bank_name_fa: String,
    /// The label it will have.
    pub label: String,
}

/// The other banks' cards on this phone.
#[derive(uniffi::Object)]
pub struct OtherCards {
    install: Arc<Install>,
}

impl OtherCards {
    pub(crate) fn new(install: Arc<Install>) -> Arc<Self> {
        Arc::new(Self { install })
    }
}

#[uniffi::export]
impl OtherCards {
    /// The cards, oldest first (read from this phone's store).
    pub fn list(&self) -> Result<Vec<OtherCardInfo>, HamrahError> {
        let cards = other_cards::list(&self.install.ctx)?;
        Ok(cards.into_iter().map(Into::into).collect())
    }

    /// Checks the number, expiry and label as typed and asks the bank who
    /// holds the card; nothing is kept until the draft is confirmed.
    pub async fn inquire(
        &self,
        pan: String,
        expiry: String,
        label: String,
    ) -> Result<Arc<OtherCardDraft>, HamrahError> {
        let ctx = self.install.ctx.clone();
        let install = Arc::clone(&self.install);
        run(async move {
            let draft = other_cards::inquire(&ctx, &pan, &expiry, &label).await?;
            Ok(Arc::new(OtherCardDraft { install, draft }))
        })
        .await
    }

    /// Removes a card from this phone.
    pub fn remove(&self, id: String) -> Result<(), HamrahError> {
        Ok(other_cards::remove(&self.install.ctx, &id)?)
    }
}

/// A card being added.
#[derive(uniffi::Object)]
pub struct OtherCardDraft {
    install: Arc<Install>,
    draft: other_cards::OtherCardDraft,
}

#[uniffi::export]
impl OtherCardDraft {
    /// What to show for confirmation.
    pub fn preview(&self) -> OtherCardPreview {
        OtherCardPreview {
            pan_masked: self.draft.pan_masked.clone(),
            holder_name: self.draft.holder_name.clone(),
            bank_name_fa: self.draft.bank_name_fa.clone(),
            label: self.draft.label.clone(),
        }
    }

    /// Keeps the card (sealed on this phone's store).
    pub fn confirm(&self) -> Result<OtherCardInfo, HamrahError> {
        Ok(other_cards::confirm(&self.install.ctx, &self.draft)?.into())
    }
}
