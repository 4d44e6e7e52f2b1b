//! Reading one meeting: its header row (bound to the reader's `Scope`), types and topics,
//! attendee lines, photos, history, and open sanggahan.

use chrono::{DateTime, Utc};
use sqlx::PgExecutor;

use crate::auth::Scope;
use crate::kit::states::{Attendance, MeetingStatus};

/// The header row of a meeting, if `scope` may see it.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct MeetingRow {
    pub id: i64,
    pub host_unit_id: i64,
    pub host_name: String,
    pub host_kind: String,
    pub unit_path: Vec<i64>,
    pub title: String,
    pub purpose: String,
    pub starts_at: DateTime<Utc>,
    pub duration_minutes: i32,
    pub district_code: String,
    pub district_name: String,
    pub regency_name: String,
    pub province_name: String,
    pub tz: String,
    pub venue_name: String,
    pub venue_address: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub election_id: Option<i64>,
    pub election_name: Option<String>,
    pub voting_day: Option<chrono::NaiveDate>,
    pub stage_name: Option<String>,
    pub minutes: String,
    pub outcome: String,
    pub status: MeetingStatus,
    pub cancel_reason: String,
    pub version: i32,
    pub updated_at: DateTime<Utc>,
}

pub async fn meeting(
    db: impl PgExecutor<'_>,
    id: i64,
    scope: Scope,
) -> sqlx::Result<Option<MeetingRow>> {
    sqlx::query_as!(
        MeetingRow,
        r#"select m.id, m.host_unit_id, u.name as host_name, u.kind as host_kind, m.unit_path, m.title, m.purpose,
                  m.starts_at, m.duration_minutes, m.district_code, d.name as district_name,
                  rg.name as regency_name, pv.name as province_name, d.tz,
                  m.venue_name, m.venue_address, m.latitude, m.longitude, m.election_id,
                  e.name as "election_name?", e.voting_day as "voting_day?", s.name as "stage_name?",
                  m.minutes, m.outcome, m.status as "status: MeetingStatus", m.cancel_reason, m.version, m.updated_at
           from meeting m
           join police_unit u on u.id = m.host_unit_id
           join region d on d.code = m.district_code
           join region rg on rg.code = d.parent_code
           join region pv on pv.code = rg.parent_code
           left join election e on e.id = m.election_id
           left join election_stage s on s.id = m.stage_id
           where m.id = $1
             and ($2 or m.unit_path @> array[$3::bigint]
                  or exists (select 1 from attendee a where a.meeting_id = m.id and a.institution_id = $4))"#,
        id,
        scope.national,
        scope.unit,
        scope.institution
    )
    .fetch_optional(db)
    .await
}

pub async fn meeting_codes(
    db: impl PgExecutor<'_>,
    id: i64,
) -> sqlx::Result<(Vec<String>, Vec<String>)> {
    let r = sqlx::query!(
        r#"select coalesce((select array_agg(type_code order by type_code) from meeting_meeting_type where meeting_id = $1), '{}') as "types!",
                  coalesce((select array_agg(topic_code order by topic_code) from meeting_topic where meeting_id = $1), '{}') as "topics!""#,
        id
    )
    .fetch_one(db)
    .await?;
    Ok((r.types, r.topics))
}

/// The labels of a meeting's types and topics, in their display order (one round trip).
pub async fn meeting_labels(
    db: impl PgExecutor<'_>,
    id: i64,
) -> sqlx::Result<(Vec<String>, Vec<String>)> {
    let r = sqlx::query!(
        r#"select coalesce((select array_agg(t.label order by t.sort) from meeting_meeting_type x
                            join meeting_type t on t.code = x.type_code where x.meeting_id = $1), '{}') as "types!",
                  coalesce((select array_agg(t.label order by t.sort) from meeting_topic x
                            join topic t on t.code = x.topic_code where x.meeting_id = $1), '{}') as "topics!""#,
        id
    )
    .fetch_one(db)
    .await?;
    Ok((r.types, r.topics))
}

#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct AttendeeRow {
    pub id: i64,
    pub institution_id: i64,
    pub institution_name: String,
    pub kind: String,
    pub person_name: String,
    pub position: String,
    pub rank: String,
    pub members: i32,
    pub represents: String,
    pub phone: Option<String>,
    pub attendance: Attendance,
    pub confirmation: String,
    pub confirmed_at: Option<DateTime<Utc>>,
    /// Whether the line's institution is asked to confirm (chosen on the line, else by its kind).
    pub asks_confirmation: bool,
}

pub async fn attendees(db: impl PgExecutor<'_>, meeting: i64) -> sqlx::Result<Vec<AttendeeRow>> {
    sqlx::query_as!(
        AttendeeRow,
        r#"select a.id, a.institution_id, i.name as institution_name, i.kind, a.person_name, a.position, a.rank,
                a.members, a.represents, a.phone, a.attendance as "attendance: Attendance", a.confirmation, a.confirmed_at,
                a.asks_confirmation
         from attendee a join institution i on i.id = a.institution_id
         where a.meeting_id = $1 order by a.sort, a.id"#,
        meeting
    )
    .fetch_all(db)
    .await
}

#[derive(Clone, serde::Deserialize)]
pub struct PhotoRow {
    pub id: i64,
    pub caption: String,
}

pub async fn photos(db: impl PgExecutor<'_>, meeting: i64) -> sqlx::Result<Vec<PhotoRow>> {
    sqlx::query_as!(
        PhotoRow,
        "select id, caption from photo where meeting_id = $1 order by id",
        meeting
    )
    .fetch_all(db)
    .await
}

#[derive(Clone, serde::Deserialize)]
pub struct HistoryRow {
    pub at: DateTime<Utc>,
    pub actor: String,
    pub action: String,
}

pub async fn history(db: impl PgExecutor<'_>, meeting: i64) -> sqlx::Result<Vec<HistoryRow>> {
    sqlx::query_as!(
        HistoryRow,
        "select at, actor, action from audit_log where record_type = 'meeting' and record_id = $1 order by id desc limit 50",
        meeting
    )
    .fetch_all(db)
    .await
}

/// Sanggahan (an attendee's "the notes are wrong") on the meeting with no written response yet.
pub async fn open_sanggahan(db: impl PgExecutor<'_>, meeting: i64) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        r#"select count(*) as "n!" from attendee
           where meeting_id = $1 and confirmation = 'disputed' and dispute_response is null"#,
        meeting
    )
    .fetch_one(db)
    .await
}

/// What meeting `id`'s page is kept under (migration 20261130000600): the meeting's own version,
/// its host unit's subtree version (the follow-ups carried over) and row 0 (names).
pub async fn page_versions(db: impl PgExecutor<'_>, id: i64) -> sqlx::Result<[i64; 3]> {
    let r = sqlx::query!(
        r#"select coalesce((select v from meeting_version where meeting_id = $1), 0) as "meeting!",
                  coalesce((select h.v from meeting m join dash_unit_version h on h.unit_id = m.host_unit_id
                            where m.id = $1), -1) as "host!",
                  coalesce((select v from dash_unit_version where unit_id = 0), 0) as "structure!""#,
        id
    )
    .fetch_one(db)
    .await?;
    Ok([r.meeting, r.host, r.structure])
}
