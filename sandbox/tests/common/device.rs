//! An enrolled test device: a P-256 signing key registered with the bank
//! (`POST /v1/devices`, signed with the key it enrolls), and the
//! `hamrah-sig-v2` headers every later bearer request of that device carries.
//! The canonical string is the core's; `devices.rs` builds its own by hand to
//! catch a drift between the two.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hamrah_core::client::signing::{SignedParts, canonical_request, dynamic_link, new_nonce};
use p256::ecdsa::signature::Signer;
use p256::ecdsa::{Signature, SigningKey};
use reqwest::Method;
use serde_json::{Value, json};

use super::{Bank, Customer};

/// A fresh random P-256 signing key.
pub fn new_signing_key() -> SigningKey {
    loop {
        let mut bytes = [0u8; 32];
        rand::fill(&mut bytes);
        if let Ok(key) = SigningKey::from_slice(&bytes) {
            return key;
        }
    }
}

/// The three signature headers of a request signed with `key` at `timestamp`
/// (Unix seconds); `body` is sent as its `serde_json` bytes, under
/// `idempotency_key` when it has one.
pub fn signature_headers(
    key: &SigningKey,
    timestamp: i64,
    method: &Method,
    path: &str,
    body: Option<&Value>,
    idempotency_key: Option<&str>,
) -> [(&'static str, String); 3] {
    let bytes = body
        .map(|b| serde_json::to_vec(b).unwrap())
        .unwrap_or_default();
    let link = dynamic_link(method.as_str(), path, body.unwrap_or(&Value::Null));
    let nonce = new_nonce();
    let canonical = canonical_request(&SignedParts {
        method: method.as_str(),
        path_and_query: path,
        timestamp,
        nonce: &nonce,
        body: &bytes,
        idempotency_key,
        link: link.as_ref(),
    });
    let signature: Signature = key.sign(canonical.as_bytes());
    [
        ("x-signature-timestamp", timestamp.to_string()),
        ("x-signature-nonce", nonce),
        (
            "x-signature",
            URL_SAFE_NO_PAD.encode(signature.to_der().as_bytes()),
        ),
    ]
}

impl Bank {
    /// Enrolls a fresh key for the customer's device (which must have just
    /// been confirmed by an SMS code); the returned customer signs every call.
    pub async fn enroll(&self, customer: &Customer) -> Customer {
        let key = new_signing_key();
        let public = key.verifying_key().to_encoded_point(false);
        let body = json!({"public_key": URL_SAFE_NO_PAD.encode(public.as_bytes()),
            "algorithm": "ES256", "name": "Test phone", "platform": "android"});
        let enrolled = Customer {
            signing: Some(key),
            ..customer.clone()
        };
        let device = self
            .as_customer(&enrolled, Method::POST, "/v1/devices", Some(body))
            .await
            .expect(201);
        assert_eq!(device.json["enrolled"], true);
        enrolled
    }

    /// Logs a demo customer in from a new device and enrolls that device.
    pub async fn login_enrolled(&self, username: &str) -> Customer {
        let customer = self.login(username).await;
        self.enroll(&customer).await
    }
}
