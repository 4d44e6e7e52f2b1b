//! The dashboard's summary figures: meetings per unit and day, types and topics, kecamatan
//! coverage and open follow-ups, read from the summary tables of migration 20261125000005.

use chrono::{Days, NaiveDate};
use sqlx::PgExecutor;

use super::weeks::{Long, days_read, whole_weeks};

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
    pub to: NaiveDate,
    pub week_from: NaiveDate,
    pub last_week: (NaiveDate, NaiveDate),
    pub stage_from: Option<NaiveDate>,
    pub from: NaiveDate,
    pub silent_from: NaiveDate,
}

/// Meetings, lines and confirmations of each of `units` in the windows of `w`. The long windows
/// (the period, the stage, the silence window) are summed by their whole weeks from
/// `dash_day_week` (migration 20261207000600) and by the days at their ends from `dash_day`; the
/// two weeks up to the last day by their days. Each unit is summed on its own (`lateral`), in key
/// order, so the kept plan sorts nothing.
pub async fn activity(
    db: impl PgExecutor<'_>,
    units: &[i64],
    w: &Windows,
) -> sqlx::Result<Vec<Activity>> {
    let after = w.to + Days::new(1);
    let period = Long::new(w.from, w.to);
    let silent = Long::new(w.silent_from, w.to);
    let stage = w.stage_from.map(|s| Long::new(s, w.to));
    // The weeks any window reads, and the days at each window's start (whole weeks end on the
    // same Monday, within six days of the last day: the two weeks' days cover what follows it).
    let windows = [Some(period), Some(silent), stage];
    let (weeks_from, weeks_to) = windows
        .iter()
        .flatten()
        .map(|l| l.weeks)
        .filter(|(first, end)| first < end)
        .fold((after, after), |(f, t), (first, end)| {
            (f.min(first), t.min(end))
        });
    let (days_from, days_to) = days_read(w.last_week.0, w.to, &windows);
    let stage_from = stage.map(|l| l.from);
    let stage_weeks = stage.map(|l| l.weeks).unwrap_or((after, after));
    sqlx::query_as!(
        Activity,
        r#"select u.id as "unit_id!", s.week as "week!", s.last_week as "last_week!", s.stage as "stage!",
                  s.period as "period!", s.silent_window as "silent_window!", s.cancelled as "cancelled!",
                  s.lines as "lines!", s.confirmed as "confirmed!", s.disputed_open as "disputed_open!",
                  (select max(x.day) from dash_day x where x.unit_id = u.id and x.day <= $2 and x.meetings > 0) as last_day
           from unnest($1::bigint[]) u(id)
           cross join lateral (
               select coalesce(sum(r.meetings) filter (where not r.whole and r.day >= $3), 0)::bigint as week,
                      coalesce(sum(r.meetings) filter (where not r.whole and r.day between $4 and $5), 0)::bigint as last_week,
                      coalesce(sum(r.meetings) filter (where case when r.whole then r.day >= $11 and r.day < $12
                                                                  else r.day >= $6 and not (r.day >= $11 and r.day < $12) end), 0)::bigint as stage,
                      coalesce(sum(r.meetings) filter (where r.p), 0)::bigint as period,
                      coalesce(sum(r.meetings) filter (where case when r.whole then r.day >= $13 and r.day < $14
                                                                  else r.day >= $8 and not (r.day >= $13 and r.day < $14) end), 0)::bigint as silent_window,
                      coalesce(sum(r.cancelled) filter (where r.p), 0)::bigint as cancelled,
                      coalesce(sum(r.lines) filter (where r.p), 0)::bigint as lines,
                      coalesce(sum(r.confirmed) filter (where r.p), 0)::bigint as confirmed,
                      coalesce(sum(r.disputed_open) filter (where r.p), 0)::bigint as disputed_open
               from (
                   select r.*, case when r.whole then r.day >= $9 and r.day < $10
                                    else r.day >= $7 and not (r.day >= $9 and r.day < $10) end as p
                   from (
                       select true as whole, w.week as day, w.meetings, w.cancelled, w.lines, w.confirmed, w.disputed_open
                       from dash_day_week w
                       where w.unit_id = u.id and w.week >= $15 and w.week < $16
                       union all
                       select false, d.day, d.meetings, d.cancelled, d.lines, d.confirmed, d.disputed_open
                       from unnest($17::date[], $18::date[]) k(day_from, day_to)
                       cross join lateral (select d.* from dash_day d
                                           where d.unit_id = u.id and d.day >= k.day_from and d.day < k.day_to
                                           offset 0) d
                   ) r
               ) r
           ) s"#,
        units,
        w.to,
        w.week_from,
        w.last_week.0,
        w.last_week.1,
        stage_from,
        w.from,
        w.silent_from,
        period.weeks.0,
        period.weeks.1,
        stage_weeks.0,
        stage_weeks.1,
        silent.weeks.0,
        silent.weeks.1,
        weeks_from,
        weeks_to,
        &days_from,
        &days_to
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

/// From the summary rows of the unit (every unit keeps them, migration 20261207000100): the whole
/// weeks of the period from `dash_tag_week` (migration 20261207000500), the days before the first
/// and after the last from `dash_tag`. The rows are grouped by their codes' bytes (`collate "C"`):
/// comparing them by the database's language rules cost more than adding them up.
pub async fn tags(
    db: impl PgExecutor<'_>,
    unit: i64,
    from: NaiveDate,
    to: NaiveDate,
) -> sqlx::Result<Vec<Tag>> {
    let (weeks_from, weeks_to) = whole_weeks(from, to);
    sqlx::query_as!(
        Tag,
        r#"with r as (
               select w.dim, w.code, w.n from dash_tag_week w
               where w.unit_id = $1 and w.week >= $4 and w.week < $5
               union all
               select t.dim, t.code, t.n from dash_tag t
               where t.unit_id = $1 and t.day >= $2 and t.day < $4
               union all
               select t.dim, t.code, t.n from dash_tag t
               where t.unit_id = $1 and t.day >= $5 and t.day <= $3
           ), g as (
               select r.dim collate "C" as dim, r.code collate "C" as code, sum(r.n)::bigint as n
               from r
               group by 1, 2
               having sum(r.n) > 0
           ), s as (
               select g.dim collate "default" as dim, g.code collate "default" as code, g.n from g
           )
           select s.dim as "dim!", s.code as "code!",
                  coalesce(case when s.dim = 'type' then (select mt.label from meeting_type mt where mt.code = s.code)
                                else (select tp.label from topic tp where tp.code = s.code) end, s.code) as "label!",
                  s.n as "n!"
           from s
           order by 4 desc, 3"#,
        unit,
        from,
        to,
        weeks_from,
        weeks_to
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
    /// Nationally, the children whose kecamatan are read for the list of gaps (those the
    /// coverage counts gaps in); None: every kecamatan.
    pub within: Option<Vec<i64>>,
}

/// Below Mabes (the national figures: [`coverage_national`]).
pub async fn coverage(db: impl PgExecutor<'_>, s: &CoverageScope) -> sqlx::Result<Vec<Coverage>> {
    sqlx::query_as!(
        Coverage,
        r#"with met as (
               select c.district_code,
                      bool_or((c.ppk_days & (case when c.month = $2 then $3 else 0 end
                                            | case when c.month = $4 then $5 else 0 end)) <> 0) as ppk,
                      bool_or((c.panwas_days & (case when c.month = $2 then $3 else 0 end
                                               | case when c.month = $4 then $5 else 0 end)) <> 0) as panwas
               from dash_cov_month c
               where c.unit_id = $1 and c.month in ($2, $4)
               group by c.district_code
           )
           select a.child,
                  count(*) as "districts!",
                  count(*) filter (where m.ppk) as "ppk!",
                  count(*) filter (where m.panwas) as "panwas!",
                  count(*) filter (where m.ppk and m.panwas) as "both!",
                  count(*) filter (where not coalesce(m.ppk or m.panwas, false)) as "gaps!"
           from dash_area a
           left join met m on m.district_code = a.district_code
           where a.unit_id = $1
           group by 1"#,
        s.unit,
        s.months[0].0,
        s.months[0].1,
        s.months[1].0,
        s.months[1].1
    )
    .fetch_all(db)
    .await
}

/// The national coverage per Polda (`child` None: kecamatan no unit answers for), from the
/// rows kept per gap window and window end (migration 20261207000100).
pub async fn coverage_national(
    db: impl PgExecutor<'_>,
    gap: i32,
    to: NaiveDate,
) -> sqlx::Result<Vec<Coverage>> {
    sqlx::query_as!(
        Coverage,
        r#"select nullif(a.child, 0) as child,
                  a.districts::bigint as "districts!",
                  coalesce(w.ppk, 0)::bigint as "ppk!",
                  coalesce(w.panwas, 0)::bigint as "panwas!",
                  coalesce(w.both_met, 0)::bigint as "both!",
                  (a.districts - coalesce(w.met, 0))::bigint as "gaps!"
           from dash_nat_area a
           left join dash_nat_cov w on w.gap = $1 and w.day = $2 and w.child = a.child"#,
        gap,
        to
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

/// The zones commitments fall due in; "today" in each is worked out once per query rather than
/// once per summary row (a zone missing here is still read right, only slower).
const ZONES: [&str; 4] = [
    "Asia/Jakarta",
    "Asia/Pontianak",
    "Asia/Makassar",
    "Asia/Jayapura",
];

pub async fn follow_ups(db: impl PgExecutor<'_>, units: &[i64]) -> sqlx::Result<Vec<FollowUps>> {
    let now = chrono::Utc::now();
    let zones: Vec<String> = ZONES.iter().map(|z| z.to_string()).collect();
    let todays: Vec<NaiveDate> = ZONES
        .iter()
        .map(|z| now.with_timezone(&crate::regions::tz(z)).date_naive())
        .collect();
    // The open total less what is not yet overdue (due today or later in its zone): the rows
    // still to fall due are few, the overdue ones many.
    let earliest = todays.iter().min().copied().unwrap_or_default() - chrono::Duration::days(8);
    sqlx::query_as!(
        FollowUps,
        r#"select t.unit_id as "unit_id!", t.n::bigint as "open!",
                  (t.n - coalesce(f.due, 0))::bigint as "overdue!",
                  (t.n - coalesce(f.due_week, 0))::bigint as "escalated!"
           from dash_open_unit t
           left join lateral (
               select sum(o.n) filter (where o.due_on >= z.today) as due,
                      sum(o.n) filter (where o.due_on >= z.today - 7) as due_week
               from dash_open o
               cross join lateral (
                   select coalesce((select x.today from unnest($2::text[], $3::date[]) x(tz, today) where x.tz = o.due_tz),
                                   (now() at time zone o.due_tz)::date) as today
               ) z
               where o.unit_id = t.unit_id and o.due_on >= $4
           ) f on true
           where t.unit_id = any($1)"#,
        units,
        &zones,
        &todays,
        earliest
    )
    .fetch_all(db)
    .await
}
