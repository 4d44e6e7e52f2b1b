//! Reminder queries: today's candidates and the digest (`*.sql`), what was sent, the recording
//! of a sent reminder (once per step, recipient and due date), and the Polda rules.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgExecutor;

use super::domain::{Recipient, Rule, Step};
use crate::auth::Scope;

/// An open commitment whose reminders may fall today.
#[derive(Clone, Debug)]
pub struct Candidate {
    pub id: i64,
    pub meeting_id: i64,
    pub meeting_title: String,
    pub what: String,
    pub host_name: String,
    pub owner_name: String,
    pub owner_police: bool,
    pub to_name: Option<String>,
    pub due_on: NaiveDate,
    pub due_tz: String,
    pub days_left: i64,
    pub days_before: i64,
    pub days_after: i64,
}

impl Candidate {
    pub fn rule(&self) -> Rule {
        Rule {
            before: self.days_before,
            after: self.days_after,
        }
    }
    /// The side that verifies: the institution it was made to (police promises), else the host.
    pub fn counterpart(&self) -> &str {
        match (&self.to_name, self.owner_police) {
            (Some(to), true) => to,
            _ => &self.host_name,
        }
    }
}

pub async fn candidates(
    db: impl PgExecutor<'_>,
    scope: Scope,
    grace: i64,
    only: Option<i64>,
) -> sqlx::Result<Vec<Candidate>> {
    sqlx::query_file_as!(
        Candidate,
        "src/reminders/candidates.sql",
        scope.national,
        scope.unit,
        grace as i32,
        only
    )
    .fetch_all(db)
    .await
}

/// A reminder already sent for a commitment's current due date.
#[derive(Clone, Debug)]
pub struct Sent {
    pub commitment_id: i64,
    pub step: String,
    pub recipient: String,
    pub sent_by: Option<String>,
    pub sent_at: DateTime<Utc>,
}

pub async fn sent_for(db: impl PgExecutor<'_>, ids: &[i64]) -> sqlx::Result<Vec<Sent>> {
    sqlx::query_as!(
        Sent,
        r#"select s.commitment_id, s.step, s.recipient, u.display_name as "sent_by?", s.sent_at
           from reminder_sent s
           join commitment c on c.id = s.commitment_id and c.due_on = s.due_on
           left join app_user u on u.id = s.sent_by
           where s.commitment_id = any($1)
           order by s.sent_at"#,
        ids
    )
    .fetch_all(db)
    .await
}

/// Records a sent reminder; `None` when this step was already sent to this recipient.
pub async fn record(
    db: impl PgExecutor<'_>,
    commitment: i64,
    step: Step,
    to: Recipient,
    due_on: NaiveDate,
    user: i64,
) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar!(
        "insert into reminder_sent (commitment_id, step, recipient, due_on, sent_by)
         values ($1, $2, $3, $4, $5)
         on conflict (commitment_id, step, recipient, due_on) do nothing
         returning id",
        commitment,
        step.code(),
        to.code(),
        due_on,
        user
    )
    .fetch_optional(db)
    .await
}

/// A commitment for the digest.
#[derive(Clone, Debug)]
pub struct DigestRow {
    pub id: i64,
    pub what: String,
    pub host_name: String,
    pub owner_name: String,
    pub due_on: NaiveDate,
    pub unit_path: Vec<i64>,
    pub days_late: i64,
}

pub async fn digest(
    db: impl PgExecutor<'_>,
    scope: Scope,
    escalate_days: i64,
) -> sqlx::Result<Vec<DigestRow>> {
    sqlx::query_file_as!(
        DigestRow,
        "src/reminders/digest.sql",
        scope.national,
        scope.unit,
        escalate_days.max(1) as i32
    )
    .fetch_all(db)
    .await
}

/// A Polda with its rule (defaults when it has none).
#[derive(Clone, Debug)]
pub struct PoldaRule {
    pub id: i64,
    pub name: String,
    pub days_before: i32,
    pub days_after: i32,
    pub custom: bool,
}

/// The Poldas in an admin's area: all for a national admin, their own for a Polda admin.
pub async fn polda_rules(
    db: impl PgExecutor<'_>,
    scope: Scope,
    only: Option<i64>,
) -> sqlx::Result<Vec<PoldaRule>> {
    sqlx::query_as!(
        PoldaRule,
        r#"select u.id, u.name, coalesce(r.days_before, 3) as "days_before!", coalesce(r.days_after, 1) as "days_after!",
                  (r.polda_id is not null) as "custom!"
           from police_unit u
           left join reminder_rule r on r.polda_id = u.id
           where u.level = 'polda' and ($1 or u.id = $2) and ($3::bigint is null or u.id = $3)
           order by u.name"#,
        scope.national,
        scope.unit,
        only
    )
    .fetch_all(db)
    .await
}

pub async fn save_rule(
    db: impl PgExecutor<'_>,
    polda: i64,
    rule: Rule,
    user: i64,
) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into reminder_rule (polda_id, days_before, days_after, updated_by) values ($1, $2, $3, $4)
         on conflict (polda_id) do update set days_before = excluded.days_before,
             days_after = excluded.days_after, updated_by = excluded.updated_by, updated_at = now()",
        polda,
        rule.before as i32,
        rule.after as i32,
        user
    )
    .execute(db)
    .await?;
    Ok(())
}
