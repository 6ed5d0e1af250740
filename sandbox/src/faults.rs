//! Faults QA injects on the next N calls of a route: a delay, a failure before
//! commit, a commit whose response is then dropped, a server error, or a
//! redirect elsewhere.

use std::sync::Mutex;
use std::time::Duration;

use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

use crate::error::ApiError;
use crate::operations::operation_id;
use crate::state::AppState;

/// What a fault does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FaultKind {
    /// Waits `delay_ms` before handling the request.
    Delay,
    /// Answers 500 `server.internal` without doing anything.
    FailBeforeCommit,
    /// Handles and commits the request, then breaks the connection instead of answering.
    DropAfterCommit,
    /// Answers 503 `server.unavailable` without doing anything.
    ServerError,
    /// Answers 307 to `location` without doing anything (a client must not follow it).
    Redirect,
}

/// A fault armed for the next `remaining` calls of `route`.
#[derive(Debug, Clone, Serialize)]
pub struct FaultRule {
    /// The rule's id.
    pub id: String,
    /// An operationId (`card_transfer_create`) or `METHOD /path-template`.
    pub route: String,
    /// What happens.
    pub kind: FaultKind,
    /// Calls affected in all.
    pub count: u32,
    /// Calls still affected.
    pub remaining: u32,
    /// The delay, for `delay`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delay_ms: Option<u64>,
    /// Where to, for `redirect`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
}

/// The armed faults.
#[derive(Debug, Default)]
pub struct Faults {
    rules: Mutex<Vec<FaultRule>>,
}

impl Faults {
    /// Arms a rule.
    pub fn add(&self, rule: FaultRule) {
        if let Ok(mut rules) = self.rules.lock() {
            rules.push(rule);
        }
    }

    /// The rules still armed.
    pub fn list(&self) -> Vec<FaultRule> {
        self.rules.lock().map(|r| r.clone()).unwrap_or_default()
    }

    /// Disarms every rule.
    pub fn clear(&self) {
        if let Ok(mut rules) = self.rules.lock() {
            rules.clear();
        }
    }

    /// Takes one use of the first rule matching the operation, if any.
    fn take(&self, operation: &str, method_and_path: &str) -> Option<FaultRule> {
        let mut rules = self.rules.lock().ok()?;
        let index = rules
            .iter()
            .position(|r| r.route == operation || r.route == method_and_path)?;
        let rule = rules.get_mut(index)?;
        rule.remaining = rule.remaining.saturating_sub(1);
        let taken = rule.clone();
        if rule.remaining == 0 {
            rules.remove(index);
        }
        Some(taken)
    }
}

/// Middleware (route layer): counts the request per operation and applies
/// the first armed fault of the matched route.
pub async fn inject(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let Some(template) = request
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_owned())
    else {
        return next.run(request).await;
    };
    let method = request.method().as_str().to_owned();
    let operation = operation_id(&method, &template).unwrap_or_default();
    state.stats.count_operation(operation);
    let Some(rule) = state
        .faults
        .take(operation, &format!("{method} {template}"))
    else {
        return next.run(request).await;
    };
    tracing::info!(route = %rule.route, kind = ?rule.kind, "injecting fault");
    match rule.kind {
        FaultKind::Delay => {
            tokio::time::sleep(Duration::from_millis(rule.delay_ms.unwrap_or(0))).await;
            next.run(request).await
        }
        FaultKind::FailBeforeCommit => ApiError::internal().into_response(),
        FaultKind::ServerError => ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "server.unavailable",
            "سامانه بانک موقتاً در دسترس نیست؛ عملیاتی انجام نشد.",
            "The bank is temporarily unavailable; nothing was done.",
        )
        .into_response(),
        FaultKind::Redirect => redirect(rule.location),
        FaultKind::DropAfterCommit => {
            let mut response = next.run(request).await;
            // The work is committed; the server breaks the connection instead of answering.
            response.extensions_mut().insert(DropConnection);
            response
        }
    }
}

/// 307 to `location`, in the error model (what a client that follows it
/// would resend, method and body included, is the point of the fault).
fn redirect(location: Option<String>) -> Response {
    let mut response = ApiError::new(
        StatusCode::TEMPORARY_REDIRECT,
        "server.redirect",
        "بانک این درخواست را به نشانی دیگری فرستاد؛ عملیاتی انجام نشد.",
        "The bank redirected this request elsewhere; nothing was done.",
    )
    .into_response();
    if let Some(location) = location.and_then(|l| HeaderValue::from_str(&l).ok()) {
        response.headers_mut().insert(header::LOCATION, location);
    }
    response
}

/// Marks a response the server must not send: it closes the connection instead.
#[derive(Debug, Clone, Copy)]
pub struct DropConnection;
