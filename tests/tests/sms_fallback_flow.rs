//! Banking over SMS through the core against the sandbox bank: every SMS
//! operation in both encodings with one SMS each way, the fallback policy
//! choosing SMS when data is cut, and the cross-channel case: an HTTPS
//! transfer that committed but whose answer was lost, retried over SMS with
//! the same idempotency key, gives exactly one set of postings.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails loudly

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::*;
use hamrah_core::Coded;
use hamrah_core::flows::card_transfer::CardTransferState;
use hamrah_core::ids::{Bill, CardNumber};
use hamrah_core::money::Rials;
use hamrah_core::operation::OperationKey;
use hamrah_core::sms::{
    BillSource, CardCredentials, Channel, DesktopSmsTransport, Direction, Encoding, OutboundSms,
    PinKind, ReplyBody, SmsClient, SmsError, SmsExchange, SmsMailbox, SmsTransport,
    SmsTransportError, SwitchConnectivity, vault,
};
use hamrah_core::store::OperationState;
use hamrah_e2e::{App, Bank};
use zeroize::Zeroizing;

const SARA_MOBILE: &str = "09121234567";
const AMOUNT: u64 = 3_000_000;
const FEE: u64 = 7_200;

/// Sara's phone: logged in, device enrolled, SMS key agreed.
async fn phone(bank: &Bank, encoding: Encoding) -> (App, SmsClient) {
    let app = App::enrolled(bank, "sara.ahmadi").await.unwrap();
    let mailbox = Arc::new(SmsMailbox::new());
    let transport =
        DesktopSmsTransport::new(app.ctx.api.clone(), SARA_MOBILE, mailbox.clone()).unwrap();
    let sms = SmsClient::new(
        app.secrets.clone(),
        app.ctx.store.clone(),
        Arc::new(transport),
        mailbox,
        encoding,
    )
    .with_reply_timeout(Duration::from_secs(20));
    assert!(!sms.is_ready());
    sms.agree_key(&app.ctx.api).await.unwrap();
    assert!(sms.is_ready());
    (app, sms)
}

fn credentials(bank: &Bank, pin: &str, kind: PinKind) -> CardCredentials {
    let (cvv2, expiry) = sara_card(bank);
    CardCredentials {
        expiry: Zeroizing::new(expiry),
        cvv2: Zeroizing::new(cvv2),
        pin: Zeroizing::new(pin.into()),
        pin_kind: kind,
    }
}

/// One SMS up, one down, in `encoding`, each a single segment.
fn one_sms_each_way(exchange: &SmsExchange, encoding: Encoding) {
    let directions: Vec<_> = exchange.frames.iter().map(|f| f.direction).collect();
    assert_eq!(directions, vec![Direction::Up, Direction::Down]);
    for frame in &exchange.frames {
        assert_eq!((frame.encoding, frame.segments), (encoding, 1), "{frame:?}");
        assert!(frame.bytes <= 140);
        if encoding == Encoding::Gsm7 {
            assert!(frame.gsm7_chars.unwrap() <= 160);
        }
    }
    assert!(!exchange.message_fa.is_empty() && !exchange.message_en.is_empty());
}

async fn every_operation(encoding: Encoding) {
    let bank = Bank::start().await.unwrap();
    let (app, sms) = phone(&bank, encoding).await;
    // Mobile data is cut: the policy moves every step to SMS.
    let network = SwitchConnectivity::new();
    network.set_data(false);
    let decision = app.ctx.api.fallback().decide(&network, sms.is_ready());
    assert_eq!(
        (decision.channel, decision.reason),
        (Channel::Sms, "data_off")
    );

    let before = balance(&app).await;
    let exchange = sms.balance(0).await.unwrap();
    one_sms_each_way(&exchange, encoding);
    assert!(
        matches!(exchange.reply.body, ReplyBody::Balance { available, .. } if available == before)
    );

    let destination: CardNumber = bank.other_card("mellat").await.unwrap().parse().unwrap();
    let key = OperationKey::new();
    let payee = hamrah_core::ids::Payee::Card(destination.clone());
    let exchange = sms
        .dynamic_pin(key, 0, Rials::new(AMOUNT), &payee)
        .await
        .unwrap();
    one_sms_each_way(&exchange, encoding);
    let pin = bank.last_otp(SARA_MOBILE).await.unwrap();
    let exchange = sms
        .card_transfer(
            key,
            0,
            &destination,
            Rials::new(AMOUNT),
            credentials(&bank, &pin, PinKind::Sms),
        )
        .await
        .unwrap();
    one_sms_each_way(&exchange, encoding);
    assert!(
        matches!(
            exchange.reply.body,
            ReplyBody::Transfer {
                reversed: false,
                amount: AMOUNT,
                ..
            }
        ),
        "{:?}",
        exchange.reply
    );
    let journaled = app.ctx.store.operation(&key.to_text()).unwrap().unwrap();
    assert_eq!(journaled.state, OperationState::Succeeded);
    assert_eq!(balance(&app).await, before - AMOUNT - FEE);

    let exchange = sms.last_five(0).await.unwrap();
    one_sms_each_way(&exchange, encoding);
    let ReplyBody::Statement { entries, .. } = &exchange.reply.body else {
        panic!("{:?}", exchange.reply)
    };
    assert_eq!(entries[0].amount, -((AMOUNT + FEE) as i64));

    let seeded = bank.seed().await.unwrap()["bills"][0].clone();
    let bill = Bill::new(
        seeded["bill_id"].as_str().unwrap(),
        seeded["payment_id"].as_str().unwrap(),
    )
    .unwrap();
    let bill_amount = Rials::new(seeded["amount_rials"].as_u64().unwrap());
    let exchange = sms
        .bill_payment(
            OperationKey::new(),
            &bill,
            bill_amount,
            BillSource::Account(0),
        )
        .await
        .unwrap();
    one_sms_each_way(&exchange, encoding);
    assert!(
        matches!(exchange.reply.body, ReplyBody::Bill { .. }),
        "{:?}",
        exchange.reply
    );

    let exchange = sms.card_block(OperationKey::new(), 0).await.unwrap();
    one_sms_each_way(&exchange, encoding);
    assert!(
        matches!(exchange.reply.body, ReplyBody::Blocked { .. }),
        "{:?}",
        exchange.reply
    );
    let cards = app.ctx.api.cards().await.unwrap();
    assert_eq!(cards[0].state, "blocked");

    // The SMS key lives in the SecretStore only, never in the phone's database file.
    let (key, _) = vault::load(&*app.secrets).unwrap().unwrap();
    let file = std::fs::read(&app.store_path).unwrap();
    assert!(!file.windows(32).any(|w| w == key.bytes()));
    ledger_ok(&bank).await;
    bank.sandbox.stop().await;
}

#[tokio::test]
async fn every_sms_operation_over_data_sms() {
    every_operation(Encoding::Binary).await;
}

#[tokio::test]
async fn every_sms_operation_over_text_sms() {
    every_operation(Encoding::Gsm7).await;
}

/// Card-transfer journal entries at the bank.
async fn transfers_at_bank(bank: &Bank) -> i64 {
    bank.sandbox
        .state()
        .db
        .read(|conn| {
            Ok(conn.query_row(
                "SELECT COUNT(*) FROM journal WHERE kind = 'card_transfer'",
                [],
                |r| r.get(0),
            )?)
        })
        .await
        .unwrap()
}

#[tokio::test]
async fn a_lost_https_answer_retried_over_sms_posts_once() {
    let bank = Bank::start().await.unwrap();
    let (app, sms) = phone(&bank, Encoding::Gsm7).await;
    let policy = app.ctx.api.fallback();
    let network = SwitchConnectivity::new();
    let destination: CardNumber = bank.other_card("tejarat").await.unwrap().parse().unwrap();
    let before = balance(&app).await;
    let at_bank = transfers_at_bank(&bank).await;
    let mut flow = to_authorize(&app, destination.as_str(), AMOUNT).await;
    let otp = pin(&bank, &mut flow, SARA_MOBILE).await;
    let CardTransferState::Authorize { payment, .. } = flow.state() else {
        panic!()
    };
    let key = payment.idempotency_key;
    // The bank commits, the answer is lost, and data drops before the core can ask.
    bank.fault("card_transfer_create", "drop_after_commit", 1, None)
        .await
        .unwrap();
    bank.fault("operation_get", "server_error", 12, None)
        .await
        .unwrap();
    let (cvv2, expiry) = sara_card(&bank);
    let https = tokio::spawn(async move { flow.submit(&otp, &cvv2, &expiry).await.cloned() });
    for _ in 0..100 {
        if transfers_at_bank(&bank).await == at_bank + 1 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(
        transfers_at_bank(&bank).await,
        at_bank + 1,
        "the HTTPS transfer committed"
    );
    assert_eq!(
        app.ctx
            .store
            .operation(&key.to_text())
            .unwrap()
            .unwrap()
            .state,
        OperationState::Pending
    );
    network.set_data(false);
    assert_eq!(
        policy.decide(&network, sms.is_ready()).channel,
        Channel::Sms
    );

    // The customer retries over SMS: the same key, so the bank's record answers.
    let uuid = key;
    let exchange = sms
        .card_transfer(
            uuid,
            0,
            &destination,
            Rials::new(AMOUNT),
            credentials(&bank, "000000", PinKind::Sms),
        )
        .await
        .unwrap();
    assert!(exchange.reply.replayed, "{:?}", exchange.reply);
    assert!(
        matches!(
            exchange.reply.body,
            ReplyBody::Transfer { amount: AMOUNT, .. }
        ),
        "{:?}",
        exchange.reply
    );
    assert_eq!(
        exchange.frames.len(),
        2,
        "resolved with one query, not sent again"
    );
    assert_eq!(
        app.ctx
            .store
            .operation(&key.to_text())
            .unwrap()
            .unwrap()
            .state,
        OperationState::Succeeded
    );

    // Data returns; the HTTPS side settles on the same outcome.
    bank.clear_faults().await.unwrap();
    let state = https.await.unwrap().unwrap();
    assert!(
        matches!(state, CardTransferState::Succeeded { .. }),
        "{state:?}"
    );
    assert_eq!(
        transfers_at_bank(&bank).await,
        at_bank + 1,
        "exactly one set of postings"
    );
    assert_eq!(balance(&app).await, before - AMOUNT - FEE);
    ledger_ok(&bank).await;
    bank.sandbox.stop().await;
}

#[tokio::test]
async fn a_refused_frame_reaches_the_customer_as_a_typed_error() {
    let bank = Bank::start().await.unwrap();
    let (app, sms) = phone(&bank, Encoding::Binary).await;
    // The key is rotated from another vault (as after a restore elsewhere): the bank retires it.
    let mailbox = Arc::new(SmsMailbox::new());
    let transport =
        DesktopSmsTransport::new(app.ctx.api.clone(), SARA_MOBILE, mailbox.clone()).unwrap();
    let vault = Arc::new(hamrah_core::platform::MemorySecretStore::new());
    let rotated = SmsClient::new(
        vault,
        app.ctx.store.clone(),
        Arc::new(transport),
        mailbox,
        Encoding::Binary,
    );
    rotated.agree_key(&app.ctx.api).await.unwrap();
    let before = balance(&app).await;
    let error = sms.card_block(OperationKey::new(), 0).await.unwrap_err();
    assert_eq!(error, SmsError::KeyUnknown);
    assert!(!error.message_fa().is_empty() && !error.message_en().is_empty());
    let cards = app.ctx.api.cards().await.unwrap();
    assert_eq!(cards[0].state, "active", "nothing executed");
    assert_eq!(balance(&app).await, before);
    assert!(matches!(
        rotated.balance(0).await.unwrap().reply.body,
        ReplyBody::Balance { .. }
    ));
    ledger_ok(&bank).await;
    bank.sandbox.stop().await;
}

#[tokio::test]
async fn card_to_card_in_one_sms_each_way_with_a_soft_token_code() {
    use hamrah_core::flows::soft_token::{SoftTokenActivation, payment_code};
    use hamrah_core::token::SoftTokenVault;
    let bank = Bank::start().await.unwrap();
    let (app, sms) = phone(&bank, Encoding::Gsm7).await;
    let ctx = app
        .ctx
        .clone()
        .with_soft_tokens(SoftTokenVault::new(app.secrets.clone()));
    let card_id = app.ctx.api.cards().await.unwrap()[0].card_id.clone();
    let mut activation = SoftTokenActivation::start(&ctx, &card_id).await.unwrap();
    activation
        .confirm(&bank.last_otp(SARA_MOBILE).await.unwrap())
        .await
        .unwrap();
    let before = balance(&app).await;
    // The code is made offline, bound to this amount and payee: no PIN request, no data.
    let destination: CardNumber = bank.other_card("mellat").await.unwrap().parse().unwrap();
    let payee = hamrah_core::token::Payee::Card(destination.clone());
    let code = payment_code(&ctx, &card_id, Rials::new(AMOUNT), &payee).unwrap();
    let exchange = sms
        .card_transfer(
            OperationKey::new(),
            0,
            &destination,
            Rials::new(AMOUNT),
            credentials(&bank, &code, PinKind::Ocra),
        )
        .await
        .unwrap();
    one_sms_each_way(&exchange, Encoding::Gsm7);
    assert!(
        matches!(
            exchange.reply.body,
            ReplyBody::Transfer { amount: AMOUNT, .. }
        ),
        "{:?}",
        exchange.reply
    );
    assert_eq!(balance(&app).await, before - AMOUNT - FEE);
    // The same code for another amount is refused, and nothing moves.
    let other = sms
        .card_transfer(
            OperationKey::new(),
            0,
            &destination,
            Rials::new(AMOUNT + 1),
            credentials(&bank, &code, PinKind::Ocra),
        )
        .await
        .unwrap();
    assert!(
        matches!(&other.reply.body, ReplyBody::Refused { code } if code.starts_with("token.")),
        "{:?}",
        other.reply
    );
    assert_eq!(balance(&app).await, before - AMOUNT - FEE);
    ledger_ok(&bank).await;
    bank.sandbox.stop().await;
}

#[tokio::test]
async fn a_bank_that_stops_answering_makes_the_core_offer_sms() {
    let bank = Bank::start().await.unwrap();
    let (app, sms) = phone(&bank, Encoding::Gsm7).await;
    let network = SwitchConnectivity::new();
    let policy = app.ctx.api.fallback();
    let decision = policy.decide(&network, sms.is_ready());
    assert_eq!(
        (decision.channel, decision.sms_offered, decision.reason),
        (Channel::Https, false, "data_on")
    );
    // Data is on, but the bank cannot be reached: the channel's own failures count.
    let _dir = bank.stop().await;
    for _ in 0..2 {
        assert!(app.ctx.api.accounts().await.is_err());
    }
    let decision = policy.decide(&network, sms.is_ready());
    assert_eq!(
        (decision.channel, decision.sms_offered, decision.reason),
        (Channel::Https, true, "https_failing")
    );
    // The SMS channel still works without the HTTPS one.
    network.set_data(false);
    assert_eq!(
        policy.decide(&network, sms.is_ready()).channel,
        Channel::Sms
    );
}

/// A radio that holds what it is given for a moment, then sends it newest
/// first, half a second apart: the bank's replies come back in the reverse
/// order of the requests, as SMS may.
struct ReversingRadio {
    inner: DesktopSmsTransport,
    held: Arc<std::sync::Mutex<Vec<OutboundSms>>>,
}

impl SmsTransport for ReversingRadio {
    fn send(&self, sms: OutboundSms) -> Result<(), SmsTransportError> {
        let first = {
            let mut held = self.held.lock().unwrap();
            held.push(sms);
            held.len() == 1
        };
        if first {
            let (inner, held) = (self.inner.clone(), Arc::clone(&self.held));
            tokio::spawn(async move {
                tokio::time::sleep(Duration::from_millis(200)).await;
                let frames = std::mem::take(&mut *held.lock().unwrap());
                for sms in frames.into_iter().rev() {
                    inner.send(sms).unwrap();
                    tokio::time::sleep(Duration::from_millis(500)).await;
                }
            });
        }
        Ok(())
    }
}

#[tokio::test]
async fn two_requests_at_once_each_get_their_own_reply() {
    let bank = Bank::start().await.unwrap();
    let app = App::enrolled(&bank, "sara.ahmadi").await.unwrap();
    let mailbox = Arc::new(SmsMailbox::new());
    let inner =
        DesktopSmsTransport::new(app.ctx.api.clone(), SARA_MOBILE, mailbox.clone()).unwrap();
    let radio = ReversingRadio {
        inner,
        held: Arc::default(),
    };
    let sms = SmsClient::new(
        app.secrets.clone(),
        app.ctx.store.clone(),
        Arc::new(radio),
        mailbox,
        Encoding::Binary,
    )
    .with_reply_timeout(Duration::from_secs(5));
    sms.agree_key(&app.ctx.api).await.unwrap();

    // The screen asks for the balance and the last five at the same moment.
    let (balance, statement) = tokio::join!(sms.balance(0), sms.last_five(0));
    let balance = balance.unwrap().reply.body;
    let statement = statement.unwrap().reply.body;
    let ReplyBody::Balance { balance, .. } = balance else {
        panic!("not a balance: {balance:?}");
    };
    let ReplyBody::Statement { balance: now, .. } = statement else {
        panic!("not a statement: {statement:?}");
    };
    assert_eq!(balance, now);
    bank.stop().await;
}
