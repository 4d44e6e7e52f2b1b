//! The question every dashboard page and CSV starts from: which unit, which election, which
//! days. One extractor answers it (refusing, with a message, a unit outside the person's scope,
//! an unknown election or a backwards period), so no handler repeats the opening.

use std::sync::Arc;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use chrono::Utc;

use super::db::{self, UnitInfo};
use super::period::{self, DashQuery, Period};
use crate::AppState;
use crate::auth::CurrentUser;
use crate::db::Read;
use crate::elections::Election;
use crate::error::{AppError, AppResult};
use crate::web::{Query, see_other};

/// Who asks about which unit, election and days, with the query string as typed.
pub struct Ask {
    pub unit: UnitInfo,
    pub period: Period,
    pub elections: Arc<Vec<Election>>,
    pub q: DashQuery,
    /// Where this request's dashboard data is read.
    pub read: Read,
}

impl FromRequestParts<AppState> for Ask {
    /// A redirect for people without a dashboard, or the error page.
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let user = CurrentUser::from_request_parts(parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        let scope = user.scope();
        // A dashboard is for a unit or the nation: an institution's people see their meetings.
        if !scope.national && scope.unit.is_none() {
            return Err(see_other("/pertemuan"));
        }
        let Query(q) = Query::<DashQuery>::from_request_parts(parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        let read = Read::from_request_parts(parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        ask(state, &user, q, read)
            .await
            .map_err(IntoResponse::into_response)
    }
}

async fn ask(state: &AppState, user: &CurrentUser, q: DashQuery, read: Read) -> AppResult<Ask> {
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
    let elections = state
        .calendars
        .at(&state.pool, unit.versions.structure)
        .await?;
    let today = Utc::now()
        .with_timezone(&crate::regions::tz(&unit.tz))
        .date_naive();
    let period = period::resolve(&q, &elections, today).map_err(AppError::BadRequest)?;
    Ok(Ask {
        unit,
        period,
        elections,
        q,
        read,
    })
}
