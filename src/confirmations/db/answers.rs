//! Answers to a confirmation (with the claim of a team link's browser), their history, and the
//! sanggahan (an answer "the notes are wrong") with the officer's written response.

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgExecutor};

use crate::auth::policy::LineClaim;
use crate::kit::states::{Answer, ConfirmationState};

/// One answer, as typed.
pub struct NewAnswer<'a> {
    pub answer: Answer,
    pub comment: &'a str,
    pub corrected_name: &'a str,
    pub corrected_position: &'a str,
    /// "link" or "account".
    pub via: &'a str,
    pub link_id: Option<i64>,
    pub user_id: Option<i64>,
    pub user_agent: &'a str,
    pub ip_hash: &'a str,
    /// For an answer through a team link: the hash of the answering browser's claim.
    pub claim_hash: Option<&'a str>,
}

/// Locks attendee line `attendee` of `meeting` for the rest of the transaction (two tabs answer
/// one after the other) and says who answered it last, as a team link cares.
pub async fn lock_line(
    tx: &mut PgConnection,
    meeting: i64,
    attendee: i64,
) -> sqlx::Result<LineClaim> {
    sqlx::query_scalar!(
        "select id from attendee where id = $1 and meeting_id = $2 for update",
        attendee,
        meeting
    )
    .fetch_one(&mut *tx)
    .await?;
    let latest = sqlx::query!(
        r#"select c.claim_hash, (l.id is not null and l.attendee_id is null) as "team!"
           from confirmation c left join confirmation_link l on l.id = c.link_id
           where c.attendee_id = $1 order by c.id desc limit 1"#,
        attendee
    )
    .fetch_optional(&mut *tx)
    .await?;
    Ok(match latest {
        None => LineClaim::Unanswered,
        Some(l) if l.team => LineClaim::Team(l.claim_hash),
        Some(_) => LineClaim::Personal,
    })
}

/// Records an answer for an attendee line (locked with [`lock_line`] first); an answer identical
/// to the latest is not recorded twice. Returns whether it was new.
pub async fn record(
    tx: &mut PgConnection,
    meeting: i64,
    attendee: i64,
    a: &NewAnswer<'_>,
) -> sqlx::Result<bool> {
    lock_line(tx, meeting, attendee).await?;
    let latest = sqlx::query!(
        r#"select c.answer as "answer: Answer", c.comment, c.corrected_name, c.corrected_position,
                  a.confirmation as "current: ConfirmationState"
           from confirmation c join attendee a on a.id = c.attendee_id
           where c.attendee_id = $1 order by c.id desc limit 1"#,
        attendee
    )
    .fetch_optional(&mut *tx)
    .await?;
    if let Some(l) = latest
        && l.current.code() == a.answer.code()
        && l.answer == a.answer
        && l.comment == a.comment
        && l.corrected_name == a.corrected_name
        && l.corrected_position == a.corrected_position
    {
        return Ok(false);
    }
    sqlx::query!(
        "insert into confirmation (meeting_id, attendee_id, answer, comment, corrected_name, corrected_position, via,
                                   link_id, user_id, user_agent, ip_hash, claim_hash)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, nullif($11, ''), $12)",
        meeting,
        attendee,
        a.answer.code(),
        a.comment,
        a.corrected_name,
        a.corrected_position,
        a.via,
        a.link_id,
        a.user_id,
        a.user_agent,
        a.ip_hash,
        a.claim_hash
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
        a.answer.code(),
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

/// Sanggahan of the meeting that have no written response yet.
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
    pub answer: Answer,
    pub comment: String,
    pub via: String,
    pub created_at: DateTime<Utc>,
}

pub async fn history(db: impl PgExecutor<'_>, meeting: i64) -> sqlx::Result<Vec<HistoryRow>> {
    sqlx::query_as!(
        HistoryRow,
        r#"select attendee_id, answer as "answer: Answer", comment, via, created_at from confirmation where meeting_id = $1 order by id desc limit 200"#,
        meeting
    )
    .fetch_all(db)
    .await
}

/// The latest sanggahan comment per disputed attendee line.
#[derive(Clone, serde::Deserialize)]
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
