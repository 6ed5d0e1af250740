//! Request extractors that answer in the contract's error model: JSON bodies,
//! `X-Device-Id` and `Idempotency-Key`.

use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::StatusCode;
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

use crate::error::ApiError;

/// A JSON body; a bad one is 400 `request.malformed`, 413 `request.too_large`
/// or 415 `request.unsupported_media_type`.
pub struct JsonBody<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for JsonBody<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(request, state).await {
            Ok(axum::Json(value)) => Ok(Self(value)),
            Err(rejection) => Err(json_rejection(&rejection)),
        }
    }
}

fn json_rejection(rejection: &JsonRejection) -> ApiError {
    match rejection {
        JsonRejection::MissingJsonContentType(_) => ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "request.unsupported_media_type",
            "نوع محتوای درخواست باید JSON باشد.",
            "The request body must be JSON (Content-Type: application/json).",
        ),
        JsonRejection::BytesRejection(_) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            too_large()
        }
        JsonRejection::JsonDataError(error) => {
            ApiError::malformed("A field of the request has the wrong type or is unknown.")
                .with_field(&data_error_field(&error.body_text()))
        }
        _ => ApiError::malformed("The request body is not valid JSON."),
    }
}

/// serde's message names the path of the offending field first (`field: ...`).
fn data_error_field(text: &str) -> String {
    text.split_once(": ")
        .map(|(head, _)| {
            head.trim_start_matches("Failed to deserialize the JSON body into the target type")
                .trim()
        })
        .filter(|field| !field.is_empty() && !field.contains(' '))
        .unwrap_or("body")
        .to_owned()
}

/// 413 `request.too_large`.
pub fn too_large() -> ApiError {
    ApiError::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        "request.too_large",
        "حجم درخواست بیش از حد مجاز است.",
        "The request body is too large.",
    )
}

/// The `X-Device-Id` header: a UUID, lower case.
#[derive(Debug, Clone)]
pub struct DeviceId(pub String);

impl<S: Send + Sync> FromRequestParts<S> for DeviceId {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        uuid_header(parts, "x-device-id").map(Self).ok_or_else(|| {
            ApiError::new(
                StatusCode::BAD_REQUEST,
                "device.id_missing",
                "شناسه دستگاه ارسال نشده یا نامعتبر است.",
                "The X-Device-Id header is missing or not a UUID.",
            )
            .with_field("X-Device-Id")
        })
    }
}

/// The `Idempotency-Key` header of a money-moving call: a UUID, lower case.
#[derive(Debug, Clone)]
pub struct IdempotencyKey(pub String);

impl<S: Send + Sync> FromRequestParts<S> for IdempotencyKey {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        if !parts.headers.contains_key("idempotency-key") {
            return Err(ApiError::new(
                StatusCode::BAD_REQUEST,
                "idempotency.key_missing",
                "کلید یکتایی عملیات ارسال نشده است.",
                "The Idempotency-Key header is missing.",
            )
            .with_field("Idempotency-Key"));
        }
        uuid_header(parts, "idempotency-key")
            .map(Self)
            .ok_or_else(|| {
                ApiError::new(
                    StatusCode::BAD_REQUEST,
                    "idempotency.key_format",
                    "کلید یکتایی عملیات نامعتبر است.",
                    "The Idempotency-Key header is not a UUID.",
                )
                .with_field("Idempotency-Key")
            })
    }
}

fn uuid_header(parts: &Parts, name: &str) -> Option<String> {
    let value = parts.headers.get(name)?.to_str().ok()?;
    uuid::Uuid::parse_str(value)
        .ok()
        .map(|uuid| uuid.hyphenated().to_string())
}
