//! Meeting queries. Every read binds the caller's `Scope`: `$national or unit_path @> array[$unit]
//! or <the institution attended>`, so a meeting outside it is simply not found. The list binds the
//! same scope as the columns that index it (`Within`).

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgExecutor};

use super::domain::{District, InstitutionRef, NewMeeting};
use crate::auth::Scope;

#[derive(Clone)]
pub struct Choice {
    pub code: String,
    pub label: String,
}

pub async fn types(db: impl PgExecutor<'_>) -> sqlx::Result<Vec<Choice>> {
    sqlx::query_as!(Choice, "select code, label from meeting_type order by sort")
        .fetch_all(db)
        .await
}

pub async fn topics(db: impl PgExecutor<'_>) -> sqlx::Result<Vec<Choice>> {
    sqlx::query_as!(Choice, "select code, label from topic order by sort")
        .fetch_all(db)
        .await
}

#[derive(Clone)]
pub struct UnitChoice {
    pub id: i64,
    pub name: String,
    pub path: Vec<i64>,
}

/// Units an officer of `unit` may log for: the unit and everything under it.
pub async fn writable_units(db: impl PgExecutor<'_>, unit: i64) -> sqlx::Result<Vec<UnitChoice>> {
    sqlx::query_as!(
        UnitChoice,
        "select id, name, path from police_unit where path @> array[$1::bigint]
         order by array_length(path, 1), name",
        unit
    )
    .fetch_all(db)
    .await
}

/// Districts in the area of `unit` (its own mapping and its subtree's).
pub async fn area_districts(db: impl PgExecutor<'_>, unit: i64) -> sqlx::Result<Vec<Choice>> {
    sqlx::query_as!(
        Choice,
        r#"select r.code, r.name as label from region r
           where r.level = 'district' and exists (
               select 1 from unit_region ur join police_unit u on u.id = ur.unit_id
               where u.path @> array[$1::bigint]
                 and (r.code = ur.region_code or r.code like ur.region_code || '.%'))
           order by r.name"#,
        unit
    )
    .fetch_all(db)
    .await
}

pub async fn district(db: impl PgExecutor<'_>, code: &str) -> sqlx::Result<Option<District>> {
    let row = sqlx::query!(
        "select code, name, tz, left(code, 2) as \"province!\" from region where code = $1 and level = 'district'",
        code
    )
    .fetch_optional(db)
    .await?;
    Ok(row.map(|r| District {
        code: r.code,
        name: r.name,
        tz: crate::regions::tz(&r.tz),
        province: r.province,
    }))
}

/// The first region a unit covers (its area when no district is chosen yet).
pub async fn unit_area_code(db: impl PgExecutor<'_>, unit: i64) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar!(
        "select region_code from unit_region where unit_id = $1 order by region_code limit 1",
        unit
    )
    .fetch_optional(db)
    .await
}

pub struct InstitutionChoice {
    pub id: i64,
    pub name: String,
    pub kind_label: String,
}

/// Institutions an attendee row can pick for a meeting in `district` hosted under `units`:
/// bodies of the district, its regency and province, what lies inside the regency, the nation's
/// KPU and Bawaslu, and the police units of the host's chain and subtree.
pub async fn institution_choices(
    db: impl PgExecutor<'_>,
    district: &str,
    host_path: &[i64],
) -> sqlx::Result<Vec<InstitutionChoice>> {
    let regency = district.get(..5).unwrap_or("");
    let province = district.get(..2).unwrap_or("");
    sqlx::query_as!(
        InstitutionChoice,
        r#"select i.id, i.name, k.label as kind_label
           from institution i join institution_kind k on k.code = i.kind
           left join police_unit pu on pu.id = i.police_unit_id
           where (i.kind <> 'polri' and (i.region_code = $1 or i.region_code = $2 or i.region_code = $3
                                          or i.region_code like $2 || '.%' or i.region_code is null))
              or (i.kind = 'polri' and (pu.id = any($4) or pu.path @> array[$5::bigint]))
           order by (i.region_code = $1) desc nulls last, k.sort, i.name
           limit 400"#,
        district,
        regency,
        province,
        host_path,
        host_path.last().copied().unwrap_or(0)
    )
    .fetch_all(db)
    .await
}

/// Region code of each of `ids` that exists (None: a national body).
pub async fn institution_regions(
    db: impl PgExecutor<'_>,
    ids: &[i64],
) -> sqlx::Result<HashMap<i64, Option<String>>> {
    let rows = sqlx::query!(
        "select id, region_code from institution where id = any($1)",
        ids
    )
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|r| (r.id, r.region_code)).collect())
}

pub struct KindChoice {
    pub code: String,
    pub label: String,
}

pub async fn inline_kinds(db: impl PgExecutor<'_>) -> sqlx::Result<Vec<KindChoice>> {
    sqlx::query_as!(
        KindChoice,
        "select code, label from institution_kind where code = any($1) order by sort",
        &super::domain::INLINE_KINDS.map(String::from)[..]
    )
    .fetch_all(db)
    .await
}

/// The header row of a meeting, if `scope` may see it.
#[derive(Clone, Debug, serde::Serialize)]
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
    pub status: String,
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
                  m.minutes, m.outcome, m.status, m.cancel_reason, m.version, m.updated_at
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

#[derive(Clone, Debug, serde::Serialize)]
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
    pub attendance: String,
    pub confirmation: String,
    pub confirmed_at: Option<DateTime<Utc>>,
}

pub async fn attendees(db: impl PgExecutor<'_>, meeting: i64) -> sqlx::Result<Vec<AttendeeRow>> {
    sqlx::query_as!(
        AttendeeRow,
        "select a.id, a.institution_id, i.name as institution_name, i.kind, a.person_name, a.position, a.rank,
                a.members, a.represents, a.phone, a.attendance, a.confirmation, a.confirmed_at
         from attendee a join institution i on i.id = a.institution_id
         where a.meeting_id = $1 order by a.sort, a.id",
        meeting
    )
    .fetch_all(db)
    .await
}

#[derive(Clone)]
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

#[derive(Clone)]
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

/// The id of the meeting created with this form key, if any.
pub async fn by_idempotency_key(db: impl PgExecutor<'_>, key: &str) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar!("select id from meeting where idempotency_key = $1", key)
        .fetch_optional(db)
        .await
}

async fn stage_id(
    tx: &mut PgConnection,
    election: Option<i64>,
    ordinal: Option<i32>,
) -> sqlx::Result<Option<i64>> {
    match (election, ordinal) {
        (Some(e), Some(o)) => {
            sqlx::query_scalar!(
                "select id from election_stage where election_id = $1 and ordinal = $2",
                e,
                o
            )
            .fetch_optional(&mut *tx)
            .await
        }
        _ => Ok(None),
    }
}

/// Inserts a meeting with its types, topics and attendees; returns its id.
pub async fn insert(
    tx: &mut PgConnection,
    m: &NewMeeting,
    created_by: Option<i64>,
    idempotency_key: Option<&str>,
) -> sqlx::Result<i64> {
    let stage = stage_id(tx, m.election_id, m.stage_id_ordinal).await?;
    let id = sqlx::query_scalar!(
        "insert into meeting (host_unit_id, unit_path, polda_id, polres_id, title, purpose, starts_at, duration_minutes,
                              district_code, venue_name, venue_address, latitude, longitude, election_id, stage_id,
                              minutes, outcome, status, cancel_reason, idempotency_key, created_by)
         select u.id, u.path, coalesce(u.polda_id, case when u.level = 'polda' then u.id end),
                coalesce(u.polres_id, case when u.level = 'polres' then u.id end),
                $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18
         from police_unit u where u.id = $1
         returning id",
        m.host_unit_id,
        m.title,
        m.purpose,
        m.starts_at,
        m.duration_minutes,
        m.district_code,
        m.venue_name,
        m.venue_address,
        m.coordinates.map(|c| c.0),
        m.coordinates.map(|c| c.1),
        m.election_id,
        stage,
        m.minutes,
        m.outcome,
        m.status,
        m.cancel_reason,
        idempotency_key,
        created_by
    )
    .fetch_one(&mut *tx)
    .await?;
    write_children(tx, id, m).await?;
    Ok(id)
}

/// Updates a meeting if it is still at `version` and inside `unit`'s subtree; false when stale.
pub async fn update(
    tx: &mut PgConnection,
    id: i64,
    version: i32,
    unit: i64,
    m: &NewMeeting,
) -> sqlx::Result<bool> {
    let stage = stage_id(tx, m.election_id, m.stage_id_ordinal).await?;
    let done = sqlx::query!(
        "update meeting set host_unit_id = u.id, unit_path = u.path,
                polda_id = coalesce(u.polda_id, case when u.level = 'polda' then u.id end),
                polres_id = coalesce(u.polres_id, case when u.level = 'polres' then u.id end),
                title = $5, purpose = $6, starts_at = $7, duration_minutes = $8, district_code = $9,
                venue_name = $10, venue_address = $11, latitude = $12, longitude = $13, election_id = $14,
                stage_id = $15, minutes = $16, outcome = $17, status = $18, cancel_reason = $19,
                version = meeting.version + 1, updated_at = now()
         from police_unit u
         where meeting.id = $1 and meeting.version = $2 and meeting.unit_path @> array[$3::bigint] and u.id = $4",
        id,
        version,
        unit,
        m.host_unit_id,
        m.title,
        m.purpose,
        m.starts_at,
        m.duration_minutes,
        m.district_code,
        m.venue_name,
        m.venue_address,
        m.coordinates.map(|c| c.0),
        m.coordinates.map(|c| c.1),
        m.election_id,
        stage,
        m.minutes,
        m.outcome,
        m.status,
        m.cancel_reason
    )
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        return Ok(false);
    }
    sqlx::query!("delete from meeting_meeting_type where meeting_id = $1", id)
        .execute(&mut *tx)
        .await?;
    sqlx::query!("delete from meeting_topic where meeting_id = $1", id)
        .execute(&mut *tx)
        .await?;
    let keep: Vec<i64> = m.attendees.iter().filter_map(|a| a.id).collect();
    sqlx::query!(
        "delete from attendee where meeting_id = $1 and not (id = any($2))",
        id,
        &keep
    )
    .execute(&mut *tx)
    .await?;
    write_children(tx, id, m).await?;
    Ok(true)
}

async fn write_children(tx: &mut PgConnection, id: i64, m: &NewMeeting) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into meeting_meeting_type (meeting_id, type_code) select $1, unnest($2::text[])",
        id,
        &m.types
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query!(
        "insert into meeting_topic (meeting_id, topic_code) select $1, unnest($2::text[])",
        id,
        &m.topics
    )
    .execute(&mut *tx)
    .await?;
    let regency = m.district_code.get(..5).unwrap_or("").to_string();
    for (sort, a) in m.attendees.iter().enumerate() {
        let institution_id = match &a.institution {
            InstitutionRef::Existing(i) => *i,
            InstitutionRef::New { kind, name } => {
                let region =
                    if ["kecamatan", "koramil", "desa", "forkopimcam"].contains(&kind.as_str()) {
                        m.district_code.clone()
                    } else {
                        regency.clone()
                    };
                sqlx::query_scalar!(
                    "insert into institution (kind, name, region_code) values ($1, $2, $3)
                     on conflict (kind, coalesce(region_code, ''), lower(name)) do update set name = institution.name
                     returning id",
                    kind,
                    name,
                    region
                )
                .fetch_one(&mut *tx)
                .await?
            }
        };
        match a.id {
            Some(aid) => {
                sqlx::query!(
                    "update attendee set institution_id = $3, person_name = $4, position = $5, rank = $6, members = $7,
                            represents = $8, phone = $9, attendance = $10, sort = $11
                     where id = $1 and meeting_id = $2",
                    aid,
                    id,
                    institution_id,
                    a.person_name,
                    a.position,
                    a.rank,
                    a.members,
                    a.represents,
                    a.phone,
                    a.attendance,
                    sort as i32
                )
                .execute(&mut *tx)
                .await?;
            }
            None => {
                sqlx::query!(
                    "insert into attendee (meeting_id, institution_id, person_name, position, rank, members, represents,
                                           phone, attendance, sort)
                     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                    id,
                    institution_id,
                    a.person_name,
                    a.position,
                    a.rank,
                    a.members,
                    a.represents,
                    a.phone,
                    a.attendance,
                    sort as i32
                )
                .execute(&mut *tx)
                .await?;
            }
        }
    }
    Ok(())
}

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
    pub status: Option<String>,
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
    pub status: String,
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
    status: String,
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

/// Where a list looks: the scope and the unit filter combined, as the columns that index the
/// meetings (`polda_id`, `polres_id`, `host_unit_id`, each with `starts_at`), so a Polda's
/// newest rakor are read in date order from one index instead of intersecting the whole
/// `unit_path` GIN posting list with a date range.
#[derive(Debug, Default, PartialEq)]
pub struct Within {
    pub everything: bool,
    pub polda: Option<i64>,
    pub polres: Option<i64>,
    pub host: Option<i64>,
    pub institution: Option<i64>,
}

impl Within {
    /// The narrowing for a unit of `level`: none for Mabes (every meeting is under it).
    fn unit(level: &str, id: i64) -> Self {
        match level {
            "mabes" => Within {
                everything: true,
                ..Default::default()
            },
            "polda" => Within {
                polda: Some(id),
                ..Default::default()
            },
            "polres" => Within {
                polres: Some(id),
                ..Default::default()
            },
            _ => Within {
                host: Some(id),
                ..Default::default()
            },
        }
    }

    /// `scope` narrowed to the unit filter `(id, level, path)`; `None` when the unit lies outside
    /// the scope (the list is then empty, as for a forged id anywhere else).
    pub fn of(
        scope: Scope,
        scope_level: Option<&str>,
        unit: Option<(i64, &str, &[i64])>,
    ) -> Option<Self> {
        let mut w = match (scope.national, scope.unit, scope.institution) {
            (true, _, _) => Within {
                everything: true,
                ..Default::default()
            },
            (false, Some(u), _) => Within::unit(scope_level?, u),
            (false, None, Some(i)) => Within {
                institution: Some(i),
                ..Default::default()
            },
            (false, None, None) => return None,
        };
        if let Some((id, level, path)) = unit {
            if let Some(u) = scope.unit.filter(|_| !scope.national)
                && !path.contains(&u)
            {
                return None;
            }
            // The filter unit lies inside the scope, so it alone narrows; an official stays
            // bound to their institution.
            let narrower = Within::unit(level, id);
            w = Within {
                everything: narrower.everything && w.institution.is_none(),
                institution: w.institution,
                ..narrower
            };
        }
        Some(w)
    }
}

/// Resolves `Within` for `scope` and the list's unit filter (one primary-key lookup).
pub async fn within(
    db: impl PgExecutor<'_>,
    scope: Scope,
    unit: Option<i64>,
) -> sqlx::Result<Option<Within>> {
    let rows = sqlx::query!(
        r#"select id, level as "level!", path from police_unit where id = $1 or id = $2"#,
        scope.unit,
        unit
    )
    .fetch_all(db)
    .await?;
    let find = |id: Option<i64>| id.and_then(|id| rows.iter().find(|r| r.id == id));
    let scope_level = find(scope.unit).map(|r| r.level.as_str());
    let filter = match unit {
        None => None,
        Some(id) => match find(Some(id)) {
            Some(r) => Some((r.id, r.level.as_str(), r.path.as_slice())),
            None => return Ok(None),
        },
    };
    Ok(Within::of(scope, scope_level, filter))
}

/// The labels a list shows for the codes it reads.
pub struct Labels<'a> {
    pub types: &'a [Choice],
    pub topics: &'a [Choice],
}

/// Meetings in `scope` matching `f`, newest first, at most `limit`, labelled with `labels`.
///
/// The tag and attendee filters compare `m.id > 0` inside their `exists`: that keeps PostgreSQL
/// from hashing every row of the tag (tens of thousands at national scale) before the first
/// result, and lets it probe the `(code, meeting_id)` index only for the rows the `limit` reads.
pub async fn list(
    db: &sqlx::PgPool,
    scope: Scope,
    f: &ListFilter,
    limit: i64,
    labels: Labels<'_>,
) -> sqlx::Result<Vec<ListRow>> {
    let Some(w) = within(db, scope, f.unit).await? else {
        return Ok(Vec::new());
    };
    let (before_at, before_id) = f
        .before
        .map(|(a, i)| (Some(a), Some(i)))
        .unwrap_or((None, None));
    let rows = sqlx::query_as!(
        ListQueryRow,
        r#"select m.id, m.starts_at, d.tz, m.title, u.name as host_name, d.name as district_name, m.status,
                  array(select x.type_code from meeting_meeting_type x where x.meeting_id = m.id) as "type_codes!",
                  array(select x.topic_code from meeting_topic x where x.meeting_id = m.id) as "topic_codes!",
                  (select count(*) from attendee a where a.meeting_id = m.id and a.attendance = 'present') as "present!"
           from meeting m
           join police_unit u on u.id = m.host_unit_id
           join region d on d.code = m.district_code
           where ($1 or coalesce($2::bigint, $3::bigint, $6::bigint, $19::bigint) is not null)
             and ($2::bigint is null or m.polda_id = $2)
             and ($6::bigint is null or m.polres_id = $6)
             and ($19::bigint is null or m.host_unit_id = $19)
             and ($3::bigint is null or exists (select 1 from attendee a where a.meeting_id = m.id and a.institution_id = $3))
             and ($4::date is null or m.starts_at >= $4::date - interval '9 hours')
             and ($4::date is null or (m.starts_at at time zone d.tz)::date >= $4)
             and ($5::date is null or m.starts_at < $5::date + interval '1 day' - interval '7 hours')
             and ($5::date is null or (m.starts_at at time zone d.tz)::date <= $5)
             and ($7::text is null or m.district_code = $7)
             and ($8::text is null or exists (select 1 from meeting_meeting_type x where x.meeting_id = m.id and x.type_code = $8 and m.id > 0))
             and ($9::bigint is null or m.election_id = $9)
             and ($10::bigint is null or m.stage_id = $10)
             and ($11::text is null or exists (select 1 from meeting_topic x where x.meeting_id = m.id and x.topic_code = $11 and m.id > 0))
             and ($12::bigint is null or exists (select 1 from attendee a where a.meeting_id = m.id and a.institution_id = $12 and a.attendance = 'present' and m.id > 0))
             and ($13::text is null or m.status = $13)
             and ($14::text is null or m.search @@ websearch_to_tsquery('indonesian', $14))
             and ($15::timestamptz is null or (m.starts_at, m.id) < ($15, $16))
             and (not $18 or exists (select 1 from attendee a join institution i on i.id = a.institution_id
                                     where a.meeting_id = m.id and a.confirmation = 'pending' and i.kind <> 'polri'))
           order by m.starts_at desc, m.id desc
           limit $17"#,
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
        f.status,
        f.q,
        before_at,
        before_id,
        limit,
        f.unconfirmed,
        w.host
    )
    .fetch_all(db)
    .await?;
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

#[derive(Clone)]
pub struct StageChoice {
    pub id: i64,
    pub label: String,
}

pub async fn stage_choices(db: impl PgExecutor<'_>) -> sqlx::Result<Vec<StageChoice>> {
    sqlx::query_as!(
        StageChoice,
        r#"select s.id, e.name || ' · ' || s.name as "label!" from election_stage s join election e on e.id = s.election_id
           order by e.voting_day desc, s.ordinal"#
    )
    .fetch_all(db)
    .await
}

/// Units visible in `scope`, for the list's unit filter.
pub async fn visible_units(db: impl PgExecutor<'_>, scope: Scope) -> sqlx::Result<Vec<UnitChoice>> {
    sqlx::query_as!(
        UnitChoice,
        "select id, name, path from police_unit where $1 or path @> array[$2::bigint]
         order by array_length(path, 1), name limit 1000",
        scope.national,
        scope.unit
    )
    .fetch_all(db)
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit_scope(id: i64) -> Scope {
        Scope {
            national: false,
            unit: Some(id),
            institution: None,
        }
    }

    #[test]
    fn a_national_list_reads_everything_and_a_unit_filter_narrows_it_to_that_units_column() {
        let national = Scope {
            national: true,
            unit: None,
            institution: None,
        };
        let all = Within::of(national, None, None).unwrap();
        assert!(all.everything);
        let polres = Within::of(national, None, Some((7, "polres", &[1, 2, 7]))).unwrap();
        assert_eq!((polres.everything, polres.polres), (false, Some(7)));
    }

    #[test]
    fn a_polda_commander_reads_by_polda_and_a_polsek_filter_by_host() {
        assert_eq!(
            Within::of(unit_scope(2), Some("polda"), None)
                .unwrap()
                .polda,
            Some(2)
        );
        let polsek = Within::of(
            unit_scope(2),
            Some("polda"),
            Some((30, "polsek", &[1, 2, 7, 30])),
        );
        let polsek = polsek.unwrap();
        assert_eq!((polsek.polda, polsek.host), (None, Some(30)));
    }

    #[test]
    fn a_unit_filter_outside_the_scope_finds_nothing() {
        assert_eq!(
            Within::of(
                unit_scope(2),
                Some("polda"),
                Some((40, "polsek", &[1, 3, 9, 40]))
            ),
            None
        );
        assert_eq!(
            Within::of(
                unit_scope(30),
                Some("polsek"),
                Some((7, "polres", &[1, 2, 7]))
            ),
            None
        );
    }

    #[test]
    fn an_official_keeps_the_institution_bound_under_any_unit_filter() {
        let official = Scope {
            national: false,
            unit: None,
            institution: Some(5),
        };
        let w = Within::of(official, None, Some((1, "mabes", &[1]))).unwrap();
        assert_eq!((w.everything, w.institution), (false, Some(5)));
        let w = Within::of(official, None, Some((7, "polres", &[1, 2, 7]))).unwrap();
        assert_eq!((w.institution, w.polres), (Some(5), Some(7)));
    }

    #[test]
    fn no_scope_or_an_unknown_scope_unit_reads_nothing() {
        let nobody = Scope {
            national: false,
            unit: None,
            institution: None,
        };
        assert_eq!(Within::of(nobody, None, None), None);
        assert_eq!(Within::of(unit_scope(2), None, None), None);
        assert!(
            Within::of(unit_scope(1), Some("mabes"), None)
                .unwrap()
                .everything
        );
    }
}
