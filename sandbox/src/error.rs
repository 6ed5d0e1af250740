//! The contract's one error model: `{code, message_fa, message_en, retryable, field?, retry_after_seconds?}`.

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use hamrah_core::Coded;
use serde::Serialize;

/// An error answer of the bank, as every non-2xx response carries it.
#[derive(Debug, Clone, Serialize)]
pub struct ApiError {
    /// The HTTP status.
    #[serde(skip)]
    pub status: StatusCode,
    /// The stable machine code, `module.reason`.
    pub code: String,
    /// The message in Persian.
    pub message_fa: String,
    /// The message in English.
    pub message_en: String,
    /// Whether the same request may succeed later unchanged.
    pub retryable: bool,
    /// The request field at fault.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// Seconds to wait before retrying.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retry_after_seconds: Option<u64>,
}

/// What a handler returns.
pub type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    /// An error with its status, code and messages.
    pub fn new(status: StatusCode, code: &str, message_fa: &str, message_en: &str) -> Self {
        Self {
            status,
            code: code.to_owned(),
            message_fa: message_fa.to_owned(),
            message_en: message_en.to_owned(),
            retryable: status.is_server_error(),
            field: None,
            retry_after_seconds: None,
        }
    }

    /// A 400 from one of the core's parsers, naming the field.
    pub fn invalid(field: &str, error: &dyn Coded) -> Self {
        Self {
            status: StatusCode::BAD_REQUEST,
            code: error.code().to_owned(),
            message_fa: error.message_fa(),
            message_en: error.message_en(),
            retryable: false,
            field: Some(field.to_owned()),
            retry_after_seconds: None,
        }
    }

    /// Names the request field at fault.
    pub fn with_field(mut self, field: &str) -> Self {
        self.field = Some(field.to_owned());
        self
    }

    /// Asks the client to wait before retrying.
    pub fn retry_after(mut self, seconds: u64) -> Self {
        self.retry_after_seconds = Some(seconds);
        self.retryable = true;
        self
    }

    /// 400 `request.malformed`.
    pub fn malformed(detail_en: &str) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "request.malformed",
            "درخواست نامعتبر است.",
            detail_en,
        )
    }

    /// 400 `request.field_missing`.
    pub fn missing(field: &str) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "request.field_missing",
            "یکی از اطلاعات لازم وارد نشده است.",
            "A required field is missing.",
        )
        .with_field(field)
    }

    /// 404 `request.not_found`.
    pub fn not_found() -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "request.not_found",
            "مورد درخواستی یافت نشد.",
            "Not found.",
        )
    }

    /// 500 `server.internal`: nothing was committed.
    pub fn internal() -> Self {
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "server.internal",
            "خطای داخلی رخ داد؛ عملیاتی انجام نشد. دوباره تلاش کنید.",
            "An internal error occurred; nothing was done. Please try again.",
        )
    }
}

impl From<rusqlite::Error> for ApiError {
    fn from(error: rusqlite::Error) -> Self {
        tracing::error!(%error, "database error");
        Self::internal()
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status;
        let retry_after = self.retry_after_seconds;
        let mut response = (status, Json(self)).into_response();
        if let Some(value) = retry_after.and_then(|s| HeaderValue::from_str(&s.to_string()).ok()) {
            response.headers_mut().insert(header::RETRY_AFTER, value);
        }
        response
    }
}
