//! "Pertemuan saya": the meetings an official's institution was at, answered with an account.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use super::super::db::{self, NewAnswer};
use super::super::views;
use super::answer::{AnswerForm, check};
use crate::AppState;
use crate::auth::{Act, Signed, policy};
use crate::error::{AppError, AppResult};
use crate::kit::audit::{self, Entry};
use crate::web::{Ctx, Form, Id, render, respond, see_other};

/// "Pertemuan saya" with a message, answered with `status`.
async fn with_message(
    state: &AppState,
    ctx: Ctx,
    institution: i64,
    status: StatusCode,
    message: &str,
) -> AppResult<Response> {
    let rows = db::my_meetings(&state.pool, institution).await?;
    let page = views::MinePage {
        ctx,
        rows,
        message: Some(message.into()),
    };
    respond(status, page)
}

pub async fn my_meetings(Signed(state, ctx, user): Signed) -> AppResult<Response> {
    let inst = policy::answering_institution(&user).ok_or(AppError::Forbidden)?;
    let rows = db::my_meetings(&state.pool, inst).await?;
    Ok(render(views::MinePage {
        ctx,
        rows,
        message: None,
    })?
    .into_response())
}

pub async fn answer_with_account(
    Act(state, ctx, user, meta): Act,
    Id(id): Id,
    Form(f): Form<AnswerForm>,
) -> AppResult<Response> {
    let inst = policy::answering_institution(&user).ok_or(AppError::Forbidden)?;
    let m = db::meeting(&state.pool, id, user.scope())
        .await?
        .ok_or(AppError::NotFound)?;
    let aid = f
        .attendee_id
        .trim()
        .parse::<i64>()
        .map_err(|_| AppError::NotFound)?;
    let me = db::lines(&state.pool, id)
        .await?
        .into_iter()
        .find(|a| a.id == aid && a.institution_id == inst)
        .ok_or(AppError::NotFound)?;
    if m.closed() {
        let message = "Pertemuan ini sudah ditutup; jawaban tidak dapat diubah lagi.";
        return with_message(&state, ctx, inst, StatusCode::CONFLICT, message).await;
    }
    let c = match check(&f) {
        Ok(v) => v,
        Err(msg) => {
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            return with_message(&state, ctx, inst, status, msg).await;
        }
    };
    let mut tx = state.pool.begin().await?;
    let a = NewAnswer {
        answer: c.answer,
        comment: &c.comment,
        corrected_name: &c.name,
        corrected_position: &c.position,
        via: "account",
        link_id: None,
        user_id: Some(user.id),
        user_agent: &meta.user_agent,
        ip_hash: &meta.ip_hash,
        claim_hash: None,
    };
    if db::record(&mut tx, id, me.id, &a).await? {
        let before = serde_json::json!({ "attendee": me.id, "state": me.confirmation });
        let after =
            serde_json::json!({ "attendee": me.id, "answer": c.answer, "comment": c.comment });
        let entry = Entry::by(&user, &meta, "confirmation.answer", "meeting", Some(id))
            .unit(Some(m.host_unit_id))
            .change(Some(before), Some(after));
        audit::record(&mut tx, entry).await?;
    }
    tx.commit().await?;
    Ok(see_other("/saya"))
}
