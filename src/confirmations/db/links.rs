//! Confirmation links: made per attendee line or per institution (a team), listed, revoked.
//! Only a token's hash is stored; who a live token stands for is `auth::link::LinkHolder`.

use chrono::{DateTime, Utc};
use sqlx::PgExecutor;

/// The institutions a link was made for at `meeting` (asked to confirm, whatever their kind).
pub async fn linked_institutions(db: impl PgExecutor<'_>, meeting: i64) -> sqlx::Result<Vec<i64>> {
    sqlx::query_scalar!(
        r#"select distinct institution_id as "id!" from confirmation_link where meeting_id = $1"#,
        meeting
    )
    .fetch_all(db)
    .await
}

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

/// A link for the attendee line `target`, or, with `team`, for every line of the institution
/// `target` (not the police) at the meeting: each member picks their own line on the page.
pub async fn create_link(
    db: impl PgExecutor<'_>,
    meeting: i64,
    team: bool,
    target: i64,
    token_hash: &str,
    user: i64,
    days: i64,
) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar!(
        "insert into confirmation_link (meeting_id, attendee_id, institution_id, token_hash, created_by, expires_at)
         select $1, t.attendee_id, t.institution_id, $4, $5, now() + make_interval(days => $6::int)
         from (select a.id as attendee_id, a.institution_id
               from attendee a where not $2 and a.id = $3 and a.meeting_id = $1
               union all
               select null, i.id
               from institution i
               where $2 and i.id = $3 and i.kind <> 'polri'
                 and exists (select 1 from attendee a where a.meeting_id = $1 and a.institution_id = i.id)) t
         returning id",
        meeting,
        team,
        target,
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
