//! Actions through a confirmation link: the owner institution posts progress, the counterpart
//! of a police-owned commitment verifies — without an account (`policy::link_may_act_on_commitment`).

use axum::extract::{Path, State};
use axum::response::Response;

use super::super::db;
use super::super::domain::Action;
use super::super::forms::ActForm;
use super::apply::{Actor, apply};
use super::show::parties;
use crate::AppState;
use crate::auth::link::LinkHolder;
use crate::auth::policy;
use crate::error::{AppError, AppResult};
use crate::web::{ClientIp, Form, RequestMeta, see_other};

pub async fn act_with_link(
    State(state): State<AppState>,
    meta: RequestMeta,
    ClientIp(ip): ClientIp,
    Path((token, cid)): Path<(String, String)>,
    Form(f): Form<ActForm>,
) -> AppResult<Response> {
    if state.link_limiter.is_limited(ip) {
        return Err(AppError::TooManyRequests);
    }
    state.link_limiter.record(ip);
    let Ok(cid) = cid.parse::<i64>() else {
        return Err(AppError::NotFound);
    };
    let holder = LinkHolder::find(&state.pool, &token)
        .await?
        .ok_or(AppError::NotFound)?;
    let c = db::get_for_link(&state.pool, cid, holder.meeting_id, holder.institution_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let allowed = Action::parse(&f.action)
        .filter(|a| policy::link_may_act_on_commitment(&holder, &parties(&c), a.act()));
    let Some(action) = allowed else {
        return Err(AppError::Forbidden);
    };
    let actor = Actor {
        author: holder.actor(),
        user_id: None,
        entry: holder.entry(&meta, "commitment.update", "commitment", Some(cid)),
    };
    match apply(&state, &c, action, &f, actor).await? {
        Ok(()) => Ok(see_other(&format!("/k/{token}"))),
        Err(why) => Err(why.into_error()),
    }
}
