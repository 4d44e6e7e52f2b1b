//! The dashboard page (`/dasbor`): the per-unit tables with every number's link, sorting, and
//! the notes that say how each figure is counted.

use std::sync::Arc;

use askama::Template;

use super::chart::{Chart, chart};
use super::{Head, percent, short_date, tr};
use crate::dashboard::ask::Ask;
use crate::dashboard::db::{CommitmentRow, District};
use crate::dashboard::period::{DashQuery, GAP_CHOICES, SILENT_CHOICES};
use crate::dashboard::{DashData, Row};
use crate::elections::Election;
use crate::web::{Ctx, fmt, url_encode};

/// A line of a per-unit table, with where its numbers lead.
pub struct Line {
    pub name: String,
    /// The child's own dashboard.
    pub drill: Option<String>,
    /// Whose meeting list the numbers open (None: the unit's own share, which no list isolates).
    pub unit: Option<i64>,
    pub is_total: bool,
    pub r: Row,
}

#[derive(Template)]
#[template(path = "dashboard/index.html")]
pub struct DashboardPage {
    pub ctx: Ctx,
    pub h: Head,
    pub d: Arc<DashData>,
    pub q: DashQuery,
    pub elections: std::sync::Arc<Vec<Election>>,
    pub lines: Vec<Line>,
    pub sort: String,
    pub desc: bool,
    pub chart: Chart,
}

/// Columns the activity table sorts by.
const SORTS: [&str; 6] = ["nama", "minggu", "lalu", "tahapan", "periode", "terakhir"];

impl DashboardPage {
    pub fn new(ctx: Ctx, d: Arc<DashData>, a: Ask) -> Self {
        let Ask {
            period,
            elections,
            q,
            ..
        } = a;
        let h = Head::new(d.unit.clone(), period, &q);
        let sort = if SORTS.contains(&q.sort.as_str()) {
            q.sort.clone()
        } else {
            "nama".to_string()
        };
        let desc = q.dir == "turun";
        let mut children: Vec<&Row> = d.children.iter().collect();
        children.sort_by(|a, b| {
            let (x, y) = (&a.activity, &b.activity);
            let o = match sort.as_str() {
                "minggu" => x.week.cmp(&y.week),
                "lalu" => x.last_week.cmp(&y.last_week),
                "tahapan" => x.stage.cmp(&y.stage),
                "periode" => x.period.cmp(&y.period),
                "terakhir" => x.last_day.cmp(&y.last_day),
                _ => std::cmp::Ordering::Equal,
            };
            o.then_with(|| a.name.cmp(&b.name))
        });
        if desc {
            children.reverse();
        }
        let mut lines: Vec<Line> = children
            .into_iter()
            .map(|r| Line {
                name: r.name.clone(),
                drill: r.id.map(|id| h.dash_url(id)),
                unit: r.id,
                is_total: false,
                r: r.clone(),
            })
            .collect();
        if let Some(o) = &d.own {
            lines.push(Line {
                name: o.name.clone(),
                drill: None,
                unit: None,
                is_total: false,
                r: o.clone(),
            });
        }
        lines.push(Line {
            name: "Jumlah".into(),
            drill: None,
            unit: Some(d.unit.id),
            is_total: true,
            r: d.total.clone(),
        });
        let chart = chart(&h, d.unit.id, &d.trend);
        DashboardPage {
            ctx,
            h,
            d,
            q,
            elections,
            lines,
            sort,
            desc,
            chart,
        }
    }

    pub fn title(&self) -> String {
        tr(format!("Dasbor {}", self.d.unit.name))
    }
    pub fn computed(&self) -> String {
        tr(format!(
            "Data per pukul {}, {}",
            fmt::time(self.d.computed_at, self.h.tz()),
            short_date(self.d.computed_at.with_timezone(&self.h.tz()).date_naive())
        ))
    }
    pub fn coverage_note(&self) -> String {
        tr(format!(
            "Sebuah kecamatan tercakup bila dalam {} hari sampai {} ada pertemuan terlaksana atau dilaporkan di kecamatan itu yang dihadiri PPK (atau Panwascam) kecamatan tersebut, oleh satuan mana pun di wilayah ini. “Celah”: tidak bertemu keduanya.",
            self.h.p.gap,
            short_date(self.h.p.to)
        ))
    }
    pub fn silent_note(&self) -> String {
        tr(format!(
            "Satuan di bawah {} tanpa pertemuan tercatat dalam {} hari sampai {}.",
            self.d.unit.name,
            self.h.p.silent,
            short_date(self.h.p.to)
        ))
    }
    pub fn parent_url(&self) -> Option<String> {
        self.d.unit.parent_id.map(|p| self.h.dash_url(p))
    }
    pub fn has_children(&self) -> bool {
        !self.d.children.is_empty()
    }
    pub fn election_selected(&self, e: &Election) -> bool {
        e.id == self.h.p.election.id
    }
    pub fn gap_choices(&self) -> &'static [i64] {
        &GAP_CHOICES
    }
    pub fn silent_choices(&self) -> &'static [i64] {
        &SILENT_CHOICES
    }

    /// The meeting list behind an activity number: `window` is week, last, stage or period.
    pub fn m_url(&self, l: &Line, window: &str) -> Option<String> {
        let unit = l.unit?;
        let p = &self.h.p;
        let (from, to) = match window {
            "week" => p.week(),
            "last" => p.last_week(),
            "stage" => (p.stage_from()?, p.to),
            "silent" => (p.silent_from(), p.to),
            _ => (p.from, p.to),
        };
        Some(self.h.meetings_url(unit, from, to))
    }
    /// The meetings of the last day a unit met.
    pub fn last_url(&self, l: &Line) -> Option<String> {
        let day = l.r.activity.last_day?;
        Some(self.h.meetings_url(l.unit?, day, day))
    }
    pub fn stage_count(&self, l: &Line) -> String {
        if self.h.p.stage.is_some() {
            l.r.activity.stage.to_string()
        } else {
            "—".into()
        }
    }
    pub fn last_text(&self, l: &Line) -> String {
        if l.is_total || l.unit.is_none() {
            String::new()
        } else {
            self.h.short_opt(&l.r.activity.last_day)
        }
    }
    pub fn sort_url(&self, col: &str) -> String {
        let dir = if self.sort == col && !self.desc {
            "turun"
        } else {
            "naik"
        };
        format!(
            "/dasbor?unit={}&{}&sort={col}&dir={dir}#aktivitas",
            self.d.unit.id, self.h.base
        )
    }
    pub fn sort_mark(&self, col: &str) -> &'static str {
        match (self.sort == col, self.desc) {
            (false, _) => "",
            (true, false) => " ▲",
            (true, true) => " ▼",
        }
    }
    pub fn aria_sort(&self, col: &str) -> &'static str {
        match (self.sort == col, self.desc) {
            (false, _) => "none",
            (true, false) => "ascending",
            (true, true) => "descending",
        }
    }
    pub fn csv(&self, table: &str) -> String {
        format!(
            "/dasbor.csv?unit={}&{}&tabel={table}",
            self.d.unit.id, self.h.base
        )
    }
    pub fn tag_url(&self, dim: &str, code: &str) -> String {
        let key = if dim == "type" { "type" } else { "topic" };
        format!(
            "{}&{key}={}",
            self.h
                .meetings_url(self.d.unit.id, self.h.p.from, self.h.p.to),
            url_encode(code)
        )
    }
    pub fn pct(&self, part: &i64, whole: &i64) -> String {
        percent(*part, *whole)
    }
    /// The kecamatan list behind a coverage number (`show`: semua or celah).
    pub fn districts_url(&self, l: &Line, show: &str) -> String {
        let anak = if l.is_total {
            String::new()
        } else {
            format!("&anak={}", l.unit.unwrap_or(0))
        };
        format!(
            "/dasbor/kecamatan?unit={}&{}&show={show}{anak}",
            self.d.unit.id, self.h.base
        )
    }
    pub fn all_districts_url(&self) -> String {
        format!(
            "/dasbor/kecamatan?unit={}&{}&show=semua",
            self.d.unit.id, self.h.base
        )
    }
    pub fn follow_url(&self, l: &Line, state: &str) -> Option<String> {
        Some(format!(
            "/dasbor/tindak-lanjut?unit={}&{}&state={state}",
            l.unit?, self.h.base
        ))
    }
    pub fn disputes_url(&self, l: &Line) -> Option<String> {
        Some(format!(
            "/dasbor/sanggahan?unit={}&{}",
            l.unit?, self.h.base
        ))
    }
    pub fn district_status(&self, r: &District) -> &'static str {
        match (r.ppk_met, r.panwas_met) {
            (true, true) => "keduanya",
            (true, false) => "hanya PPK",
            (false, true) => "hanya Panwascam",
            (false, false) => "celah",
        }
    }
    pub fn silent_rows(&self) -> Vec<&Row> {
        self.d.silent()
    }
    pub fn silent_since(&self, r: &Row) -> String {
        match r.activity.last_day {
            Some(d) => tr(format!(
                "terakhir {} ({} hari)",
                short_date(d),
                (self.h.p.to - d).num_days()
            )),
            None => tr("belum pernah tercatat"),
        }
    }
    pub fn unit_dash(&self, r: &Row) -> String {
        self.h.dash_url(r.id.unwrap_or(self.d.unit.id))
    }
    pub fn overdue_days(&self, c: &CommitmentRow) -> i64 {
        let today = chrono::Utc::now()
            .with_timezone(&crate::regions::tz(&c.due_tz))
            .date_naive();
        (today - c.reckon_on).num_days()
    }
}
