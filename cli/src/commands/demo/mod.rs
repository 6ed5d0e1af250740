//! `hamrah demo`: the sandbox bank in this process on a free loopback port
//! (a temporary data directory, the demo seed), and one customer's session
//! walked through the core exactly as a phone runs it (pinned HTTPS,
//! session, flows, sealed store): activation, login, card-to-card, PAYA,
//! SATNA, a bill, a top-up, a transfer to an account of the bank, another
//! bank's card, a loan instalment, a statement page, changing a card's
//! second PIN, blocking a card, a Sayad cheque registered and confirmed, the
//! bank's information (rates, branches, deposits) and the inbox of its
//! notices.

mod account;
mod bank;
mod cheques;
mod deposit;
mod device;
mod history;
mod info;
mod loans;
mod other_cards;
mod receipt;
mod second_pin;
mod sms;
mod soft_token;
mod steps;
mod topup;
mod transfers;

use clap::Args;
use hamrah_core::flows::Problem;
use hamrah_core::flows::sheba_transfer::Moment;
use serde_json::{Value, json};

use self::bank::{DemoBank, Phone, demo_problem};
use self::receipt::Step;
use crate::report::Report;

/// Run a full customer session against an in-process sandbox bank.
#[derive(Debug, Args)]
pub struct Demo {}

/// What the walk carries from step to step.
pub struct Walk {
    bank: DemoBank,
    dir: tempfile::TempDir,
    maryam: Phone,
    maryam_account: Option<String>,
    maryam_card: Option<String>,
    /// The local unlock of Maryam's enrolled phone (its passphrase, on the desktop).
    maryam_unlock: Option<std::sync::Arc<hamrah_core::platform::PassphraseUnlock>>,
    /// The Sayad ID of the cheque registered in the cheque step.
    cheque: Option<String>,
    /// Every secret the walk handled (PANs, passwords, SMS codes): none may be printed.
    secrets: Vec<String>,
}

impl Demo {
    /// Runs the demo: exit 0 when every step succeeded.
    pub fn run(self) -> Report {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build();
        let outcome = match runtime {
            Ok(runtime) => runtime.block_on(walk()),
            Err(error) => Err(demo_problem(&error.to_string())),
        };
        match outcome {
            Ok(report) => report,
            Err(problem) => Report::invalid(&problem),
        }
    }
}

async fn walk() -> Result<Report, Problem> {
    let dir = tempfile::tempdir().map_err(|e| demo_problem(&e.to_string()))?;
    let bank = DemoBank::start(dir.path()).await?;
    let before = bank.balances(steps::USERNAME).await?;
    let maryam = Phone::install(&bank, dir.path(), "maryam").await?;
    let mut walk = Walk {
        bank,
        dir,
        maryam,
        maryam_account: None,
        maryam_card: None,
        maryam_unlock: None,
        cheque: None,
        secrets: vec![steps::PASSWORD.to_owned()],
    };
    let mut done: Vec<Step> = Vec::new();
    macro_rules! step {
        ($name:literal, $fa:literal, $en:literal, $call:ident) => {
            let result = walk.$call().await;
            done.push(Step {
                name: $name,
                title_fa: $fa,
                title_en: $en,
                result,
            });
        };
    }
    step!("activation", "فعال‌سازی همراه‌بانک", "Activation", activation);
    step!("login", "ورود", "Login", login);
    step!("enrollment", "ثبت دستگاه", "Device enrollment", enrollment);
    step!("quick_login", "ورود سریع", "Quick login", quick_login);
    step!(
        "card_transfer",
        "کارت به کارت",
        "Card to card",
        card_transfer
    );
    step!(
        "soft_token_payment",
        "پرداخت با رمزساز",
        "Transfer paid with a soft-token code",
        soft_token_payment
    );
    step!("paya_transfer", "انتقال پایا", "PAYA transfer", paya);
    step!("satna_transfer", "انتقال ساتنا", "SATNA transfer", satna);
    step!("bill_payment", "پرداخت قبض", "Bill payment", bill_payment);
    step!("topup", "خرید شارژ", "Mobile top-up", topup);
    step!(
        "account_transfer",
        "انتقال وجه به سپرده",
        "Transfer to an account of the bank",
        account_transfer
    );
    step!(
        "other_bank_card",
        "کارت بانک دیگر",
        "Another bank's card",
        other_bank_card
    );
    step!(
        "loan_payment",
        "پرداخت قسط",
        "Loan instalment",
        loan_payment
    );
    step!("statement", "صورت‌حساب", "Statement", statement);
    step!(
        "payment_history",
        "گزارش تراکنش‌ها",
        "Payment history",
        payment_history
    );
    step!(
        "sms_fallback",
        "بانکداری پیامکی",
        "SMS fallback",
        sms_fallback
    );
    step!(
        "second_pin_change",
        "تغییر رمز دوم کارت",
        "Change a card's second PIN",
        second_pin_change
    );
    step!("block_card", "مسدودسازی کارت", "Block a card", block_card);
    step!(
        "cheque_register",
        "ثبت چک صیادی",
        "Register a Sayad cheque",
        cheque_register
    );
    step!(
        "cheque_accept",
        "تأیید چک دریافتی",
        "Confirm a cheque received",
        cheque_accept
    );
    step!(
        "bank_info",
        "نرخ ارز، شعبه‌ها و سپرده‌ها",
        "Exchange rates, branches and deposits",
        bank_info
    );
    step!("inbox", "پیام‌های بانک", "The bank's notices", inbox);
    let after = walk.bank.balances(steps::USERNAME).await?;
    let header = header(&walk);
    walk.maryam.session.logout().await;
    let Walk {
        bank,
        dir,
        mut secrets,
        ..
    } = walk;
    bank.sandbox.stop().await;
    drop(dir);
    secrets.retain(|s| s.len() >= 4);
    Ok(report(&done, header, before, after, &secrets))
}

fn header(walk: &Walk) -> String {
    let config = &walk.maryam.ctx.config;
    let today = Moment::parse(&config.server_time)
        .map(|m| format!("{} ({}, Tehran)", m.date_long_fa, m.jalali))
        .unwrap_or_default();
    format!(
        "همراه — نمایش یک نشست کامل مشتری / Hamrah demo: one customer session\n\
         بانک آزمایشی / sandbox bank: {} (pinned, SPKI SHA-256)\n\
         امروز / today: {}\n",
        walk.bank.sandbox.url, today
    )
}

fn report(
    steps: &[Step],
    header: String,
    before: Value,
    after: Value,
    secrets: &[String],
) -> Report {
    let json = json!({
        "steps": steps.iter().map(Step::json).collect::<Vec<_>>(),
        "balances_before": before,
        "balances_after": after,
    });
    let mut text = header;
    for (i, step) in steps.iter().enumerate() {
        text.push('\n');
        text.push_str(&step.text(i + 1));
    }
    text.push_str(&balances_text(&before, &after));
    let mut ok = steps.iter().all(Step::ok);
    let (json_text, leaked_json) = scrub(json.to_string(), secrets);
    let (text, leaked_text) = scrub(text, secrets);
    if leaked_json || leaked_text {
        eprintln!("demo.leak: a secret reached the output and was removed");
        ok = false;
    }
    let json = serde_json::from_str(&json_text).unwrap_or(Value::Null);
    Report::new(ok, json, text)
}

/// Removes any secret from the output; says whether one was there.
///
/// A secret of digits only (an SMS code, a PIN) counts only as a whole
/// number: a six-digit code inside a reference number or a key fingerprint is
/// chance, not a leak (the log scan in `tests/tests/log_scan.rs` reads codes
/// the same way).
fn scrub(mut out: String, secrets: &[String]) -> (String, bool) {
    let mut leaked = false;
    for secret in secrets {
        let at: Vec<usize> = out
            .match_indices(secret.as_str())
            .map(|(at, _)| at)
            .filter(|&at| !is_digits(secret) || standalone(&out, at, secret.len()))
            .collect();
        leaked |= !at.is_empty();
        for at in at.into_iter().rev() {
            out.replace_range(at..at + secret.len(), "****");
        }
    }
    (out, leaked)
}

fn is_digits(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

/// Whether the `len` bytes at `at` are not part of a longer number.
fn standalone(text: &str, at: usize, len: usize) -> bool {
    let before = text[..at].chars().next_back();
    let after = text[at + len..].chars().next();
    !before.is_some_and(|c| c.is_ascii_digit()) && !after.is_some_and(|c| c.is_ascii_digit())
}

fn balances_text(before: &Value, after: &Value) -> String {
    let mut out = String::from("\nموجودی‌ها (دفتر بانک) / Balances (bank ledger):\n");
    for (customer, accounts) in before.as_object().into_iter().flatten() {
        for (account, was) in accounts.as_object().into_iter().flatten() {
            let now = &after[customer][account];
            let (was, now) = (was.as_u64().unwrap_or(0), now.as_u64().unwrap_or(0));
            let change = if now == was {
                String::from("بدون تغییر / unchanged")
            } else if now > was {
                format!("+{}", receipt::money(now - was))
            } else {
                format!("−{}", receipt::money(was - now))
            };
            out.push_str(&format!(
                "    {customer} {account}: {} → {} ({change})\n",
                hamrah_core::money::Rials::new(was).grouped_fa(),
                hamrah_core::money::Rials::new(now).grouped_fa(),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::scrub;

    #[test]
    fn a_code_inside_a_longer_number_is_chance_not_a_leak() {
        let secrets = ["419889".to_owned(), "Hamrah@1405".to_owned()];
        let (out, leaked) = scrub("Reference: 954198890761".to_owned(), &secrets);
        assert!(!leaked);
        assert_eq!(out, "Reference: 954198890761");

        let (out, leaked) = scrub("PIN 419889, ref 4198891".to_owned(), &secrets);
        assert!(leaked);
        assert_eq!(out, "PIN ****, ref 4198891");

        let (out, leaked) = scrub("pw=xHamrah@1405y".to_owned(), &secrets);
        assert!(leaked);
        assert_eq!(out, "pw=x****y");
    }
}
