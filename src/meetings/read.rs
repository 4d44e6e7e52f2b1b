//! Reading one meeting in the reader's scope: what the meeting page (`crate::pages`) and the
//! printed report share, and the printable Laporan Hasil Kegiatan.

use axum::extract::State;
use axum::response::Html;

use super::db;
use super::views::{MeetingView, ReportPage};
use crate::AppState;
use crate::auth::{CurrentUser, Scope};
use crate::error::{AppError, AppResult};
use crate::web::{Ctx, Id, render};

/// Meeting `id` with its labels, attendees and photos, if `user` may see it (else 404).
pub async fn load_view(state: &AppState, user: &CurrentUser, id: i64) -> AppResult<MeetingView> {
    let mut conn = state.pool.acquire().await?;
    view_on(&mut conn, user.scope(), id).await
}

/// [`load_view`] on a connection the caller holds (the meeting page reads it in its transaction).
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
    Id(id): Id,
) -> AppResult<Html<String>> {
    let v = load_view(&state, &user, id).await?;
    let commitments = db::report_commitments(&state.pool, id).await?;
    let officer = match db::reporting_officer(&state.pool, id).await? {
        Some(o) => Some(o),
        None => leading_officer(&v),
    };
    render(ReportPage {
        ctx,
        v,
        commitments,
        officer,
    })
}

/// For a meeting no account logged (loaded data): the police line that led it ("Kapolsek …").
fn leading_officer(v: &MeetingView) -> Option<db::ReportingOfficer> {
    v.attendees
        .iter()
        .find(|a| a.kind == "polri" && a.position.starts_with("Kapol"))
        .map(|a| db::ReportingOfficer {
            display_name: a.person_name.clone(),
            position: a.position.clone(),
            rank: a.rank.clone(),
            nrp: String::new(),
        })
}
