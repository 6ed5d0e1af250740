//! Cursor pages (`?cursor=&limit=`), newest first. A cursor is the opaque
//! base64url form of the last row id a page showed; rows are read by
//! descending id, so new rows never shift later pages.

use axum::extract::Query;
use axum::extract::rejection::QueryRejection;
use axum::http::StatusCode;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::Deserialize;

use crate::error::{ApiError, ApiResult};

/// Page size when none is asked for.
const DEFAULT_LIMIT: i64 = 20;
/// The largest page.
const MAX_LIMIT: i64 = 100;
/// What a cursor encodes before the row id.
const CURSOR_PREFIX: &str = "after:";

/// The paging query parameters, as sent.
#[derive(Debug, Deserialize)]
pub struct PageQuery {
    cursor: Option<String>,
    limit: Option<String>,
}

/// One page asked for: rows with an id below `before` (all when `None`), at most `limit`.
#[derive(Debug, Clone, Copy)]
pub struct Page {
    /// Only rows with a smaller id.
    pub before: Option<i64>,
    /// At most this many rows.
    pub limit: i64,
}

impl Page {
    /// Reads the query; 400 `request.cursor_invalid` / `request.limit_out_of_range`.
    pub fn from_query(query: Result<Query<PageQuery>, QueryRejection>) -> ApiResult<Self> {
        let Query(query) =
            query.map_err(|_| ApiError::malformed("The query string is not valid."))?;
        let limit = match query.limit.as_deref() {
            None => DEFAULT_LIMIT,
            Some(text) => text
                .parse::<i64>()
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
                })?,
        };
        let before = query.cursor.as_deref().map(decode).transpose()?;
        Ok(Self { before, limit })
    }

    /// Splits the rows read (`limit + 1` asked) into this page and the next cursor.
    pub fn finish<T>(&self, mut rows: Vec<(i64, T)>) -> (Vec<T>, Option<String>) {
        let limit = usize::try_from(self.limit).unwrap_or(0);
        let more = rows.len() > limit;
        rows.truncate(limit);
        let next = if more {
            rows.last().map(|(id, _)| encode(*id))
        } else {
            None
        };
        (rows.into_iter().map(|(_, item)| item).collect(), next)
    }

    /// How many rows to read: one more than the page, to know if another follows.
    pub fn fetch(&self) -> i64 {
        self.limit + 1
    }
}

/// The cursor after the row `id`.
pub fn encode(id: i64) -> String {
    URL_SAFE_NO_PAD.encode(format!("{CURSOR_PREFIX}{id}"))
}

fn decode(cursor: &str) -> ApiResult<i64> {
    URL_SAFE_NO_PAD
        .decode(cursor)
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .and_then(|text| text.strip_prefix(CURSOR_PREFIX)?.parse::<i64>().ok())
        .filter(|id| *id > 0)
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::BAD_REQUEST,
                "request.cursor_invalid",
                "نشانگر صفحه نامعتبر است.",
                "The cursor is not valid.",
            )
            .with_field("cursor")
        })
}
