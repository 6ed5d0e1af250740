//! Signed requests (`docs/api/README.md`, "Signed requests"): once the device
//! is enrolled, every bearer request carries `X-Signature-Timestamp`,
//! `X-Signature-Nonce` and `X-Signature`, an ECDSA P-256 signature by the
//! device key over the canonical string below; money-moving calls are signed
//! over their idempotency key, amount and payee too (dynamic linking).
//!
//! The phone signs the typed [`Link`](crate::operation::Link) its flow made;
//! the bank derives the same lines from the body it received
//! ([`dynamic_link`]), so a body changed in transit no longer matches. The
//! canonical string and the bank's derivation are pure functions the bank
//! (the sandbox) uses as well.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore;
use serde_json::Value;
use sha2::{Digest, Sha256};

mod state;

pub(crate) use state::Signing;
pub use state::{DevicePlatform, DeviceProfile};

/// First line of every signed request's canonical string.
pub const SIGNATURE_VERSION: &str = "hamrah-sig-v2";

/// First line of the quick-login message.
pub const QUICK_LOGIN_VERSION: &str = "hamrah-quick-login-v1";

/// Random bytes in a nonce (the contract allows 16 to 32).
pub const NONCE_BYTES: usize = 24;

/// Amount and canonical payee of a money-moving call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DynamicLink {
    /// The amount line: decimal rials (empty when the body has none).
    pub amount: String,
    /// The canonical payee: `card:{pan}`, `sheba:{sheba}`,
    /// `bill:{bill_id}:{payment_id}`, `topup:{mobile}:{operator}:{product}`
    /// (`...:package:{package_id}`), `deposit:{account_number}`,
    /// `loan:{loan_number}`, `card_block:{card_id}`, `cheque:{sayad_id}`,
    /// `cheque:{sayad_id}:{national_id}`, `cheque_accept:{sayad_id}` or
    /// `cheque_refuse:{sayad_id}`.
    pub payee: String,
}

/// The dynamic link of a request as the bank reads it from the body it
/// received, `None` when it moves no money. `path` may carry a query string;
/// `body` is the request's JSON (`Null` when none).
pub fn dynamic_link(method: &str, path: &str, body: &Value) -> Option<DynamicLink> {
    if method != "POST" {
        return None;
    }
    let path = path.split('?').next().unwrap_or(path);
    let text = |field: &str| body.get(field).and_then(Value::as_str).unwrap_or("");
    let amount = || {
        body.get("amount_rials")
            .and_then(Value::as_u64)
            .map(|a| a.to_string())
            .unwrap_or_default()
    };
    let payee = match path {
        "/v1/card-transfers" => format!("card:{}", text("destination_pan")),
        "/v1/sheba-transfers" => format!("sheba:{}", text("destination_sheba")),
        "/v1/bill-payments" => format!("bill:{}:{}", text("bill_id"), text("payment_id")),
        "/v1/topups" => {
            let mut payee = format!(
                "topup:{}:{}:{}",
                text("mobile"),
                text("operator"),
                text("product")
            );
            if let Some(id) = body.get("package_id").and_then(Value::as_str) {
                payee.push(':');
                payee.push_str(id);
            }
            payee
        }
        "/v1/account-transfers" => format!("deposit:{}", text("destination_account_number")),
        "/v1/loan-payments" => format!("loan:{}", text("loan_number")),
        "/v1/cheques" => format!("cheque:{}", text("sayad_id")),
        _ if path.starts_with("/v1/cheques/") => return cheque_link(path, body),
        _ => return card_link(path),
    };
    Some(DynamicLink {
        amount: amount(),
        payee,
    })
}

/// The dynamic link of a card service (`/v1/cards/{card_id}/block` or
/// `/v1/cards/{card_id}/second-pin`): the card, with amount `0`.
fn card_link(path: &str) -> Option<DynamicLink> {
    let (card_id, service) = path.strip_prefix("/v1/cards/")?.split_once('/')?;
    let payee = match service {
        "block" => "card_block",
        "second-pin" => "second_pin",
        _ => return None,
    };
    if card_id.is_empty() {
        return None;
    }
    Some(DynamicLink {
        amount: "0".to_owned(),
        payee: format!("{payee}:{card_id}"),
    })
}

/// The dynamic link of a cheque's answer or transfer
/// (`/v1/cheques/{sayad_id}/accept|refuse|transfer`).
fn cheque_link(path: &str, body: &Value) -> Option<DynamicLink> {
    let rest = path.strip_prefix("/v1/cheques/")?;
    let (sayad_id, action) = rest.split_once('/')?;
    if sayad_id.is_empty() || action.contains('/') {
        return None;
    }
    let (amount, payee) = match action {
        "accept" | "refuse" => ("0".to_owned(), format!("cheque_{action}:{sayad_id}")),
        "transfer" => (
            body.get("amount_rials")
                .and_then(Value::as_u64)
                .map(|a| a.to_string())
                .unwrap_or_default(),
            format!(
                "cheque:{sayad_id}:{}",
                body.get("to_national_id")
                    .and_then(Value::as_str)
                    .unwrap_or("")
            ),
        ),
        _ => return None,
    };
    Some(DynamicLink { amount, payee })
}

/// Lowercase hex SHA-256 of the body bytes (of `""` when there is no body).
pub fn body_digest(body: &[u8]) -> String {
    Sha256::digest(body)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// What one request's signature covers.
#[derive(Debug, Clone, Copy)]
pub struct SignedParts<'a> {
    /// `GET`, `POST`, ...
    pub method: &'a str,
    /// The path with its query string, as sent.
    pub path_and_query: &'a str,
    /// `X-Signature-Timestamp`, Unix seconds.
    pub timestamp: i64,
    /// `X-Signature-Nonce`.
    pub nonce: &'a str,
    /// The body bytes (empty when none).
    pub body: &'a [u8],
    /// The `Idempotency-Key` header, when the request has one.
    pub idempotency_key: Option<&'a str>,
    /// Amount and payee of a money-moving call.
    pub link: Option<&'a DynamicLink>,
}

/// The canonical string a request's signature covers: the lines joined by
/// `\n`, no trailing newline (an absent key, amount or payee is an empty line).
pub fn canonical_request(parts: &SignedParts<'_>) -> String {
    let (amount, payee) = parts
        .link
        .map_or(("", ""), |l| (l.amount.as_str(), l.payee.as_str()));
    [
        SIGNATURE_VERSION,
        parts.method,
        parts.path_and_query,
        &parts.timestamp.to_string(),
        parts.nonce,
        &body_digest(parts.body),
        parts.idempotency_key.unwrap_or(""),
        amount,
        payee,
    ]
    .join("\n")
}

/// The message a quick login signs.
pub fn quick_login_message(challenge_id: &str, challenge: &str, device_id: &str) -> String {
    format!("{QUICK_LOGIN_VERSION}\n{challenge_id}\n{challenge}\n{device_id}")
}

/// A fresh nonce: [`NONCE_BYTES`] random bytes, base64url.
pub fn new_nonce() -> String {
    let mut bytes = [0u8; NONCE_BYTES];
    rand::rng().fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test fails loudly
    use serde_json::json;

    use super::*;

    #[test]
    fn the_contract_example_canonical_string() {
        let body = br#"{"amount_rials":25000000,"destination_pan":"6104330012345677"}"#;
        let json: Value = serde_json::from_slice(body).unwrap();
        let link = dynamic_link("POST", "/v1/card-transfers", &json).unwrap();
        let text = canonical_request(&SignedParts {
            method: "POST",
            path_and_query: "/v1/card-transfers",
            timestamp: 1_740_816_900,
            nonce: "q7Vb1mX2Lr9Tz0Ke4Wd8Ng",
            body,
            idempotency_key: Some("3f1c2b9e-5a7d-4c61-9e0b-2d8f6a4b7c10"),
            link: Some(&link),
        });
        let lines: Vec<&str> = text.split('\n').collect();
        assert_eq!(lines.len(), 9);
        assert_eq!(
            lines[..5],
            [
                "hamrah-sig-v2",
                "POST",
                "/v1/card-transfers",
                "1740816900",
                "q7Vb1mX2Lr9Tz0Ke4Wd8Ng"
            ]
        );
        assert_eq!(lines[5], body_digest(body));
        assert_eq!(
            lines[6..],
            [
                "3f1c2b9e-5a7d-4c61-9e0b-2d8f6a4b7c10",
                "25000000",
                "card:6104330012345677"
            ]
        );
        assert!(!text.ends_with('\n'));
    }

    #[test]
    fn no_body_digests_the_empty_string_and_leaves_the_link_lines_empty() {
        let text = canonical_request(&SignedParts {
            method: "GET",
            path_and_query: "/v1/transfers?limit=5",
            timestamp: 1,
            nonce: "n",
            body: b"",
            idempotency_key: None,
            link: None,
        });
        assert!(
            text.ends_with(
                "\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n\n\n"
            )
        );
        assert!(text.contains("\n/v1/transfers?limit=5\n"));
    }

    #[test]
    fn each_money_moving_call_has_its_payee() {
        let link = |path: &str, body: Value| dynamic_link("POST", path, &body);
        assert_eq!(
            link(
                "/v1/sheba-transfers",
                json!({"amount_rials": 5, "destination_sheba": "IR26"})
            ),
            Some(DynamicLink {
                amount: "5".into(),
                payee: "sheba:IR26".into()
            })
        );
        assert_eq!(
            link(
                "/v1/bill-payments",
                json!({"amount_rials": 7, "bill_id": "1", "payment_id": "2"})
            ),
            Some(DynamicLink {
                amount: "7".into(),
                payee: "bill:1:2".into()
            })
        );
        assert_eq!(
            link(
                "/v1/loan-payments",
                json!({"amount_rials": 9, "loan_number": "0101234567001"})
            ),
            Some(DynamicLink {
                amount: "9".into(),
                payee: "loan:0101234567001".into()
            })
        );
        assert_eq!(
            link("/v1/cards/crd_1/block", json!({"reason": "lost"})),
            Some(DynamicLink {
                amount: "0".into(),
                payee: "card_block:crd_1".into()
            })
        );
        assert_eq!(
            link(
                "/v1/cheques",
                json!({"amount_rials": 9, "sayad_id": "1234567890123456"})
            ),
            Some(DynamicLink {
                amount: "9".into(),
                payee: "cheque:1234567890123456".into()
            })
        );
        assert_eq!(
            link(
                "/v1/cheques/1234567890123456/transfer",
                json!({"amount_rials": 9, "to_national_id": "0012246141"})
            ),
            Some(DynamicLink {
                amount: "9".into(),
                payee: "cheque:1234567890123456:0012246141".into()
            })
        );
        assert_eq!(
            link("/v1/cheques/1234567890123456/refuse", Value::Null),
            Some(DynamicLink {
                amount: "0".into(),
                payee: "cheque_refuse:1234567890123456".into()
            })
        );
        assert_eq!(link("/v1/cheques/received", Value::Null), None);
        assert_eq!(link("/v1/holder-inquiries/card", json!({"pan": "1"})), None);
        assert_eq!(link("/v1/cards/a/b/block", Value::Null), None);
        assert_eq!(
            dynamic_link("GET", "/v1/card-transfers", &Value::Null),
            None
        );
    }

    #[test]
    fn the_phones_typed_link_is_the_one_the_bank_reads_from_the_body() {
        use crate::ids::{Bill, Payee};
        use crate::money::Rials;
        use crate::operation::Link;
        let pan = "6037999836900602";
        let card = Link::payment(Rials::new(25_000_000), Payee::Card(pan.parse().unwrap()));
        let body = json!({"amount_rials": 25_000_000, "destination_pan": pan});
        assert_eq!(
            Some(card.lines()),
            dynamic_link("POST", "/v1/card-transfers", &body)
        );
        let bill = Bill::new("6366691367513", "374180484").unwrap();
        let paid = Link::payment(Rials::new(374_000), Payee::Bill(bill));
        let body =
            json!({"amount_rials": 374_000, "bill_id": "6366691367513", "payment_id": "374180484"});
        assert_eq!(
            Some(paid.lines()),
            dynamic_link("POST", "/v1/bill-payments", &body)
        );
        let sayad_id: crate::ids::SayadId = "1234567890123456".parse().unwrap();
        let cheque = Link::payment(
            Rials::new(50_000_000),
            Payee::Cheque {
                sayad_id: sayad_id.clone(),
                to: None,
            },
        );
        let body = json!({"amount_rials": 50_000_000, "sayad_id": "1234567890123456"});
        assert_eq!(
            Some(cheque.lines()),
            dynamic_link("POST", "/v1/cheques", &body)
        );
        let answer = Link::ChequeResponse {
            sayad_id,
            accept: true,
        };
        assert_eq!(
            Some(answer.lines()),
            dynamic_link("POST", "/v1/cheques/1234567890123456/accept", &Value::Null)
        );
        let target = crate::ids::TopupTarget {
            mobile: "09351234567".parse().unwrap(),
            operator: crate::ids::Operator::Irancell,
            product: crate::ids::TopupProduct::Charge,
        };
        let topup = Link::payment(Rials::new(200_000), Payee::Topup(target));
        let body = json!({"mobile": "09351234567", "operator": "irancell", "product": "charge",
            "amount_rials": 200_000, "source": {"kind": "account", "account_id": "acc_1"}});
        assert_eq!(
            Some(topup.lines()),
            dynamic_link("POST", "/v1/topups", &body)
        );
        let package = crate::ids::TopupTarget {
            mobile: "09121234567".parse().unwrap(),
            operator: crate::ids::Operator::Mci,
            product: crate::ids::TopupProduct::parse("package", Some("mci_30d_20gb")).unwrap(),
        };
        let bought = Link::payment(Rials::new(1_800_000), Payee::Topup(package));
        let body = json!({"mobile": "09121234567", "operator": "mci", "product": "package",
            "package_id": "mci_30d_20gb", "amount_rials": 1_800_000});
        assert_eq!(
            Some(bought.lines()),
            dynamic_link("POST", "/v1/topups", &body)
        );
        let number = "100200300501".parse().unwrap();
        let deposit = Link::payment(Rials::new(10_000_000), Payee::Deposit(number));
        let body = json!({"source_account_id": "acc_1", "destination_account_number": "100200300501",
            "amount_rials": 10_000_000});
        assert_eq!(
            Some(deposit.lines()),
            dynamic_link("POST", "/v1/account-transfers", &body)
        );
        let block = Link::CardBlock {
            card_id: "crd_1".into(),
        };
        assert_eq!(
            Some(block.lines()),
            dynamic_link("POST", "/v1/cards/crd_1/block", &json!({"reason": "lost"}))
        );
        let pin_change = Link::SecondPinChange {
            card_id: "crd_1".into(),
        };
        assert_eq!(
            Some(pin_change.lines()),
            dynamic_link("POST", "/v1/cards/crd_1/second-pin", &json!({}))
        );
        for not_a_service in [
            "/v1/cards/crd_1/limits",
            "/v1/cards//block",
            "/v1/cards/crd_1",
        ] {
            assert_eq!(dynamic_link("POST", not_a_service, &json!({})), None);
        }
    }

    #[test]
    fn nonces_are_fresh_and_within_the_contract() {
        let (a, b) = (new_nonce(), new_nonce());
        assert_ne!(a, b);
        assert!((22..=43).contains(&a.len()));
        assert_eq!(URL_SAFE_NO_PAD.decode(&a).unwrap().len(), NONCE_BYTES);
    }

    #[test]
    fn the_quick_login_message() {
        assert_eq!(
            quick_login_message("qch_1", "AAAA", "3f1c2b9e-5a7d-4c61-9e0b-2d8f6a4b7c10"),
            "hamrah-quick-login-v1\nqch_1\nAAAA\n3f1c2b9e-5a7d-4c61-9e0b-2d8f6a4b7c10"
        );
    }
}
