//! SHEBA transfers through the core's flow: PAYA from Maryam's current
//! account, SATNA from Sara's savings on her own (new) phone.

use hamrah_core::flows::Problem;
use hamrah_core::flows::sheba_transfer::{ShebaTransfer, ShebaTransferState};
use hamrah_core::session::SessionState;

use super::Walk;
use super::bank::{Phone, demo_problem};
use super::receipt::Receipt;

/// PAYA: below the bank's PAYA limit.
const PAYA_AMOUNT: &str = "30,000,000";
/// SATNA: from the bank's SATNA minimum.
const SATNA_AMOUNT: &str = "2,000,000,000";
/// The second customer, with a large savings account.
const SARA: &str = "sara.ahmadi";

impl Walk {
    /// PAYA from Maryam's current account to a SHEBA at another bank.
    pub async fn paya(&mut self) -> Result<Receipt, Problem> {
        let sheba = self.other_sheba("012").await?;
        let account = self.maryam_account.clone().unwrap_or_default();
        let ctx = self.maryam.ctx.clone();
        let mobile = self.bank.customer(None)?.mobile.clone();
        let order = ShebaOrder {
            account_id: &account,
            sheba: &sheba,
            amount: PAYA_AMOUNT,
            description: Some("اجاره"),
        };
        self.sheba_transfer(ctx, &mobile, order).await
    }

    /// SATNA from Sara's savings account, after her login from a new phone (SMS code).
    pub async fn satna(&mut self) -> Result<Receipt, Problem> {
        let sara = self.bank.customer(Some(SARA))?;
        let password = sara.password.clone().unwrap_or_default();
        self.secrets.push(password.clone());
        self.secrets.push(sara.card_pan.clone());
        let phone = Phone::install(&self.bank, self.dir.path(), "sara").await?;
        let mut state = phone.session.login(SARA, &password).await?;
        let new_device = matches!(state, SessionState::LoginCodeSent { .. });
        if new_device {
            let code = self.bank.last_sms_code(&sara.mobile).await?;
            self.secrets.push(code.clone());
            state = phone.session.verify_login(&code).await?;
        }
        let SessionState::Active { customer } = state else {
            return Err(demo_problem("Sara is not logged in"));
        };
        let accounts = phone.ctx.api.accounts().await?;
        let savings = accounts
            .iter()
            .max_by_key(|a| a.available_balance_rials)
            .map(|a| a.account_id.clone())
            .ok_or_else(|| demo_problem("no savings account"))?;
        let sheba = self.other_sheba("018").await?;
        let order = ShebaOrder {
            account_id: &savings,
            sheba: &sheba,
            amount: SATNA_AMOUNT,
            description: None,
        };
        let mut receipt = self
            .sheba_transfer(phone.ctx.clone(), &sara.mobile, order)
            .await?;
        receipt
            .field("customer", "مشتری", "Customer", &customer)
            .field(
                "login",
                "ورود",
                "Login",
                if new_device {
                    "دستگاه جدید با کد پیامکی / new device, SMS code"
                } else {
                    "رمز عبور / password"
                },
            );
        phone.session.logout().await;
        Ok(receipt)
    }

    async fn other_sheba(&self, code: &str) -> Result<String, Problem> {
        let seed = self.bank.seed().await?;
        seed["other_bank_shebas"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|s| s.as_str())
            .find(|s| s.get(4..7) == Some(code))
            .map(str::to_owned)
            .ok_or_else(|| demo_problem("no SHEBA of that bank"))
    }
}

/// What one SHEBA transfer of the demo sends.
struct ShebaOrder<'a> {
    account_id: &'a str,
    sheba: &'a str,
    amount: &'a str,
    description: Option<&'a str>,
}

impl Walk {
    /// One SHEBA transfer, every screen of the flow in order, confirmed with
    /// the dynamic PIN the bank sends to `mobile`.
    async fn sheba_transfer(
        &mut self,
        ctx: hamrah_core::flows::Context,
        mobile: &str,
        order: ShebaOrder<'_>,
    ) -> Result<Receipt, Problem> {
        let mut flow = ShebaTransfer::start(ctx).await?;
        flow.choose_source(order.account_id)?;
        let state = flow.enter_sheba(order.sheba).await?;
        let ShebaTransferState::ConfirmHolder { destination, .. } = state else {
            return Err(problem_of(state));
        };
        let destination = destination.clone();
        flow.confirm_holder(true)?;
        let state = flow.enter_amount(order.amount)?;
        let ShebaTransferState::Confirm { payment, .. } = state else {
            return Err(problem_of(state));
        };
        let option = payment.option.clone();
        if let Some(text) = order.description {
            flow.describe(text)?;
        }
        let state = flow.request_pin().await?;
        if let ShebaTransferState::Confirm { error: Some(_), .. } = state {
            return Err(problem_of(state));
        }
        let pin = self.bank.last_sms_code(mobile).await?;
        self.secrets.push(pin.clone());
        let state = flow.submit(&pin).await?;
        let ShebaTransferState::Succeeded { receipt, .. } = state else {
            return Err(problem_of(state));
        };
        let receipt = receipt.clone();
        flow.close()?;
        Ok(sheba_receipt(&option, &destination, &receipt))
    }
}

/// The receipt of a SHEBA transfer, as the demo prints it.
fn sheba_receipt(
    option: &hamrah_core::flows::sheba_transfer::MethodOption,
    destination: &hamrah_core::flows::sheba_transfer::ShebaDestination,
    receipt: &hamrah_core::flows::sheba_transfer::ShebaReceipt,
) -> Receipt {
    let method = option.method;
    let mut r = Receipt::new();
    r.field(
        "method",
        "روش",
        "Method",
        &format!("{} / {}", method.name_fa(), method.name_en()),
    )
    .put("method_id", method.id().into())
    .field(
        "destination_sheba_masked",
        "به شبا",
        "To SHEBA",
        &destination.sheba_masked,
    )
    .field(
        "destination_holder_name",
        "صاحب حساب",
        "Holder",
        &destination.holder_name,
    )
    .field(
        "destination_bank",
        "بانک مقصد",
        "Bank",
        &destination.bank.name_fa,
    )
    .amount("amount", "مبلغ", "Amount", receipt.amount_rials)
    .amount("fee", "کارمزد", "Fee", receipt.fee_rials)
    .amount(
        "total_debited",
        "کسر از حساب",
        "Debited",
        receipt.total_debited_rials,
    );
    if let Some(estimate) = &option.expected_settlement {
        r.field(
            "estimated_settlement_fa",
            "تسویه پیش‌بینی‌شده (برنامه)",
            "Settlement estimated (app)",
            &format!(
                "{} {}",
                estimate.date_long_fa,
                estimate.jalali_fa.split(' ').nth(1).unwrap_or("")
            ),
        );
    }
    r.when(
        "expected_settlement_at_jalali",
        "تسویه مورد انتظار (بانک)",
        "Expected settlement (bank)",
        &receipt.expected_settlement_at_jalali,
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
        "accepted_at_jalali",
        "زمان ثبت",
        "Accepted",
        &receipt.accepted_at_jalali,
    );
    r
}

fn problem_of(state: &ShebaTransferState) -> Problem {
    match state {
        ShebaTransferState::Failed { problem, .. }
        | ShebaTransferState::EnterSheba {
            error: Some(problem),
            ..
        }
        | ShebaTransferState::EnterAmount {
            error: Some(problem),
            ..
        }
        | ShebaTransferState::Confirm {
            error: Some(problem),
            ..
        } => problem.clone(),
        _ => demo_problem("unexpected state of the SHEBA transfer"),
    }
}
