//! The dashboard's question, parsed: which election, which days. A pure function of the query
//! string, the elections and today's date, so every rule here has a unit test.
//!
//! The period ends on the day the dashboard is "as of": today while an election is upcoming or
//! under way, its voting day once all its stages are over (a past election is read as it stood
//! on voting day), or the end the person chose. "This week" is the seven days ending then, "last
//! week" the seven before, "this stage" the stage containing that day, from its first day.

use chrono::{Datelike, Duration, NaiveDate};
use serde::Deserialize;

use crate::elections::{Election, Stage};

/// Gap windows offered for coverage (days).
pub const GAP_CHOICES: [i64; 3] = [7, 14, 30];
pub const DEFAULT_GAP: i64 = 14;
/// Days without a meeting after which a unit counts as silent ("nihil").
pub const SILENT_CHOICES: [i64; 4] = [7, 14, 30, 60];
pub const DEFAULT_SILENT: i64 = 14;
/// Days shown when no start is given: thirteen weeks.
pub const DEFAULT_DAYS: i64 = 91;
/// The longest period accepted.
pub const MAX_DAYS: i64 = 366;

/// The query string of every dashboard page, as typed.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct DashQuery {
    pub unit: String,
    pub election: String,
    pub from: String,
    pub to: String,
    pub gap: String,
    pub silent: String,
    pub sort: String,
    pub dir: String,
    pub tabel: String,
    pub state: String,
    pub show: String,
    pub anak: String,
}

/// Why the period ends where it does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    /// The election is upcoming or under way: as of today.
    Today,
    /// All stages are over: as of voting day.
    VotingDay,
    /// The person chose the end.
    Chosen,
}

#[derive(Clone, Debug)]
pub struct Period {
    pub election: Election,
    pub today: NaiveDate,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub anchor: Anchor,
    /// The stage containing `to`.
    pub stage: Option<Stage>,
    /// The stage containing today.
    pub stage_today: Option<Stage>,
    pub gap: i64,
    pub silent: i64,
}

fn date(text: &str, what: &str) -> Result<Option<NaiveDate>, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    match NaiveDate::parse_from_str(t, "%Y-%m-%d") {
        Ok(d) if (2000..=2100).contains(&d.year()) => Ok(Some(d)),
        _ => Err(format!(
            "Tanggal {what} \"{t}\" tidak valid: tulis seperti 2024-11-27."
        )),
    }
}

fn choice(text: &str, choices: &[i64], default: i64, what: &str) -> Result<i64, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(default);
    }
    match t.parse::<i64>() {
        Ok(n) if choices.contains(&n) => Ok(n),
        _ => Err(format!(
            "{what} harus salah satu dari {} hari (bukan \"{t}\").",
            choices
                .iter()
                .map(|c| c.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

/// Whether every stage of `e` is over on `today`.
pub fn is_over(e: &Election, today: NaiveDate) -> bool {
    e.stages
        .last()
        .map(|s| s.ends_on < today)
        .unwrap_or(e.voting_day < today)
}

/// Reads the election and period of `q`; the message says what to fix.
pub fn resolve(q: &DashQuery, elections: &[Election], today: NaiveDate) -> Result<Period, String> {
    let wanted = q.election.trim();
    let election = if wanted.is_empty() {
        crate::elections::default_election(elections, today)
            .ok_or_else(|| "Belum ada pemilu yang tercatat.".to_string())?
    } else {
        elections
            .iter()
            .find(|e| e.slug == wanted || e.id.to_string() == wanted)
            .ok_or_else(|| {
                format!(
                    "Pemilu \"{}\" tidak dikenal. Pilih salah satu: {}.",
                    wanted.chars().take(60).collect::<String>(),
                    elections
                        .iter()
                        .map(|e| e.slug.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            })?
    }
    .clone();
    let from = date(&q.from, "awal")?;
    let to = date(&q.to, "akhir")?;
    let (natural_end, natural_anchor) = if is_over(&election, today) {
        (election.voting_day.min(today), Anchor::VotingDay)
    } else {
        (today, Anchor::Today)
    };
    let (to, anchor) = match to {
        Some(t) => (t, Anchor::Chosen),
        None => (natural_end, natural_anchor),
    };
    let from = from.unwrap_or(to - Duration::days(DEFAULT_DAYS - 1));
    if from > to {
        return Err(format!(
            "Tanggal awal ({}) sesudah tanggal akhir ({}): tukar keduanya atau kosongkan salah satu.",
            crate::web::fmt::date(from),
            crate::web::fmt::date(to)
        ));
    }
    if (to - from).num_days() + 1 > MAX_DAYS {
        return Err(format!(
            "Periode paling panjang {MAX_DAYS} hari; perpendek rentang tanggalnya."
        ));
    }
    let gap = choice(&q.gap, &GAP_CHOICES, DEFAULT_GAP, "Jendela cakupan")?;
    let silent = choice(&q.silent, &SILENT_CHOICES, DEFAULT_SILENT, "Batas nihil")?;
    Ok(Period {
        stage: election.stage_on(to).cloned(),
        stage_today: election.stage_on(today).cloned(),
        election,
        today,
        from,
        to,
        anchor,
        gap,
        silent,
    })
}

impl Period {
    /// The seven days ending on `to`.
    pub fn week(&self) -> (NaiveDate, NaiveDate) {
        (self.to - Duration::days(6), self.to)
    }

    /// The seven days before [`Period::week`].
    pub fn last_week(&self) -> (NaiveDate, NaiveDate) {
        (self.to - Duration::days(13), self.to - Duration::days(7))
    }

    /// First day of the stage containing `to`.
    pub fn stage_from(&self) -> Option<NaiveDate> {
        self.stage.as_ref().map(|s| s.starts_on)
    }

    /// First day of the coverage window.
    pub fn gap_from(&self) -> NaiveDate {
        self.to - Duration::days(self.gap - 1)
    }

    /// First day of the silence window.
    pub fn silent_from(&self) -> NaiveDate {
        self.to - Duration::days(self.silent - 1)
    }

    /// Weekly buckets for the trend, oldest first: seven-day blocks ending on `to`, the first
    /// one cut at `from`.
    pub fn weeks(&self) -> Vec<(NaiveDate, NaiveDate)> {
        let mut out = Vec::new();
        let mut end = self.to;
        while end >= self.from {
            let start = (end - Duration::days(6)).max(self.from);
            out.push((start, end));
            end = start - Duration::days(1);
        }
        out.reverse();
        out
    }

    /// The coverage window as (month, day bits) pairs for `dash_cov_month`: bit d-1 stands for
    /// day d. A window of at most 31 days touches at most two months; with one month the second
    /// pair repeats it with no bits.
    pub fn gap_months(&self) -> [(NaiveDate, i32); 2] {
        month_masks(self.gap_from(), self.to)
    }

    /// Days to voting day from today: "H-45", "H", "H+728".
    pub fn h_today(&self) -> String {
        self.election.h_label(self.today)
    }

    /// The same for the period's end.
    pub fn h_to(&self) -> String {
        self.election.h_label(self.to)
    }
}

fn first_of_month(d: NaiveDate) -> NaiveDate {
    d.with_day(1).unwrap_or(d)
}

/// Bits of the days `a..=b` (at most 31 days) per month they fall in.
pub fn month_masks(a: NaiveDate, b: NaiveDate) -> [(NaiveDate, i32); 2] {
    let bits = |from: u32, to: u32| -> i32 { (from..=to).fold(0i32, |m, d| m | (1 << (d - 1))) };
    let m1 = first_of_month(a);
    let m2 = first_of_month(b);
    if m1 == m2 {
        [(m1, bits(a.day(), b.day())), (m1, 0)]
    } else {
        let end_of_m1 = m2 - Duration::days(1);
        [(m1, bits(a.day(), end_of_m1.day())), (m2, bits(1, b.day()))]
    }
}

#[cfg(test)]
mod tests;
