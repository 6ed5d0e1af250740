//! The cheque group of the demo, through the core's cheque journeys: Sara
//! registers a Sayad cheque to Reza with the dynamic PIN the bank sends her
//! for its amount and Sayad ID; Reza sees her colour code, then confirms it.

use hamrah_core::flows::Problem;
use hamrah_core::flows::cheques::{
    ChequeRegistration, ChequeRegistrationState as Reg, ReceivedCheque, ReceivedChequeState as Recv,
};
use hamrah_core::session::SessionState;

use super::Walk;
use super::bank::{Phone, demo_problem};
use super::receipt::Receipt;
use super::steps::unexpected;

const SARA: &str = "sara.ahmadi";
const REZA: &str = "reza.karimi";
/// The cheque's amount and how many days ahead it falls due.
const AMOUNT: &str = "45,000,000";
const DUE_IN_DAYS: i64 = 30;

impl Walk {
    /// Logs a demo customer in on a new phone (with the SMS code).
    async fn phone_of(&mut self, username: &str, name: &str) -> Result<Phone, Problem> {
        let who = self.bank.customer(Some(username))?;
        let password = who.password.clone().unwrap_or_default();
        self.secrets.push(password.clone());
        self.secrets.push(who.card_pan.clone());
        let phone = Phone::install(&self.bank, self.dir.path(), name).await?;
        let mut state = phone.session.login(username, &password).await?;
        if matches!(state, SessionState::LoginCodeSent { .. }) {
            let code = self.bank.last_sms_code(&who.mobile).await?;
            self.secrets.push(code.clone());
            state = phone.session.verify_login(&code).await?;
        }
        match state {
            SessionState::Active { .. } => Ok(phone),
            other => Err(unexpected(&other)),
        }
    }

    /// Sara registers the cheque on her next unused leaf, to Reza's national ID.
    pub async fn cheque_register(&mut self) -> Result<Receipt, Problem> {
        let phone = self.phone_of(SARA, "sara-cheques").await?;
        let reza = self.bank.customer(Some(REZA))?;
        let mut flow = ChequeRegistration::start(phone.ctx.clone()).await?;
        let Reg::ChooseLeaf { leaves } = flow.state() else {
            return Err(unexpected(flow.state()));
        };
        let leaf = leaves
            .first()
            .cloned()
            .ok_or_else(|| demo_problem("no unused cheque leaf"))?;
        flow.choose_leaf(leaf.sayad_id.as_str())?;
        let due = jiff::Timestamp::from_second(phone.ctx.bank_now())
            .map_err(|e| demo_problem(&e.to_string()))?
            .to_zoned(hamrah_core::calendar::tehran())
            .date()
            .checked_add(jiff::Span::new().days(DUE_IN_DAYS))
            .map_err(|e| demo_problem(&e.to_string()))?;
        let due = hamrah_core::calendar::JalaliDate::from_gregorian(due)
            .map_err(|e| Problem::of(&e))?
            .to_string();
        let state = flow.enter_details(
            AMOUNT,
            &due,
            std::slice::from_ref(&reza.national_id),
            "پیش‌پرداخت",
        )?;
        if !matches!(state, Reg::Confirm { error: None, .. }) {
            return Err(unexpected(state));
        }
        flow.request_pin().await?;
        let sara = self.bank.customer(Some(SARA))?;
        let pin = self.bank.last_sms_code(&sara.mobile).await?;
        self.secrets.push(pin.clone());
        let state = flow.submit(&pin).await?.clone();
        let Reg::Registered { order, receipt } = state else {
            return Err(unexpected(&state));
        };
        flow.close()?;
        phone.session.logout().await;
        let mut r = Receipt::new();
        r.field(
            "sayad_id",
            "شناسه صیادی",
            "Sayad ID",
            &order.leaf.sayad_id.grouped(),
        )
        .field(
            "serial",
            "سری/سریال",
            "Series/serial",
            &order.leaf.serial.canonical(),
        )
        .amount("amount", "مبلغ", "Amount", order.amount.get())
        .field("due_date", "سررسید", "Due date", &order.due_date_long_fa)
        .field(
            "payees",
            "در وجه (کد ملی)",
            "Payee (national ID)",
            &receipt.holders_masked.join("، "),
        )
        .field(
            "second_factor",
            "رمز دوم",
            "Second factor",
            "رمز پویا برای این مبلغ و شناسه / dynamic PIN for this amount and Sayad ID",
        )
        .field(
            "status",
            "وضعیت",
            "Status",
            &format!("{} / {}", receipt.status.name_fa(), receipt.status.id()),
        )
        .field(
            "reference_number",
            "شماره پیگیری",
            "Reference number",
            &receipt.reference_number,
        )
        .when("at", "زمان", "Time", &receipt.at_jalali);
        r.put("sayad_id_digits", order.leaf.sayad_id.as_str().into());
        self.cheque = Some(order.leaf.sayad_id.as_str().to_owned());
        Ok(r)
    }

    /// Reza opens the cheque by its Sayad ID, sees the issuer's colour code, confirms it.
    pub async fn cheque_accept(&mut self) -> Result<Receipt, Problem> {
        let sayad_id = self
            .cheque
            .clone()
            .ok_or_else(|| demo_problem("no cheque was registered"))?;
        let phone = self.phone_of(REZA, "reza").await?;
        let mut flow = ReceivedCheque::start(phone.ctx.clone(), &sayad_id).await?;
        let Recv::Review { cheque, .. } = flow.state().clone() else {
            return Err(unexpected(flow.state()));
        };
        let state = flow.accept().await?.clone();
        let Recv::Done { receipt, .. } = state else {
            return Err(unexpected(&state));
        };
        flow.close()?;
        phone.session.logout().await;
        let standing = &cheque.issuer.standing;
        let mut r = Receipt::new();
        r.field("issuer", "صادرکننده", "Issuer", &cheque.issuer.name_fa)
            .field(
                "issuer_colour",
                "وضعیت اعتباری صادرکننده",
                "Issuer's standing",
                &format!(
                    "{} / {} — {}",
                    standing.colour_fa,
                    standing.colour.id(),
                    standing.colour.meaning_fa()
                ),
            )
            .amount("amount", "مبلغ", "Amount", cheque.amount_rials)
            .field("due_date", "سررسید", "Due date", &cheque.due_date_jalali)
            .field(
                "status",
                "وضعیت",
                "Status",
                &format!("{} / {}", receipt.status.name_fa(), receipt.status.id()),
            );
        r.put("colour", standing.colour.id().into());
        Ok(r)
    }
}
