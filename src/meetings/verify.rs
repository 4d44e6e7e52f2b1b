//! `/verifikasi/<code>`: the public page a printed report's QR code opens. It says whether the
//! report as printed is still the record (the same content hash as the report computed now) and,
//! if not, that it changed and when — showing only what the printed page itself carried.

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use super::db;
use super::printed::{Printed, normalise};
use super::views::{UnknownCodePage, VerifyPage};
use crate::AppState;
use crate::auth::policy;
use crate::error::{AppError, AppResult};
use crate::web::{ClientIp, Ctx, fmt, render};

pub async fn verify(
    State(state): State<AppState>,
    ctx: Ctx,
    ClientIp(ip): ClientIp,
    typed: Result<Path<String>, PathRejection>,
) -> AppResult<Response> {
    // counted with the confirmation links: guessing codes is as slow as guessing tokens
    if !state.link_limiter.try_take(&ip) {
        return Err(AppError::TooManyRequests);
    }
    // a code that is not even UTF-8 (`%FF`) is just as unknown
    let typed = typed.map(|Path(t)| t).unwrap_or_default();
    let issued = match normalise(&typed) {
        Some(code) => db::find_code(&state.pool, &code).await?,
        None => None,
    };
    let Some(issued) = issued else {
        return Ok((StatusCode::NOT_FOUND, render(UnknownCodePage { ctx })?).into_response());
    };
    let now = Printed::load(
        &state,
        policy::report_verification_scope(),
        issued.meeting_id,
    )
    .await?;
    let tz = crate::regions::tz(&issued.tz);
    let m = &now.v.m;
    let edited_at = (m.version > issued.meeting_version)
        .then(|| fmt::datetime(m.updated_at, crate::regions::tz(&m.tz)));
    Ok(render(VerifyPage {
        ctx,
        current: now.content_hash() == issued.content_hash,
        code: issued.code,
        title: issued.title,
        when: fmt::datetime(issued.starts_at, tz),
        version: issued.meeting_version,
        issued_at: fmt::datetime(issued.issued_at, tz),
        edited_at,
        now_version: m.version,
    })?
    .into_response())
}
