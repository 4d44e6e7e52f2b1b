//! What a dashboard shows, computed once per unit, period and data version: the per-unit lines
//! (children, the unit's own share, the total), the weekly trend, types and topics, kecamatan,
//! and the oldest overdue follow-ups.

use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};

use super::db::{
    self, Activity, Child, CommitmentRow, Coverage, CoverageScope, District, FollowUps, Tag,
    UnitInfo,
};
use super::period::Period;
use super::{ALL_DISTRICTS_UP_TO, GAPS_LISTED, OVERDUE_LISTED};
use crate::AppState;
use crate::db::Read;

/// One line of the per-unit tables: a child unit, the unit's own share ("langsung"), or the total.
#[derive(Clone, Debug, Default)]
pub struct Row {
    /// The child's id; None for the unit's own share and for the total.
    pub id: Option<i64>,
    pub name: String,
    pub activity: Activity,
    pub coverage: Coverage,
    pub follow: FollowUps,
}

impl Row {
    fn minus(&self, other: &Row) -> Row {
        let a = &self.activity;
        let b = &other.activity;
        Row {
            id: None,
            name: String::new(),
            activity: Activity {
                unit_id: a.unit_id,
                week: a.week - b.week,
                last_week: a.last_week - b.last_week,
                stage: a.stage - b.stage,
                period: a.period - b.period,
                silent_window: a.silent_window - b.silent_window,
                cancelled: a.cancelled - b.cancelled,
                lines: a.lines - b.lines,
                confirmed: a.confirmed - b.confirmed,
                disputed_open: a.disputed_open - b.disputed_open,
                last_day: None,
            },
            coverage: self.coverage.clone(),
            follow: FollowUps {
                unit_id: self.follow.unit_id,
                open: self.follow.open - other.follow.open,
                overdue: self.follow.overdue - other.follow.overdue,
                escalated: self.follow.escalated - other.follow.escalated,
            },
        }
    }

    fn plus(&mut self, other: &Row) {
        let a = &mut self.activity;
        let b = &other.activity;
        a.week += b.week;
        a.last_week += b.last_week;
        a.stage += b.stage;
        a.period += b.period;
        a.silent_window += b.silent_window;
        a.cancelled += b.cancelled;
        a.lines += b.lines;
        a.confirmed += b.confirmed;
        a.disputed_open += b.disputed_open;
        self.follow.open += other.follow.open;
        self.follow.overdue += other.follow.overdue;
        self.follow.escalated += other.follow.escalated;
    }

    /// Whether anything at all is counted on this line.
    pub fn is_empty(&self) -> bool {
        let a = &self.activity;
        a.period == 0
            && a.week == 0
            && a.last_week == 0
            && a.stage == 0
            && a.silent_window == 0
            && self.coverage.districts == 0
            && self.follow.open == 0
    }
}

#[derive(Clone, Debug)]
pub struct Week {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub meetings: i64,
}

/// Everything a dashboard shows, computed once per unit, period and summary version.
#[derive(Clone, Debug)]
pub struct DashData {
    pub unit: UnitInfo,
    pub total: Row,
    /// Child units by name.
    pub children: Vec<Row>,
    /// What the unit accounts for itself (meetings it hosted, kecamatan it answers for directly).
    pub own: Option<Row>,
    pub trend: Vec<Week>,
    pub types: Vec<Tag>,
    pub topics: Vec<Tag>,
    pub districts: Vec<District>,
    /// True when `districts` holds every kecamatan of the scope, false when only gaps.
    pub all_districts: bool,
    pub overdue_items: Vec<CommitmentRow>,
    pub computed_at: DateTime<Utc>,
}

impl DashData {
    /// Child units with no meeting in the silence window.
    pub fn silent(&self) -> Vec<&Row> {
        self.children
            .iter()
            .filter(|r| r.activity.silent_window == 0)
            .collect()
    }
}

/// The part of a dashboard's question its data depends on.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    unit: i64,
    from: NaiveDate,
    to: NaiveDate,
    stage_from: Option<NaiveDate>,
    gap: i64,
    silent: i64,
}

/// The coverage query's scope for `unit` and the period's window.
pub fn coverage_scope(unit: &UnitInfo, p: &Period) -> CoverageScope {
    CoverageScope {
        unit: unit.id,
        national: unit.is_national(),
        child_index: unit.child_index(),
        months: p.gap_months(),
        within: None,
    }
}

/// The dashboard of `unit` for `p`, from the cache while the versions of the unit's subtree
/// (read with the unit) have not moved (`crate::cache`), read where `read` says.
pub async fn load(
    state: &AppState,
    read: &Read,
    unit: &UnitInfo,
    p: &Period,
) -> sqlx::Result<Arc<DashData>> {
    let key = Key {
        unit: unit.id,
        from: p.from,
        to: p.to,
        stage_from: p.stage_from(),
        gap: p.gap,
        silent: p.silent,
    };
    state
        .dashboards
        .get_or_load_if(read.cacheable, key, unit.versions, compute(read, unit, p))
        .await
}

async fn compute(read: &Read, unit: &UnitInfo, p: &Period) -> sqlx::Result<DashData> {
    // The data's time: now, or the last commit a lagging replica replayed.
    let computed_at = read.data_time.unwrap_or_else(Utc::now);
    // One connection, one statement after another, each on its kept plan (`Read::kept`): under
    // load the dashboard's cost is its database time, not its latency on an idle server. No
    // transaction: each statement reads what is committed when it runs (read committed, as a
    // transaction would), and the versions read before them stamp what is kept.
    let mut pooled = read.kept.acquire().await?;
    let conn = &mut *pooled;
    let children: Vec<Child> = db::children(&mut *conn, unit.id).await?;
    let mut ids: Vec<i64> = children.iter().map(|c| c.id).collect();
    ids.push(unit.id);
    let windows = db::Windows {
        to: p.to,
        week_from: p.week().0,
        last_week: p.last_week(),
        stage_from: p.stage_from(),
        from: p.from,
        silent_from: p.silent_from(),
    };
    let activity = db::activity(&mut *conn, &ids, &windows).await?;
    let days = db::days(&mut *conn, unit.id, p.from, p.to).await?;
    let tags = db::tags(&mut *conn, unit.id, p.from, p.to).await?;
    let follow = db::follow_ups(&mut *conn, &ids).await?;
    let overdue_items =
        db::commitments(&mut *conn, unit, db::FollowUpState::Overdue, OVERDUE_LISTED).await?;
    let (coverage, districts, all_districts) = coverage_and_districts(conn, read, unit, p).await?;
    drop(pooled);
    let figures = Figures {
        activity,
        coverage,
        follow,
    };
    let (total, child_rows, own) = lines(unit, &children, &figures);
    let (types, topics): (Vec<Tag>, Vec<Tag>) = tags.into_iter().partition(|t| t.dim == "type");
    Ok(DashData {
        unit: unit.clone(),
        total,
        children: child_rows,
        own,
        trend: trend(p, &days),
        types,
        topics,
        districts,
        all_districts,
        overdue_items,
        computed_at,
    })
}

/// Coverage per child, and the kecamatan listed: all of them in a small scope, else the
/// stalest gaps (nationally, the kecamatan never met come first; when there are enough of them
/// they are the list).
async fn coverage_and_districts(
    conn: &mut sqlx::PgConnection,
    read: &Read,
    unit: &UnitInfo,
    p: &Period,
) -> sqlx::Result<(Vec<Coverage>, Vec<District>, bool)> {
    let mut scope = coverage_scope(unit, p);
    let coverage = if unit.is_national() {
        db::coverage_national(&mut *conn, p.gap as i32, p.to).await?
    } else {
        db::coverage(&mut *conn, &scope).await?
    };
    let districts: i64 = coverage.iter().map(|c| c.districts).sum();
    let all = districts <= ALL_DISTRICTS_UP_TO;
    let limit = if all {
        ALL_DISTRICTS_UP_TO
    } else {
        GAPS_LISTED
    };
    if unit.is_national() && !all {
        let never = db::districts_never_met(&mut *conn, p.to, limit).await?;
        if never.len() as i64 == limit {
            return Ok((coverage, never, all));
        }
        // Planned for its values (`Read::pool`): a kept plan of it ran 100 ms instead of 15.
        scope.within = children_with_gaps(&coverage);
        let listed = db::districts(&read.pool, &scope, p.to, !all, None, limit).await?;
        return Ok((coverage, listed, all));
    }
    let listed = db::districts(&mut *conn, &scope, p.to, !all, None, limit).await?;
    Ok((coverage, listed, all))
}

/// The Polda whose kecamatan hold the national gaps, by the coverage just read: the list of gaps
/// then reads their kecamatan only (at scale 10 a handful of gaps among 7,285 kecamatan). None
/// when a kecamatan no Polda answers for has a gap.
fn children_with_gaps(coverage: &[Coverage]) -> Option<Vec<i64>> {
    coverage
        .iter()
        .filter(|c| c.gaps > 0)
        .map(|c| c.child)
        .collect()
}

/// The per-unit figures as read, before they become lines.
struct Figures {
    activity: Vec<Activity>,
    coverage: Vec<Coverage>,
    follow: Vec<FollowUps>,
}

impl Figures {
    fn row(&self, id: i64, name: &str) -> Row {
        Row {
            id: Some(id),
            name: name.to_string(),
            activity: self
                .activity
                .iter()
                .find(|a| a.unit_id == id)
                .cloned()
                .unwrap_or_default(),
            coverage: self
                .coverage
                .iter()
                .find(|c| c.child == Some(id))
                .cloned()
                .unwrap_or_default(),
            follow: self
                .follow
                .iter()
                .find(|f| f.unit_id == id)
                .cloned()
                .unwrap_or_default(),
        }
    }
}

/// The total, one line per child, and what the unit accounts for itself (when anything).
fn lines(unit: &UnitInfo, children: &[Child], f: &Figures) -> (Row, Vec<Row>, Option<Row>) {
    let child_rows: Vec<Row> = children.iter().map(|c| f.row(c.id, &c.name)).collect();
    let mut total = f.row(unit.id, &unit.name);
    total.id = None;
    total.coverage = f.coverage.iter().fold(Coverage::default(), |mut t, c| {
        t.districts += c.districts;
        t.ppk += c.ppk;
        t.panwas += c.panwas;
        t.both += c.both;
        t.gaps += c.gaps;
        t
    });
    let mut sum = Row::default();
    for r in &child_rows {
        sum.plus(r);
    }
    let mut own = total.minus(&sum);
    own.name = format!("Langsung di bawah {}", unit.name);
    own.coverage = f
        .coverage
        .iter()
        .find(|c| c.child.is_none())
        .cloned()
        .unwrap_or_default();
    let own = (!own.is_empty()).then_some(own);
    (total, child_rows, own)
}

/// Meetings per week of the period, from meetings per day.
fn trend(p: &Period, days: &[(NaiveDate, i64)]) -> Vec<Week> {
    p.weeks()
        .into_iter()
        .map(|(from, to)| Week {
            from,
            to,
            meetings: days
                .iter()
                .filter(|(d, _)| *d >= from && *d <= to)
                .map(|(_, n)| n)
                .sum(),
        })
        .collect()
}
