//! The lists behind a dashboard number: kecamatan, open commitments, open disputes, each with
//! the unit's subtree bound in SQL like every other list.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use sqlx::PgExecutor;

use super::UnitInfo;
use super::summary::CoverageScope;
use crate::kit::states::CommitmentStatus;

/// One kecamatan in scope: when its PPK and Panwascam were last met (up to the period's end).
#[derive(Clone, Debug)]
pub struct District {
    pub code: String,
    pub name: String,
    pub regency: String,
    pub child_id: Option<i64>,
    pub child_name: Option<String>,
    pub ppk_met: bool,
    pub panwas_met: bool,
    pub last_ppk: Option<NaiveDate>,
    pub last_panwas: Option<NaiveDate>,
    pub ppk_id: Option<i64>,
    pub panwas_id: Option<i64>,
}

/// Kecamatan of the scope (only those with neither body met in the window when `gaps_only`),
/// stalest first for gaps, else by code (regency by regency); at most `limit`. `child` narrows to the
/// kecamatan a child unit answers for (0: those the unit answers for itself).
pub async fn districts(
    db: impl PgExecutor<'_>,
    s: &CoverageScope,
    to: NaiveDate,
    gaps_only: bool,
    child: Option<i64>,
    limit: i64,
) -> sqlx::Result<Vec<District>> {
    let to_month = to.with_day(1).unwrap_or(to);
    let to_mask = ((1i64 << to.day()) - 1) as i32;
    sqlx::query_file_as!(
        District,
        "src/dashboard/db/districts.sql",
        s.unit,
        s.national,
        s.months[0].0,
        s.months[0].1,
        s.months[1].0,
        s.months[1].1,
        s.child_index,
        to,
        gaps_only,
        child,
        limit,
        to_month,
        to_mask,
        s.within.as_deref()
    )
    .fetch_all(db)
    .await
}

/// The national gaps never met up to `to` (PPK and Panwascam not met by any unit), by code, at
/// most `limit`. They come first in the list of the stalest gaps; when there are `limit` of them
/// they are that list, read through `dash_district.nat_first` instead of every kecamatan's bits.
pub async fn districts_never_met(
    db: impl PgExecutor<'_>,
    to: NaiveDate,
    limit: i64,
) -> sqlx::Result<Vec<District>> {
    sqlx::query_as!(
        District,
        r#"with p as (
               select d.district_code, d.unit_path[2] as child
               from (select d.district_code, d.unit_path from dash_district d where d.nat_first is null
                     union all
                     select d.district_code, d.unit_path from dash_district d
                     where d.nat_first between $1::date + 1 and date '9999-12-31') d
               order by d.district_code
               limit $2
           )
           select p.district_code as "code!",
                  (select r.name from region r where r.code = p.district_code) as "name!",
                  (select rg.name from region r join region rg on rg.code = r.parent_code
                   where r.code = p.district_code) as "regency!",
                  p.child as child_id,
                  (select cu.name from police_unit cu where cu.id = p.child) as "child_name?",
                  false as "ppk_met!", false as "panwas_met!",
                  null::date as last_ppk, null::date as last_panwas,
                  (select i.id from institution i where i.kind = 'ppk' and i.region_code = p.district_code limit 1) as ppk_id,
                  (select i.id from institution i where i.kind = 'panwascam' and i.region_code = p.district_code limit 1) as panwas_id
           from p
           order by p.district_code"#,
        to,
        limit
    )
    .fetch_all(db)
    .await
}

/// A commitment in a list behind a follow-up number.
#[derive(Clone, Debug)]
pub struct CommitmentRow {
    pub id: i64,
    pub what: String,
    pub due_on: NaiveDate,
    /// The day lateness counts from (the due date, or the day one recorded late was recorded).
    pub reckon_on: NaiveDate,
    pub due_tz: String,
    pub status: CommitmentStatus,
    pub meeting_id: i64,
    pub meeting_title: String,
    pub owner: String,
    pub host: String,
}

/// Which open commitments a list shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FollowUpState {
    Open,
    Overdue,
    Escalated,
}

impl FollowUpState {
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "" | "terbuka" => Self::Open,
            "terlambat" => Self::Overdue,
            "eskalasi" => Self::Escalated,
            _ => return None,
        })
    }
    pub fn code(&self) -> &'static str {
        match self {
            Self::Open => "terbuka",
            Self::Overdue => "terlambat",
            Self::Escalated => "eskalasi",
        }
    }
    pub fn label(&self) -> &'static str {
        match self {
            Self::Open => "Tindak lanjut terbuka",
            Self::Overdue => "Tindak lanjut terlambat",
            Self::Escalated => "Tindak lanjut tereskalasi (terlambat lebih dari 7 hari)",
        }
    }
    /// Days past due at least (None: any open one).
    fn late_by(&self) -> Option<i32> {
        match self {
            Self::Open => None,
            Self::Overdue => Some(0),
            Self::Escalated => Some(7),
        }
    }
}

/// How many open commitments of the unit's subtree are in `state` (from the summary, so the
/// number equals the dashboard's).
pub async fn commitment_count(
    db: impl PgExecutor<'_>,
    unit: i64,
    state: FollowUpState,
) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        r#"select coalesce(sum(o.n), 0)::bigint as "n!" from dash_open o
           where o.unit_id = $1
             and ($2::int is null or o.due_on < (now() at time zone o.due_tz)::date - $2::int)"#,
        unit,
        state.late_by()
    )
    .fetch_one(db)
    .await
}

/// Open commitments of the unit's subtree in `state`, oldest due first: the `limit` first
/// picked, then their names, in one statement whose kept plan serves every unit. Each scope reads
/// an index in due order and stops at the limit: a Polda's and a Polres' their own column, one
/// state at a time; a Polsek's its Polres' column, keeping its own; the nation's the due day. The
/// branches of the other scopes are skipped by their one-time filters.
pub async fn commitments(
    db: impl PgExecutor<'_>,
    unit: &UnitInfo,
    state: FollowUpState,
    limit: i64,
) -> sqlx::Result<Vec<CommitmentRow>> {
    let (scope, polres, whole) = match unit.level.as_str() {
        _ if unit.is_national() => ("national", unit.id, true),
        "polda" => ("polda", unit.id, true),
        "polres" => ("polres", unit.id, true),
        // a Polsek's path is [Mabes, Polda, Polres, Polsek]
        _ => (
            "polres",
            unit.path.get(2).copied().unwrap_or(unit.id),
            false,
        ),
    };
    sqlx::query_as!(
        CommitmentRow,
        r#"with pick as (
               select c.* from (
                   select c.*
                   from unnest(array['open', 'in_progress']) s(status)
                   cross join lateral (
                       (select c.* from commitment c
                        where $4 = 'polda' and c.polda_id = $1 and c.status = s.status
                          and ($2::int is null or (c.reckon_on < (now() at time zone c.due_tz)::date - $2::int
                                                   and c.reckon_on < current_date + 1 - $2::int))
                        order by c.due_on, c.id limit $3)
                       union all
                       (select c.* from commitment c
                        where $4 = 'polres' and c.polres_id = $5 and c.status = s.status
                          and ($6 or $1 = any(c.unit_path))
                          and ($2::int is null or (c.reckon_on < (now() at time zone c.due_tz)::date - $2::int
                                                   and c.reckon_on < current_date + 1 - $2::int))
                        order by c.due_on, c.id limit $3)
                   ) c
                   union all
                   (select c.* from commitment c
                    where $4 = 'national' and c.status in ('open', 'in_progress')
                      and ($2::int is null or (c.reckon_on < (now() at time zone c.due_tz)::date - $2::int
                                               and c.reckon_on < current_date + 1 - $2::int))
                    order by c.due_on, c.id limit $3)
               ) c
               order by c.due_on, c.id
               limit $3
           )
           select c.id as "id!", c.what as "what!", c.due_on as "due_on!", c.reckon_on as "reckon_on!",
                  c.due_tz as "due_tz!", c.status as "status!: CommitmentStatus", c.meeting_id as "meeting_id!",
                  (select m.title from meeting m where m.id = c.meeting_id) as "meeting_title!",
                  (select oi.name from institution oi where oi.id = c.owner_institution_id) as "owner!",
                  (select hu.name from police_unit hu where hu.id = c.host_unit_id) as "host!"
           from pick c
           order by c.due_on, c.id"#,
        unit.id,
        state.late_by(),
        limit,
        scope,
        polres,
        whole
    )
    .fetch_all(db)
    .await
}

/// An attendee line whose institution disputes it, not yet answered.
#[derive(Clone, Debug)]
pub struct DisputeRow {
    pub attendee_id: i64,
    pub meeting_id: i64,
    pub meeting_title: String,
    pub starts_at: DateTime<Utc>,
    pub tz: String,
    pub institution: String,
    pub person_name: String,
    pub host: String,
}

/// Open disputes on meetings of the unit's subtree held between `from` and `to` (local dates).
pub async fn disputes(
    db: impl PgExecutor<'_>,
    unit: i64,
    national: bool,
    from: NaiveDate,
    to: NaiveDate,
    limit: i64,
) -> sqlx::Result<Vec<DisputeRow>> {
    sqlx::query_as!(
        DisputeRow,
        r#"select a.id as attendee_id, m.id as meeting_id, m.title as meeting_title, m.starts_at, d.tz,
                  i.name as institution, a.person_name, hu.name as host
           from attendee a
           join meeting m on m.id = a.meeting_id
           join region d on d.code = m.district_code
           join institution i on i.id = a.institution_id
           join police_unit hu on hu.id = m.host_unit_id
           where a.confirmation = 'disputed' and a.dispute_response is null
             and ($1 or m.unit_path @> array[$2::bigint])
             and m.starts_at >= $3::date - interval '1 day' and m.starts_at < $4::date + interval '2 days'
             and (m.starts_at at time zone d.tz)::date between $3 and $4
           order by m.starts_at desc, a.id
           limit $5"#,
        national,
        unit,
        from,
        to,
        limit
    )
    .fetch_all(db)
    .await
}
