//! Directory handlers: read-only reference data. Anyone reads regions, units and official
//! bodies; what else a signed-in reader sees is decided by their scope, in SQL.

use axum::extract::{Path, State};
use axum::response::Html;
use serde::Deserialize;

use super::{db, lineage, views};
use crate::AppState;
use crate::auth::{MaybeUser, Scope};
use crate::error::{AppError, AppResult};
use crate::web::{Ctx, Id, Query, render};

pub async fn index(State(state): State<AppState>, ctx: Ctx) -> AppResult<Html<String>> {
    let provinces = db::provinces(&state.pool).await?;
    render(views::IndexPage { ctx, provinces })
}

/// What the reader may see: a visitor's scope is empty (official bodies only).
fn reader(user: &MaybeUser) -> Scope {
    match &user.0 {
        Some(u) => u.scope(),
        None => Scope {
            national: false,
            unit: None,
            institution: None,
        },
    }
}

/// A region code as it appears in URLs: digits and dots only, at most 13 characters.
fn valid_code(code: &str) -> bool {
    !code.is_empty() && code.len() <= 13 && code.bytes().all(|b| b.is_ascii_digit() || b == b'.')
}

pub async fn region(
    State(state): State<AppState>,
    ctx: Ctx,
    user: MaybeUser,
    Path(code): Path<String>,
) -> AppResult<Html<String>> {
    if !valid_code(&code) {
        return Err(AppError::NotFound);
    }
    let mut trail = db::regions_by_code(&state.pool, &lineage(&code)).await?;
    let region = match trail.pop() {
        Some(r) if r.code == code => r,
        _ => return Err(AppError::NotFound),
    };
    let children = db::children(&state.pool, &code).await?;
    let units = db::units_for_region(&state.pool, &code).await?;
    let institutions = db::institutions_in_region(&state.pool, &code, reader(&user)).await?;
    render(views::RegionPage {
        ctx,
        region,
        trail,
        children,
        units,
        institutions,
    })
}

#[derive(Deserialize)]
pub struct SearchQuery {
    #[serde(default)]
    q: String,
}

pub async fn search(
    State(state): State<AppState>,
    ctx: Ctx,
    user: MaybeUser,
    Query(query): Query<SearchQuery>,
) -> AppResult<Html<String>> {
    let q: String = query.q.trim().chars().take(100).collect();
    let (hits, message) = if q.chars().count() < 2 {
        (Vec::new(), Some("Ketik sedikitnya 2 huruf."))
    } else {
        let hits = db::search(&state.pool, &q, reader(&user)).await?;
        let message = hits.is_empty().then_some("Tidak ada yang cocok.");
        (hits, message)
    };
    render(views::SearchPage {
        ctx,
        q,
        hits,
        message,
    })
}

pub async fn unit(State(state): State<AppState>, ctx: Ctx, Id(id): Id) -> AppResult<Html<String>> {
    let unit = db::unit(&state.pool, id).await?.ok_or(AppError::NotFound)?;
    let children = db::child_units(&state.pool, id).await?;
    let regions = db::unit_regions(&state.pool, id).await?;
    render(views::UnitPage {
        ctx,
        unit,
        children,
        regions,
    })
}

pub async fn institution(
    State(state): State<AppState>,
    ctx: Ctx,
    user: MaybeUser,
    Id(id): Id,
) -> AppResult<Html<String>> {
    let institution = db::institution(&state.pool, id, reader(&user))
        .await?
        .ok_or(AppError::NotFound)?;
    let trail = match &institution.region_code {
        Some(code) => db::regions_by_code(&state.pool, &lineage(code)).await?,
        None => Vec::new(),
    };
    render(views::InstitutionPage {
        ctx,
        institution,
        trail,
    })
}
