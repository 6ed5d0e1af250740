//! The customer's session, step by step, through the core's session and
//! flows only: activation, login, card-to-card, bill, statement, block.

use hamrah_core::flows::Problem;
use hamrah_core::flows::card_transfer::{CardTransfer, CardTransferState};
use hamrah_core::ids::{CardNumber, Sheba};
use hamrah_core::session::SessionState;
use serde_json::json;

use super::Walk;
use super::bank::demo_problem;
use super::receipt::{Receipt, money};

/// Maryam's username and password, chosen at activation (never printed).
pub const USERNAME: &str = "maryam.hosseini";
pub(super) const PASSWORD: &str = "Sepidar!Bahar7";
/// Card-to-card to another bank's card.
const CARD_AMOUNT: &str = "5,000,000";

pub(super) fn unexpected<T: std::fmt::Debug>(state: &T) -> Problem {
    let name = format!("{state:?}");
    let step = name.split([' ', '{']).next().unwrap_or_default().to_owned();
    demo_problem(&format!("unexpected state {step}"))
}

impl Walk {
    /// Activation of the not-yet-activated customer with her card and the SMS code.
    pub async fn activation(&mut self) -> Result<Receipt, Problem> {
        let maryam = self.bank.customer(None)?;
        self.secrets.push(maryam.card_pan.clone());
        let session = &self.maryam.session;
        let state = session
            .start_activation(
                &maryam.national_id,
                &maryam.mobile,
                &maryam.birth_date,
                &maryam.card_pan,
                &maryam.card_expiry,
            )
            .await?;
        let SessionState::ActivationCodeSent {
            sent_to_mobile_masked,
            seconds_left,
        } = state
        else {
            return Err(unexpected(&state));
        };
        let code = self.bank.last_sms_code(&maryam.mobile).await?;
        self.secrets.push(code.clone());
        session.verify_activation(&code).await?;
        let state = session.choose_credentials(USERNAME, PASSWORD).await?;
        let SessionState::Active { customer } = state else {
            return Err(unexpected(&state));
        };
        let pan: CardNumber = maryam.card_pan.parse().map_err(|e| Problem::of(&e))?;
        let mut r = Receipt::new();
        r.field("customer", "مشتری", "Customer", &customer)
            .field("card_pan_masked", "کارت", "Card", &pan.masked())
            .field(
                "code_sent_to",
                "کد پیامکی به",
                "SMS code sent to",
                &sent_to_mobile_masked,
            )
            .put("code_valid_seconds", seconds_left.into())
            .field("username", "نام کاربری", "Username", USERNAME)
            .field("state", "وضعیت", "State", "فعال / active");
        Ok(r)
    }

    /// Logs out and in again: the device is now known, so the password suffices.
    pub async fn login(&mut self) -> Result<Receipt, Problem> {
        let session = &self.maryam.session;
        session.logout().await;
        let mut state = session.login(USERNAME, PASSWORD).await?;
        let known = !matches!(state, SessionState::LoginCodeSent { .. });
        if !known {
            let code = self
                .bank
                .last_sms_code(&self.bank.customer(None)?.mobile)
                .await?;
            self.secrets.push(code.clone());
            state = session.verify_login(&code).await?;
        }
        let SessionState::Active { customer } = state else {
            return Err(unexpected(&state));
        };
        let api = &self.maryam.ctx.api;
        let (accounts, cards) = (api.accounts().await?, api.cards().await?);
        let mut r = Receipt::new();
        r.field("customer", "مشتری", "Customer", &customer).field(
            "device",
            "دستگاه",
            "Device",
            if known {
                "شناخته / known"
            } else {
                "جدید / new"
            },
        );
        let mut shown = Vec::new();
        for account in &accounts {
            let masked = account
                .sheba
                .parse::<Sheba>()
                .map(|s| s.masked())
                .unwrap_or_default();
            r.line(format!(
                "  {} {masked}: {}",
                account.title_fa,
                money(account.available_balance_rials)
            ));
            shown.push(json!({"account_id": account.account_id, "title_fa": account.title_fa,
                "sheba_masked": masked, "available_balance_rials": account.available_balance_rials}));
            self.maryam_account
                .get_or_insert(account.account_id.clone());
        }
        r.put("accounts", shown.into());
        for card in &cards {
            self.secrets.push(card.pan.clone());
            r.line(format!(
                "  کارت / card {} ({})",
                card.pan_masked, card.bank.name_fa
            ));
            self.maryam_card.get_or_insert(card.card_id.clone());
        }
        let cards: Vec<_> = cards
            .iter()
            .map(|c| json!({"card_id": c.card_id, "pan_masked": c.pan_masked, "state": c.state}))
            .collect();
        r.put("cards", cards.into());
        Ok(r)
    }

    /// Card-to-card to another bank's card, with an SMS dynamic PIN.
    pub async fn card_transfer(&mut self) -> Result<Receipt, Problem> {
        let maryam = self.bank.customer(None)?;
        let seed = self.bank.seed().await?;
        let pan = seed["other_bank_cards"]
            .as_array()
            .and_then(|cards| cards.iter().find(|c| c["bank_id"] == "mellat"))
            .and_then(|c| c["pan"].as_str())
            .ok_or_else(|| demo_problem("no other bank's card"))?
            .to_owned();
        self.secrets.push(pan.clone());
        let mut flow = CardTransfer::start(self.maryam.ctx.clone()).await?;
        let card_id = self.maryam_card.clone().unwrap_or_default();
        flow.choose_source(&card_id)?;
        let state = flow.enter_destination(&pan).await?;
        let CardTransferState::ConfirmHolder { destination, .. } = state else {
            return Err(problem_of(state));
        };
        let (holder, bank_fa) = (
            destination.holder_name.clone(),
            destination.bank.name_fa.clone(),
        );
        flow.confirm_holder(true).await?;
        flow.enter_amount(CARD_AMOUNT)?;
        let state = flow.request_pin().await?;
        if let CardTransferState::Authorize {
            error: Some(problem),
            ..
        } = state
        {
            return Err(problem.clone());
        }
        let countdown = flow.pin_seconds_left();
        let pin = self.bank.last_sms_code(&maryam.mobile).await?;
        self.secrets.push(pin.clone());
        let state = flow
            .submit(&pin, &maryam.card_cvv2, &maryam.card_expiry)
            .await?;
        let CardTransferState::Succeeded { payment, receipt } = state else {
            return Err(problem_of(state));
        };
        let mut r = Receipt::new();
        r.field(
            "source_pan_masked",
            "از کارت",
            "From card",
            &payment.source.pan_masked,
        )
        .field(
            "destination_pan_masked",
            "به کارت",
            "To card",
            &receipt.destination_pan_masked,
        )
        .field("destination_holder_name", "دارنده", "Holder", &holder)
        .field("destination_bank", "بانک مقصد", "Bank", &bank_fa)
        .field(
            "pin_countdown_seconds",
            "اعتبار رمز پویا (ثانیه)",
            "Dynamic PIN valid (s)",
            &countdown.to_string(),
        )
        .amount("amount", "مبلغ", "Amount", receipt.amount_rials)
        .amount("fee", "کارمزد", "Fee", receipt.fee_rials)
        .amount(
            "total_debited",
            "کسر از حساب",
            "Debited",
            receipt.total_debited_rials,
        )
        .field("status", "وضعیت", "Status", &receipt.status)
        .field(
            "trace_number",
            "شماره پیگیری",
            "Trace number",
            &receipt.trace_number,
        )
        .field(
            "reference_number",
            "شماره مرجع",
            "Reference",
            &receipt.reference_number,
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

fn problem_of(state: &CardTransferState) -> Problem {
    match state {
        CardTransferState::Failed { problem, .. }
        | CardTransferState::Authorize {
            error: Some(problem),
            ..
        }
        | CardTransferState::EnterDestination {
            error: Some(problem),
            ..
        }
        | CardTransferState::EnterAmount {
            error: Some(problem),
            ..
        } => problem.clone(),
        other => unexpected(other),
    }
}
