//! What the confirmation pages read of a meeting and its attendee lines, and the meetings an
//! official's institution was at ("Pertemuan saya").

use chrono::{DateTime, Utc};
use sqlx::PgExecutor;

use crate::auth::Scope;
use crate::kit::states::{CommitmentStatus, ConfirmationState, MeetingStatus};

/// A meeting as the confirmation pages show it.
#[derive(Clone, Debug)]
pub struct MeetingInfo {
    pub id: i64,
    pub title: String,
    pub host_unit_id: i64,
    pub host_name: String,
    pub unit_path: Vec<i64>,
    pub starts_at: DateTime<Utc>,
    pub tz: String,
    pub venue_name: String,
    pub district_name: String,
    pub minutes: String,
    pub status: MeetingStatus,
}

impl MeetingInfo {
    /// Reported or cancelled: answers can no longer change.
    pub fn closed(&self) -> bool {
        matches!(
            self.status,
            MeetingStatus::Reported | MeetingStatus::Cancelled
        )
    }
}

/// The meeting `id`, if it lies in `scope`.
pub async fn meeting(
    db: impl PgExecutor<'_>,
    id: i64,
    scope: Scope,
) -> sqlx::Result<Option<MeetingInfo>> {
    sqlx::query_as!(
        MeetingInfo,
        r#"select m.id, m.title, m.host_unit_id, u.name as host_name, m.unit_path, m.starts_at, d.tz,
                  m.venue_name, d.name as district_name, m.minutes, m.status as "status: MeetingStatus"
           from meeting m
           join police_unit u on u.id = m.host_unit_id
           join region d on d.code = m.district_code
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

/// An attendee line and where its confirmation stands.
#[derive(Clone, Debug)]
pub struct Line {
    pub id: i64,
    pub institution_id: i64,
    pub institution_name: String,
    /// The institution's kind ("polri" for the police).
    pub kind: String,
    pub person_name: String,
    pub position: String,
    pub confirmation: ConfirmationState,
    pub confirmed_at: Option<DateTime<Utc>>,
    /// Whether the officer asks this line to confirm (the meeting form's "Minta konfirmasi").
    pub asks_confirmation: bool,
}

impl Line {
    pub fn is_police(&self) -> bool {
        self.kind == "polri"
    }
}

/// The attendee lines of `meeting`, in their order.
pub async fn lines(db: impl PgExecutor<'_>, meeting: i64) -> sqlx::Result<Vec<Line>> {
    sqlx::query_as!(
        Line,
        r#"select a.id, a.institution_id, i.name as institution_name, i.kind, a.person_name, a.position,
                  a.confirmation as "confirmation: ConfirmationState", a.confirmed_at,
                  a.asks_confirmation
           from attendee a join institution i on i.id = a.institution_id
           where a.meeting_id = $1 order by a.sort, a.id"#,
        meeting
    )
    .fetch_all(db)
    .await
}

/// The labels of `meeting`'s topics, in their display order.
pub async fn topic_labels(db: impl PgExecutor<'_>, meeting: i64) -> sqlx::Result<Vec<String>> {
    sqlx::query_scalar!(
        "select t.label from meeting_topic mt join topic t on t.code = mt.topic_code
         where mt.meeting_id = $1 order by t.sort",
        meeting
    )
    .fetch_all(db)
    .await
}

/// A commitment the link's institution owns or verifies, with what the policy needs.
pub struct LinkCommitmentRow {
    pub id: i64,
    pub what: String,
    pub due_on: chrono::NaiveDate,
    pub starts_on: Option<chrono::NaiveDate>,
    pub due_h: Option<i32>,
    pub status: CommitmentStatus,
    pub version: i32,
    pub unit_path: Vec<i64>,
    pub owner_institution_id: i64,
    /// The owning institution's name ("Polsek …", "PPK …").
    pub owner_name: String,
    pub owner_police_path: Option<Vec<i64>>,
    pub to_institution_id: Option<i64>,
}

/// The commitments of `meeting` that `institution` owns or was promised, by due date.
pub async fn link_commitments(
    db: impl PgExecutor<'_>,
    meeting: i64,
    institution: i64,
) -> sqlx::Result<Vec<LinkCommitmentRow>> {
    sqlx::query_as!(
        LinkCommitmentRow,
        r#"select c.id, c.what, c.due_on, c.starts_on, c.due_h, c.status as "status: CommitmentStatus", c.version, c.unit_path,
                  c.owner_institution_id, oi.name as owner_name, op.path as "owner_police_path?", c.to_institution_id
           from commitment c join institution oi on oi.id = c.owner_institution_id
           left join police_unit op on op.id = oi.police_unit_id
           where c.meeting_id = $1 and (c.owner_institution_id = $2 or c.to_institution_id = $2)
           order by c.due_on"#,
        meeting,
        institution
    )
    .fetch_all(db)
    .await
}

/// Meetings an institution was invited to or attended, newest first, with its own lines.
pub struct MyMeetingRow {
    pub meeting_id: i64,
    pub title: String,
    pub starts_at: DateTime<Utc>,
    pub tz: String,
    pub host_name: String,
    pub status: MeetingStatus,
    pub attendee_id: i64,
    pub person_name: String,
    pub position: String,
    pub confirmation: ConfirmationState,
}

pub async fn my_meetings(
    db: impl PgExecutor<'_>,
    institution: i64,
) -> sqlx::Result<Vec<MyMeetingRow>> {
    sqlx::query_as!(
        MyMeetingRow,
        r#"select m.id as meeting_id, m.title, m.starts_at, d.tz, u.name as host_name, m.status as "status: MeetingStatus",
                a.id as attendee_id, a.person_name, a.position, a.confirmation as "confirmation: ConfirmationState"
         from attendee a join meeting m on m.id = a.meeting_id join police_unit u on u.id = m.host_unit_id
         join region d on d.code = m.district_code
         where a.institution_id = $1
         order by m.starts_at desc, a.sort limit 200"#,
        institution
    )
    .fetch_all(db)
    .await
}
