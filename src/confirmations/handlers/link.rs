//! The public page behind a link and the answers sent from it. A personal link answers for its
//! line; a team link for the line the member picks — and once a browser has answered a line
//! through a team link, only that browser (its claim cookie), the line's personal link or an
//! account may change it (`policy::team_link_may_answer`).

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::super::db::{self, Line, MeetingInfo, NewAnswer};
use super::super::views::{self, LinkCommitment};
use super::answer::{AnswerForm, Checked, check};
use crate::AppState;
use crate::auth::link::{Claim, LinkHolder};
use crate::auth::policy::{self, CommitmentParties};
use crate::error::{AppError, AppResult};
use crate::kit::states::{CommitmentStatus, ConfirmationState};
use crate::web::{ClientIp, Ctx, Form, RequestMeta, render, respond};

/// A live link with its meeting and the lines it answers for: its one line, or every line of
/// the team's institution.
struct Resolved {
    holder: LinkHolder,
    m: MeetingInfo,
    lines: Vec<Line>,
}

/// The link's meeting and attendee lines, if the token is well-formed, known, live.
async fn resolve(state: &AppState, token: &str) -> AppResult<Option<Resolved>> {
    let Some(holder) = LinkHolder::find(&state.pool, token).await? else {
        return Ok(None);
    };
    let scope = policy::link_scope(&holder);
    let Some(m) = db::meeting(&state.pool, holder.meeting_id, scope).await? else {
        return Ok(None);
    };
    let lines: Vec<Line> = db::lines(&state.pool, m.id)
        .await?
        .into_iter()
        .filter(|a| match holder.attendee_id {
            Some(id) => a.id == id,
            None => a.institution_id == holder.institution_id && !a.is_police(),
        })
        .collect();
    Ok((!lines.is_empty()).then_some(Resolved { holder, m, lines }))
}

/// The commitments the link's institution owns or verifies, with what it may do to each.
async fn commitments(state: &AppState, r: &Resolved) -> AppResult<Vec<LinkCommitment>> {
    let rows = db::link_commitments(&state.pool, r.m.id, r.holder.institution_id).await?;
    Ok(rows
        .into_iter()
        .map(|c| {
            let p = CommitmentParties {
                host_path: &c.unit_path,
                owner_institution_id: c.owner_institution_id,
                owner_police_path: c.owner_police_path.as_deref(),
                to_institution_id: c.to_institution_id,
            };
            LinkCommitment {
                can_progress: policy::link_owns_commitment(&r.holder, &p) && c.status.is_pending(),
                can_verify: policy::link_verifies_commitment(&r.holder, &p)
                    && c.status == CommitmentStatus::Done,
                id: c.id,
                what: c.what,
                owner: c.owner_name,
                when: crate::kit::followups::when_text(c.starts_on, c.due_on, c.due_h),
                status: c.status,
                version: c.version,
            }
        })
        .collect())
}

async fn link_view(
    state: &AppState,
    ctx: Ctx,
    token: String,
    r: Resolved,
    f: &AnswerForm,
    saved: bool,
    error: Option<String>,
) -> AppResult<views::LinkPage> {
    let commitments = commitments(state, &r).await?;
    let topics = db::topic_labels(&state.pool, r.m.id).await?;
    let team = r.holder.is_team();
    let mut lines = r.lines;
    let form_answer = if f.answer.trim().is_empty() {
        recorded_answer(&lines)
    } else {
        f.answer.clone()
    };
    Ok(views::LinkPage {
        ctx,
        token,
        closed: r.m.closed(),
        topics,
        commitments,
        saved,
        form_answer,
        form_comment: f.comment.clone(),
        form_line: f.attendee_id.trim().to_string(),
        error,
        institution_name: lines
            .first()
            .map(|a| a.institution_name.clone())
            .unwrap_or_default(),
        me: if team { None } else { lines.pop() },
        team: if team { lines } else { Vec::new() },
        m: r.m,
    })
}

/// The answer already recorded for the link's line, to show as chosen: a personal link's line,
/// or a team link's only line; empty when none was recorded.
fn recorded_answer(lines: &[Line]) -> String {
    match lines {
        [one] => match one.confirmation {
            ConfirmationState::Pending => String::new(),
            done => done.code().to_string(),
        },
        _ => String::new(),
    }
}

fn invalid(ctx: Ctx, status: StatusCode) -> AppResult<Response> {
    respond(status, views::InvalidLinkPage { ctx })
}

/// The link page again with `message`, answered with `status`; nothing was written.
async fn refused(
    state: &AppState,
    ctx: Ctx,
    token: String,
    r: Resolved,
    f: &AnswerForm,
    status: StatusCode,
    message: &str,
) -> AppResult<Response> {
    let page = link_view(state, ctx, token, r, f, false, Some(message.into())).await?;
    respond(status, page)
}

fn limited(state: &AppState, ip: std::net::IpAddr) -> bool {
    if state.link_limiter.is_limited(ip) {
        return true;
    }
    state.link_limiter.record(ip);
    false
}

pub async fn link_page(
    State(state): State<AppState>,
    ctx: Ctx,
    ClientIp(ip): ClientIp,
    Path(token): Path<String>,
) -> AppResult<Response> {
    if limited(&state, ip) {
        return Err(AppError::TooManyRequests);
    }
    match resolve(&state, &token).await? {
        None => invalid(ctx, StatusCode::NOT_FOUND),
        Some(r) => {
            let blank = AnswerForm::default();
            let page = link_view(&state, ctx, token, r, &blank, false, None).await?;
            respond(StatusCode::OK, page)
        }
    }
}

/// The line the answer is for: a personal link's own line, or the team member's pick.
fn picked_line(r: &Resolved, f: &AnswerForm) -> Option<Line> {
    match r.holder.attendee_id {
        Some(_) => r.lines.first().cloned(),
        None => {
            let id = f.attendee_id.trim().parse::<i64>().ok()?;
            r.lines.iter().find(|a| a.id == id).cloned()
        }
    }
}

/// Writes the answer for `me` with its audit entry; `Ok(false)` when a team link may not answer
/// the line (another browser, a personal link or an account answered it): nothing written.
async fn write(
    state: &AppState,
    r: &Resolved,
    me: &Line,
    c: &Checked,
    claim: &Claim,
    meta: &RequestMeta,
) -> AppResult<bool> {
    let mut tx = state.pool.begin().await?;
    let claim_hash = r.holder.is_team().then(|| claim.hash());
    if let Some(mine) = &claim_hash {
        let line = db::lock_line(&mut tx, r.m.id, me.id).await?;
        if !policy::team_link_may_answer(&line, mine) {
            return Ok(false);
        }
    }
    let a = NewAnswer {
        answer: c.answer,
        comment: &c.comment,
        corrected_name: &c.name,
        corrected_position: &c.position,
        via: "link",
        link_id: Some(r.holder.link_id),
        user_id: None,
        user_agent: &meta.user_agent,
        ip_hash: &meta.ip_hash,
        claim_hash: claim_hash.as_deref(),
    };
    if db::record(&mut tx, r.m.id, me.id, &a).await? {
        let before = serde_json::json!({ "attendee": me.id, "state": me.confirmation });
        let after = serde_json::json!({
            "attendee": me.id, "person": me.person_name, "answer": c.answer, "comment": c.comment
        });
        let entry = r
            .holder
            .entry(meta, "confirmation.answer", "meeting", Some(r.m.id))
            .unit(Some(r.m.host_unit_id))
            .change(Some(before), Some(after));
        crate::kit::audit::record(&mut tx, entry).await?;
    }
    tx.commit().await?;
    Ok(true)
}

pub async fn answer_with_link(
    State(state): State<AppState>,
    ctx: Ctx,
    ClientIp(ip): ClientIp,
    meta: RequestMeta,
    headers: HeaderMap,
    Path(token): Path<String>,
    Form(f): Form<AnswerForm>,
) -> AppResult<Response> {
    if limited(&state, ip) {
        return Err(AppError::TooManyRequests);
    }
    let Some(r) = resolve(&state, &token).await? else {
        return invalid(ctx, StatusCode::NOT_FOUND);
    };
    if r.m.closed() {
        let message = "Pertemuan ini sudah ditutup; jawaban tidak dapat diubah lagi.";
        return refused(&state, ctx, token, r, &f, StatusCode::CONFLICT, message).await;
    }
    let checked = match picked_line(&r, &f) {
        None => Err("Pilih nama Anda dalam daftar hadir lembaga ini."),
        Some(me) => check(&f).map(|c| (me, c)),
    };
    let (me, c) = match checked {
        Ok(v) => v,
        Err(msg) => {
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            return refused(&state, ctx, token, r, &f, status, msg).await;
        }
    };
    let claim = Claim::from_headers(&headers);
    let team = r.holder.is_team();
    if !write(&state, &r, &me, &c, &claim, &meta).await? {
        let message = "Jawaban untuk nama ini sudah dikirim dari perangkat lain. Hanya perangkat itu, tautan pribadi orang tersebut, atau akunnya yang dapat mengubahnya.";
        return refused(&state, ctx, token, r, &f, StatusCode::FORBIDDEN, message).await;
    }
    let r = resolve(&state, &token).await?.ok_or(AppError::NotFound)?;
    let page = link_view(&state, ctx, token, r, &AnswerForm::default(), true, None).await?;
    let mut resp = render(page)?.into_response();
    let secure = state.config.public_url.starts_with("https://");
    if let Some(cookie) = claim.set_cookie(secure).filter(|_| team) {
        resp.headers_mut().append(header::SET_COOKIE, cookie);
    }
    Ok(resp)
}
