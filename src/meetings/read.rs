//! Reading one meeting in the reader's scope: what the meeting page (`crate::pages`) and the
//! printed report share, and the printable Laporan Hasil Kegiatan with its verification code.

use axum::extract::State;
use axum::response::Html;

use super::db;
use super::printed::Printed;
use super::views::{MeetingView, ReportPage};
use crate::AppState;
use crate::auth::{CurrentUser, Scope};
use crate::error::{AppError, AppResult};
use crate::web::{Ctx, Id, RequestMeta, render};

/// Meeting `id` with its labels, attendees and photos, if `user` may see it (else 404).
pub async fn load_view(state: &AppState, user: &CurrentUser, id: i64) -> AppResult<MeetingView> {
    load_in(state, user.scope(), id).await
}

/// Meeting `id` with its labels, attendees and photos, if `scope` may see it (else 404).
pub async fn load_in(state: &AppState, scope: Scope, id: i64) -> AppResult<MeetingView> {
    let mut conn = state.pool.acquire().await?;
    view_on(&mut conn, scope, id).await
}

/// [`load_in`] on a connection the caller holds (the meeting page reads it in its transaction).
pub async fn view_on(db: &mut sqlx::PgConnection, scope: Scope, id: i64) -> AppResult<MeetingView> {
    let m = db::meeting(&mut *db, id, scope)
        .await?
        .ok_or(AppError::NotFound)?;
    let (types, topics) = db::meeting_labels(&mut *db, id).await?;
    Ok(MeetingView {
        types,
        topics,
        attendees: db::attendees(&mut *db, id).await?,
        photos: db::photos(&mut *db, id).await?,
        m,
    })
}

pub async fn report(
    State(state): State<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    meta: RequestMeta,
    Id(id): Id,
) -> AppResult<Html<String>> {
    let p = Printed::load(&state, user.scope(), id).await?;
    let code = p.code(&state, &user, &meta).await?;
    let verify_url = format!("{}/verifikasi/{code}", state.config.public_url);
    render(ReportPage {
        ctx,
        qr: crate::kit::qr::data_uri(&verify_url, "Kode QR verifikasi laporan"),
        verify_url,
        code,
        v: p.v,
        commitments: p.commitments,
        officer: p.officer,
    })
}
