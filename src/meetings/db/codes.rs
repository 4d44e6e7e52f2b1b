//! Verification codes of printed reports: issued when a report is opened (one per meeting
//! version and content hash), looked up by the public verification page.

use chrono::{DateTime, Utc};
use sqlx::PgConnection;
use sqlx::PgExecutor;

/// What a code was issued for, and what the printed page showed of its meeting.
pub struct IssuedCode {
    pub code: String,
    pub meeting_id: i64,
    pub meeting_version: i32,
    pub content_hash: String,
    pub title: String,
    pub starts_at: DateTime<Utc>,
    pub tz: String,
    pub issued_at: DateTime<Utc>,
}

/// A report's content as it is about to be printed.
pub struct ToIssue<'a> {
    pub meeting_id: i64,
    pub meeting_version: i32,
    pub content_hash: &'a str,
    pub title: &'a str,
    pub starts_at: DateTime<Utc>,
    pub tz: &'a str,
    pub issued_by: i64,
}

/// The code already issued for this meeting version and content, if any.
pub async fn issued_code(db: impl PgExecutor<'_>, r: &ToIssue<'_>) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar!(
        "select code from report_code where meeting_id = $1 and meeting_version = $2 and content_hash = $3",
        r.meeting_id,
        r.meeting_version,
        r.content_hash
    )
    .fetch_optional(db)
    .await
}

/// Stores `code` for `r`; None when that content already has a code (or, rarely, the random
/// code is taken).
pub async fn insert_code(
    db: &mut PgConnection,
    code: &str,
    r: &ToIssue<'_>,
) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar!(
        "insert into report_code (code, meeting_id, meeting_version, content_hash, title, starts_at, tz, issued_by)
         values ($1, $2, $3, $4, $5, $6, $7, $8)
         on conflict do nothing returning code",
        code,
        r.meeting_id,
        r.meeting_version,
        r.content_hash,
        r.title,
        r.starts_at,
        r.tz,
        r.issued_by
    )
    .fetch_optional(db)
    .await
}

pub async fn find_code(db: impl PgExecutor<'_>, code: &str) -> sqlx::Result<Option<IssuedCode>> {
    sqlx::query_as!(
        IssuedCode,
        "select code, meeting_id, meeting_version, content_hash, title, starts_at, tz, issued_at
         from report_code where code = $1",
        code
    )
    .fetch_optional(db)
    .await
}
