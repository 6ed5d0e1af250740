//! Another bank's Shetab card through the core: added to the phone after
//! the holder inquiry (its name confirmed), then the source of a
//! card-to-card transfer with its issuer's dynamic PIN (Harim), the CVV2
//! typed for the payment and never kept.

use hamrah_core::flows::Problem;
use hamrah_core::flows::card_transfer::{CardTransfer, CardTransferState};
use hamrah_core::flows::other_cards;

use super::Walk;
use super::bank::demo_problem;
use super::receipt::Receipt;
use super::steps::unexpected;

/// Card-to-card from the added card.
const AMOUNT: &str = "3,000,000";

impl Walk {
    /// Adds a Bank Mellat card to Maryam's phone and pays a card-to-card from it.
    pub async fn other_bank_card(&mut self) -> Result<Receipt, Problem> {
        let seed = self.bank.seed().await?;
        let card = |bank_id: &str| {
            seed["other_bank_cards"]
                .as_array()
                .and_then(|cards| cards.iter().find(|c| c["bank_id"] == bank_id))
                .cloned()
                .ok_or_else(|| demo_problem("no other bank's card"))
        };
        let (added, to) = (card("mellat")?, card("tejarat")?);
        let text = |v: &serde_json::Value, k: &str| v[k].as_str().unwrap_or_default().to_owned();
        let (pan, expiry, cvv2) = (
            text(&added, "pan"),
            text(&added, "expiry"),
            text(&added, "cvv2"),
        );
        let destination = text(&to, "pan");
        self.secrets.extend([pan.clone(), destination.clone()]);
        let ctx = self.maryam.ctx.clone();
        let draft = other_cards::inquire(&ctx, &pan, &expiry, "کارت ملت").await?;
        let saved = other_cards::confirm(&ctx, &draft)?;
        let listed = other_cards::list(&ctx)?.len();

        let mut flow = CardTransfer::start(ctx).await?;
        flow.choose_source(&saved.id)?;
        let state = flow.enter_destination(&destination).await?;
        let CardTransferState::ConfirmHolder { destination, .. } = state else {
            return Err(unexpected(state));
        };
        let holder = destination.holder_name.clone();
        flow.confirm_holder(true).await?;
        flow.enter_amount(AMOUNT)?;
        let state = flow.request_pin().await?;
        if let CardTransferState::Authorize {
            error: Some(problem),
            ..
        } = state
        {
            return Err(problem.clone());
        }
        let pin = self
            .bank
            .last_sms_code(&self.bank.customer(None)?.mobile)
            .await?;
        self.secrets.push(pin.clone());
        let state = flow.submit(&pin, &cvv2, &expiry).await?;
        let CardTransferState::Succeeded { receipt, .. } = state else {
            return Err(unexpected(state));
        };
        let mut r = Receipt::new();
        r.field(
            "added_pan_masked",
            "کارت افزوده",
            "Card added",
            &saved.pan_masked,
        )
        .field("added_bank", "بانک", "Bank", &saved.bank_name_fa)
        .field("added_label", "عنوان", "Label", &saved.label)
        .field(
            "added_holder_name",
            "دارنده (استعلام)",
            "Holder (inquiry)",
            &saved.holder_name,
        )
        .put("cards_on_phone", listed.into())
        .put("sms_pin", saved.sms_pin.into())
        .field(
            "destination_pan_masked",
            "به کارت",
            "To card",
            &receipt.destination_pan_masked,
        )
        .field(
            "destination_holder_name",
            "دارنده مقصد",
            "To holder",
            &holder,
        )
        .amount("amount", "مبلغ", "Amount", receipt.amount_rials)
        .amount("fee", "کارمزد", "Fee", receipt.fee_rials)
        .put("total_debited_rials", 0.into())
        .put(
            "debited_through_shetab_rials",
            receipt.total_debited_rials.into(),
        )
        .field(
            "pin_from",
            "رمز پویا از",
            "Dynamic PIN from",
            "صادرکننده کارت (هریم) / the card's issuer (Harim)",
        )
        .field("status", "وضعیت", "Status", &receipt.status)
        .field(
            "trace_number",
            "شماره پیگیری",
            "Trace number",
            &receipt.trace_number,
        )
        .when(
            "created_at_jalali",
            "زمان",
            "Time",
            &receipt.created_at_jalali,
        );
        flow.close()?;
        Ok(r)
    }
}
