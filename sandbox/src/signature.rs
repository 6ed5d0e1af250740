//! Signed requests (`docs/api/README.md`, "Signed requests"): once a device
//! has an enrolled key, each bearer request from it must carry a fresh
//! ECDSA P-256 signature over the canonical string (method, path with query,
//! timestamp, nonce, body digest, and amount and payee of money-moving
//! calls). The canonical string is the core's (`hamrah_core::client::signing`).
//!
//! [`capture_body`] keeps the body bytes of bearer requests for the check;
//! [`verify_session`] is the check the `Session` extractor runs.

use axum::body::{Body, Bytes};
use axum::extract::{FromRequestParts, Request, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hamrah_core::client::signing::{SignedParts, canonical_request, dynamic_link};
use p256::ecdsa::signature::Verifier;
use p256::ecdsa::{Signature, VerifyingKey};
use rusqlite::{OptionalExtension, params};
use serde_json::Value;

use crate::auth::Session;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// The exact body bytes of a bearer request, kept for its signature.
#[derive(Clone)]
pub struct SignedBody(pub Bytes);

/// Middleware: buffers the body of bearer requests (bounded by the body
/// limit) into a [`SignedBody`] extension and hands the same bytes on.
pub async fn capture_body(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if !request.headers().contains_key("authorization") {
        return next.run(request).await;
    }
    let (mut parts, body) = request.into_parts();
    let bytes = match axum::body::to_bytes(body, state.rules.request.max_body_bytes).await {
        Ok(bytes) => bytes,
        Err(_) => return crate::extract::too_large().into_response(),
    };
    parts.extensions.insert(SignedBody(bytes.clone()));
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

/// The signature headers of a request, checked for shape.
struct Headers {
    timestamp: i64,
    nonce: String,
    signature: Signature,
}

fn unauthorized(code: &str, fa: &str, en: &str) -> ApiError {
    ApiError::new(StatusCode::UNAUTHORIZED, code, fa, en)
}

/// 401 `signature.missing`.
pub fn missing() -> ApiError {
    unauthorized(
        "signature.missing",
        "امضای درخواست ارسال نشده است.",
        "This device must sign its requests.",
    )
}

/// 401 `signature.invalid`.
pub fn invalid() -> ApiError {
    unauthorized(
        "signature.invalid",
        "امضای درخواست معتبر نیست.",
        "The request's signature is not valid.",
    )
}

/// 400 `signature.format` naming the header or field at fault.
pub fn format_error(field: &str) -> ApiError {
    ApiError::new(
        StatusCode::BAD_REQUEST,
        "signature.format",
        "قالب امضا نادرست است.",
        "The signature is malformed.",
    )
    .with_field(field)
}

/// A DER signature in base64url, as sent in `X-Signature` or a body.
pub fn parse_signature(text: &str, field: &str) -> ApiResult<Signature> {
    let der = URL_SAFE_NO_PAD
        .decode(text)
        .map_err(|_| format_error(field))?;
    Signature::from_der(&der).map_err(|_| format_error(field))
}

/// A P-256 public key, uncompressed SEC1 in base64url; `None` when it is not one.
pub fn parse_public_key(text: &str) -> Option<VerifyingKey> {
    let bytes = URL_SAFE_NO_PAD.decode(text).ok()?;
    if bytes.len() != 65 || bytes[0] != 0x04 {
        return None;
    }
    VerifyingKey::from_sec1_bytes(&bytes).ok()
}

/// The signature headers: `None` when all three are absent.
fn headers(parts: &Parts) -> ApiResult<Option<Headers>> {
    let get = |name: &str| parts.headers.get(name).map(|v| v.to_str().unwrap_or(""));
    let (timestamp, nonce, signature) = (
        get("x-signature-timestamp"),
        get("x-signature-nonce"),
        get("x-signature"),
    );
    if timestamp.is_none() && nonce.is_none() && signature.is_none() {
        return Ok(None);
    }
    let (Some(timestamp), Some(nonce), Some(signature)) = (timestamp, nonce, signature) else {
        return Err(missing());
    };
    let timestamp = Some(timestamp)
        .filter(|t| (1..=12).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|t| t.parse::<i64>().ok())
        .ok_or_else(|| format_error("X-Signature-Timestamp"))?;
    let nonce_len = URL_SAFE_NO_PAD.decode(nonce).map(|n| n.len()).unwrap_or(0);
    if !(16..=32).contains(&nonce_len) {
        return Err(format_error("X-Signature-Nonce"));
    }
    Ok(Some(Headers {
        timestamp,
        nonce: nonce.to_owned(),
        signature: parse_signature(signature, "X-Signature")?,
    }))
}

/// Checks a request's signature against `key`: shape, timestamp within
/// `max_skew_seconds`, the signature over the canonical string, then the
/// nonce (unseen for `nonce_ttl_seconds`; recorded). Missing headers: 401
/// `signature.missing`.
pub async fn check(
    parts: &Parts,
    state: &AppState,
    device_id: &str,
    key: &VerifyingKey,
) -> ApiResult<()> {
    let headers = headers(parts)?.ok_or_else(missing)?;
    let rules = &state.rules.signature;
    let now = state.clock.now();
    if (now - headers.timestamp).abs() > rules.max_skew_seconds {
        return Err(unauthorized(
            "signature.stale_timestamp",
            "زمان امضای درخواست معتبر نیست؛ ساعت دستگاه را بررسی کنید.",
            "The request's signing time is too far from the bank's clock.",
        ));
    }
    let body = parts
        .extensions
        .get::<SignedBody>()
        .map(|b| b.0.clone())
        .unwrap_or_default();
    let json: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let path = parts
        .uri
        .path_and_query()
        .map_or_else(|| parts.uri.path(), |p| p.as_str());
    let method = parts.method.as_str();
    let link = dynamic_link(method, path, &json);
    let idempotency_key = parts
        .headers
        .get("idempotency-key")
        .map(|v| v.to_str().unwrap_or(""));
    let canonical = canonical_request(&SignedParts {
        method,
        path_and_query: path,
        timestamp: headers.timestamp,
        nonce: &headers.nonce,
        body: &body,
        idempotency_key,
        link: link.as_ref(),
    });
    key.verify(canonical.as_bytes(), &headers.signature)
        .map_err(|_| invalid())?;
    // A nonce is remembered at least as long as a request carrying it can
    // pass the timestamp check: first seen `max_skew` before its timestamp,
    // replayed `max_skew` after it, that is `2 * max_skew` later.
    let keep = rules.nonce_ttl_seconds.max(2 * rules.max_skew_seconds);
    let (device_id, nonce) = (device_id.to_owned(), headers.nonce);
    state
        .db
        .tx(move |tx| {
            tx.prepare_cached("DELETE FROM signature_nonces WHERE device_id = ?1 AND seen_at < ?2")?
                .execute(params![device_id, now - keep])?;
            let fresh = tx
                .prepare_cached("INSERT OR IGNORE INTO signature_nonces (device_id, nonce, seen_at) VALUES (?1, ?2, ?3)")?
                .execute(params![device_id, nonce, now])?;
            if fresh == 0 {
                return Err(unauthorized(
                    "signature.replayed_nonce",
                    "این درخواست پیش‌تر ارسال شده است.",
                    "This request was already received (nonce reused).",
                ));
            }
            Ok(())
        })
        .await
}

/// The enrolled key of the customer's device, if it has one (not revoked).
pub async fn enrolled_key(
    state: &AppState,
    customer_id: &str,
    device_id: &str,
) -> ApiResult<Option<String>> {
    let (customer_id, device_id) = (customer_id.to_owned(), device_id.to_owned());
    state
        .db
        .lookup(move |conn| {
            Ok(conn
                .prepare_cached(
                    "SELECT public_key FROM devices
                     WHERE customer_id = ?1 AND device_id = ?2 AND revoked_at IS NULL AND public_key IS NOT NULL",
                )?
                .query_row(params![customer_id, device_id], |r| r.get::<_, String>(0))
                .optional()?)
        })
        .await
}

/// 403 `device.not_enrolled` unless the session's device has an enrolled
/// key (never enrolled, or revoked): calls the contract reserves to an
/// enrolled device check this first.
pub async fn require_enrolled(state: &AppState, session: &Session) -> ApiResult<()> {
    enrolled_key(state, &session.customer_id, &session.device_id)
        .await?
        .map(drop)
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::FORBIDDEN,
                "device.not_enrolled",
                "این دستگاه هنوز ثبت نشده است.",
                "This device is not enrolled.",
            )
        })
}

/// The `Session` extractor's check for a device with an enrolled key
/// (base64url SEC1): the request must be signed with it. Requests from other
/// devices carry no signature to check.
pub async fn verify_enrolled(
    parts: &Parts,
    state: &AppState,
    device_id: &str,
    enrolled_key: &str,
) -> ApiResult<()> {
    let key = parse_public_key(enrolled_key).ok_or_else(ApiError::internal)?;
    check(parts, state, device_id, &key).await
}

/// The request's parts, for handlers that check a signature themselves
/// (`device_enroll`, signed with the key it enrolls).
pub struct RequestParts(pub Parts);

impl<S: Send + Sync> FromRequestParts<S> for RequestParts {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(Self(parts.clone()))
    }
}
