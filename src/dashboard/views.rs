//! Template structs of the dashboard pages, with the links and formatting the templates need:
//! every number's link is built here, so the templates only place them.

use std::sync::Arc;

use askama::Template;
use chrono::{Datelike, NaiveDate};
use chrono_tz::Tz;

use super::db::{CommitmentRow, DisputeRow, District, FollowUpState, UnitInfo};
use super::handlers::Ask;
use super::period::{Anchor, DashQuery, GAP_CHOICES, Period, SILENT_CHOICES};
use super::{DashData, Row, Week};
use crate::elections::Election;
use crate::web::{Ctx, fmt, url_encode};

const MONTHS_SHORT: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des",
];

/// A phrase built here in Indonesian, in the request's language (`i18n/messages.rs`).
fn tr(text: impl AsRef<str>) -> String {
    crate::i18n::current().m(text.as_ref())
}

/// "27 Nov 2024"
pub fn short_date(d: NaiveDate) -> String {
    format!(
        "{} {} {}",
        d.day(),
        if crate::i18n::current() == crate::i18n::Lang::En {
            &crate::web::fmt::month(d.month0())[..3]
        } else {
            MONTHS_SHORT[d.month0() as usize]
        },
        d.year()
    )
}

/// "27/11"
fn day_month(d: NaiveDate) -> String {
    format!("{}/{}", d.day(), d.month())
}

/// "42 %" (or "—" when there is nothing to divide).
pub fn percent(part: i64, whole: i64) -> String {
    if whole <= 0 {
        "—".into()
    } else {
        format!("{} %", (part as f64 * 100.0 / whole as f64).round() as i64)
    }
}

/// The period part of every dashboard link: the election (as resolved) and what the person
/// typed for the days, so a drilled-down dashboard reads the same days the same way.
fn base_query(p: &Period, q: &DashQuery) -> String {
    let mut parts = vec![format!("election={}", url_encode(&p.election.slug))];
    for (k, v) in [
        ("from", &q.from),
        ("to", &q.to),
        ("gap", &q.gap),
        ("silent", &q.silent),
    ] {
        if !v.trim().is_empty() {
            parts.push(format!("{k}={}", url_encode(v.trim())));
        }
    }
    parts.join("&")
}

fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// What every dashboard page shows on top: unit, election, period.
pub struct Head {
    pub unit: UnitInfo,
    pub p: Period,
    pub base: String,
}

impl Head {
    fn new(unit: UnitInfo, p: Period, q: &DashQuery) -> Self {
        let base = base_query(&p, q);
        Head { unit, p, base }
    }
    pub fn tz(&self) -> Tz {
        crate::regions::tz(&self.unit.tz)
    }
    pub fn dash_url(&self, unit: i64) -> String {
        format!("/dasbor?unit={unit}&{}", self.base)
    }
    pub fn home_url(&self) -> String {
        self.dash_url(self.unit.id)
    }
    pub fn period_text(&self) -> String {
        format!("{} – {}", short_date(self.p.from), short_date(self.p.to))
    }
    pub fn voting_day(&self) -> String {
        fmt::long_date(self.p.election.voting_day)
    }
    /// Why the period ends where it does, in one sentence.
    pub fn anchor_note(&self) -> String {
        tr(match self.p.anchor {
            Anchor::Today => format!(
                "Angka dihitung sampai hari ini ({}).",
                short_date(self.p.to)
            ),
            Anchor::VotingDay => format!(
                "Pemilu ini sudah selesai: angka dihitung sampai hari pemungutan suara ({}). \"Minggu ini\" adalah tujuh hari terakhir sampai tanggal itu; pilih tanggal lain di bawah.",
                short_date(self.p.to)
            ),
            Anchor::Chosen => format!(
                "Angka dihitung sampai tanggal pilihan Anda ({}, {}).",
                short_date(self.p.to),
                self.p.h_to()
            ),
        })
    }
    /// "H-45 menuju pemungutan suara" / "pemungutan suara sudah lewat (H+728)".
    pub fn countdown(&self) -> String {
        let days = crate::elections::days_to_voting(self.p.election.voting_day, self.p.today);
        tr(match days {
            0 => "Hari ini hari pemungutan suara (H)".to_string(),
            n if n > 0 => format!("{} menuju pemungutan suara", self.p.h_today()),
            _ => format!("Pemungutan suara sudah lewat ({})", self.p.h_today()),
        })
    }
    pub fn stage_today(&self) -> String {
        match (
            &self.p.stage_today,
            super::period::is_over(&self.p.election, self.p.today),
        ) {
            (Some(s), _) => format!(
                "{} ({} – {})",
                s.name,
                short_date(s.starts_on),
                short_date(s.ends_on)
            ),
            (None, true) => tr("semua tahapan sudah selesai"),
            (None, false) => tr("belum ada tahapan yang berjalan"),
        }
    }
    pub fn stage_at_end(&self) -> String {
        match &self.p.stage {
            Some(s) => tr(format!("{} (sejak {})", s.name, short_date(s.starts_on))),
            None => tr("di luar tahapan"),
        }
    }
    pub fn short(&self, d: &NaiveDate) -> String {
        short_date(*d)
    }
    pub fn short_opt(&self, d: &Option<NaiveDate>) -> String {
        d.map(short_date).unwrap_or_else(|| tr("belum pernah"))
    }
    /// The meeting list of `unit`'s subtree between two days.
    pub fn meetings_url(&self, unit: i64, from: NaiveDate, to: NaiveDate) -> String {
        format!("/pertemuan?unit={unit}&from={}&to={}", iso(from), iso(to))
    }
}

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

/// One bar of the weekly trend.
pub struct Bar {
    pub x: i32,
    pub y: i32,
    pub w: i32,
    pub h: i32,
    pub n: i64,
    pub text_x: i32,
    pub text_y: i32,
    pub label: String,
    pub show_label: bool,
    pub href: String,
    pub title: String,
}

/// The weekly trend as SVG geometry (drawn by the template; no script in the browser).
pub struct Chart {
    pub width: i32,
    pub height: i32,
    pub left: i32,
    pub base_y: i32,
    pub bars: Vec<Bar>,
    pub ticks: Vec<(i32, String)>,
    pub marker: Option<(i32, String)>,
    pub summary: String,
}

const CHART_W: i32 = 640;
const CHART_H: i32 = 200;
const CHART_LEFT: i32 = 36;
const CHART_TOP: i32 = 16;
const CHART_BOTTOM: i32 = 34;

/// 0, then the smallest of 1, 2, 5 × 10ⁿ at or above `n`.
fn nice_max(n: i64) -> i64 {
    if n <= 0 {
        return 1;
    }
    let mut step = 1;
    loop {
        for m in [1, 2, 5] {
            if m * step >= n {
                return m * step;
            }
        }
        step *= 10;
    }
}

fn chart(head: &Head, unit: i64, weeks: &[Week]) -> Chart {
    let max = nice_max(weeks.iter().map(|w| w.meetings).max().unwrap_or(0));
    let plot_w = CHART_W - CHART_LEFT - 8;
    let plot_h = CHART_H - CHART_TOP - CHART_BOTTOM;
    let base_y = CHART_TOP + plot_h;
    let n = weeks.len().max(1) as i32;
    let slot = plot_w / n;
    let bar_w = (slot * 7 / 10).max(2);
    let every = ((n + 7) / 8).max(1);
    let bars = weeks
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let h = (w.meetings * plot_h as i64 / max) as i32;
            let x = CHART_LEFT + i as i32 * slot + (slot - bar_w) / 2;
            Bar {
                x,
                y: base_y - h,
                w: bar_w,
                h,
                n: w.meetings,
                text_x: x + bar_w / 2,
                text_y: (base_y - h - 3).max(CHART_TOP - 2),
                label: day_month(w.to),
                show_label: (n - 1 - i as i32) % every == 0,
                href: head.meetings_url(unit, w.from, w.to),
                title: format!(
                    "{} – {}: {} pertemuan",
                    short_date(w.from),
                    short_date(w.to),
                    w.meetings
                ),
            }
        })
        .collect();
    let ticks = [0, max / 2, max]
        .into_iter()
        .map(|v| (base_y - (v * plot_h as i64 / max) as i32, v.to_string()))
        .collect();
    let vd = head.p.election.voting_day;
    let marker = weeks
        .iter()
        .position(|w| w.from <= vd && vd <= w.to)
        .map(|i| {
            (
                CHART_LEFT + i as i32 * slot + slot / 2,
                format!("H {}", day_month(vd)),
            )
        });
    let total: i64 = weeks.iter().map(|w| w.meetings).sum();
    Chart {
        width: CHART_W,
        height: CHART_H,
        left: CHART_LEFT,
        base_y,
        bars,
        ticks,
        marker,
        summary: tr(format!(
            "Pertemuan per minggu, {}: {} pertemuan dalam {} minggu, paling banyak {} seminggu.",
            head.period_text(),
            total,
            weeks.len(),
            weeks.iter().map(|w| w.meetings).max().unwrap_or(0)
        )),
    }
}

#[derive(Template)]
#[template(path = "dashboard/index.html")]
pub struct DashboardPage {
    pub ctx: Ctx,
    pub h: Head,
    pub d: Arc<DashData>,
    pub q: DashQuery,
    pub elections: Vec<Election>,
    pub lines: Vec<Line>,
    pub sort: String,
    pub desc: bool,
    pub chart: Chart,
}

/// Columns the activity table sorts by.
const SORTS: [&str; 6] = ["nama", "minggu", "lalu", "tahapan", "periode", "terakhir"];

impl DashboardPage {
    pub fn new(
        ctx: Ctx,
        d: Arc<DashData>,
        p: Period,
        elections: Vec<Election>,
        q: &DashQuery,
    ) -> Self {
        let h = Head::new(d.unit.clone(), p, q);
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
            q: q.clone(),
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
        Some(format!("/dasbor/sengketa?unit={}&{}", l.unit?, self.h.base))
    }
    /// The meetings of a kecamatan on the day its PPK (or Panwascam) was last met.
    pub fn met_url(&self, r: &District, body: &str) -> Option<String> {
        let (day, inst) = if body == "ppk" {
            (r.last_ppk?, r.ppk_id?)
        } else {
            (r.last_panwas?, r.panwas_id?)
        };
        Some(format!(
            "{}&kec={}&inst={inst}",
            self.h.meetings_url(self.d.unit.id, day, day),
            url_encode(&r.code)
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
        (today - c.due_on).num_days()
    }
}

#[derive(Template)]
#[template(path = "dashboard/districts.html")]
pub struct DistrictsPage {
    pub ctx: Ctx,
    pub h: Head,
    pub rows: Vec<District>,
    pub more: bool,
    pub gaps: bool,
    pub csv: String,
}

impl DistrictsPage {
    pub fn new(
        ctx: Ctx,
        a: Ask,
        mut rows: Vec<District>,
        gaps: bool,
        child: Option<i64>,
        q: &DashQuery,
    ) -> Self {
        let h = Head::new(a.unit, a.period, q);
        let more = rows.len() as i64 > super::PAGE_ROWS;
        rows.truncate(super::PAGE_ROWS as usize);
        let csv = format!(
            "/dasbor/kecamatan.csv?unit={}&{}&show={}{}",
            h.unit.id,
            h.base,
            if gaps { "celah" } else { "semua" },
            child.map(|c| format!("&anak={c}")).unwrap_or_default()
        );
        DistrictsPage {
            ctx,
            h,
            rows,
            more,
            gaps,
            csv,
        }
    }
    pub fn heading(&self) -> String {
        format!(
            "{} · {}",
            tr(if self.gaps {
                "Kecamatan tanpa pertemuan dengan PPK maupun Panwascam"
            } else {
                "Cakupan kecamatan"
            }),
            self.h.unit.name
        )
    }
    pub fn met_url(&self, r: &District, body: &str) -> Option<String> {
        let (day, inst) = if body == "ppk" {
            (r.last_ppk?, r.ppk_id?)
        } else {
            (r.last_panwas?, r.panwas_id?)
        };
        Some(format!(
            "{}&kec={}&inst={inst}",
            self.h.meetings_url(self.h.unit.id, day, day),
            url_encode(&r.code)
        ))
    }
    pub fn yes(&self, b: &bool) -> &'static str {
        if *b { "ya" } else { "tidak" }
    }
}

#[derive(Template)]
#[template(path = "dashboard/followups.html")]
pub struct FollowUpsPage {
    pub ctx: Ctx,
    pub h: Head,
    pub state: FollowUpState,
    pub total: i64,
    pub rows: Vec<CommitmentRow>,
    pub csv: String,
}

impl FollowUpsPage {
    pub fn new(
        ctx: Ctx,
        a: Ask,
        state: FollowUpState,
        total: i64,
        rows: Vec<CommitmentRow>,
        q: &DashQuery,
    ) -> Self {
        let h = Head::new(a.unit, a.period, q);
        let csv = format!(
            "/dasbor/tindak-lanjut.csv?unit={}&{}&state={}",
            h.unit.id,
            h.base,
            state.code()
        );
        FollowUpsPage {
            ctx,
            h,
            state,
            total,
            rows,
            csv,
        }
    }
    pub fn due(&self, c: &CommitmentRow) -> String {
        format!(
            "{} {}",
            short_date(c.due_on),
            fmt::zone_abbr(crate::regions::tz(&c.due_tz))
        )
    }
    pub fn late(&self, c: &CommitmentRow) -> String {
        let today = chrono::Utc::now()
            .with_timezone(&crate::regions::tz(&c.due_tz))
            .date_naive();
        let days = (today - c.due_on).num_days();
        if days > 0 {
            tr(format!("terlambat {days} hari"))
        } else {
            tr("belum jatuh tempo")
        }
    }
    pub fn status(&self, s: &str) -> &'static str {
        match s {
            "open" => "terbuka",
            "in_progress" => "dikerjakan",
            "done" => "selesai",
            "verified" => "terverifikasi",
            _ => "dibatalkan",
        }
    }
    pub fn shown(&self) -> usize {
        self.rows.len()
    }
}

#[derive(Template)]
#[template(path = "dashboard/disputes.html")]
pub struct DisputesPage {
    pub ctx: Ctx,
    pub h: Head,
    pub rows: Vec<DisputeRow>,
    pub more: bool,
    pub csv: String,
}

impl DisputesPage {
    pub fn new(ctx: Ctx, a: Ask, mut rows: Vec<DisputeRow>, q: &DashQuery) -> Self {
        let h = Head::new(a.unit, a.period, q);
        let more = rows.len() as i64 > super::PAGE_ROWS;
        rows.truncate(super::PAGE_ROWS as usize);
        let csv = format!("/dasbor/sengketa.csv?unit={}&{}", h.unit.id, h.base);
        DisputesPage {
            ctx,
            h,
            rows,
            more,
            csv,
        }
    }
    pub fn when(&self, r: &DisputeRow) -> String {
        fmt::datetime(r.starts_at, crate::regions::tz(&r.tz))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chart_scales_round_up_to_a_readable_maximum() {
        assert_eq!(nice_max(0), 1);
        assert_eq!(nice_max(1), 1);
        assert_eq!(nice_max(3), 5);
        assert_eq!(nice_max(7), 10);
        assert_eq!(nice_max(12), 20);
        assert_eq!(nice_max(4321), 5000);
    }

    #[test]
    fn shares_are_rounded_percentages() {
        assert_eq!(percent(1, 3), "33 %");
        assert_eq!(percent(2, 3), "67 %");
        assert_eq!(percent(0, 0), "—");
    }

    #[test]
    fn dates_are_short_and_indonesian() {
        let d = NaiveDate::from_ymd_opt(2024, 8, 17).expect("date");
        assert_eq!(short_date(d), "17 Agu 2024");
        assert_eq!(day_month(d), "17/8");
    }
}
