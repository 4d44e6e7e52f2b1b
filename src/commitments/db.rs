//! Commitment queries. Overdue and escalation are computed in SQL from each row's due date and
//! zone (`sql/list.sql`), so lists, counts and exports agree with the domain functions. A
//! commitment's scope columns are copies of its meeting's, kept equal by a trigger
//! (`migrations/20261129000200_commitment_scope_follows_meeting.sql`).

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{PgConnection, PgExecutor};

use crate::auth::Scope;
use crate::kit::states::{CommitmentStatus, Priority};

#[derive(Clone, Debug, Default)]
pub struct Filter {
    pub status: Option<CommitmentStatus>,
    pub overdue: bool,
    pub escalated: bool,
    pub owner_category: Option<String>,
    pub due_within: Option<i32>,
    pub election: Option<i64>,
    /// Only what the user's own unit hosts, plus what escalated up to it.
    pub own: bool,
}

/// A commitment as lists (and the meeting page's section) show it.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Row {
    pub id: i64,
    pub meeting_id: i64,
    pub meeting_title: String,
    pub host_name: String,
    pub what: String,
    pub owner_institution_id: i64,
    pub owner_name: String,
    pub owner_category: String,
    pub owner_person: String,
    pub to_name: Option<String>,
    pub due_on: NaiveDate,
    pub due_h: Option<i32>,
    /// A standing duty's first day.
    pub starts_on: Option<NaiveDate>,
    pub due_tz: String,
    pub priority: Priority,
    pub status: CommitmentStatus,
    pub days_overdue: i32,
    pub level: i32,
    pub verified_by: Option<String>,
    pub version: i32,
}

/// Commitments in `scope` matching `f`, most urgent first.
pub async fn list(
    db: impl PgExecutor<'_>,
    scope: Scope,
    unit: Option<i64>,
    f: &Filter,
    escalate_days: i64,
    limit: i64,
) -> sqlx::Result<Vec<Row>> {
    sqlx::query_file_as!(
        Row,
        "src/commitments/sql/list.sql",
        scope.national,
        scope.unit,
        scope.institution,
        escalate_days as i32,
        f.status.map(CommitmentStatus::code),
        f.overdue,
        f.escalated,
        f.owner_category,
        f.due_within,
        f.election,
        f.own,
        unit,
        limit
    )
    .fetch_all(db)
    .await
}

/// The commitments of one meeting in `scope`, most urgent first: the meeting page's section.
/// The same rows as `list`, found by the meeting's key so that PostgreSQL can reuse one plan
/// (the general list is planned for each request's filters).
pub async fn for_meeting(
    db: impl PgExecutor<'_>,
    meeting: i64,
    scope: Scope,
    escalate_days: i64,
) -> sqlx::Result<Vec<Row>> {
    sqlx::query_file_as!(
        Row,
        "src/commitments/sql/for_meeting.sql",
        meeting,
        scope.national,
        scope.unit,
        scope.institution,
        escalate_days as i32
    )
    .fetch_all(db)
    .await
}

/// One commitment with what the policy and the page need.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Detail {
    pub id: i64,
    pub meeting_id: i64,
    pub meeting_title: String,
    pub meeting_starts_at: DateTime<Utc>,
    pub meeting_tz: String,
    pub host_unit_id: i64,
    pub host_name: String,
    pub unit_path: Vec<i64>,
    pub what: String,
    pub owner_institution_id: i64,
    pub owner_name: String,
    pub owner_police_path: Option<Vec<i64>>,
    pub owner_person: String,
    pub to_institution_id: Option<i64>,
    pub to_name: Option<String>,
    pub due_on: NaiveDate,
    pub due_h: Option<i32>,
    pub starts_on: Option<NaiveDate>,
    /// The day lateness counts from (the due date, or the day one recorded late was recorded).
    pub reckon_on: NaiveDate,
    pub due_tz: String,
    pub priority: Priority,
    pub status: CommitmentStatus,
    pub drop_reason: String,
    pub verified_at: Option<DateTime<Utc>>,
    pub verified_by: Option<String>,
    pub version: i32,
}

pub async fn get(db: impl PgExecutor<'_>, id: i64, scope: Scope) -> sqlx::Result<Option<Detail>> {
    sqlx::query_as!(
        Detail,
        r#"select c.id, c.meeting_id, m.title as meeting_title, m.starts_at as meeting_starts_at, d.tz as meeting_tz,
                  c.host_unit_id, u.name as host_name, c.unit_path, c.what, c.owner_institution_id, oi.name as owner_name,
                  op.path as "owner_police_path?", c.owner_person, c.to_institution_id, ti.name as "to_name?",
                  c.due_on, c.due_h, c.starts_on, c.reckon_on as "reckon_on!", c.due_tz, c.priority as "priority: Priority",
                  c.status as "status: CommitmentStatus", c.drop_reason, c.verified_at, c.verified_by, c.version
           from commitment c
           join meeting m on m.id = c.meeting_id
           join region d on d.code = m.district_code
           join police_unit u on u.id = c.host_unit_id
           join institution oi on oi.id = c.owner_institution_id
           left join police_unit op on op.id = oi.police_unit_id
           left join institution ti on ti.id = c.to_institution_id
           where c.id = $1
             and ($2 or c.unit_path @> array[$3::bigint] or c.owner_institution_id = $4 or c.to_institution_id = $4)"#,
        id,
        scope.national,
        scope.unit,
        scope.institution
    )
    .fetch_optional(db)
    .await
}

/// A commitment of a link's meeting, for the link's institution: one it owns or verifies.
pub async fn get_for_link(
    db: impl PgExecutor<'_>,
    id: i64,
    meeting: i64,
    institution: i64,
) -> sqlx::Result<Option<Detail>> {
    let scope = Scope {
        national: false,
        unit: None,
        institution: Some(institution),
    };
    Ok(get(db, id, scope)
        .await?
        .filter(|c| c.meeting_id == meeting))
}

pub struct Note {
    pub id: i64,
    pub has_image: bool,
    pub author: String,
    pub body: String,
    pub status_from: Option<CommitmentStatus>,
    pub status_to: Option<CommitmentStatus>,
    pub created_at: DateTime<Utc>,
}

pub async fn notes(db: impl PgExecutor<'_>, id: i64) -> sqlx::Result<Vec<Note>> {
    sqlx::query_as!(
        Note,
        r#"select id, image is not null as "has_image!", author, body,
                  status_from as "status_from: CommitmentStatus", status_to as "status_to: CommitmentStatus", created_at
           from commitment_note where commitment_id = $1 order by id desc"#,
        id
    )
    .fetch_all(db)
    .await
}

pub struct Count {
    pub status: CommitmentStatus,
    pub n: i64,
}

/// How many commitments of each status the scope holds.
pub async fn counts(db: impl PgExecutor<'_>, scope: Scope) -> sqlx::Result<Vec<Count>> {
    sqlx::query_as!(
        Count,
        r#"select status as "status: CommitmentStatus", count(*) as "n!" from commitment c
           where $1 or c.unit_path @> array[$2::bigint] or c.owner_institution_id = $3 or c.to_institution_id = $3
           group by status"#,
        scope.national,
        scope.unit,
        scope.institution
    )
    .fetch_all(db)
    .await
}

/// An open commitment made at an earlier meeting, to follow up at this one.
#[derive(Debug, Clone)]
pub struct CarryOver {
    pub id: i64,
    pub what: String,
    pub owner_name: String,
    pub due_on: NaiveDate,
    pub status: CommitmentStatus,
}

/// Open commitments (open or in progress) of the institutions at `meeting`, made at meetings of
/// the same host subtree that started before it: what to follow up in place (carry-over). Oldest
/// due first, at most 30.
pub async fn carry_over(
    db: impl PgExecutor<'_>,
    meeting: i64,
    scope: Scope,
) -> sqlx::Result<Vec<CarryOver>> {
    sqlx::query_as!(
        CarryOver,
        r#"select c.id, c.what, oi.name as owner_name, c.due_on, c.status as "status: CommitmentStatus"
           from commitment c join institution oi on oi.id = c.owner_institution_id
           join meeting this on this.id = $1
           where c.status in ('open', 'in_progress') and c.meeting_starts_at < this.starts_at
             and c.owner_institution_id in (select institution_id from attendee where meeting_id = $1)
             and c.unit_path @> array[this.host_unit_id]
             and ($2 or c.unit_path @> array[$3::bigint] or c.owner_institution_id = $4)
           order by c.due_on, c.id limit 30"#,
        meeting,
        scope.national,
        scope.unit,
        scope.institution
    )
    .fetch_all(db)
    .await
}

/// A progress note's photo, if the note belongs to commitment `id`.
pub async fn note_image(
    db: impl PgExecutor<'_>,
    id: i64,
    note: i64,
) -> sqlx::Result<Option<Vec<u8>>> {
    Ok(sqlx::query_scalar!(
        "select image from commitment_note where id = $1 and commitment_id = $2",
        note,
        id
    )
    .fetch_optional(db)
    .await?
    .flatten())
}

pub use crate::kit::followups::{NewCommitment, insert};

/// A status change: from what, to what, at which version, with the reason and the verifier.
pub struct Move<'a> {
    pub id: i64,
    pub version: i32,
    pub from: CommitmentStatus,
    pub to: CommitmentStatus,
    pub drop_reason: &'a str,
    pub verified_by: Option<&'a str>,
}

/// Applies `m` if the commitment is still at its version and status; false when stale.
pub async fn move_status(tx: &mut PgConnection, m: &Move<'_>) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update commitment set status = $4, version = version + 1, updated_at = now(),
                drop_reason = case when $4 = 'dropped' then $5 else drop_reason end,
                done_at = case when $4 = 'done' then now() else done_at end,
                verified_at = case when $4 = 'verified' then now() else null end,
                verified_by = case when $4 = 'verified' then $6 else null end
         where id = $1 and version = $2 and status = $3",
        m.id,
        m.version,
        m.from.code(),
        m.to.code(),
        m.drop_reason,
        m.verified_by
    )
    .execute(&mut *tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A note on a commitment's timeline (with the status change it made, if any).
pub struct NewNote<'a> {
    pub commitment_id: i64,
    pub author: &'a str,
    pub user_id: Option<i64>,
    pub body: &'a str,
    pub change: Option<(CommitmentStatus, CommitmentStatus)>,
    pub image: Option<&'a [u8]>,
}

pub async fn add_note(tx: &mut PgConnection, n: &NewNote<'_>) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into commitment_note (commitment_id, author, user_id, body, status_from, status_to, image)
         values ($1, $2, $3, $4, $5, $6, $7)",
        n.commitment_id,
        n.author,
        n.user_id,
        n.body,
        n.change.map(|c| c.0.code()),
        n.change.map(|c| c.1.code()),
        n.image
    )
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// Who verified a commitment through an account, and when (the last note that verified it).
pub struct Verification {
    pub user_id: i64,
    pub at: DateTime<Utc>,
}

pub async fn verification(
    db: impl PgExecutor<'_>,
    commitment: i64,
) -> sqlx::Result<Option<Verification>> {
    sqlx::query_as!(
        Verification,
        r#"select user_id as "user_id!", created_at as at from commitment_note
           where commitment_id = $1 and status_to = 'verified' and user_id is not null
           order by id desc limit 1"#,
        commitment
    )
    .fetch_optional(db)
    .await
}
