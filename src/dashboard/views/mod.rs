//! Template structs of the dashboard pages, with the links and formatting the templates need:
//! every number's link is built here, so the templates only place them.

mod chart;
mod dashboard;
mod lists;

use chrono::{Datelike, NaiveDate};
use chrono_tz::Tz;

pub use dashboard::DashboardPage;
pub use lists::{DisputesPage, DistrictsPage, FollowUpsPage};

use super::db::{District, UnitInfo};
use super::period::{Anchor, DashQuery, Period};
use crate::web::{fmt, url_encode};

const MONTHS_SHORT: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des",
];

/// A phrase built here in Indonesian, in the request's language (`src/i18n/messages.tsv`).
pub(crate) fn tr(text: impl AsRef<str>) -> String {
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
pub(crate) fn day_month(d: NaiveDate) -> String {
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

/// "2024-11-27": `NaiveDate`'s own display, without parsing a format string on every link.
fn iso(d: NaiveDate) -> String {
    d.to_string()
}

/// What every dashboard page shows on top: unit, election, period.
pub struct Head {
    pub unit: UnitInfo,
    pub p: Period,
    pub base: String,
}

impl Head {
    pub(crate) fn new(unit: UnitInfo, p: Period, q: &DashQuery) -> Self {
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
    /// The day a kecamatan's PPK (`body` "ppk") or Panwascam was last met.
    pub fn met_day(&self, r: &District, body: &str) -> String {
        self.short_opt(if body == "ppk" {
            &r.last_ppk
        } else {
            &r.last_panwas
        })
    }
    /// The meetings of a kecamatan on the day its PPK (`body` "ppk") or Panwascam was last met.
    pub fn met_url(&self, r: &District, body: &str) -> Option<String> {
        let (day, inst) = if body == "ppk" {
            (r.last_ppk?, r.ppk_id?)
        } else {
            (r.last_panwas?, r.panwas_id?)
        };
        Some(format!(
            "{}&kec={}&inst={inst}",
            self.meetings_url(self.unit.id, day, day),
            url_encode(&r.code)
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
