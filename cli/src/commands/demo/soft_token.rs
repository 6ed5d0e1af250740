//! The soft-token step of the demo: Maryam activates her card's soft token
//! ("ramz-saz") on her phone (an SMS code; the seed arrives sealed to a fresh
//! ECDH key and is kept only in the phone's vault), then pays a card-to-card
//! transfer with a code her phone makes offline, bound to the amount and the
//! destination: no SMS dynamic PIN is requested.

use std::sync::Arc;

use hamrah_core::digits::to_persian_digits;
use hamrah_core::flows::Problem;
use hamrah_core::flows::card_transfer::{CardTransfer, CardTransferState};
use hamrah_core::flows::soft_token::SoftTokenActivation;
use hamrah_core::platform::{MemorySecretStore, SecretStore};
use hamrah_core::token::{SoftTokenVault, bank_time};

use super::Walk;
use super::bank::demo_problem;
use super::receipt::Receipt;
use super::steps::unexpected;

/// The transfer paid with a soft-token code.
const AMOUNT: &str = "3,000,000";

impl Walk {
    /// Activates the token of Maryam's card, then a card-to-card to a Bank
    /// Tejarat card paid with a transaction-bound code of that token.
    pub async fn soft_token_payment(&mut self) -> Result<Receipt, Problem> {
        let maryam = self.bank.customer(None)?;
        let card_id = self
            .maryam_card
            .clone()
            .ok_or_else(|| demo_problem("no card"))?;
        let vault: Arc<dyn SecretStore> = Arc::new(MemorySecretStore::new());
        let ctx = self
            .maryam
            .ctx
            .clone()
            .with_soft_tokens(SoftTokenVault::new(vault));

        let mut activation = SoftTokenActivation::start(&ctx, &card_id).await?;
        let sent_to = activation.started().sent_to_mobile_masked.clone();
        let code = self.bank.last_sms_code(&maryam.mobile).await?;
        self.secrets.push(code.clone());
        let token = activation.confirm(&code).await?;
        let now = bank_time(ctx.clock_offset).map_err(|e| Problem::of(&e))?;
        let shown = token.code_at(now);
        self.secrets.push(shown.code.clone());

        let pan = self.other_card("tejarat").await?;
        let sms_before = self.bank.last_sms_code(&maryam.mobile).await?;
        let mut flow = CardTransfer::start(ctx).await?;
        flow.choose_source(&card_id)?;
        flow.enter_destination(&pan).await?;
        flow.confirm_holder(true).await?;
        flow.enter_amount(AMOUNT)?;
        if !flow.soft_token_available() {
            return Err(demo_problem("the soft token is not available"));
        }
        let state = flow
            .submit_with_soft_token(&maryam.card_cvv2, &maryam.card_expiry)
            .await?;
        let CardTransferState::Succeeded { receipt, payment } = state else {
            return Err(unexpected(state));
        };
        let (receipt, payment) = (receipt.clone(), payment.clone());
        flow.close()?;
        let no_sms = self.bank.last_sms_code(&maryam.mobile).await? == sms_before;

        let mut r = Receipt::new();
        r.field("code_sent_to", "کد پیامکی به", "SMS code sent to", &sent_to)
            .field(
                "token",
                "رمزساز",
                "Soft token",
                "فعال؛ کلید فقط در انبار امن گوشی / active; seed only in the phone's vault",
            )
            .field(
                "code",
                "رمز زمانی",
                "Time-based code",
                &format!(
                    "{} رقم، {} ثانیه تا رمز بعدی / {} digits, {} s to the next code",
                    to_persian_digits(&shown.code.len().to_string()),
                    to_persian_digits(&shown.seconds_left.to_string()),
                    shown.code.len(),
                    shown.seconds_left
                ),
            )
            .put("code_seconds_left", shown.seconds_left.into())
            .field(
                "destination_pan_masked",
                "به کارت",
                "To card",
                &receipt.destination_pan_masked,
            )
            .field(
                "destination_holder_name",
                "دارنده",
                "Holder",
                &payment.destination.holder_name,
            )
            .amount("amount", "مبلغ", "Amount", receipt.amount_rials)
            .amount("fee", "کارمزد", "Fee", receipt.fee_rials)
            .amount(
                "total_debited",
                "کسر از حساب",
                "Debited",
                receipt.total_debited_rials,
            )
            .field(
                "pin",
                "رمز دوم",
                "Second PIN",
                "رمزساز، وابسته به مبلغ و مقصد / soft token, bound to amount and payee",
            )
            .put("sms_pin_requested", (!no_sms).into())
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
        Ok(r)
    }

    /// Another bank's card from the seed (what the customer holds on paper).
    async fn other_card(&mut self, bank_id: &str) -> Result<String, Problem> {
        let seed = self.bank.seed().await?;
        let pan = seed["other_bank_cards"]
            .as_array()
            .and_then(|cards| cards.iter().find(|c| c["bank_id"] == bank_id))
            .and_then(|c| c["pan"].as_str())
            .ok_or_else(|| demo_problem("no other bank's card"))?
            .to_owned();
        self.secrets.push(pan.clone());
        Ok(pan)
    }
}
