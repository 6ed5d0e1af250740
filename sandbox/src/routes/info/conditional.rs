//! Conditional replies: a body with its `ETag`, and 304 with no body when the
//! client's `If-None-Match` names it.

use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::Value;

/// A JSON body and its entity tag (quoted, as sent).
pub struct Versioned {
    body: String,
    etag: String,
}

impl Versioned {
    /// `body` under the version `version` (its tag is `"version"`).
    pub fn of(body: &Value, version: &str) -> Self {
        Self {
            body: body.to_string(),
            etag: format!("\"{version}\""),
        }
    }
}

/// The first 16 hex digits of SHA-256 of `text`: a version that changes
/// whenever the text does.
pub fn digest(text: &str) -> String {
    let mut hex = crate::ids::sha256_hex(&[text]);
    hex.truncate(16);
    hex
}

/// Whether `If-None-Match` names `etag` (or is `*`); weak tags compare by value.
fn matches(headers: &HeaderMap, etag: &str) -> bool {
    headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|tag| tag.trim().trim_start_matches("W/"))
        .any(|tag| tag == "*" || tag == etag)
}

/// 304 when the client holds this version, else 200 with the body; both
/// with the `ETag`, and `Cache-Control: no-cache` (keep it, ask again).
pub fn answer(headers: &HeaderMap, reply: &Versioned) -> Response {
    let mut response = if matches(headers, &reply.etag) {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "application/json")],
            reply.body.clone(),
        )
            .into_response()
    };
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&reply.etag) {
        headers.insert(header::ETAG, value);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}
