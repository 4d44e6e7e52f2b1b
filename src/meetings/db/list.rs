//! The meeting list: filters, one keyset page of rows, labelled in Rust.

use chrono::{DateTime, Utc};

use sqlx::types::Json;

use super::choices::{Choice, StageChoice, UnitChoice};
use super::within::{FoundUnit, Within, resolve};
use crate::auth::Scope;
use crate::kit::states::MeetingStatus;

/// The list's filters, parsed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct ListFilter {
    pub from: Option<chrono::NaiveDate>,
    pub to: Option<chrono::NaiveDate>,
    pub unit: Option<i64>,
    pub district: Option<String>,
    pub type_code: Option<String>,
    pub election: Option<i64>,
    pub stage: Option<i64>,
    pub topic: Option<String>,
    pub institution: Option<i64>,
    pub status: Option<MeetingStatus>,
    pub q: Option<String>,
    /// Only meetings where some institution other than the police has not confirmed yet.
    pub unconfirmed: bool,
    pub before: Option<(DateTime<Utc>, i64)>,
}

#[derive(Clone, Debug)]
pub struct ListRow {
    pub id: i64,
    pub starts_at: DateTime<Utc>,
    pub tz: String,
    pub title: String,
    pub host_name: String,
    pub district_name: String,
    pub status: MeetingStatus,
    /// Type labels, comma-separated, in their display order.
    pub types: String,
    /// Topic labels, likewise.
    pub topics: String,
    pub present: i64,
}

/// A list row as the query returns it: the type and topic codes, labelled in Rust.
struct ListQueryRow {
    id: i64,
    starts_at: DateTime<Utc>,
    tz: String,
    title: String,
    host_name: String,
    district_name: String,
    status: MeetingStatus,
    type_codes: Vec<String>,
    topic_codes: Vec<String>,
    present: i64,
}

/// "Rakor, Cooling System": `codes` as labels, in the order of `choices`.
fn label(choices: &[Choice], codes: &[String]) -> String {
    choices
        .iter()
        .filter(|c| codes.contains(&c.code))
        .map(|c| c.label.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The labels a list shows for the codes it reads.
pub struct Labels<'a> {
    pub types: &'a [Choice],
    pub topics: &'a [Choice],
}

/// What a list page reads besides its rows: where the list looks (`None`: a unit filter outside
/// the scope, so no rows), the type, topic and stage choices, and the units of the scope.
pub struct Frame {
    pub within: Option<Within>,
    pub types: Vec<Choice>,
    pub topics: Vec<Choice>,
    pub stages: Vec<StageChoice>,
    pub units: Vec<UnitChoice>,
}

/// The list's [`Frame`] for `scope` and the unit filter `unit`, in one statement (`list_frame.sql`).
pub async fn frame(
    db: impl sqlx::PgExecutor<'_>,
    scope: Scope,
    unit: Option<i64>,
) -> sqlx::Result<Frame> {
    let r = sqlx::query_file!(
        "src/meetings/db/list_frame.sql",
        scope.national,
        scope.unit,
        unit
    )
    .fetch_one(db)
    .await?;
    Ok(Frame {
        within: resolve(scope, unit, &r.found.0),
        types: r.types.0,
        topics: r.topics.0,
        stages: r.stages.0,
        units: r.units.0,
    })
}

/// Meetings matching `f` where `w` looks, newest first, at most `limit`, labelled with `labels`.
///
/// The tag and attendee filters compare `m.id > 0` inside their `exists`: that keeps PostgreSQL
/// from hashing every row of the tag (tens of thousands at national scale) before the first
/// result, and lets it probe the `(code, meeting_id)` index only for the rows the `limit` reads.
pub async fn list(
    db: &sqlx::PgPool,
    w: &Within,
    f: &ListFilter,
    limit: i64,
    labels: Labels<'_>,
) -> sqlx::Result<Vec<ListRow>> {
    let (before_at, before_id) = f
        .before
        .map(|(a, i)| (Some(a), Some(i)))
        .unwrap_or((None, None));
    let rows = if keyed(w, f) {
        keyed_rows(db, w, f, limit).await?
    } else {
        sqlx::query_file_as!(
            ListQueryRow,
            "src/meetings/db/list.sql",
            w.everything,
            w.polda,
            w.institution,
            f.from,
            f.to,
            w.polres,
            f.district,
            f.type_code,
            f.election,
            f.stage,
            f.topic,
            f.institution,
            f.status.map(MeetingStatus::code),
            f.q,
            before_at,
            before_id,
            limit,
            f.unconfirmed,
            w.host
        )
        .fetch_all(db)
        .await?
    };
    Ok(rows
        .into_iter()
        .map(|r| ListRow {
            types: label(labels.types, &r.type_codes),
            topics: label(labels.topics, &r.topic_codes),
            id: r.id,
            starts_at: r.starts_at,
            tz: r.tz,
            title: r.title,
            host_name: r.host_name,
            district_name: r.district_name,
            status: r.status,
            present: r.present,
        })
        .collect())
}

/// Whether `meeting_list_keyed` (migration 20261207000300: one generic plan per connection)
/// reads `f` where `w` looks: a unit's subtree or everything, dates, a type, a topic and the
/// cursor. Other filters go to list.sql, planned for their values.
fn keyed(w: &Within, f: &ListFilter) -> bool {
    w.institution.is_none()
        && f.district.is_none()
        && f.election.is_none()
        && f.stage.is_none()
        && f.institution.is_none()
        && f.status.is_none()
        && f.q.is_none()
        && !f.unconfirmed
}

/// The rows of a [`keyed`] list.
async fn keyed_rows(
    db: &sqlx::PgPool,
    w: &Within,
    f: &ListFilter,
    limit: i64,
) -> sqlx::Result<Vec<ListQueryRow>> {
    let (before_at, before_id) = f
        .before
        .map(|(a, i)| (Some(a), Some(i)))
        .unwrap_or((None, None));
    sqlx::query_as!(
        ListQueryRow,
        r#"select id as "id!", starts_at as "starts_at!", tz as "tz!", title as "title!",
                  host_name as "host_name!", district_name as "district_name!",
                  status as "status!: MeetingStatus", type_codes as "type_codes!",
                  topic_codes as "topic_codes!", present as "present!"
           from meeting_list_keyed($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"#,
        w.everything,
        w.polda,
        w.polres,
        w.host,
        f.from,
        f.to,
        f.type_code,
        f.topic,
        before_at,
        before_id,
        limit
    )
    .fetch_all(db)
    .await
}
