//! Dashboard queries. They read the summary tables of migration 20261125000005 (a few hundred
//! rows keyed by the unit or its children), except the short lists behind a number, which read
//! the base tables with the unit's subtree bound in SQL like every other list.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use sqlx::PgExecutor;

/// The unit a dashboard is for.
#[derive(Clone, Debug)]
pub struct UnitInfo {
    pub id: i64,
    pub name: String,
    pub level: String,
    pub path: Vec<i64>,
    pub parent_id: Option<i64>,
    pub parent_name: Option<String>,
    /// The IANA zone of the unit's province (WIB for Mabes).
    pub tz: String,
}

impl UnitInfo {
    /// Mabes: the whole country.
    pub fn is_national(&self) -> bool {
        self.parent_id.is_none()
    }
    /// Position of a child's id in a path below this unit (1-based, as SQL arrays count).
    pub fn child_index(&self) -> i32 {
        self.path.len() as i32 + 1
    }
}

/// The root of the hierarchy (Mabes), the national scope's unit.
pub async fn root_unit(db: impl PgExecutor<'_>) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar!("select id from police_unit where parent_id is null order by id limit 1")
        .fetch_optional(db)
        .await
}

/// The unit `id` if `national` or it lies in the subtree of `scope_unit`.
pub async fn unit(
    db: impl PgExecutor<'_>,
    id: i64,
    national: bool,
    scope_unit: Option<i64>,
) -> sqlx::Result<Option<UnitInfo>> {
    sqlx::query_as!(
        UnitInfo,
        r#"select u.id, u.name, u.level as "level!", u.path, u.parent_id, p.name as "parent_name?",
                  coalesce(r.tz, 'Asia/Jakarta') as "tz!"
           from police_unit u
           left join police_unit p on p.id = u.parent_id
           left join region r on r.code = u.province_code
           where u.id = $1 and ($2 or u.path @> array[$3::bigint])"#,
        id,
        national,
        scope_unit
    )
    .fetch_optional(db)
    .await
}

#[derive(Clone, Debug)]
pub struct Child {
    pub id: i64,
    pub name: String,
}

pub async fn children(db: impl PgExecutor<'_>, unit: i64) -> sqlx::Result<Vec<Child>> {
    sqlx::query_as!(
        Child,
        "select id, name from police_unit where parent_id = $1 order by name",
        unit
    )
    .fetch_all(db)
    .await
}

/// Meetings per unit (in its subtree) over the dashboard's windows.
#[derive(Clone, Debug, Default)]
pub struct Activity {
    pub unit_id: i64,
    pub week: i64,
    pub last_week: i64,
    pub stage: i64,
    pub period: i64,
    pub silent_window: i64,
    pub cancelled: i64,
    pub lines: i64,
    pub confirmed: i64,
    pub disputed_open: i64,
    pub last_day: Option<NaiveDate>,
}

/// The days an [`activity`] query counts over.
pub struct Windows {
    pub earliest: NaiveDate,
    pub to: NaiveDate,
    pub week_from: NaiveDate,
    pub last_week: (NaiveDate, NaiveDate),
    pub stage_from: Option<NaiveDate>,
    pub from: NaiveDate,
    pub silent_from: NaiveDate,
}

pub async fn activity(
    db: impl PgExecutor<'_>,
    units: &[i64],
    w: &Windows,
) -> sqlx::Result<Vec<Activity>> {
    sqlx::query_as!(
        Activity,
        r#"select u.id as "unit_id!",
                  coalesce(sum(d.meetings) filter (where d.day >= $4), 0)::bigint as "week!",
                  coalesce(sum(d.meetings) filter (where d.day between $5 and $6), 0)::bigint as "last_week!",
                  coalesce(sum(d.meetings) filter (where d.day >= $7), 0)::bigint as "stage!",
                  coalesce(sum(d.meetings) filter (where d.day >= $8), 0)::bigint as "period!",
                  coalesce(sum(d.meetings) filter (where d.day >= $9), 0)::bigint as "silent_window!",
                  coalesce(sum(d.cancelled) filter (where d.day >= $8), 0)::bigint as "cancelled!",
                  coalesce(sum(d.lines) filter (where d.day >= $8), 0)::bigint as "lines!",
                  coalesce(sum(d.confirmed) filter (where d.day >= $8), 0)::bigint as "confirmed!",
                  coalesce(sum(d.disputed_open) filter (where d.day >= $8), 0)::bigint as "disputed_open!",
                  (select max(x.day) from dash_day x where x.unit_id = u.id and x.day <= $3 and x.meetings > 0) as last_day
           from unnest($1::bigint[]) u(id)
           left join dash_day d on d.unit_id = u.id and d.day between $2 and $3
           group by u.id"#,
        units,
        w.earliest,
        w.to,
        w.week_from,
        w.last_week.0,
        w.last_week.1,
        w.stage_from,
        w.from,
        w.silent_from
    )
    .fetch_all(db)
    .await
}

/// Meetings per day of one unit's subtree (for the weekly trend).
pub async fn days(
    db: impl PgExecutor<'_>,
    unit: i64,
    from: NaiveDate,
    to: NaiveDate,
) -> sqlx::Result<Vec<(NaiveDate, i64)>> {
    let rows = sqlx::query!(
        "select day, meetings from dash_day where unit_id = $1 and day between $2 and $3 order by day",
        unit,
        from,
        to
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| (r.day, r.meetings as i64))
        .collect())
}

/// Meetings per type or topic over the period.
#[derive(Clone, Debug)]
pub struct Tag {
    pub dim: String,
    pub code: String,
    pub label: String,
    pub n: i64,
}

/// From the summary (Mabes and Polda keep one).
pub async fn tags_summarised(
    db: impl PgExecutor<'_>,
    unit: i64,
    from: NaiveDate,
    to: NaiveDate,
) -> sqlx::Result<Vec<Tag>> {
    sqlx::query_as!(
        Tag,
        r#"select t.dim as "dim!", t.code as "code!", coalesce(mt.label, tp.label, t.code) as "label!",
                  sum(t.n)::bigint as "n!"
           from dash_tag t
           left join meeting_type mt on t.dim = 'type' and mt.code = t.code
           left join topic tp on t.dim = 'topic' and tp.code = t.code
           where t.unit_id = $1 and t.day between $2 and $3
           group by 1, 2, 3
           having sum(t.n) > 0
           order by 4 desc, 3"#,
        unit,
        from,
        to
    )
    .fetch_all(db)
    .await
}

/// Counted from the meetings (a Polres or Polsek has a few hundred).
pub async fn tags_counted(
    db: impl PgExecutor<'_>,
    unit: i64,
    from: NaiveDate,
    to: NaiveDate,
) -> sqlx::Result<Vec<Tag>> {
    sqlx::query_as!(
        Tag,
        r#"with m as (
               select m.id from meeting m join region d on d.code = m.district_code
               where m.unit_path @> array[$1::bigint]
                 and m.starts_at >= $2::date - interval '1 day' and m.starts_at < $3::date + interval '2 days'
                 and (m.starts_at at time zone d.tz)::date between $2 and $3
           )
           select 'type' as "dim!", t.code as "code!", t.label as "label!", count(*) as "n!"
           from m join meeting_meeting_type x on x.meeting_id = m.id join meeting_type t on t.code = x.type_code
           group by t.code, t.label
           union all
           select 'topic', t.code, t.label, count(*)
           from m join meeting_topic x on x.meeting_id = m.id join topic t on t.code = x.topic_code
           group by t.code, t.label
           order by 4 desc, 3"#,
        unit,
        from,
        to
    )
    .fetch_all(db)
    .await
}

/// Kecamatan met in the coverage window, per child (`child` None: the unit's own area, or no
/// unit at all on the national dashboard).
#[derive(Clone, Debug, Default)]
pub struct Coverage {
    pub child: Option<i64>,
    pub districts: i64,
    pub ppk: i64,
    pub panwas: i64,
    pub both: i64,
    pub gaps: i64,
}

/// The unit, national flag and coverage window every coverage query binds.
pub struct CoverageScope {
    pub unit: i64,
    pub national: bool,
    pub child_index: i32,
    pub months: [(NaiveDate, i32); 2],
}

pub async fn coverage(db: impl PgExecutor<'_>, s: &CoverageScope) -> sqlx::Result<Vec<Coverage>> {
    sqlx::query_as!(
        Coverage,
        r#"with met as (
               select c.district_code,
                      bool_or((c.ppk_days & (case when c.month = $3 then $4 else 0 end
                                            | case when c.month = $5 then $6 else 0 end)) <> 0) as ppk,
                      bool_or((c.panwas_days & (case when c.month = $3 then $4 else 0 end
                                               | case when c.month = $5 then $6 else 0 end)) <> 0) as panwas
               from dash_cov_month c
               where c.unit_id = $1 and c.month in ($3, $5)
               group by c.district_code
           )
           select d.unit_path[$7] as child,
                  count(*) as "districts!",
                  count(*) filter (where m.ppk) as "ppk!",
                  count(*) filter (where m.panwas) as "panwas!",
                  count(*) filter (where m.ppk and m.panwas) as "both!",
                  count(*) filter (where not coalesce(m.ppk or m.panwas, false)) as "gaps!"
           from dash_district d
           left join met m on m.district_code = d.district_code
           where $2 or d.unit_path @> array[$1::bigint]
           group by 1"#,
        s.unit,
        s.national,
        s.months[0].0,
        s.months[0].1,
        s.months[1].0,
        s.months[1].1,
        s.child_index
    )
    .fetch_all(db)
    .await
}

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
    sqlx::query_as!(
        District,
        r#"with met as (
               select c.district_code,
                      bool_or((c.ppk_days & (case when c.month = $3 then $4 else 0 end
                                            | case when c.month = $5 then $6 else 0 end)) <> 0) as ppk,
                      bool_or((c.panwas_days & (case when c.month = $3 then $4 else 0 end
                                               | case when c.month = $5 then $6 else 0 end)) <> 0) as panwas
               from dash_cov_month c
               where c.unit_id = $1 and c.month in ($3, $5)
               group by c.district_code
           ), d as (
               select d.district_code, d.unit_path[$7] as child,
                      coalesce(m.ppk, false) as ppk_met, coalesce(m.panwas, false) as panwas_met
               from dash_district d
               left join met m on m.district_code = d.district_code
               where ($2 or d.unit_path @> array[$1::bigint])
                 and (not $9 or not coalesce(m.ppk or m.panwas, false))
                 and ($10::bigint is null or coalesce(d.unit_path[$7], 0) = $10)
           ), l as (
               -- the last day met up to $8: the highest day bit of the latest month that has one ($12: the month of $8, $13: its days up to $8)
               select d.*, lm.last_ppk, lm.last_panwas
               from d
               left join lateral (
                   select max(c.month + length(ltrim((c.ppk_days & case when c.month = $12 then $13 else -1 end)::bit(32)::text, '0')) - 1)
                              filter (where (c.ppk_days & case when c.month = $12 then $13 else -1 end) <> 0) as last_ppk,
                          max(c.month + length(ltrim((c.panwas_days & case when c.month = $12 then $13 else -1 end)::bit(32)::text, '0')) - 1)
                              filter (where (c.panwas_days & case when c.month = $12 then $13 else -1 end) <> 0) as last_panwas
                   from dash_cov_month c
                   where c.unit_id = $1 and c.district_code = d.district_code and c.month <= $8::date
               ) lm on true
           ), pick as (
               select l.*, coalesce(greatest(l.last_ppk, l.last_panwas), date '1900-01-01') as stale
               from l
               order by case when $9 then coalesce(greatest(l.last_ppk, l.last_panwas), date '1900-01-01') end nulls first,
                        l.district_code
               limit $11
           )
           select p.district_code as code, r.name, rg.name as regency, p.child as child_id,
                  cu.name as "child_name?", p.ppk_met as "ppk_met!", p.panwas_met as "panwas_met!",
                  p.last_ppk, p.last_panwas,
                  (select i.id from institution i where i.kind = 'ppk' and i.region_code = p.district_code limit 1) as ppk_id,
                  (select i.id from institution i where i.kind = 'panwascam' and i.region_code = p.district_code limit 1) as panwas_id
           from pick p
           join region r on r.code = p.district_code
           join region rg on rg.code = r.parent_code
           left join police_unit cu on cu.id = p.child
           order by case when $9 then p.stale end nulls first, p.district_code"#,
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
        to_mask
    )
    .fetch_all(db)
    .await
}

/// Open commitments per unit (in its subtree): open, overdue (the end of the due day has passed
/// in the owner's zone), escalated (overdue by more than seven days).
#[derive(Clone, Debug, Default)]
pub struct FollowUps {
    pub unit_id: i64,
    pub open: i64,
    pub overdue: i64,
    pub escalated: i64,
}

pub async fn follow_ups(db: impl PgExecutor<'_>, units: &[i64]) -> sqlx::Result<Vec<FollowUps>> {
    sqlx::query_as!(
        FollowUps,
        r#"select o.unit_id as "unit_id!", sum(o.n)::bigint as "open!",
                  coalesce(sum(o.n) filter (where o.due_on < (now() at time zone o.due_tz)::date), 0)::bigint as "overdue!",
                  coalesce(sum(o.n) filter (where o.due_on < (now() at time zone o.due_tz)::date - 7), 0)::bigint as "escalated!"
           from dash_open o
           where o.unit_id = any($1)
           group by o.unit_id"#,
        units
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
    pub due_tz: String,
    pub status: String,
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

/// Open commitments of the unit's subtree in `state`, oldest due first.
/// Reads a Polda's or Polres' through their own indexed columns, a Polsek's through the path.
pub async fn commitments(
    db: impl PgExecutor<'_>,
    unit: &UnitInfo,
    state: FollowUpState,
    limit: i64,
) -> sqlx::Result<Vec<CommitmentRow>> {
    sqlx::query_as!(
        CommitmentRow,
        r#"select c.id, c.what, c.due_on, c.due_tz, c.status, c.meeting_id, m.title as meeting_title,
                  oi.name as owner, hu.name as host
           from commitment c
           join meeting m on m.id = c.meeting_id
           join institution oi on oi.id = c.owner_institution_id
           join police_unit hu on hu.id = c.host_unit_id
           where c.status in ('open', 'in_progress')
             and ($1 or ($5 = 'polda' and c.polda_id = $2) or ($5 = 'polres' and c.polres_id = $2)
                  or ($5 not in ('polda', 'polres') and c.unit_path @> array[$2::bigint]))
             and ($3::int is null or (c.due_on < (now() at time zone c.due_tz)::date - $3::int
                                      and c.due_on < current_date + 1 - $3::int))
           order by c.due_on, c.id
           limit $4"#,
        unit.is_national(),
        unit.id,
        state.late_by(),
        limit,
        unit.level
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
