//! Every dashboard table as CSV: the same numbers as the page, one row per line of the table.

use axum::response::Response;

use super::db::{CommitmentRow, DisputeRow, District};
use super::period::Period;
use super::{DashData, Row};
use crate::error::AppResult;
use crate::kit::csv::Csv;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Table {
    Activity,
    Trend,
    Types,
    Topics,
    Coverage,
    Districts,
    Silent,
    FollowUps,
    Overdue,
    Confirmations,
}

impl Table {
    pub const ALL: [Table; 10] = [
        Table::Activity,
        Table::Trend,
        Table::Types,
        Table::Topics,
        Table::Coverage,
        Table::Districts,
        Table::Silent,
        Table::FollowUps,
        Table::Overdue,
        Table::Confirmations,
    ];

    pub fn code(&self) -> &'static str {
        match self {
            Table::Activity => "aktivitas",
            Table::Trend => "tren",
            Table::Types => "jenis",
            Table::Topics => "topik",
            Table::Coverage => "cakupan",
            Table::Districts => "kecamatan",
            Table::Silent => "nihil",
            Table::FollowUps => "tindak-lanjut",
            Table::Overdue => "terlambat",
            Table::Confirmations => "konfirmasi",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.code() == s.trim())
    }
}

fn date(d: Option<chrono::NaiveDate>) -> String {
    d.map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

/// The unit lines of a per-unit table: children, the unit's own share, the total.
fn lines(d: &DashData) -> Vec<(&str, &Row)> {
    let mut out: Vec<(&str, &Row)> = d.children.iter().map(|r| (r.name.as_str(), r)).collect();
    if let Some(o) = &d.own {
        out.push((o.name.as_str(), o));
    }
    out.push(("Jumlah", &d.total));
    out
}

/// One row per unit line (children, the unit's own share, the total): the name, then `cells`.
fn per_unit(
    w: &mut Csv,
    d: &DashData,
    header: &[&str],
    cells: impl Fn(&Row) -> Vec<String>,
) -> AppResult<()> {
    w.row(header)?;
    for (name, r) in lines(d) {
        w.row(std::iter::once(name.to_string()).chain(cells(r)))?;
    }
    Ok(())
}

fn activity(w: &mut Csv, d: &DashData) -> AppResult<()> {
    per_unit(
        w,
        d,
        &[
            "satuan",
            "minggu_ini",
            "minggu_lalu",
            "tahapan_ini",
            "periode",
            "dibatalkan",
            "pertemuan_terakhir",
        ],
        |r| {
            let a = &r.activity;
            vec![
                a.week.to_string(),
                a.last_week.to_string(),
                a.stage.to_string(),
                a.period.to_string(),
                a.cancelled.to_string(),
                date(a.last_day),
            ]
        },
    )
}

fn coverage(w: &mut Csv, d: &DashData, p: &Period) -> AppResult<()> {
    per_unit(
        w,
        d,
        &[
            "satuan",
            "kecamatan",
            "ppk_ditemui",
            "panwascam_ditemui",
            "keduanya",
            "tanpa_keduanya",
            "jendela_hari",
        ],
        |r| {
            let c = &r.coverage;
            vec![
                c.districts.to_string(),
                c.ppk.to_string(),
                c.panwas.to_string(),
                c.both.to_string(),
                c.gaps.to_string(),
                p.gap.to_string(),
            ]
        },
    )
}

fn follow_ups(w: &mut Csv, d: &DashData) -> AppResult<()> {
    per_unit(w, d, &["satuan", "terbuka", "terlambat", "eskalasi"], |r| {
        let f = &r.follow;
        vec![
            f.open.to_string(),
            f.overdue.to_string(),
            f.escalated.to_string(),
        ]
    })
}

fn confirmations(w: &mut Csv, d: &DashData) -> AppResult<()> {
    per_unit(
        w,
        d,
        &[
            "satuan",
            "baris_kehadiran",
            "dikonfirmasi",
            "sanggahan_terbuka",
        ],
        |r| {
            let a = &r.activity;
            vec![
                a.lines.to_string(),
                a.confirmed.to_string(),
                a.disputed_open.to_string(),
            ]
        },
    )
}

pub fn dashboard(table: Table, d: &DashData, p: &Period) -> AppResult<Response> {
    let mut w = Csv::new();
    match table {
        Table::Activity => activity(&mut w, d)?,
        Table::Trend => {
            w.row(["dari", "sampai", "pertemuan"])?;
            for t in &d.trend {
                w.row([date(Some(t.from)), date(Some(t.to)), t.meetings.to_string()])?;
            }
        }
        Table::Types | Table::Topics => {
            w.row(["kode", "nama", "pertemuan"])?;
            let tags = if table == Table::Types {
                &d.types
            } else {
                &d.topics
            };
            for t in tags {
                w.row([t.code.clone(), t.label.clone(), t.n.to_string()])?;
            }
        }
        Table::Coverage => coverage(&mut w, d, p)?,
        Table::Districts => return districts(&d.districts, p),
        Table::Silent => {
            w.row(["satuan", "pertemuan_terakhir", "hari_tanpa_pertemuan"])?;
            for r in d.silent() {
                let last = r.activity.last_day;
                let days = last.map(|l| (p.to - l).num_days().to_string());
                w.row([r.name.clone(), date(last), days.unwrap_or_default()])?;
            }
        }
        Table::FollowUps => follow_ups(&mut w, d)?,
        Table::Overdue => return commitments(&d.overdue_items),
        Table::Confirmations => confirmations(&mut w, d)?,
    }
    w.download(&format!("dasbor-{}.csv", table.code()))
}

pub fn districts(rows: &[District], p: &Period) -> AppResult<Response> {
    let mut w = Csv::new();
    w.row([
        "kode",
        "kecamatan",
        "kabupaten_kota",
        "satuan",
        "ppk_terakhir",
        "panwascam_terakhir",
        "ppk_dalam_jendela",
        "panwascam_dalam_jendela",
        "jendela_hari",
    ])?;
    for r in rows {
        w.row([
            r.code.clone(),
            r.name.clone(),
            r.regency.clone(),
            r.child_name.clone().unwrap_or_default(),
            date(r.last_ppk),
            date(r.last_panwas),
            if r.ppk_met { "ya" } else { "tidak" }.into(),
            if r.panwas_met { "ya" } else { "tidak" }.into(),
            p.gap.to_string(),
        ])?;
    }
    w.download("dasbor-kecamatan.csv")
}

pub fn commitments(rows: &[CommitmentRow]) -> AppResult<Response> {
    let mut w = Csv::new();
    w.row([
        "id",
        "tindak_lanjut",
        "penanggung_jawab",
        "batas_waktu",
        "zona",
        "status",
        "satuan",
        "pertemuan_id",
        "pertemuan",
    ])?;
    for r in rows {
        w.row([
            r.id.to_string(),
            r.what.clone(),
            r.owner.clone(),
            date(Some(r.due_on)),
            crate::web::fmt::zone_abbr(crate::regions::tz(&r.due_tz)).to_string(),
            r.status.code().to_string(),
            r.host.clone(),
            r.meeting_id.to_string(),
            r.meeting_title.clone(),
        ])?;
    }
    w.download("dasbor-tindak-lanjut.csv")
}

pub fn disputes(rows: &[DisputeRow]) -> AppResult<Response> {
    let mut w = Csv::new();
    w.row([
        "pertemuan_id",
        "pertemuan",
        "tanggal",
        "satuan",
        "lembaga",
        "nama",
    ])?;
    for r in rows {
        let tz = crate::regions::tz(&r.tz);
        w.row([
            r.meeting_id.to_string(),
            r.meeting_title.clone(),
            r.starts_at
                .with_timezone(&tz)
                .format("%Y-%m-%d")
                .to_string(),
            r.host.clone(),
            r.institution.clone(),
            r.person_name.clone(),
        ])?;
    }
    w.download("dasbor-sanggahan.csv")
}
