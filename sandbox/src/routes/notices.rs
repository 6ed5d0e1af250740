//! The inbox over HTTPS: `notice_list` (oldest first after an id, with the
//! read mark and the unread count) and `notice_mark_read`.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::auth::Session;
use crate::error::{ApiError, ApiResult};
use crate::extract::JsonBody;
use crate::notices;
use crate::state::AppState;

/// Page size when none is asked for, and the largest page.
const DEFAULT_LIMIT: i64 = 20;
const MAX_LIMIT: i64 = 100;

/// The routes of this area.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/v1/notices", get(notice_list))
        .route("/v1/notices/read", post(notice_mark_read))
}

#[derive(Debug, Deserialize)]
struct ListQuery {
    after: Option<String>,
    limit: Option<String>,
}

fn after_of(text: Option<&str>) -> ApiResult<i64> {
    let Some(text) = text else { return Ok(0) };
    text.parse::<i64>().ok().filter(|n| *n >= 0).ok_or_else(|| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "request.cursor_invalid",
            "نشانگر صفحه نامعتبر است.",
            "after must be a notice id (a non-negative integer).",
        )
        .with_field("after")
    })
}

fn limit_of(text: Option<&str>) -> ApiResult<i64> {
    let Some(text) = text else {
        return Ok(DEFAULT_LIMIT);
    };
    text.parse::<i64>()
        .ok()
        .filter(|n| (1..=MAX_LIMIT).contains(n))
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::BAD_REQUEST,
                "request.limit_out_of_range",
                "تعداد موارد هر صفحه باید بین ۱ و ۱۰۰ باشد.",
                "limit must be between 1 and 100.",
            )
            .with_field("limit")
        })
}

async fn notice_list(
    State(state): State<AppState>,
    session: Session,
    query: Result<Query<ListQuery>, QueryRejection>,
) -> ApiResult<Json<Value>> {
    let Query(query) = query.map_err(|_| ApiError::malformed("The query string is not valid."))?;
    let after = after_of(query.after.as_deref())?;
    let limit = limit_of(query.limit.as_deref())?;
    let customer = session.customer_id;
    let body = state
        .db
        .read(move |conn| {
            let mark = notices::read_up_to(conn, &customer)?;
            let (items, has_more) = notices::page(conn, &customer, after, limit, mark)?;
            let unread = notices::unread_count(conn, &customer, mark)?;
            Ok(json!({
                "items": items,
                "unread_count": unread,
                "read_up_to": mark,
                "has_more": has_more,
            }))
        })
        .await?;
    Ok(Json(body))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ReadRequest {
    up_to: u64,
}

async fn notice_mark_read(
    State(state): State<AppState>,
    session: Session,
    JsonBody(request): JsonBody<ReadRequest>,
) -> ApiResult<Json<Value>> {
    let up_to = i64::try_from(request.up_to)
        .map_err(|_| ApiError::malformed("up_to is too large.").with_field("up_to"))?;
    let customer = session.customer_id;
    let body = state
        .db
        .tx(move |tx| {
            let mark = notices::mark_read(tx, &customer, up_to)?;
            let unread = notices::unread_count(tx, &customer, mark)?;
            Ok(json!({"read_up_to": mark, "unread_count": unread}))
        })
        .await?;
    Ok(Json(body))
}
