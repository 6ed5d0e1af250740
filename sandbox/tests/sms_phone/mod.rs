//! A phone for the SMS gateway tests: an enrolled device (its requests
//! signed, as the contract asks once a device is enrolled) that agrees an SMS
//! key and seals frames with the core's codec; replies are opened with it.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use hamrah_core::sms::frame::{self, Direction, Header};
use hamrah_core::sms::text::{self, ReplyText};
use hamrah_core::sms::{Encoding, Reply, Request, SmsKey, SmsKeyAgreement, gsm7};
use reqwest::Method;
use serde_json::{Value, json};

use crate::common::{Bank, Customer, Reply as HttpReply};

/// A logged-in customer's phone with an enrolled signing key.
pub struct Phone {
    /// The customer, carrying the device's enrolled key.
    pub customer: Customer,
    pub key: Option<SmsKey>,
    pub next_up: u32,
    pub encoding: Encoding,
}

impl Phone {
    /// Logs `username` in on a new device and enrolls its signing key.
    pub async fn enrolled(bank: &Bank, username: &str) -> Self {
        Self {
            customer: bank.login_enrolled(username).await,
            key: None,
            next_up: 0,
            encoding: Encoding::Binary,
        }
    }

    /// A bearer call signed with the device key.
    pub async fn signed(
        &self,
        bank: &Bank,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> HttpReply {
        bank.as_customer(&self.customer, method, path, body).await
    }

    /// Agrees a new SMS key; counters restart at 0.
    pub async fn agree(&mut self, bank: &Bank) -> Value {
        let agreement = SmsKeyAgreement::new();
        let body = json!({"device_public_key": agreement.public_key()});
        let answer = self
            .signed(
                bank,
                Method::POST,
                "/v1/devices/current/sms-key",
                Some(body),
            )
            .await
            .expect(201)
            .json;
        let key_id = u16::try_from(answer["key_id"].as_u64().unwrap()).unwrap();
        let key = agreement
            .finish(
                answer["server_public_key"].as_str().unwrap(),
                answer["salt"].as_str().unwrap(),
                key_id,
            )
            .unwrap();
        self.key = Some(key);
        self.next_up = 0;
        answer
    }

    /// The next frame of `request`, sealed under the phone's key.
    pub fn frame(&mut self, request: &Request) -> Vec<u8> {
        let counter = self.next_up;
        self.next_up += 1;
        self.frame_at(request, counter)
    }

    /// A frame with a chosen counter.
    pub fn frame_at(&self, request: &Request, counter: u32) -> Vec<u8> {
        let key = self.key.as_ref().unwrap();
        let header = Header {
            direction: Direction::Up,
            key_id: key.key_id(),
            counter,
        };
        frame::seal(key, header, &request.encode().unwrap()).unwrap()
    }

    /// The frame as the operator delivers it (`sms_inbound`), in the phone's encoding.
    pub async fn deliver(&self, bank: &Bank, frame: &[u8]) -> HttpReply {
        let (encoding, body) = match self.encoding {
            Encoding::Binary => {
                assert!(frame.len() <= gsm7::SINGLE_SMS_BYTES, "one data SMS");
                ("binary", STANDARD.encode(frame))
            }
            Encoding::Gsm7 => {
                let text = text::frame_to_text(frame);
                assert!(
                    gsm7::is_basic(&text) && text.len() <= gsm7::SINGLE_SMS_SEPTETS,
                    "one GSM-7 SMS"
                );
                ("gsm7", text)
            }
        };
        let request =
            json!({"from_mobile": self.customer.demo.mobile, "encoding": encoding, "frame": body});
        bank.call(Method::POST, "/v1/sms/inbound", &[], Some(request))
            .await
    }

    /// Sends `request` and opens the reply frame (which must be one SMS).
    pub async fn send(&mut self, bank: &Bank, request: &Request) -> Reply {
        let frame = self.frame(request);
        let answer = self.deliver(bank, &frame).await.expect(200).json;
        self.open(&answer)
    }

    /// Opens a reply frame from an `SmsInboundResult`.
    pub fn open(&self, answer: &Value) -> Reply {
        let reply = &answer["reply"];
        assert_eq!(reply["segments"], 1);
        let body = reply["body"].as_str().unwrap();
        let bytes = match reply["encoding"].as_str().unwrap() {
            "binary" => {
                assert_eq!(self.encoding, Encoding::Binary);
                STANDARD.decode(body).unwrap()
            }
            "gsm7" => {
                assert_eq!(self.encoding, Encoding::Gsm7);
                assert!(
                    gsm7::septet_count(body).unwrap() <= 160,
                    "one text SMS: {body:?}"
                );
                match text::parse_reply_text(body).unwrap() {
                    ReplyText::Frame(bytes) => bytes,
                    ReplyText::Refusal(code) => panic!("refused: {code}"),
                }
            }
            other => panic!("not a frame: {other} {answer}"),
        };
        assert!(bytes.len() <= 140);
        let (header, plaintext) = frame::open(self.key.as_ref().unwrap(), &bytes).unwrap();
        assert_eq!(header.direction, Direction::Down);
        Reply::decode(&plaintext).unwrap()
    }
}

impl Phone {
    /// A copy sharing the customer, key and counter (to forge or keep an old key).
    pub fn clone_for_tests(&self) -> Self {
        Self {
            customer: self.customer.clone(),
            key: self.key.clone(),
            next_up: self.next_up,
            encoding: self.encoding,
        }
    }
}
