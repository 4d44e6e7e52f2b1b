//! Dashboard handlers: work out which unit and days are asked about (refusing, with a message,
//! a unit outside the person's scope, an unknown election or a backwards period), then render
//! the page or its CSV. Election officials have no dashboard and go to their meetings.

use std::sync::Arc;

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use chrono::Utc;

use super::db::{self, FollowUpState, UnitInfo};
use super::period::{self, DashQuery, Period};
use super::views;
use super::{DashData, coverage_scope};
use crate::AppState;
use crate::auth::{CurrentUser, Role};
use crate::cache::Stamp;
use crate::elections::Election;
use crate::error::{AppError, AppResult};
use crate::web::{Ctx, Query, render, see_other};

use super::PAGE_ROWS;

/// Rows at most in a list's CSV.
const CSV_ROWS: i64 = 50_000;

/// Who asks about which unit, election and days.
pub struct Ask {
    pub unit: UnitInfo,
    pub period: Period,
    pub elections: Vec<Election>,
}

async fn ask(state: &AppState, user: &CurrentUser, q: &DashQuery) -> AppResult<Ask> {
    let scope = user.scope();
    let id = match q.unit.trim() {
        "" => match scope.unit {
            Some(u) => u,
            None => db::root_unit(&state.pool).await?.ok_or_else(|| {
                AppError::BadRequest("Belum ada satuan Polri yang tercatat.".into())
            })?,
        },
        t => t.parse::<i64>().map_err(|_| {
            AppError::BadRequest(format!(
                "Satuan \"{}\" tidak dikenal: pilih satuan dari dasbor.",
                t.chars().take(40).collect::<String>()
            ))
        })?,
    };
    let unit = db::unit(&state.pool, id, scope.national, scope.unit)
        .await?
        .ok_or_else(|| {
            AppError::BadRequest(
                "Satuan ini tidak ada atau di luar wilayah tugas Anda. Buka dasbor satuan Anda sendiri atau satuan di bawahnya."
                    .into(),
            )
        })?;
    let elections = crate::elections::load_all(&state.pool).await?;
    let today = Utc::now()
        .with_timezone(&crate::regions::tz(&unit.tz))
        .date_naive();
    let period = period::resolve(q, &elections, today).map_err(AppError::BadRequest)?;
    Ok(Ask {
        unit,
        period,
        elections,
    })
}

/// Police only: officials see their meetings instead.
fn police(user: &CurrentUser) -> Option<Response> {
    (user.role == Role::Official).then(|| see_other("/pertemuan"))
}

pub async fn dashboard(
    State(state): State<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    stamp: Stamp,
    Query(q): Query<DashQuery>,
) -> AppResult<Response> {
    if let Some(r) = police(&user) {
        return Ok(r);
    }
    let a = ask(&state, &user, &q).await?;
    let data = super::load(&state, stamp, &a.unit, &a.period).await?;
    let page = views::DashboardPage::new(ctx, data, a.period, a.elections, &q);
    Ok(render(page)?.into_response())
}

pub async fn dashboard_csv(
    State(state): State<AppState>,
    user: CurrentUser,
    stamp: Stamp,
    Query(q): Query<DashQuery>,
) -> AppResult<Response> {
    if let Some(r) = police(&user) {
        return Ok(r);
    }
    let table = super::csv::Table::parse(&q.tabel).ok_or_else(|| {
        AppError::BadRequest(format!(
            "Tabel \"{}\" tidak ada. Pilih salah satu: {}.",
            q.tabel.chars().take(40).collect::<String>(),
            super::csv::Table::ALL
                .iter()
                .map(|t| t.code())
                .collect::<Vec<_>>()
                .join(", ")
        ))
    })?;
    let a = ask(&state, &user, &q).await?;
    let data: Arc<DashData> = super::load(&state, stamp, &a.unit, &a.period).await?;
    super::csv::dashboard(table, &data, &a.period)
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

pub async fn districts(
    State(state): State<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    Query(q): Query<DashQuery>,
) -> AppResult<Response> {
    if let Some(r) = police(&user) {
        return Ok(r);
    }
    let a = ask(&state, &user, &q).await?;
    let gaps = gaps_only(&q)?;
    let child = child_filter(&q)?;
    let rows = db::districts(
        &state.lists,
        &coverage_scope(&a.unit, &a.period),
        a.period.to,
        gaps,
        child,
        PAGE_ROWS + 1,
    )
    .await?;
    let page = views::DistrictsPage::new(ctx, a, rows, gaps, child, &q);
    Ok(render(page)?.into_response())
}

pub async fn districts_csv(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<DashQuery>,
) -> AppResult<Response> {
    if let Some(r) = police(&user) {
        return Ok(r);
    }
    let a = ask(&state, &user, &q).await?;
    let rows = db::districts(
        &state.lists,
        &coverage_scope(&a.unit, &a.period),
        a.period.to,
        gaps_only(&q)?,
        child_filter(&q)?,
        CSV_ROWS,
    )
    .await?;
    super::csv::districts(&rows, &a.period)
}

fn follow_state(q: &DashQuery) -> AppResult<FollowUpState> {
    FollowUpState::parse(q.state.trim()).ok_or_else(|| {
        AppError::BadRequest(format!(
            "Keadaan \"{}\" tidak dikenal: pilih terbuka, terlambat atau eskalasi.",
            q.state.chars().take(40).collect::<String>()
        ))
    })
}

pub async fn follow_ups(
    State(state): State<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    Query(q): Query<DashQuery>,
) -> AppResult<Response> {
    if let Some(r) = police(&user) {
        return Ok(r);
    }
    let a = ask(&state, &user, &q).await?;
    let st = follow_state(&q)?;
    let total = db::commitment_count(&state.lists, a.unit.id, st).await?;
    let rows = db::commitments(&state.lists, &a.unit, st, PAGE_ROWS).await?;
    let page = views::FollowUpsPage::new(ctx, a, st, total, rows, &q);
    Ok(render(page)?.into_response())
}

pub async fn follow_ups_csv(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<DashQuery>,
) -> AppResult<Response> {
    if let Some(r) = police(&user) {
        return Ok(r);
    }
    let a = ask(&state, &user, &q).await?;
    let rows = db::commitments(&state.lists, &a.unit, follow_state(&q)?, CSV_ROWS).await?;
    super::csv::commitments(&rows)
}

pub async fn disputes(
    State(state): State<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    Query(q): Query<DashQuery>,
) -> AppResult<Response> {
    if let Some(r) = police(&user) {
        return Ok(r);
    }
    let a = ask(&state, &user, &q).await?;
    let rows = db::disputes(
        &state.lists,
        a.unit.id,
        a.unit.is_national(),
        a.period.from,
        a.period.to,
        PAGE_ROWS + 1,
    )
    .await?;
    let page = views::DisputesPage::new(ctx, a, rows, &q);
    Ok(render(page)?.into_response())
}

pub async fn disputes_csv(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(q): Query<DashQuery>,
) -> AppResult<Response> {
    if let Some(r) = police(&user) {
        return Ok(r);
    }
    let a = ask(&state, &user, &q).await?;
    let rows = db::disputes(
        &state.lists,
        a.unit.id,
        a.unit.is_national(),
        a.period.from,
        a.period.to,
        CSV_ROWS,
    )
    .await?;
    super::csv::disputes(&rows)
}
