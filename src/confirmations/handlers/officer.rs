//! The officer's confirmation desk: attendee lines and their states, making and revoking
//! links (personal or for a team), and answering a sanggahan in writing.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::super::db::{self, MeetingInfo};
use super::super::views::{self, NewLink};
use crate::AppState;
use crate::auth::link::token_hash;
use crate::auth::{Act, CurrentUser, Signed, policy};
use crate::error::{AppError, AppResult};
use crate::kit::audit::{self, Entry};
use crate::web::{Ctx, Form, Id, RequestMeta, render, respond, see_other};

/// The meeting, if this police user may see it (officials use their own pages).
async fn police_meeting(state: &AppState, user: &CurrentUser, id: i64) -> AppResult<MeetingInfo> {
    if !policy::may_open_confirmation_desk(user) {
        return Err(AppError::Forbidden);
    }
    db::meeting(&state.pool, id, user.scope())
        .await?
        .ok_or(AppError::NotFound)
}

/// The meeting, if `user` may also change its confirmations (the host's liaison officers).
async fn managed_meeting(state: &AppState, user: &CurrentUser, id: i64) -> AppResult<MeetingInfo> {
    let m = police_meeting(state, user, id).await?;
    if !policy::may_write_meetings_of(user, &m.unit_path) {
        return Err(AppError::Forbidden);
    }
    Ok(m)
}

async fn officer_view(
    state: &AppState,
    ctx: Ctx,
    user: &CurrentUser,
    m: MeetingInfo,
    new_link: Option<NewLink>,
    error: Option<String>,
) -> AppResult<views::OfficerPage> {
    let id = m.id;
    Ok(views::OfficerPage {
        ctx,
        can_manage: policy::may_write_meetings_of(user, &m.unit_path),
        attendees: db::lines(&state.pool, id).await?,
        links: db::links(&state.pool, id).await?,
        linked: db::linked_institutions(&state.pool, id).await?,
        disputes: db::disputes(&state.pool, id).await?,
        history: db::history(&state.pool, id).await?,
        new_link,
        error,
        m,
    })
}

/// The desk again with `message` (422).
async fn refused(
    state: &AppState,
    ctx: Ctx,
    user: &CurrentUser,
    m: MeetingInfo,
    message: &str,
) -> AppResult<Response> {
    let page = officer_view(state, ctx, user, m, None, Some(message.into())).await?;
    respond(StatusCode::UNPROCESSABLE_ENTITY, page)
}

pub async fn officer_page(Signed(state, ctx, user): Signed, Id(id): Id) -> AppResult<Response> {
    let m = police_meeting(&state, &user, id).await?;
    respond(
        StatusCode::OK,
        officer_view(&state, ctx, &user, m, None, None).await?,
    )
}

/// A new link: for one attendee line, or (no line, an institution) for the institution's team.
#[derive(Deserialize)]
pub struct LinkForm {
    #[serde(default)]
    attendee_id: String,
    #[serde(default)]
    institution_id: String,
    #[serde(default)]
    days: String,
}

impl LinkForm {
    fn days(&self) -> Option<i64> {
        match self.days.trim() {
            "" => Some(super::super::DEFAULT_LINK_DAYS),
            s => s.parse::<i64>().ok().filter(|d| (1..=60).contains(d)),
        }
    }

    fn is_team(&self) -> bool {
        self.attendee_id.trim().is_empty()
    }

    /// The line (or, for a team, the institution) the link is for.
    fn target(&self) -> Option<i64> {
        let picked = if self.is_team() {
            &self.institution_id
        } else {
            &self.attendee_id
        };
        picked.trim().parse().ok()
    }
}

/// What the officer shares once: the URL, its WhatsApp message and QR code, and who it is for.
async fn shared_link(
    state: &AppState,
    m: &MeetingInfo,
    token: &str,
    team: bool,
    target: i64,
) -> AppResult<NewLink> {
    let url = format!("{}/k/{token}", state.config.public_url);
    let when = crate::web::fmt::datetime(m.starts_at, crate::regions::tz(&m.tz));
    let lines = db::lines(&state.pool, m.id).await?;
    let person = if team {
        lines
            .iter()
            .find(|a| a.institution_id == target)
            .map(|a| a.institution_name.clone())
    } else {
        lines
            .iter()
            .find(|a| a.id == target)
            .map(|a| format!("{} · {}", a.institution_name, a.person_name))
    }
    .unwrap_or_default();
    Ok(NewLink {
        whatsapp: super::super::whatsapp_url(&m.title, &when, &url),
        qr_data_uri: crate::kit::qr::data_uri(&url, "Kode QR tautan konfirmasi"),
        url,
        person,
    })
}

pub async fn create_link(
    Act(state, ctx, user, meta): Act,
    Id(id): Id,
    Form(f): Form<LinkForm>,
) -> AppResult<Response> {
    let m = managed_meeting(&state, &user, id).await?;
    let Some(days) = f.days() else {
        return refused(&state, ctx, &user, m, "Masa berlaku 1 sampai 60 hari.").await;
    };
    let (team, target) = (f.is_team(), f.target().ok_or(AppError::NotFound)?);
    let token = crate::web::random_token(32);
    let hash = token_hash(&token);
    let mut tx = state.pool.begin().await?;
    let link_id = db::create_link(&mut *tx, id, team, target, &hash, user.id, days)
        .await?
        .ok_or(AppError::NotFound)?;
    let what = if team { "institution" } else { "attendee" };
    let after = serde_json::json!({ "link": link_id, what: target, "days": days });
    let entry = Entry::by(
        &user,
        &meta,
        "confirmation_link.create",
        "meeting",
        Some(id),
    )
    .unit(Some(m.host_unit_id))
    .change(None, Some(after));
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    let new_link = shared_link(&state, &m, &token, team, target).await?;
    Ok(render(officer_view(&state, ctx, &user, m, Some(new_link), None).await?)?.into_response())
}

pub async fn revoke_link(
    State(state): State<AppState>,
    user: CurrentUser,
    meta: RequestMeta,
    Path((id, lid)): Path<(String, String)>,
) -> AppResult<Response> {
    let (Ok(id), Ok(lid)) = (id.parse::<i64>(), lid.parse::<i64>()) else {
        return Err(AppError::NotFound);
    };
    let m = managed_meeting(&state, &user, id).await?;
    let mut tx = state.pool.begin().await?;
    if !db::revoke(&mut *tx, id, lid).await? {
        return Err(AppError::NotFound);
    }
    let entry = Entry::by(
        &user,
        &meta,
        "confirmation_link.revoke",
        "meeting",
        Some(id),
    )
    .unit(Some(m.host_unit_id))
    .change(None, Some(serde_json::json!({ "link": lid })));
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    Ok(see_other(&format!("/pertemuan/{id}/konfirmasi")))
}

#[derive(Deserialize)]
pub struct ResponseForm {
    #[serde(default)]
    response: String,
}

/// The officer's written response to a sanggahan (URL `/pertemuan/{id}/sanggahan/{aid}`).
pub async fn respond_dispute(
    Act(state, ctx, user, meta): Act,
    Path((id, aid)): Path<(String, String)>,
    Form(f): Form<ResponseForm>,
) -> AppResult<Response> {
    let (Ok(id), Ok(aid)) = (id.parse::<i64>(), aid.parse::<i64>()) else {
        return Err(AppError::NotFound);
    };
    let m = managed_meeting(&state, &user, id).await?;
    let text = f.response.trim();
    if text.is_empty() || text.chars().count() > 2000 {
        let message = "Tanggapan wajib diisi, paling banyak 2000 karakter.";
        return refused(&state, ctx, &user, m, message).await;
    }
    let mut tx = state.pool.begin().await?;
    if !db::respond_dispute(&mut *tx, id, aid, text).await? {
        return Err(AppError::NotFound);
    }
    let after = serde_json::json!({ "attendee": aid, "response": text });
    let entry = Entry::by(&user, &meta, "dispute.respond", "meeting", Some(id))
        .unit(Some(m.host_unit_id))
        .change(None, Some(after));
    audit::record(&mut tx, entry).await?;
    tx.commit().await?;
    Ok(see_other(&format!("/pertemuan/{id}/konfirmasi")))
}
