//! Dashboard handlers: each takes the resolved question ([`Ask`]) and renders its page or CSV.

use std::sync::Arc;

use axum::extract::State;
use axum::response::{IntoResponse, Response};

use super::ask::Ask;
use super::db::{self, FollowUpState};
use super::period::DashQuery;
use super::{DashData, PAGE_ROWS, coverage_scope, csv, views};
use crate::AppState;
use crate::error::{AppError, AppResult};
use crate::web::{Ctx, render};

/// Rows at most in a list's CSV.
const CSV_ROWS: i64 = 50_000;

pub async fn dashboard(State(state): State<AppState>, ctx: Ctx, a: Ask) -> AppResult<Response> {
    let data = super::load(&state, &a.read, &a.unit, &a.period).await?;
    let page = views::DashboardPage::new(ctx, data, a);
    Ok(render(page)?.into_response())
}

pub async fn dashboard_csv(State(state): State<AppState>, a: Ask) -> AppResult<Response> {
    let table = csv::Table::parse(&a.q.tabel).ok_or_else(|| {
        AppError::BadRequest(format!(
            "Tabel \"{}\" tidak ada. Pilih salah satu: {}.",
            a.q.tabel.chars().take(40).collect::<String>(),
            csv::Table::ALL
                .iter()
                .map(|t| t.code())
                .collect::<Vec<_>>()
                .join(", ")
        ))
    })?;
    let data: Arc<DashData> = super::load(&state, &a.read, &a.unit, &a.period).await?;
    csv::dashboard(table, &data, &a.period)
}

fn gaps_only(q: &DashQuery) -> AppResult<bool> {
    match q.show.trim() {
        "" | "semua" => Ok(false),
        "celah" => Ok(true),
        other => Err(AppError::BadRequest(format!(
            "Tampilan \"{}\" tidak dikenal: pilih semua atau celah.",
            other.chars().take(40).collect::<String>()
        ))),
    }
}

/// `anak`: the kecamatan one child answers for (0: those the unit answers for itself).
fn child_filter(q: &DashQuery) -> AppResult<Option<i64>> {
    match q.anak.trim() {
        "" => Ok(None),
        t => t
            .parse::<i64>()
            .ok()
            .filter(|n| *n >= 0)
            .map(Some)
            .ok_or_else(|| AppError::BadRequest("Satuan anak tidak dikenal.".into())),
    }
}

/// The kecamatan list behind a coverage number, at most `limit` rows.
async fn district_rows(a: &Ask, limit: i64) -> AppResult<Vec<db::District>> {
    Ok(db::districts(
        &a.read.pool,
        &coverage_scope(&a.unit, &a.period),
        a.period.to,
        gaps_only(&a.q)?,
        child_filter(&a.q)?,
        limit,
    )
    .await?)
}

pub async fn districts(ctx: Ctx, a: Ask) -> AppResult<Response> {
    let rows = district_rows(&a, PAGE_ROWS + 1).await?;
    let (gaps, child) = (gaps_only(&a.q)?, child_filter(&a.q)?);
    let page = views::DistrictsPage::new(ctx, a, rows, gaps, child);
    Ok(render(page)?.into_response())
}

pub async fn districts_csv(a: Ask) -> AppResult<Response> {
    let rows = district_rows(&a, CSV_ROWS).await?;
    csv::districts(&rows, &a.period)
}

fn follow_state(q: &DashQuery) -> AppResult<FollowUpState> {
    FollowUpState::parse(q.state.trim()).ok_or_else(|| {
        AppError::BadRequest(format!(
            "Keadaan \"{}\" tidak dikenal: pilih terbuka, terlambat atau eskalasi.",
            q.state.chars().take(40).collect::<String>()
        ))
    })
}

pub async fn follow_ups(ctx: Ctx, a: Ask) -> AppResult<Response> {
    let st = follow_state(&a.q)?;
    let total = db::commitment_count(&a.read.pool, a.unit.id, st).await?;
    let rows = db::commitments(&a.read.pool, &a.unit, st, PAGE_ROWS).await?;
    let page = views::FollowUpsPage::new(ctx, a, st, total, rows);
    Ok(render(page)?.into_response())
}

pub async fn follow_ups_csv(a: Ask) -> AppResult<Response> {
    let rows = db::commitments(&a.read.pool, &a.unit, follow_state(&a.q)?, CSV_ROWS).await?;
    csv::commitments(&rows)
}

/// The open disputes of the period, at most `limit` rows.
async fn dispute_rows(a: &Ask, limit: i64) -> AppResult<Vec<db::DisputeRow>> {
    Ok(db::disputes(
        &a.read.pool,
        a.unit.id,
        a.unit.is_national(),
        a.period.from,
        a.period.to,
        limit,
    )
    .await?)
}

pub async fn disputes(ctx: Ctx, a: Ask) -> AppResult<Response> {
    let rows = dispute_rows(&a, PAGE_ROWS + 1).await?;
    let page = views::DisputesPage::new(ctx, a, rows);
    Ok(render(page)?.into_response())
}

pub async fn disputes_csv(a: Ask) -> AppResult<Response> {
    let rows = dispute_rows(&a, CSV_ROWS).await?;
    csv::disputes(&rows)
}

/// A list's earlier URL: a permanent redirect to its current one, with the same question.
pub fn renamed(
    to: &'static str,
) -> impl Fn(axum::http::Uri) -> std::future::Ready<axum::response::Redirect>
+ Clone
+ Send
+ Sync
+ 'static {
    move |uri: axum::http::Uri| {
        let target = match uri.query() {
            Some(q) => format!("{to}?{q}"),
            None => to.to_string(),
        };
        std::future::ready(axum::response::Redirect::permanent(&target))
    }
}
