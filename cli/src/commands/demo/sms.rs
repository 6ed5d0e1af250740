//! The SMS fallback step of the demo: with an SMS key agreed while data is
//! on, mobile data is cut; the fallback policy moves the steps to SMS, and a
//! balance check and a card-to-card transfer (its dynamic PIN asked for over
//! SMS too) go as one encrypted GSM-7 text SMS each way — the kind an iPhone
//! sends — each frame's size and segment count shown.

use std::sync::Arc;
use std::time::Duration;

use hamrah_core::flows::Problem;
use hamrah_core::ids::{CardNumber, Payee};
use hamrah_core::money::Rials;
use hamrah_core::operation::OperationKey;
use hamrah_core::platform::{MemorySecretStore, SecretStore};
use hamrah_core::sms::{
    CardCredentials, Channel, DesktopSmsTransport, Direction, Encoding, FrameStats, PinKind,
    ReplyBody, SmsClient, SmsExchange, SmsMailbox, SwitchConnectivity,
};
use serde_json::{Value, json};
use zeroize::Zeroizing;

use super::Walk;
use super::bank::demo_problem;
use super::receipt::Receipt;

/// Card-to-card over SMS.
const SMS_AMOUNT: u64 = 2_000_000;

fn frame_json(frame: &FrameStats) -> Value {
    json!({
        "dir": if frame.direction == Direction::Up { "up" } else { "down" },
        "encoding": frame.encoding.as_str(),
        "bytes": frame.bytes,
        "gsm7_chars": frame.gsm7_chars,
        "segments": frame.segments,
    })
}

fn problem(error: hamrah_core::sms::SmsError) -> Problem {
    Problem::of(&error)
}

impl Walk {
    /// Mobile data cut: a card-to-card transfer and a balance check over SMS.
    pub async fn sms_fallback(&mut self) -> Result<Receipt, Problem> {
        let maryam = self.bank.customer(None)?;
        let api = self.maryam.ctx.api.clone();
        let vault: Arc<dyn SecretStore> = Arc::new(MemorySecretStore::new());
        let mailbox = Arc::new(SmsMailbox::new());
        let transport = DesktopSmsTransport::new(api.clone(), &maryam.mobile, Arc::clone(&mailbox))
            .map_err(|e| demo_problem(&e.reason))?;
        let sms = SmsClient::new(
            vault,
            Arc::clone(&self.maryam.ctx.store),
            Arc::new(transport),
            mailbox,
            Encoding::Gsm7,
        )
        .with_reply_timeout(Duration::from_secs(30));
        let key_id = sms.agree_key(&api).await?;

        let network = SwitchConnectivity::new();
        network.set_data(false);
        let decision = api.fallback().decide(&network, sms.is_ready());
        if decision.channel != Channel::Sms {
            return Err(demo_problem("the fallback policy did not choose SMS"));
        }
        let seed = self.bank.seed().await?;
        let pan = seed["other_bank_cards"]
            .as_array()
            .and_then(|cards| cards.iter().find(|c| c["bank_id"] == "mellat"))
            .and_then(|c| c["pan"].as_str())
            .ok_or_else(|| demo_problem("no other bank's card"))?;
        self.secrets.push(pan.to_owned());
        let destination: CardNumber = pan.parse().map_err(|e| Problem::of(&e))?;
        let key = OperationKey::new();
        let amount = Rials::new(SMS_AMOUNT);
        let mut exchanges: Vec<SmsExchange> = Vec::new();
        let payee = Payee::Card(destination.clone());
        exchanges.push(
            sms.dynamic_pin(key, 0, amount, &payee)
                .await
                .map_err(problem)?,
        );
        let pin = self.bank.last_sms_code(&maryam.mobile).await?;
        self.secrets.push(pin.clone());
        let credentials = CardCredentials {
            expiry: Zeroizing::new(maryam.card_expiry.clone()),
            cvv2: Zeroizing::new(maryam.card_cvv2.clone()),
            pin: Zeroizing::new(pin),
            pin_kind: PinKind::Sms,
        };
        let transfer = sms
            .card_transfer(key, 0, &destination, amount, credentials)
            .await
            .map_err(problem)?;
        let ReplyBody::Transfer {
            amount: sent,
            fee,
            trace,
            reference,
            ..
        } = transfer.reply.body.clone()
        else {
            return Err(refused(&transfer));
        };
        exchanges.push(transfer);
        let balance = sms.balance(0).await.map_err(problem)?;
        let ReplyBody::Balance { available, .. } = balance.reply.body else {
            return Err(refused(&balance));
        };
        exchanges.push(balance);

        let frames: Vec<&FrameStats> = exchanges.iter().flat_map(|e| &e.frames).collect();
        if frames.iter().any(|f| f.segments != 1) {
            return Err(demo_problem("an SMS took more than one segment"));
        }
        let mut r = Receipt::new();
        r.field(
            "channel",
            "کانال",
            "Channel",
            "پیامک (اینترنت همراه قطع) / SMS (mobile data off)",
        )
        .field("decision_reason", "دلیل", "Reason", decision.reason)
        .field(
            "sms_key_id",
            "شناسه کلید پیامکی",
            "SMS key id",
            &key_id.to_string(),
        )
        .amount("amount", "مبلغ کارت به کارت", "Card to card", sent)
        .amount("fee", "کارمزد", "Fee", fee)
        .amount("total_debited", "کسر از حساب", "Debited", sent + fee)
        .field(
            "destination_pan_masked",
            "به کارت",
            "To card",
            &destination.masked(),
        )
        .field("trace_number", "شماره پیگیری", "Trace number", &trace)
        .field("reference_number", "شماره مرجع", "Reference", &reference)
        .amount(
            "available_balance",
            "موجودی قابل برداشت",
            "Available balance",
            available,
        );
        for (exchange, what) in exchanges.iter().zip([
            "رمز پویا / dynamic PIN",
            "کارت به کارت / card to card",
            "موجودی / balance",
        ]) {
            r.line(format!("  {what}: {}", exchange.message_fa));
            for frame in &exchange.frames {
                r.line(format!(
                    "    {} {}: {} bytes, {} GSM-7 chars, {} segment",
                    if frame.direction == Direction::Up {
                        "↑ up"
                    } else {
                        "↓ down"
                    },
                    frame.encoding.as_str(),
                    frame.bytes,
                    frame.gsm7_chars.unwrap_or(0),
                    frame.segments
                ));
            }
        }
        r.put(
            "sms",
            json!({"frames": frames.iter().map(|f| frame_json(f)).collect::<Vec<_>>()}),
        );
        Ok(r)
    }
}

fn refused(exchange: &SmsExchange) -> Problem {
    match &exchange.reply.body {
        ReplyBody::Refused { code } => {
            Problem::new(code, &exchange.message_fa, &exchange.message_en)
        }
        _ => demo_problem("unexpected SMS reply"),
    }
}
