//! Confirmation queries: links, answers and the per-meeting summary.

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgExecutor};

pub struct LinkRow {
    pub id: i64,
    pub attendee_id: Option<i64>,
    pub institution_name: String,
    pub person_name: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
}

pub async fn links(db: impl PgExecutor<'_>, meeting: i64) -> sqlx::Result<Vec<LinkRow>> {
    sqlx::query_as!(
        LinkRow,
        r#"select l.id, l.attendee_id, i.name as institution_name, coalesce(a.person_name, '') as "person_name!",
                  l.created_at, l.expires_at, l.revoked_at
           from confirmation_link l join institution i on i.id = l.institution_id
           left join attendee a on a.id = l.attendee_id
           where l.meeting_id = $1 order by l.id desc"#,
        meeting
    )
    .fetch_all(db)
    .await
}

pub async fn create_link(
    db: impl PgExecutor<'_>,
    meeting: i64,
    attendee: i64,
    token_hash: &str,
    user: i64,
    days: i64,
) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar!(
        "insert into confirmation_link (meeting_id, attendee_id, institution_id, token_hash, created_by, expires_at)
         select a.meeting_id, a.id, a.institution_id, $3, $4, now() + make_interval(days => $5::int)
         from attendee a where a.id = $2 and a.meeting_id = $1
         returning id",
        meeting,
        attendee,
        token_hash,
        user,
        days as i32
    )
    .fetch_optional(db)
    .await
}

/// A team link: one for every line of an institution (not the police) at the meeting; each
/// member picks their own line on the page.
pub async fn create_team_link(
    db: impl PgExecutor<'_>,
    meeting: i64,
    institution: i64,
    token_hash: &str,
    user: i64,
    days: i64,
) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar!(
        "insert into confirmation_link (meeting_id, attendee_id, institution_id, token_hash, created_by, expires_at)
         select $1, null, i.id, $3, $4, now() + make_interval(days => $5::int)
         from institution i
         where i.id = $2 and i.kind <> 'polri'
           and exists (select 1 from attendee a where a.meeting_id = $1 and a.institution_id = i.id)
         returning id",
        meeting,
        institution,
        token_hash,
        user,
        days as i32
    )
    .fetch_optional(db)
    .await
}

pub async fn revoke(db: impl PgExecutor<'_>, meeting: i64, link: i64) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update confirmation_link set revoked_at = now() where id = $1 and meeting_id = $2 and revoked_at is null",
        link,
        meeting
    )
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A link found by its token's hash, with what the public page may show: one attendee line, or
/// (a team link, no attendee) every line of the institution.
pub struct LinkTarget {
    pub link_id: i64,
    pub meeting_id: i64,
    pub attendee_id: Option<i64>,
    pub institution_id: i64,
    pub expires_at: DateTime<Utc>,
    pub revoked: bool,
}

pub async fn link_by_hash(db: impl PgExecutor<'_>, hash: &str) -> sqlx::Result<Option<LinkTarget>> {
    sqlx::query_as!(
        LinkTarget,
        r#"select id as link_id, meeting_id, attendee_id, institution_id, expires_at, revoked_at is not null as "revoked!"
           from confirmation_link where token_hash = $1"#,
        hash
    )
    .fetch_optional(db)
    .await
}

/// One answer, as typed.
pub struct Answer<'a> {
    pub answer: &'a str,
    pub comment: &'a str,
    pub corrected_name: &'a str,
    pub corrected_position: &'a str,
    pub via: &'a str,
    pub link_id: Option<i64>,
    pub user_id: Option<i64>,
    pub user_agent: &'a str,
    pub ip_hash: &'a str,
}

/// Records an answer for an attendee line: the line is locked so two tabs answer one after the
/// other, and an answer identical to the latest is not recorded twice. Returns whether it was new.
pub async fn record(
    tx: &mut PgConnection,
    meeting: i64,
    attendee: i64,
    a: &Answer<'_>,
) -> sqlx::Result<bool> {
    let current = sqlx::query_scalar!(
        "select confirmation from attendee where id = $1 and meeting_id = $2 for update",
        attendee,
        meeting
    )
    .fetch_one(&mut *tx)
    .await?;
    let latest = sqlx::query!(
        "select answer, comment, corrected_name, corrected_position from confirmation where attendee_id = $1 order by id desc limit 1",
        attendee
    )
    .fetch_optional(&mut *tx)
    .await?;
    if let Some(l) = latest
        && current == a.answer
        && l.answer == a.answer
        && l.comment == a.comment
        && l.corrected_name == a.corrected_name
        && l.corrected_position == a.corrected_position
    {
        return Ok(false);
    }
    sqlx::query!(
        "insert into confirmation (meeting_id, attendee_id, answer, comment, corrected_name, corrected_position, via,
                                   link_id, user_id, user_agent, ip_hash)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, nullif($11, ''))",
        meeting,
        attendee,
        a.answer,
        a.comment,
        a.corrected_name,
        a.corrected_position,
        a.via,
        a.link_id,
        a.user_id,
        a.user_agent,
        a.ip_hash
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query!(
        "update attendee set confirmation = $2, confirmed_at = now(),
                dispute_response = case when $2 = 'disputed' then null else dispute_response end,
                person_name = case when $3 <> '' then $3 else person_name end,
                position = case when $4 <> '' then $4 else position end
         where id = $1",
        attendee,
        a.answer,
        a.corrected_name,
        a.corrected_position
    )
    .execute(&mut *tx)
    .await?;
    Ok(true)
}

pub async fn respond_dispute(
    db: impl PgExecutor<'_>,
    meeting: i64,
    attendee: i64,
    text: &str,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update attendee set dispute_response = $3 where id = $2 and meeting_id = $1 and confirmation = 'disputed'",
        meeting,
        attendee,
        text
    )
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Disputes of the meeting that have no written response yet.
pub async fn open_disputes(db: impl PgExecutor<'_>, meeting: i64) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        r#"select count(*) as "n!" from attendee where meeting_id = $1 and confirmation = 'disputed' and dispute_response is null"#,
        meeting
    )
    .fetch_one(db)
    .await
}

pub struct HistoryRow {
    pub attendee_id: i64,
    pub answer: String,
    pub comment: String,
    pub via: String,
    pub created_at: DateTime<Utc>,
}

pub async fn history(db: impl PgExecutor<'_>, meeting: i64) -> sqlx::Result<Vec<HistoryRow>> {
    sqlx::query_as!(
        HistoryRow,
        "select attendee_id, answer, comment, via, created_at from confirmation where meeting_id = $1 order by id desc limit 200",
        meeting
    )
    .fetch_all(db)
    .await
}

/// The latest dispute comment per disputed attendee line.
#[derive(Clone)]
pub struct DisputeRow {
    pub attendee_id: i64,
    pub institution_name: String,
    pub person_name: String,
    pub comment: String,
    pub at: DateTime<Utc>,
    pub response: Option<String>,
}

pub async fn disputes(db: impl PgExecutor<'_>, meeting: i64) -> sqlx::Result<Vec<DisputeRow>> {
    sqlx::query_as!(
        DisputeRow,
        r#"select a.id as attendee_id, i.name as institution_name, a.person_name,
                  c.comment, c.created_at as at, a.dispute_response as response
           from attendee a join institution i on i.id = a.institution_id
           join lateral (select comment, created_at from confirmation c where c.attendee_id = a.id and c.answer = 'disputed'
                         order by c.id desc limit 1) c on true
           where a.meeting_id = $1 and a.confirmation = 'disputed' order by a.sort"#,
        meeting
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
    pub status: String,
    pub attendee_id: i64,
    pub person_name: String,
    pub position: String,
    pub confirmation: String,
}

pub async fn my_meetings(
    db: impl PgExecutor<'_>,
    institution: i64,
) -> sqlx::Result<Vec<MyMeetingRow>> {
    sqlx::query_as!(
        MyMeetingRow,
        "select m.id as meeting_id, m.title, m.starts_at, d.tz, u.name as host_name, m.status,
                a.id as attendee_id, a.person_name, a.position, a.confirmation
         from attendee a join meeting m on m.id = a.meeting_id join police_unit u on u.id = m.host_unit_id
         join region d on d.code = m.district_code
         where a.institution_id = $1
         order by m.starts_at desc, a.sort limit 200",
        institution
    )
    .fetch_all(db)
    .await
}
