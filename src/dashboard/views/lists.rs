//! The list pages behind a dashboard number: kecamatan, open follow-ups, open disputes.

use askama::Template;

use super::{Head, short_date, tr};
use crate::dashboard::PAGE_ROWS;
use crate::dashboard::ask::Ask;
use crate::dashboard::db::{CommitmentRow, DisputeRow, District, FollowUpState};
use crate::web::{Ctx, fmt};

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
    pub fn new(ctx: Ctx, a: Ask, mut rows: Vec<District>, gaps: bool, child: Option<i64>) -> Self {
        let h = Head::new(a.unit, a.period, &a.q);
        let more = rows.len() as i64 > PAGE_ROWS;
        rows.truncate(PAGE_ROWS as usize);
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
    ) -> Self {
        let h = Head::new(a.unit, a.period, &a.q);
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
        let days = (today - c.reckon_on).num_days();
        if days > 0 {
            tr(format!("terlambat {days} hari"))
        } else {
            tr("belum jatuh tempo")
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
    pub fn new(ctx: Ctx, a: Ask, mut rows: Vec<DisputeRow>) -> Self {
        let h = Head::new(a.unit, a.period, &a.q);
        let more = rows.len() as i64 > PAGE_ROWS;
        rows.truncate(PAGE_ROWS as usize);
        let csv = format!("/dasbor/sanggahan.csv?unit={}&{}", h.unit.id, h.base);
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
