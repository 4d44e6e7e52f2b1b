//! Template structs of the kerawanan pages and the formatting their templates call.

use askama::Template;
use chrono::NaiveDate;

use super::db::{ElectionOption, Row};
use super::domain::Tier;
use super::forms::EntryForm;
use super::weighting::{Count, Coverage, District};
use crate::kit::fields::FieldErrors;
use crate::web::Ctx;
use crate::web::fmt;

/// A source of the figures shown, with its date and whether it is the demo's sample.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct SourceLine {
    pub source: String,
    pub as_of: NaiveDate,
    pub is_sample: bool,
}

impl SourceLine {
    pub fn date(&self) -> String {
        fmt::date(self.as_of)
    }
}

/// One line of the per-child table.
pub struct ChildLine {
    pub id: Option<i64>,
    pub name: String,
    pub cov: Coverage,
}

impl ChildLine {
    pub fn tier(&self, i: &usize) -> Count {
        self.cov.tiers[*i]
    }
}

#[derive(Template)]
#[template(path = "kerawanan/coverage.html")]
pub struct CoveragePage {
    pub ctx: Ctx,
    pub unit_id: i64,
    pub unit_name: String,
    pub parent_id: Option<i64>,
    pub election_slug: String,
    pub election_name: String,
    pub elections: Vec<ElectionOption>,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub has_data: bool,
    pub sample_shown: bool,
    pub sources: Vec<SourceLine>,
    pub lines: Vec<ChildLine>,
    pub total: Coverage,
    pub gaps: Vec<District>,
    pub gaps_total: usize,
}

impl CoveragePage {
    /// "3/5 (60%)", or "—" when there is no kecamatan of the tier.
    pub fn ratio(&self, c: Count) -> String {
        match c.pct() {
            Some(p) => format!("{}/{} ({p}%)", c.met, c.total),
            None => "—".into(),
        }
    }
    pub fn total_tier(&self, i: &usize) -> Count {
        self.total.tiers[*i]
    }
    pub fn pct(&self, p: impl std::borrow::Borrow<Option<i64>>) -> String {
        p.borrow().map_or("—".into(), |p| format!("{p}%"))
    }
    pub fn first_day(&self) -> String {
        fmt::date(self.from)
    }
    pub fn last_day(&self) -> String {
        fmt::date(self.to)
    }
    pub fn tier_keys(&self) -> [&'static str; 4] {
        [
            Tier::Tinggi.key(),
            Tier::Sedang.key(),
            Tier::Rendah.key(),
            "rawan.tier.none",
        ]
    }
    pub fn last_met(&self, d: &District) -> String {
        d.last_met.map_or("—".into(), fmt::date)
    }
    pub fn tier_key(&self, d: &District) -> &'static str {
        d.tier().map_or("rawan.tier.none", Tier::key)
    }
    pub fn tier_class(&self, d: &District) -> &'static str {
        d.tier().map_or("none", Tier::code)
    }
}

#[derive(Template)]
#[template(path = "kerawanan/admin.html")]
pub struct AdminPage {
    pub ctx: Ctx,
    pub notice: Option<&'static str>,
    /// The row being corrected, when editing.
    pub editing: Option<Row>,
    pub form: EntryForm,
    pub errors: FieldErrors,
    pub elections: Vec<ElectionOption>,
    pub rows: Vec<Row>,
}

impl AdminPage {
    pub fn action(&self) -> String {
        match &self.editing {
            Some(r) => format!("/admin/kerawanan/{}", r.id),
            None => "/admin/kerawanan".into(),
        }
    }
    pub fn tier_key(&self, code: &str) -> &'static str {
        Tier::parse(code).map_or("rawan.tier.none", Tier::key)
    }
    pub fn tiers(&self) -> [Tier; 3] {
        Tier::ALL
    }
    pub fn score(&self, r: &Row) -> String {
        r.score.map_or("—".into(), |s| format!("{s:.2}"))
    }
    pub fn tps(&self, r: &Row) -> String {
        match (r.tps_rawan, r.tps_total) {
            (Some(a), Some(b)) => format!("{a}/{b}"),
            (Some(a), None) => a.to_string(),
            (None, Some(b)) => format!("–/{b}"),
            (None, None) => "—".into(),
        }
    }
    pub fn date(&self, r: &Row) -> String {
        fmt::date(r.as_of)
    }
}
