//! Reading one meeting in the reader's scope: what the meeting page (`crate::pages`) and the
//! printed report share, and the printable Laporan Hasil Kegiatan.

use axum::extract::State;
use axum::response::Html;

use super::db;
use super::views::{MeetingView, ReportPage};
use crate::AppState;
use crate::auth::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::web::{Ctx, Id, render};

/// Meeting `id` with its labels, attendees and photos, if `user` may see it (else 404).
pub async fn load_view(state: &AppState, user: &CurrentUser, id: i64) -> AppResult<MeetingView> {
    let m = db::meeting(&state.pool, id, user.scope())
        .await?
        .ok_or(AppError::NotFound)?;
    let (types, topics) = db::meeting_labels(&state.pool, id).await?;
    Ok(MeetingView {
        types,
        topics,
        attendees: db::attendees(&state.pool, id).await?,
        photos: db::photos(&state.pool, id).await?,
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
    let commander = v
        .attendees
        .iter()
        .find(|a| a.kind == "polri" && a.position.starts_with("Kapol"))
        .map(|a| {
            format!("{}|{} {}", a.position, a.rank, a.person_name)
                .trim()
                .to_string()
        })
        .unwrap_or_else(|| format!("Kepala {}|", v.m.host_name));
    render(ReportPage { ctx, v, commander })
}
