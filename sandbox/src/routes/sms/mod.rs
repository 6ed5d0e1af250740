//! The SMS channel's two operations: `sms_key_agree` (a bearer call right
//! after enrollment) and `sms_inbound` (the operator link delivering one SMS
//! from a phone; no bearer: the frame authenticates itself).

mod dispatch;

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use axum::{Json, Router};
use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use hamrah_core::Coded;
use hamrah_core::ids::MobileNumber;
use hamrah_core::sms::{Encoding, Reply, ReplyBody, SmsError, gsm7, key, text};
use rusqlite::params;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::auth::Session;
use crate::clock::rfc3339;
use crate::error::{ApiError, ApiResult};
use crate::extract::JsonBody;
use crate::sms_gateway::{self, answer, keys};
use crate::state::AppState;

/// The number phones send frames to, and the data-SMS port.
pub const BANK_NUMBER: &str = "30001717";
/// The data-SMS port.
pub const DATA_PORT: u16 = 16_001;

/// The routes of this area.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/v1/devices/current/sms-key", post(sms_key_agree))
        .route("/v1/sms/inbound", post(sms_inbound))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SmsKeyAgreeRequest {
    device_public_key: String,
}

async fn sms_key_agree(
    State(state): State<AppState>,
    session: Session,
    JsonBody(body): JsonBody<SmsKeyAgreeRequest>,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let device_key = key::public_key_from_base64url(&body.device_public_key).ok_or_else(|| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "device.public_key_invalid",
            "کلید عمومی دستگاه نامعتبر است.",
            "The device public key is not a P-256 point.",
        )
        .with_field("device_public_key")
    })?;
    crate::signature::require_enrolled(&state, &session).await?;
    let now = state.clock.now();
    let sealer = std::sync::Arc::clone(&state.sealer);
    let agreed = state
        .db
        .tx(move |tx| {
            keys::agree(
                tx,
                &sealer,
                &session.customer_id,
                &session.device_id,
                &device_key,
                now,
            )
        })
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(json!({
            "key_id": agreed.key_id,
            "server_public_key": agreed.server_public_key,
            "salt": URL_SAFE_NO_PAD.encode(agreed.salt),
            "hkdf_info": "hamrah/sms/v1",
            "created_at": rfc3339(now),
            "bank_number": BANK_NUMBER,
            "data_port": DATA_PORT,
        })),
    ))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SmsInboundRequest {
    from_mobile: String,
    encoding: String,
    frame: String,
    #[allow(dead_code)] // accepted as the contract allows; the sandbox clock is used
    received_at: Option<String>,
}

fn encoding_invalid() -> ApiError {
    ApiError::new(
        StatusCode::BAD_REQUEST,
        "sms.encoding_invalid",
        "پیامک ورودی قابل خواندن نیست.",
        "The inbound SMS is not valid base64 or GSM-7 text.",
    )
    .with_field("frame")
}

/// The frame's bytes and encoding, as the operator delivered them.
fn frame_bytes(request: &SmsInboundRequest) -> ApiResult<(Vec<u8>, Encoding)> {
    match request.encoding.as_str() {
        "binary" => STANDARD
            .decode(&request.frame)
            .ok()
            .filter(|bytes| bytes.len() <= gsm7::SINGLE_SMS_BYTES)
            .map(|bytes| (bytes, Encoding::Binary))
            .ok_or_else(encoding_invalid),
        "gsm7" => {
            let fits =
                gsm7::septet_count(&request.frame).is_some_and(|n| n <= gsm7::SINGLE_SMS_SEPTETS);
            if !fits {
                return Err(encoding_invalid());
            }
            text::text_to_frame(&request.frame)
                .map(|bytes| (bytes, Encoding::Gsm7))
                .map_err(|_| encoding_invalid())
        }
        _ => Err(ApiError::malformed("encoding must be binary or gsm7").with_field("encoding")),
    }
}

async fn sms_inbound(
    State(state): State<AppState>,
    JsonBody(request): JsonBody<SmsInboundRequest>,
) -> ApiResult<Json<Value>> {
    let mobile = request
        .from_mobile
        .parse::<MobileNumber>()
        .map_err(|e| ApiError::invalid("from_mobile", &e))?;
    let mobile = mobile.as_str().to_owned();
    let (bytes, encoding) = frame_bytes(&request)?;
    let known = mobile.clone();
    let customer: bool = state
        .db
        .read(move |conn| {
            Ok(conn
                .prepare_cached("SELECT EXISTS (SELECT 1 FROM customers WHERE mobile = ?1)")?
                .query_row(params![known], |r| r.get(0))?)
        })
        .await?;
    if !customer {
        return Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "sms.mobile_unknown",
            "این شماره همراه به مشتری‌ای تعلق ندارد.",
            "No customer has this mobile number.",
        ));
    }
    let now = state.clock.now();
    let (result_code, key, reply) = match sms_gateway::accept(&state, &mobile, bytes).await? {
        Err(refusal) => (refusal.code().to_owned(), None, ReplyPlan::Text(refusal)),
        Ok(accepted) => {
            let executed = dispatch::execute(&state, &accepted).await;
            let code = match &executed.body {
                ReplyBody::Refused { code } => code.clone(),
                _ => "ok".to_owned(),
            };
            let reply = Reply {
                op: executed.op,
                answers: accepted.counter,
                replayed: executed.replayed,
                body: executed.body,
            };
            let key = accepted.request.key().map(|k| k.hyphenated().to_string());
            (code, key, ReplyPlan::Frame(Box::new(accepted), reply))
        }
    };
    let to = mobile.clone();
    let stored_key = key.clone();
    let sms = state
        .db
        .tx(move |tx| {
            let sms = match &reply {
                ReplyPlan::Text(error) => answer::refusal(*error),
                ReplyPlan::Frame(accepted, reply) => {
                    answer::sealed(tx, &accepted.live, reply, encoding)?
                }
            };
            answer::record(tx, &to, &sms, stored_key.as_deref(), now)?;
            Ok(sms)
        })
        .await?;
    let mut body = json!({
        "result_code": result_code,
        "reply": {"to_mobile": mobile, "encoding": sms.encoding, "body": sms.body, "segments": sms.segments},
    });
    if let Some(key) = key {
        body["idempotency_key"] = key.into();
    }
    Ok(Json(body))
}

/// The reply to build: a plain refusal or a sealed frame.
enum ReplyPlan {
    Text(SmsError),
    Frame(Box<sms_gateway::Accepted>, Reply),
}
