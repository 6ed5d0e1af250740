//! The QA admin API: loopback only (others get 404), behind `X-Admin-Token`.

use axum::extract::{Path, Query, Request, State};
use axum::http::StatusCode;
use axum::middleware::{Next, from_fn_with_state};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::{Json, Router};
use hamrah_core::ids::{CardNumber, MobileNumber, Sheba};
use rusqlite::params;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::clock::{jalali, rfc3339};
use crate::error::{ApiError, ApiResult};
use crate::extract::JsonBody;
use crate::faults::{FaultKind, FaultRule};
use crate::ids::{new_id, sha256_hex};
use crate::operations::OPERATIONS;
use crate::server::Peer;
use crate::state::AppState;
use crate::{ledger, seed, settlement, sms};

/// The admin routes.
pub fn routes(state: AppState) -> Router<AppState> {
    Router::new()
        .route("/admin/sms/{mobile}", get(sms_outbox))
        .route("/admin/clock", get(clock_get).post(clock_set))
        .route(
            "/admin/faults",
            get(fault_list).post(fault_create).delete(fault_clear),
        )
        .route("/admin/users/{username}/unlock", post(user_unlock))
        .route("/admin/issuers/{bank_id}", put(issuer_set))
        .route("/admin/destinations", put(destination_set))
        .route("/admin/reset", post(reset))
        .route("/admin/seed", get(seed_get))
        .route("/admin/ledger/check", get(ledger_check))
        .route("/admin/stats", get(stats))
        .route_layer(from_fn_with_state(state, guard))
}

/// Loopback peers with the right token only.
async fn guard(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let loopback = request
        .extensions()
        .get::<Peer>()
        .is_some_and(|peer| peer.0.ip().is_loopback());
    if !loopback {
        return ApiError::not_found().into_response();
    }
    let given = request
        .headers()
        .get("x-admin-token")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    // Compare digests so the comparison's time says nothing about the token.
    if sha256_hex(&[given]) != sha256_hex(&[&state.admin_token]) {
        return ApiError::new(
            StatusCode::UNAUTHORIZED,
            "admin.unauthorized",
            "توکن مدیریت نادرست است.",
            "Missing or wrong admin token.",
        )
        .into_response();
    }
    next.run(request).await
}

#[derive(Deserialize)]
struct OutboxQuery {
    after_id: Option<i64>,
    kind: Option<String>,
}

async fn sms_outbox(
    State(state): State<AppState>,
    Path(mobile): Path<String>,
    Query(query): Query<OutboxQuery>,
) -> ApiResult<Json<Value>> {
    let mobile = mobile
        .parse::<MobileNumber>()
        .map_err(|e| ApiError::invalid("mobile", &e))?;
    let number = mobile.as_str().to_owned();
    let sealer = std::sync::Arc::clone(&state.sealer);
    let items = state
        .db
        .read(move |conn| {
            let mut statement = conn.prepare_cached(
                "SELECT id, kind, encoding, text, sealed, idempotency_key, created_at FROM sms_outbox
                 WHERE mobile = ?1 AND id > ?2 AND (?3 IS NULL OR kind = ?3) ORDER BY id",
            )?;
            let rows = statement
                .query_map(
                    params![number, query.after_id.unwrap_or(0), query.kind],
                    |r| {
                        let stored = sms::Stored {
                            id: r.get(0)?,
                            text: r.get(3)?,
                            sealed: r.get(4)?,
                        };
                        let head: (String, String, Option<String>, i64) =
                            (r.get(1)?, r.get(2)?, r.get(5)?, r.get(6)?);
                        Ok((stored, head))
                    },
                )?
                .collect::<Result<Vec<_>, _>>()?;
            // Codes are sealed in the table; QA reads them opened.
            rows.into_iter()
                .map(|(stored, (kind, encoding, key, created_at))| {
                    let message_id = stored.id;
                    let (body, otp) = stored.open(&sealer)?;
                    let mut item = json!({
                        "message_id": message_id,
                        "to_mobile": number,
                        "kind": kind,
                        "encoding": encoding,
                        "body": body,
                        "created_at": rfc3339(created_at),
                        "created_at_jalali": jalali(created_at),
                    });
                    if let Some(otp) = otp {
                        item["otp"] = otp.into();
                    }
                    if let Some(key) = key {
                        item["idempotency_key"] = key.into();
                    }
                    Ok(item)
                })
                .collect::<ApiResult<Vec<_>>>()
        })
        .await?;
    Ok(Json(json!({"mobile": mobile.as_str(), "items": items})))
}

fn clock_json(state: &AppState) -> Json<Value> {
    let now = state.clock.now();
    Json(json!({
        "now": rfc3339(now),
        "now_jalali": jalali(now),
        "offset_seconds": state.clock.offset(),
    }))
}

async fn clock_get(State(state): State<AppState>) -> Json<Value> {
    clock_json(&state)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ClockChange {
    advance_seconds: Option<i64>,
    set_to: Option<String>,
    reset: Option<bool>,
}

async fn clock_set(
    State(state): State<AppState>,
    JsonBody(change): JsonBody<ClockChange>,
) -> ApiResult<Json<Value>> {
    let real_now = state.clock.now() - state.clock.offset();
    let offset = match (change.advance_seconds, change.set_to, change.reset) {
        (Some(seconds), None, None) if seconds >= 0 => state.clock.offset() + seconds,
        (None, Some(at), None) => {
            let at: jiff::Timestamp = at.parse().map_err(|_| {
                ApiError::malformed("set_to is not an RFC 3339 time.").with_field("set_to")
            })?;
            at.as_second() - real_now
        }
        (None, None, Some(true)) => 0,
        _ => {
            return Err(ApiError::malformed(
                "Give exactly one of advance_seconds, set_to, reset.",
            ));
        }
    };
    if offset < state.clock.offset() {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "admin.clock_backwards",
            "ساعت سامانه به عقب برنمی‌گردد.",
            "The sandbox clock never goes backwards.",
        ));
    }
    let now = real_now + offset;
    state
        .db
        .tx(move |tx| {
            tx.execute(
                "INSERT INTO settings (key, value) VALUES ('clock_offset', ?1)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                params![offset.to_string()],
            )?;
            settlement::run_due(tx, now)
        })
        .await?;
    state.clock.set_offset(offset);
    Ok(clock_json(&state))
}

async fn fault_list(State(state): State<AppState>) -> Json<Value> {
    let items: Vec<Value> = state.faults.list().iter().map(fault_json).collect();
    Json(json!({ "items": items }))
}

fn fault_json(rule: &FaultRule) -> Value {
    let mut value = json!({
        "fault_id": rule.id,
        "route": rule.route,
        "kind": rule.kind,
        "count": rule.count,
        "remaining": rule.remaining,
    });
    if let Some(delay) = rule.delay_ms {
        value["delay_ms"] = delay.into();
    }
    if let Some(location) = &rule.location {
        value["location"] = location.as_str().into();
    }
    value
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FaultRequest {
    route: String,
    kind: FaultKind,
    count: u32,
    delay_ms: Option<u64>,
    location: Option<String>,
}

async fn fault_create(
    State(state): State<AppState>,
    JsonBody(request): JsonBody<FaultRequest>,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let known = OPERATIONS.iter().any(|(id, method, path)| {
        *id == request.route || format!("{method} {path}") == request.route
    });
    if !known {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "admin.route_unknown",
            "مسیر ناشناخته است.",
            "No such route in the contract.",
        )
        .with_field("route"));
    }
    if request.kind == FaultKind::Delay && request.delay_ms.is_none() {
        return Err(ApiError::missing("delay_ms"));
    }
    if request.kind == FaultKind::Redirect {
        match &request.location {
            None => return Err(ApiError::missing("location")),
            Some(location) if axum::http::HeaderValue::from_str(location).is_err() => {
                return Err(
                    ApiError::malformed("location is not a header value.").with_field("location")
                );
            }
            Some(_) => {}
        }
    }
    if request.count == 0 {
        return Err(ApiError::malformed("count must be at least 1.").with_field("count"));
    }
    let rule = FaultRule {
        id: new_id("flt"),
        route: request.route,
        kind: request.kind,
        count: request.count,
        remaining: request.count,
        delay_ms: request.delay_ms,
        location: request.location,
    };
    state.faults.add(rule.clone());
    Ok((StatusCode::CREATED, Json(fault_json(&rule))))
}

async fn fault_clear(State(state): State<AppState>) -> StatusCode {
    state.faults.clear();
    StatusCode::NO_CONTENT
}

async fn user_unlock(
    State(state): State<AppState>,
    Path(username): Path<String>,
) -> ApiResult<StatusCode> {
    let found = state
        .db
        .tx(move |tx| {
            let customer = crate::routes::session::customer::by_username(tx, &username)?;
            if let Some(customer) = &customer {
                tx.execute(
                    "UPDATE customers SET failed_logins = 0, locked_until = NULL WHERE id = ?1",
                    params![customer.id],
                )?;
                crate::failures::clear_customer(tx, &customer.id, &customer.national_id)?;
            }
            Ok(customer.is_some())
        })
        .await?;
    if !found {
        return Err(ApiError::not_found());
    }
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize)]
struct IssuerState {
    otp_connected: bool,
}

async fn issuer_set(
    State(state): State<AppState>,
    Path(bank_id): Path<String>,
    JsonBody(body): JsonBody<IssuerState>,
) -> ApiResult<Json<Value>> {
    let bank = hamrah_core::banks::by_id(&bank_id).ok_or_else(ApiError::not_found)?;
    let connected = body.otp_connected;
    state
        .db
        .tx(move |tx| {
            Ok(tx.execute(
                "INSERT INTO issuers (bank_id, otp_connected) VALUES (?1, ?2)
                 ON CONFLICT (bank_id) DO UPDATE SET otp_connected = excluded.otp_connected",
                params![bank.id, connected],
            )?)
        })
        .await?;
    Ok(Json(
        json!({"bank_id": bank.id, "otp_connected": connected}),
    ))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DestinationState {
    pan: Option<String>,
    sheba: Option<String>,
    creditable: bool,
}

async fn destination_set(
    State(state): State<AppState>,
    JsonBody(body): JsonBody<DestinationState>,
) -> ApiResult<Json<Value>> {
    let creditable = body.creditable;
    let (sql, key, reply) = match (body.pan, body.sheba) {
        (Some(pan), None) => {
            let pan = pan
                .parse::<CardNumber>()
                .map_err(|e| ApiError::invalid("pan", &e))?;
            let reply = json!({"pan": pan.as_str(), "creditable": creditable});
            (
                "UPDATE cards SET creditable = ?1 WHERE pan = ?2",
                pan.as_str().to_owned(),
                reply,
            )
        }
        (None, Some(sheba)) => {
            let sheba = sheba
                .parse::<Sheba>()
                .map_err(|e| ApiError::invalid("sheba", &e))?;
            let reply = json!({"sheba": sheba.as_str(), "creditable": creditable});
            (
                "UPDATE external_shebas SET creditable = ?1 WHERE sheba = ?2",
                sheba.as_str().to_owned(),
                reply,
            )
        }
        _ => return Err(ApiError::malformed("Give exactly one of pan and sheba.")),
    };
    let changed = state
        .db
        .tx(move |tx| Ok(tx.execute(sql, params![creditable, key])?))
        .await?;
    if changed == 0 {
        return Err(ApiError::not_found());
    }
    Ok(Json(reply))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ResetRequest {
    seed: String,
}

/// Tables emptied by a reset, children first.
const TABLES: &[&str] = &[
    "postings",
    "journal",
    "transfers",
    "card_usage",
    "idempotency",
    "sessions",
    "devices",
    "challenges",
    "dynamic_pins",
    "failures",
    "sms_outbox",
    "bills",
    "cards",
    "external_shebas",
    "password_history",
    "accounts",
    "customers",
    "issuers",
    "holidays",
];

async fn reset(
    State(state): State<AppState>,
    JsonBody(request): JsonBody<ResetRequest>,
) -> ApiResult<Json<Value>> {
    let demo = match request.seed.as_str() {
        "demo" => true,
        "empty" => false,
        _ => return Err(ApiError::malformed("seed is demo or empty.").with_field("seed")),
    };
    let now = state.clock.now();
    let code = state.bank.sheba_codes.first().copied().unwrap_or("017");
    state.faults.clear();
    let mac = std::sync::Arc::clone(&state.cvv2);
    state
        .db
        .tx(move |tx| {
            for table in TABLES {
                tx.execute(&format!("DELETE FROM {table}"), [])?;
            }
            tx.execute("DELETE FROM settings WHERE key = 'demo_customers'", [])?;
            seed::internal_accounts(tx, now)?;
            if demo {
                let customers = seed::demo(tx, code, now, &mac)?;
                seed::remember(tx, &customers)?;
            }
            Ok(())
        })
        .await?;
    seed_get(State(state)).await
}

async fn seed_get(State(state): State<AppState>) -> ApiResult<Json<Value>> {
    let data = state.db.read(seed::describe).await?;
    Ok(Json(data))
}

async fn ledger_check(State(state): State<AppState>) -> ApiResult<Json<Value>> {
    let check = state.db.read(ledger::check).await?;
    Ok(Json(
        serde_json::to_value(check).map_err(|_| ApiError::internal())?,
    ))
}

async fn stats(State(state): State<AppState>) -> Json<Value> {
    let mut value = serde_json::to_value(state.stats.snapshot()).unwrap_or_default();
    value["started_at"] = rfc3339(state.started_at).into();
    Json(value)
}
