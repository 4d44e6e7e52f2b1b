//! The follow-up list (filters, counts per status) and its CSV: exactly the filtered rows.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;

use super::super::db::{self, Filter};
use super::super::forms::ListQuery;
use super::super::views;
use crate::AppState;
use crate::auth::{CurrentUser, Signed};
use crate::db::Read;
use crate::error::{AppError, AppResult};
use crate::web::{Query, respond};

pub async fn list(
    Signed(state, ctx, user): Signed,
    Query(q): Query<ListQuery>,
) -> AppResult<Response> {
    let scope = user.scope();
    let (filter, error) = match q.parse() {
        Ok(f) => (f, None),
        Err(e) => (Filter::default(), Some(e)),
    };
    let rows = db::list(
        &state.lists,
        scope,
        user.unit_id,
        &filter,
        state.config.escalate_days,
        500,
    )
    .await?;
    let counts = db::counts(&state.lists, scope).await?;
    let csv = format!("/tindak-lanjut.csv?{}", q.to_query());
    let status = if error.is_some() {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    let page = views::ListPage {
        ctx,
        rows,
        counts,
        csv,
        error,
        has_unit: user.unit_id.is_some(),
        q,
    };
    respond(status, page)
}

pub async fn csv(
    State(state): State<AppState>,
    user: CurrentUser,
    read: Read,
    Query(q): Query<ListQuery>,
) -> AppResult<Response> {
    let filter = q.parse().map_err(AppError::BadRequest)?;
    let rows = db::list(
        &read.pool,
        user.scope(),
        user.unit_id,
        &filter,
        state.config.escalate_days,
        50_000,
    )
    .await?;
    crate::kit::csv::download(
        "tindak-lanjut.csv",
        &[
            "id",
            "pertemuan",
            "satuan",
            "tindak_lanjut",
            "pemilik",
            "tenggat",
            "status",
            "hari_terlambat",
            "eskalasi",
        ],
        rows.iter().map(|r| {
            vec![
                r.id.to_string(),
                r.meeting_title.clone(),
                r.host_name.clone(),
                r.what.clone(),
                r.owner_name.clone(),
                r.due_on.to_string(),
                r.status.label().to_string(),
                r.days_overdue.to_string(),
                r.level.to_string(),
            ]
        }),
    )
}
