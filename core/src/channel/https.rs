//! [`BankClient`]: HTTPS to the bank over pooled keep-alive connections, with
//! the bank's key pinned. HTTP/1.1 only: a phone's calls are few and mostly one
//! after another, and leaving HTTP/2 out keeps about 316 KB of the phones'
//! library (`./scripts/ffi-size.sh`) for the services themselves.

use std::sync::Arc;
use std::time::Duration;

use reqwest::Method;
use serde_json::Value;

use super::pinning::PinnedVerifier;
use super::{BankError, ChannelError, SetupError, SpkiPin};

/// How long to wait for the bank.
#[derive(Debug, Clone, Copy)]
pub struct Timeouts {
    /// To open a connection (nothing is sent before it succeeds).
    pub connect: Duration,
    /// For a whole request, answer included.
    pub request: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Self {
            connect: Duration::from_secs(10),
            request: Duration::from_secs(30),
        }
    }
}

/// A successful reply.
#[derive(Debug, Clone, PartialEq)]
pub struct Reply {
    /// The HTTP status (2xx).
    pub status: u16,
    /// The JSON body (`Null` when empty).
    pub json: Value,
    /// True when the bank replayed a recorded result for the idempotency key.
    pub replayed: bool,
}

/// The HTTPS channel to one bank.
#[derive(Debug, Clone)]
pub struct BankClient {
    base_url: String,
    http: reqwest::Client,
}

impl BankClient {
    /// A client for the bank at `base_url` (an `https://` URL, else
    /// [`SetupError::InsecureUrl`]) whose TLS key matches one of `pins`.
    /// Only HTTPS is spoken and redirects are never followed: a 3xx reply is
    /// [`ChannelError::Protocol`], so a request body goes to the pinned bank only.
    pub fn new(base_url: &str, pins: &[SpkiPin], timeouts: Timeouts) -> Result<Self, SetupError> {
        let base_url = super::address::https_base(base_url)?;
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let verifier = Arc::new(PinnedVerifier::new(pins.to_vec(), Arc::clone(&provider)));
        let mut tls = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|_| SetupError::Tls)?
            .dangerous()
            .with_custom_certificate_verifier(verifier)
            .with_no_client_auth();
        tls.alpn_protocols = vec![b"http/1.1".to_vec()];
        let http = reqwest::Client::builder()
            .use_preconfigured_tls(tls)
            .https_only(true)
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(timeouts.connect)
            .timeout(timeouts.request)
            // Below the bank's idle timeout (60 s at the sandbox,
            // docs/api/README.md), so the client drops an idle connection first.
            .pool_idle_timeout(Duration::from_secs(50))
            .build()
            .map_err(|_| SetupError::Tls)?;
        Ok(Self { base_url, http })
    }

    /// Sends one request; a non-2xx answer is [`ChannelError::Bank`].
    pub async fn send(
        &self,
        method: Method,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<&Value>,
    ) -> Result<Reply, ChannelError> {
        let bytes = body
            .map(serde_json::to_vec)
            .transpose()
            .map_err(|_| ChannelError::Protocol)?;
        self.send_bytes(method, path, headers, bytes).await
    }

    /// Sends one request whose JSON body is already serialized, so that the
    /// bytes a signature covers are exactly the bytes sent.
    pub async fn send_bytes(
        &self,
        method: Method,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<Vec<u8>>,
    ) -> Result<Reply, ChannelError> {
        let mut request = self
            .http
            .request(method, format!("{}{path}", self.base_url));
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        if let Some(body) = body {
            request = request
                .header(reqwest::header::CONTENT_TYPE, "application/json")
                .body(body);
        }
        let started = std::time::Instant::now();
        let response = request.send().await.map_err(|e| {
            let error = classify(&e);
            tracing::debug!(
                path,
                code = crate::Coded::code(&error),
                "no answer from the bank"
            );
            error
        })?;
        let status = response.status().as_u16();
        let ms = started.elapsed().as_millis() as u64;
        tracing::debug!(path, status, ms, "the bank answered");
        if response.status().is_redirection() {
            // Not followed (the body would go elsewhere) and not in the contract.
            return Err(ChannelError::Protocol);
        }
        let replayed = response.headers().contains_key("idempotent-replayed");
        let bytes = response
            .bytes()
            .await
            .map_err(|_| ChannelError::OutcomeUnknown)?;
        let json: Value = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes).map_err(|_| ChannelError::Protocol)?
        };
        if (200..300).contains(&status) {
            return Ok(Reply {
                status,
                json,
                replayed,
            });
        }
        let mut error: BankError =
            serde_json::from_value(json).map_err(|_| ChannelError::Protocol)?;
        error.status = status;
        Err(ChannelError::Bank(error))
    }
}

/// Maps a transport failure: a refused pin, nothing sent, or an unknown outcome.
fn classify(error: &reqwest::Error) -> ChannelError {
    if is_pin_failure(error) {
        ChannelError::PinMismatch
    } else if error.is_connect() {
        ChannelError::Unreachable
    } else {
        ChannelError::OutcomeUnknown
    }
}

/// Whether a rustls certificate refusal is somewhere in the error's causes
/// (io::Error hides its inner error from `source`, so look inside it too).
fn is_pin_failure(error: &(dyn std::error::Error + 'static)) -> bool {
    let mut current: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(cause) = current {
        if matches!(
            cause.downcast_ref::<rustls::Error>(),
            Some(rustls::Error::InvalidCertificate(_))
        ) {
            return true;
        }
        let inner = cause
            .downcast_ref::<std::io::Error>()
            .and_then(|io| io.get_ref());
        if inner.is_some_and(|e| is_pin_failure(e)) {
            return true;
        }
        current = cause.source();
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_https_urls_make_a_client() {
        use crate::Coded;
        assert_eq!(SetupError::InsecureUrl.code(), "tls.insecure_url");
        let pins = [SpkiPin::of_spki(b"bank key")];
        for url in [
            "http://127.0.0.1:8443",
            "HTTP://bank.example",
            "ftp://bank.example",
            "bank.example",
            "https://",
            "",
        ] {
            assert_eq!(
                BankClient::new(url, &pins, Timeouts::default()).err(),
                Some(SetupError::InsecureUrl),
                "{url}"
            );
        }
        assert!(BankClient::new("https://bank.example/", &pins, Timeouts::default()).is_ok());
    }
}
