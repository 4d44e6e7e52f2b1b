//! One commitment's page (timeline, what the reader may do) and the actions posted from it.

use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

use super::super::db::{self, Detail};
use super::super::domain::{self, Action};
use super::super::forms::{ActForm, ActInput};
use super::super::views;
use super::apply::{Actor, Refused, apply};
use crate::AppState;
use crate::auth::{Act, CurrentUser, Signed, policy};
use crate::error::{AppError, AppResult};
use crate::kit::audit::Entry;
use crate::web::{Ctx, Id, fmt, render, respond, see_other};

/// The parties of a commitment, as the policy needs them.
pub fn parties(c: &Detail) -> policy::CommitmentParties<'_> {
    policy::CommitmentParties {
        host_path: &c.unit_path,
        owner_institution_id: c.owner_institution_id,
        owner_police_path: c.owner_police_path.as_deref(),
        to_institution_id: c.to_institution_id,
    }
}

async fn show_page(
    state: &AppState,
    ctx: Ctx,
    user: &CurrentUser,
    c: Detail,
    error: Option<String>,
    body: String,
) -> AppResult<views::ShowPage> {
    let p = parties(&c);
    let days = domain::days_overdue(
        c.status,
        c.reckon_on,
        crate::regions::tz(&c.due_tz),
        chrono::Utc::now(),
    );
    let reset_before_verify = match db::verification(&state.pool, c.id).await? {
        Some(v) => crate::auth::onetime::admin_reset_within_day(&state.pool, v.user_id, v.at)
            .await?
            .map(|at| fmt::datetime(at, crate::regions::tz(&c.meeting_tz))),
        None => None,
    };
    Ok(views::ShowPage {
        ctx,
        reset_before_verify,
        notes: db::notes(&state.pool, c.id).await?,
        days_overdue: days,
        level: domain::escalation_level(days, state.config.escalate_days)
            .min((c.unit_path.len() as i64 - 2).max(0)),
        may_update: policy::may_update_commitment(user, &p),
        may_verify: policy::may_verify_commitment(user, &p),
        may_drop: policy::may_manage_commitments(user, &c.unit_path),
        error,
        body,
        c,
    })
}

pub async fn show(Signed(state, ctx, user): Signed, Id(id): Id) -> AppResult<Response> {
    let c = db::get(&state.pool, id, user.scope())
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(render(show_page(&state, ctx, &user, c, None, String::new()).await?)?.into_response())
}

async fn refused(
    state: &AppState,
    ctx: Ctx,
    user: &CurrentUser,
    id: i64,
    f: &ActForm,
    why: Refused,
) -> AppResult<Response> {
    let c = db::get(&state.pool, id, user.scope())
        .await?
        .ok_or(AppError::NotFound)?;
    let page = show_page(state, ctx, user, c, Some(why.message()), f.body.clone()).await?;
    respond(why.status(), page)
}

pub async fn act(
    Act(state, ctx, user, meta): Act,
    Id(id): Id,
    ActInput(f): ActInput,
) -> AppResult<Response> {
    let c = db::get(&state.pool, id, user.scope())
        .await?
        .ok_or(AppError::NotFound)?;
    let p = parties(&c);
    let Some(action) = Action::parse(&f.action) else {
        if !policy::may_act_on_commitment_somehow(&user, &p) {
            return Err(AppError::Forbidden);
        }
        let why = Refused::Invalid("Tindakan tidak dikenal.".into());
        return refused(&state, ctx, &user, id, &f, why).await;
    };
    if !policy::may_act_on_commitment(&user, &p, action.act()) {
        return Err(AppError::Forbidden);
    }
    let actor = Actor {
        author: format!("{} ({})", user.display_name, user.post()),
        user_id: Some(user.id),
        entry: Entry::by(&user, &meta, "commitment.update", "commitment", Some(id)),
    };
    match apply(&state, &c, action, &f, actor).await? {
        Ok(()) => Ok(see_other(&format!("/tindak-lanjut/{id}"))),
        Err(why) => refused(&state, ctx, &user, id, &f, why).await,
    }
}

pub async fn note_photo(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((id, note)): Path<(String, String)>,
) -> AppResult<Response> {
    let (Ok(id), Ok(note)) = (id.parse::<i64>(), note.parse::<i64>()) else {
        return Err(AppError::NotFound);
    };
    db::get(&state.pool, id, user.scope())
        .await?
        .ok_or(AppError::NotFound)?;
    let image = db::note_image(&state.pool, id, note)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("image/jpeg")),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, max-age=86400"),
            ),
        ],
        image,
    )
        .into_response())
}
