//! Calendar queries: feeds (by token hash), and the meetings and due dates a person's feed holds,
//! bound to their scope in SQL.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgExecutor;

use crate::auth::Scope;

/// The person behind a live feed token.
#[derive(Clone, Debug)]
pub struct FeedOwner {
    pub user_id: i64,
    pub username: String,
    pub display_name: String,
    pub role: String,
    pub unit_id: Option<i64>,
    pub institution_id: Option<i64>,
}

/// The active account of the live (not revoked) feed with this token hash.
pub async fn feed_owner(
    db: impl PgExecutor<'_>,
    token_hash: &str,
) -> sqlx::Result<Option<FeedOwner>> {
    sqlx::query_as!(
        FeedOwner,
        r#"select u.id as user_id, u.username, u.display_name, u.role, u.unit_id, u.institution_id
           from calendar_feed f join app_user u on u.id = f.user_id
           where f.token_hash = $1 and f.revoked_at is null and u.active"#,
        token_hash
    )
    .fetch_optional(db)
    .await
}

/// When the person's live feed was made, if they have one.
pub async fn live_feed(db: impl PgExecutor<'_>, user: i64) -> sqlx::Result<Option<DateTime<Utc>>> {
    sqlx::query_scalar!(
        "select created_at from calendar_feed where user_id = $1 and revoked_at is null",
        user
    )
    .fetch_optional(db)
    .await
}

/// Revokes the person's live feed; how many were revoked (0 or 1).
pub async fn revoke(db: impl PgExecutor<'_>, user: i64) -> sqlx::Result<u64> {
    Ok(sqlx::query!(
        "update calendar_feed set revoked_at = now() where user_id = $1 and revoked_at is null",
        user
    )
    .execute(db)
    .await?
    .rows_affected())
}

pub async fn create(db: impl PgExecutor<'_>, user: i64, token_hash: &str) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        "insert into calendar_feed (user_id, token_hash) values ($1, $2) returning id",
        user,
        token_hash
    )
    .fetch_one(db)
    .await
}

/// A meeting as a calendar event needs it.
#[derive(Clone, Debug)]
pub struct MeetingEvent {
    pub id: i64,
    pub title: String,
    pub starts_at: DateTime<Utc>,
    pub duration_minutes: i32,
    pub venue_name: String,
    pub venue_address: String,
    pub host_name: String,
    pub status: String,
    pub updated_at: DateTime<Utc>,
    pub tz: String,
}

/// Meetings in `scope` (one when `only` is set), from a year back, newest first, at most 500.
pub async fn meetings(
    db: impl PgExecutor<'_>,
    scope: Scope,
    only: Option<i64>,
) -> sqlx::Result<Vec<MeetingEvent>> {
    sqlx::query_as!(
        MeetingEvent,
        r#"select m.id, m.title, m.starts_at, m.duration_minutes, m.venue_name, m.venue_address,
                  u.name as host_name, m.status, m.updated_at, d.tz
           from meeting m
           join police_unit u on u.id = m.host_unit_id
           join region d on d.code = m.district_code
           where ($1 or m.unit_path @> array[$2::bigint]
                  or exists (select 1 from attendee a where a.meeting_id = m.id and a.institution_id = $3))
             and (($4::bigint is null and m.starts_at >= now() - interval '366 days') or m.id = $4)
           order by m.starts_at desc
           limit 500"#,
        scope.national,
        scope.unit,
        scope.institution,
        only
    )
    .fetch_all(db)
    .await
}

/// A due date a person owns or verifies.
#[derive(Clone, Debug)]
pub struct DueEvent {
    pub id: i64,
    pub what: String,
    pub owner_name: String,
    pub due_on: NaiveDate,
    pub status: String,
    pub updated_at: DateTime<Utc>,
    /// The person verifies it (else they own it).
    pub verifies: bool,
}

/// Open or done (not yet verified) commitments the unit `$1` or institution `$2` owns or
/// verifies: a unit owns what its Polri institution promised and verifies what others promised
/// at its meetings; an institution owns its promises and verifies the police's made to it.
pub async fn dues(
    db: impl PgExecutor<'_>,
    unit: Option<i64>,
    institution: Option<i64>,
) -> sqlx::Result<Vec<DueEvent>> {
    sqlx::query_as!(
        DueEvent,
        r#"select c.id, c.what, oi.name as owner_name, c.due_on, c.status, c.updated_at,
                  (not (oi.police_unit_id is not distinct from $1 and $1 is not null)
                   and c.owner_institution_id is distinct from $2) as "verifies!"
           from commitment c
           join institution oi on oi.id = c.owner_institution_id
           where c.status in ('open', 'in_progress', 'done')
             and (($1::bigint is not null and (oi.police_unit_id = $1 or (c.host_unit_id = $1 and oi.kind <> 'polri')))
                  or ($2::bigint is not null and (c.owner_institution_id = $2 or c.to_institution_id = $2)))
           order by c.due_on desc
           limit 500"#,
        unit,
        institution
    )
    .fetch_all(db)
    .await
}
