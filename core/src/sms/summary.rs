//! What a reply says to the customer: a compact GSM-7 line for the raw SMS
//! (read in Messages on an iPhone) and Persian and English texts for the app.

use super::reply::{Reply, ReplyBody};
use crate::digits::to_persian_digits;
use crate::money::Rials;

fn grouped(value: u64) -> String {
    Rials::new(value).grouped()
}

fn signed(value: i64) -> String {
    let sign = if value < 0 { "-" } else { "+" };
    format!("{sign}{}", grouped(value.unsigned_abs()))
}

/// The GSM-7 line of the raw reply SMS (ASCII, Jalali dates `MM/DD`).
pub fn gsm7_line(reply: &Reply) -> String {
    let again = if reply.replayed { " (again)" } else { "" };
    match &reply.body {
        ReplyBody::Refused { code } => format!("Hamrah: NOT done ({code}){again}"),
        ReplyBody::Balance { balance, available } => format!(
            "Hamrah balance {} IRR, available {}",
            signed(*balance).trim_start_matches('+'),
            grouped(*available)
        ),
        ReplyBody::Statement { entries, .. } => {
            let mut line = String::from("Hamrah last:");
            for entry in entries {
                let day = entry
                    .posted_at_tehran()
                    .map(|d| format!("({:02}/{:02})", d.date.month(), d.date.day()))
                    .unwrap_or_default();
                line.push_str(&format!(" {}{day};", signed(entry.amount)));
            }
            line
        }
        ReplyBody::Transfer {
            reversed,
            amount,
            fee,
            trace,
            reference,
            balance_after,
        } => {
            let status = if *reversed { "REVERSED" } else { "OK" };
            let balance = balance_after
                .map(|b| format!(" bal:{}", signed(b).trim_start_matches('+')))
                .unwrap_or_default();
            format!(
                "Hamrah card transfer {status}{again} {} IRR fee:{} trace:{trace} ref:{reference}{balance}",
                grouped(*amount),
                grouped(*fee)
            )
        }
        ReplyBody::Bill {
            amount,
            trace,
            reference,
        } => format!(
            "Hamrah bill paid{again} {} IRR trace:{trace} ref:{reference}",
            grouped(*amount)
        ),
        ReplyBody::Blocked { reference } => format!("Hamrah card BLOCKED{again} ref:{reference}"),
        ReplyBody::PinSent { seconds_left } => {
            format!("Hamrah: dynamic PIN sent by SMS, valid {seconds_left} s")
        }
        ReplyBody::Pending => "Hamrah: still in progress, ask again".to_owned(),
        ReplyBody::NotFound => "Hamrah: not received by the bank, send again".to_owned(),
    }
}

/// The reply in Persian, for the app.
pub fn fa(reply: &Reply) -> String {
    let rials = |v: u64| format!("{} ریال", Rials::new(v).grouped_fa());
    let signed_fa = |v: i64| {
        let sign = if v < 0 { "−" } else { "+" };
        format!("{sign}{}", rials(v.unsigned_abs()))
    };
    let again = if reply.replayed {
        " (نتیجه ثبت‌شده)"
    } else {
        ""
    };
    let text = match &reply.body {
        ReplyBody::Refused { code } => format!("انجام نشد ({code}){again}"),
        ReplyBody::Balance { balance, available } => format!(
            "موجودی: {}، قابل برداشت: {}",
            signed_fa(*balance).trim_start_matches('+'),
            rials(*available)
        ),
        ReplyBody::Statement { entries, .. } => entries
            .iter()
            .map(|e| {
                let when = e
                    .posted_at_tehran()
                    .map(|d| d.to_persian_string())
                    .unwrap_or_default();
                format!("{} {when}", signed_fa(e.amount))
            })
            .collect::<Vec<_>>()
            .join("\n"),
        ReplyBody::Transfer {
            reversed,
            amount,
            trace,
            reference,
            ..
        } => format!(
            "{}{again}: {}، پیگیری {trace}، مرجع {reference}",
            if *reversed {
                "انتقال برگشت خورد"
            } else {
                "انتقال کارت به کارت انجام شد"
            },
            rials(*amount)
        ),
        ReplyBody::Bill {
            amount,
            trace,
            reference,
        } => {
            format!(
                "قبض پرداخت شد{again}: {}، پیگیری {trace}، مرجع {reference}",
                rials(*amount)
            )
        }
        ReplyBody::Blocked { reference } => format!("کارت مسدود شد{again}، مرجع {reference}"),
        ReplyBody::PinSent { seconds_left } => {
            format!("رمز پویا با پیامک فرستاده شد؛ اعتبار {seconds_left} ثانیه")
        }
        ReplyBody::Pending => "هنوز در حال انجام است؛ دوباره بپرسید.".to_owned(),
        ReplyBody::NotFound => "به بانک نرسیده است؛ با همان شناسه دوباره بفرستید.".to_owned(),
    };
    to_persian_digits(&text)
}

/// The reply in English, for the app.
pub fn en(reply: &Reply) -> String {
    gsm7_line(reply)
        .trim_start_matches("Hamrah")
        .trim_start_matches(':')
        .trim()
        .to_owned()
}
