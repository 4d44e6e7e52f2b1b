//! Confirmation handlers: the officer's page (links, states, disputes), the public link page,
//! and "Pertemuan saya" for officials with an account.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::db::{self, Answer};
use super::views::{self, NewLink};
use crate::AppState;
use crate::auth::{CurrentUser, Role, policy};
use crate::error::{AppError, AppResult};
use crate::kit::audit::{self, Entry};
use crate::meetings::db as mdb;
use crate::web::{ClientIp, Ctx, Form, Id, RequestMeta, render, see_other};

/// The meeting, if this police user may see it (officials use their own pages).
async fn police_meeting(
    state: &AppState,
    user: &CurrentUser,
    id: i64,
) -> AppResult<mdb::MeetingRow> {
    if user.role == Role::Official {
        return Err(AppError::Forbidden);
    }
    mdb::meeting(&state.pool, id, user.scope())
        .await?
        .ok_or(AppError::NotFound)
}

async fn officer_view(
    state: &AppState,
    ctx: Ctx,
    user: &CurrentUser,
    m: mdb::MeetingRow,
    new_link: Option<NewLink>,
    error: Option<String>,
) -> AppResult<views::OfficerPage> {
    let id = m.id;
    Ok(views::OfficerPage {
        ctx,
        can_manage: policy::may_write_meetings_of(user, &m.unit_path),
        attendees: mdb::attendees(&state.pool, id).await?,
        links: db::links(&state.pool, id).await?,
        disputes: db::disputes(&state.pool, id).await?,
        history: db::history(&state.pool, id).await?,
        new_link,
        error,
        m,
    })
}

pub async fn officer_page(
    State(state): State<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    Id(id): Id,
) -> AppResult<Response> {
    let m = police_meeting(&state, &user, id).await?;
    Ok(render(officer_view(&state, ctx, &user, m, None, None).await?)?.into_response())
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

pub fn token_hash(token: &str) -> String {
    crate::web::sha256_hex(&[token.as_bytes()])
}

pub async fn create_link(
    State(state): State<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    meta: RequestMeta,
    Id(id): Id,
    Form(f): Form<LinkForm>,
) -> AppResult<Response> {
    let m = police_meeting(&state, &user, id).await?;
    if !policy::may_write_meetings_of(&user, &m.unit_path) {
        return Err(AppError::Forbidden);
    }
    let days = match f.days.trim() {
        "" => super::DEFAULT_LINK_DAYS,
        s => match s.parse::<i64>() {
            Ok(d) if (1..=60).contains(&d) => d,
            _ => {
                let page = officer_view(
                    &state,
                    ctx,
                    &user,
                    m,
                    None,
                    Some("Masa berlaku 1 sampai 60 hari.".into()),
                )
                .await?;
                return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(page)?).into_response());
            }
        },
    };
    let team = f.attendee_id.trim().is_empty();
    let picked = if team {
        &f.institution_id
    } else {
        &f.attendee_id
    };
    let Ok(target) = picked.trim().parse::<i64>() else {
        return Err(AppError::NotFound);
    };
    let token = crate::web::random_token(32);
    let hash = token_hash(&token);
    let mut tx = state.pool.begin().await?;
    let link_id = if team {
        db::create_team_link(&mut *tx, id, target, &hash, user.id, days).await?
    } else {
        db::create_link(&mut *tx, id, target, &hash, user.id, days).await?
    }
    .ok_or(AppError::NotFound)?;
    let what = if team { "institution" } else { "attendee" };
    audit::record(
        &mut tx,
        Entry::by(
            &user,
            &meta,
            "confirmation_link.create",
            "meeting",
            Some(id),
        )
        .unit(Some(m.host_unit_id))
        .change(
            None,
            Some(serde_json::json!({ "link": link_id, what: target, "days": days })),
        ),
    )
    .await?;
    tx.commit().await?;
    let url = format!("{}/k/{token}", state.config.public_url);
    let when = crate::web::fmt::datetime(m.starts_at, crate::regions::tz(&m.tz));
    let attendees = mdb::attendees(&state.pool, id).await?;
    let person = if team {
        attendees
            .iter()
            .find(|a| a.institution_id == target)
            .map(|a| a.institution_name.clone())
    } else {
        attendees
            .iter()
            .find(|a| a.id == target)
            .map(|a| format!("{} · {}", a.institution_name, a.person_name))
    }
    .unwrap_or_default();
    let svg = super::qr::svg(&url).unwrap_or_default();
    let new_link = NewLink {
        whatsapp: super::whatsapp_url(&m.title, &when, &url),
        qr_data_uri: format!("data:image/svg+xml,{}", crate::web::url_encode(&svg)),
        url,
        person,
    };
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
    let m = police_meeting(&state, &user, id).await?;
    if !policy::may_write_meetings_of(&user, &m.unit_path) {
        return Err(AppError::Forbidden);
    }
    let mut tx = state.pool.begin().await?;
    if !db::revoke(&mut *tx, id, lid).await? {
        return Err(AppError::NotFound);
    }
    audit::record(
        &mut tx,
        Entry::by(
            &user,
            &meta,
            "confirmation_link.revoke",
            "meeting",
            Some(id),
        )
        .unit(Some(m.host_unit_id))
        .change(None, Some(serde_json::json!({ "link": lid }))),
    )
    .await?;
    tx.commit().await?;
    Ok(see_other(&format!("/pertemuan/{id}/konfirmasi")))
}

#[derive(Deserialize)]
pub struct ResponseForm {
    #[serde(default)]
    response: String,
}

pub async fn respond_dispute(
    State(state): State<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    meta: RequestMeta,
    Path((id, aid)): Path<(String, String)>,
    Form(f): Form<ResponseForm>,
) -> AppResult<Response> {
    let (Ok(id), Ok(aid)) = (id.parse::<i64>(), aid.parse::<i64>()) else {
        return Err(AppError::NotFound);
    };
    let m = police_meeting(&state, &user, id).await?;
    if !policy::may_write_meetings_of(&user, &m.unit_path) {
        return Err(AppError::Forbidden);
    }
    let text = f.response.trim();
    if text.is_empty() || text.chars().count() > 2000 {
        let page = officer_view(
            &state,
            ctx,
            &user,
            m,
            None,
            Some("Tanggapan wajib diisi, paling banyak 2000 karakter.".into()),
        )
        .await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(page)?).into_response());
    }
    let mut tx = state.pool.begin().await?;
    if !db::respond_dispute(&mut *tx, id, aid, text).await? {
        return Err(AppError::NotFound);
    }
    audit::record(
        &mut tx,
        Entry::by(&user, &meta, "dispute.respond", "meeting", Some(id))
            .unit(Some(m.host_unit_id))
            .change(
                None,
                Some(serde_json::json!({ "attendee": aid, "response": text })),
            ),
    )
    .await?;
    tx.commit().await?;
    Ok(see_other(&format!("/pertemuan/{id}/konfirmasi")))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct AnswerForm {
    answer: String,
    comment: String,
    name: String,
    position: String,
    attendee_id: String,
}

/// The answer's fields checked: (answer, comment, name, position) or a message.
fn check(f: &AnswerForm) -> Result<(&str, String, String, String), &'static str> {
    let answer = f.answer.trim();
    if !super::ANSWERS.iter().any(|(a, _)| *a == answer) {
        return Err("Pilih salah satu jawaban.");
    }
    let comment = f.comment.trim().to_string();
    if comment.chars().count() > 2000 {
        return Err("Catatan terlalu panjang: paling banyak 2000 karakter.");
    }
    if answer == "disputed" && comment.is_empty() {
        return Err("Tuliskan bagian mana yang tidak sesuai.");
    }
    let name = f.name.trim().to_string();
    let position = f.position.trim().to_string();
    if name.chars().count() > 120 || position.chars().count() > 160 {
        return Err("Nama paling banyak 120 karakter, jabatan 160 karakter.");
    }
    Ok((answer, comment, name, position))
}

fn invalid(ctx: Ctx, status: StatusCode) -> AppResult<Response> {
    Ok((status, render(views::InvalidLinkPage { ctx })?).into_response())
}

struct Resolved {
    target: db::LinkTarget,
    m: mdb::MeetingRow,
    /// The lines the link answers for: its one line, or every line of the team's institution.
    lines: Vec<mdb::AttendeeRow>,
}

/// The link's meeting and attendee lines, if the token is well-formed, known, live.
async fn resolve(state: &AppState, token: &str) -> AppResult<Option<Resolved>> {
    if !super::valid_token(token) {
        return Ok(None);
    }
    let Some(target) = db::link_by_hash(&state.pool, &token_hash(token)).await? else {
        return Ok(None);
    };
    if target.revoked || target.expires_at < chrono::Utc::now() {
        return Ok(None);
    }
    let everything = crate::auth::Scope {
        national: true,
        unit: None,
        institution: None,
    };
    let Some(m) = mdb::meeting(&state.pool, target.meeting_id, everything).await? else {
        return Ok(None);
    };
    let lines: Vec<mdb::AttendeeRow> = mdb::attendees(&state.pool, m.id)
        .await?
        .into_iter()
        .filter(|a| match target.attendee_id {
            Some(id) => a.id == id,
            None => a.institution_id == target.institution_id && a.kind != "polri",
        })
        .collect();
    Ok((!lines.is_empty()).then_some(Resolved { target, m, lines }))
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
    // The line's institution as it stands now (a personal link), or the team's.
    let institution = r
        .lines
        .first()
        .map(|a| a.institution_id)
        .unwrap_or(r.target.institution_id);
    let (_, topic_codes) = mdb::meeting_codes(&state.pool, r.m.id).await?;
    let topics = mdb::topics(&state.pool)
        .await?
        .into_iter()
        .filter(|t| topic_codes.contains(&t.code))
        .map(|t| t.label)
        .collect();
    let commitments = sqlx::query!(
        r#"select c.id, c.what, c.due_on, c.status, c.version, c.owner_institution_id = $2 as "owner!",
                  (oi.police_unit_id is not null and c.to_institution_id = $2) as "counterpart!"
           from commitment c join institution oi on oi.id = c.owner_institution_id
           where c.meeting_id = $1 and (c.owner_institution_id = $2 or c.to_institution_id = $2) order by c.due_on"#,
        r.m.id,
        institution
    )
    .fetch_all(&state.pool)
    .await?
    .into_iter()
    .map(|c| views::LinkCommitment {
        id: c.id,
        what: c.what,
        due_on: c.due_on,
        status_label: crate::commitments::status_label(&c.status).to_string(),
        can_progress: c.owner && matches!(c.status.as_str(), "open" | "in_progress"),
        can_verify: c.counterpart && c.status == "done",
        version: c.version,
    })
    .collect();
    let team = r.target.attendee_id.is_none();
    let mut lines = r.lines;
    Ok(views::LinkPage {
        ctx,
        token,
        closed: matches!(r.m.status.code(), "reported" | "cancelled"),
        topics,
        commitments,
        saved,
        form_answer: f.answer.clone(),
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
        Some(r) => Ok(render(
            link_view(&state, ctx, token, r, &AnswerForm::default(), false, None).await?,
        )?
        .into_response()),
    }
}

pub async fn answer_with_link(
    State(state): State<AppState>,
    ctx: Ctx,
    ClientIp(ip): ClientIp,
    meta: RequestMeta,
    Path(token): Path<String>,
    Form(f): Form<AnswerForm>,
) -> AppResult<Response> {
    if limited(&state, ip) {
        return Err(AppError::TooManyRequests);
    }
    let Some(r) = resolve(&state, &token).await? else {
        return invalid(ctx, StatusCode::NOT_FOUND);
    };
    if matches!(r.m.status.code(), "reported" | "cancelled") {
        let page = link_view(
            &state,
            ctx,
            token,
            r,
            &f,
            false,
            Some("Pertemuan ini sudah ditutup; jawaban tidak dapat diubah lagi.".into()),
        )
        .await?;
        return Ok((StatusCode::CONFLICT, render(page)?).into_response());
    }
    // A personal link answers for its line; a team link for the line the member picked.
    let me = match r.target.attendee_id {
        Some(_) => r.lines.first().cloned(),
        None => f
            .attendee_id
            .trim()
            .parse::<i64>()
            .ok()
            .and_then(|id| r.lines.iter().find(|a| a.id == id).cloned()),
    };
    let checked = match me {
        None => Err("Pilih nama Anda dalam daftar hadir lembaga ini."),
        Some(me) => check(&f).map(|v| (me, v)),
    };
    let (me, (answer, comment, name, position)) = match checked {
        Ok(v) => v,
        Err(msg) => {
            let page = link_view(&state, ctx, token, r, &f, false, Some(msg.into())).await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(page)?).into_response());
        }
    };
    let mut tx = state.pool.begin().await?;
    let a = Answer {
        answer,
        comment: &comment,
        corrected_name: &name,
        corrected_position: &position,
        via: "link",
        link_id: Some(r.target.link_id),
        user_id: None,
        user_agent: &meta.user_agent,
        ip_hash: &meta.ip_hash,
    };
    if db::record(&mut tx, r.m.id, me.id, &a).await? {
        let actor = format!(
            "tautan konfirmasi: {}",
            if me.person_name.is_empty() {
                &me.institution_name
            } else {
                &me.person_name
            }
        );
        let mut e = Entry::system("confirmation.answer", "meeting", Some(r.m.id))
            .unit(Some(r.m.host_unit_id))
            .change(
                Some(serde_json::json!({ "attendee": me.id, "state": me.confirmation })),
                Some(
                    serde_json::json!({ "attendee": me.id, "answer": answer, "comment": comment }),
                ),
            );
        e.actor = actor.chars().take(160).collect();
        e.role = "official".into();
        e.request_id = meta.request_id.clone();
        e.ip_hash = meta.ip_hash.clone();
        audit::record(&mut tx, e).await?;
    }
    tx.commit().await?;
    crate::ops::metrics::answered("link", answer);
    let r = resolve(&state, &token).await?.ok_or(AppError::NotFound)?;
    Ok(
        render(link_view(&state, ctx, token, r, &AnswerForm::default(), true, None).await?)?
            .into_response(),
    )
}

pub async fn my_meetings(
    State(state): State<AppState>,
    ctx: Ctx,
    user: CurrentUser,
) -> AppResult<Response> {
    let Some(inst) = user.institution_id.filter(|_| user.role == Role::Official) else {
        return Err(AppError::Forbidden);
    };
    let rows = db::my_meetings(&state.pool, inst).await?;
    Ok(render(views::MinePage {
        ctx,
        rows,
        message: None,
    })?
    .into_response())
}

pub async fn answer_with_account(
    State(state): State<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    meta: RequestMeta,
    Id(id): Id,
    Form(f): Form<AnswerForm>,
) -> AppResult<Response> {
    let Some(inst) = user.institution_id.filter(|_| user.role == Role::Official) else {
        return Err(AppError::Forbidden);
    };
    let m = mdb::meeting(&state.pool, id, user.scope())
        .await?
        .ok_or(AppError::NotFound)?;
    let Ok(aid) = f.attendee_id.trim().parse::<i64>() else {
        return Err(AppError::NotFound);
    };
    let mine = mdb::attendees(&state.pool, id)
        .await?
        .into_iter()
        .find(|a| a.id == aid && a.institution_id == inst);
    let Some(me) = mine else {
        return Err(AppError::NotFound);
    };
    if matches!(m.status.code(), "reported" | "cancelled") {
        let rows = db::my_meetings(&state.pool, inst).await?;
        let message =
            Some("Pertemuan ini sudah ditutup; jawaban tidak dapat diubah lagi.".to_string());
        return Ok((
            StatusCode::CONFLICT,
            render(views::MinePage { ctx, rows, message })?,
        )
            .into_response());
    }
    let (answer, comment, name, position) = match check(&f) {
        Ok(v) => v,
        Err(msg) => {
            let rows = db::my_meetings(&state.pool, inst).await?;
            let page = views::MinePage {
                ctx,
                rows,
                message: Some(msg.into()),
            };
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(page)?).into_response());
        }
    };
    let mut tx = state.pool.begin().await?;
    let a = Answer {
        answer,
        comment: &comment,
        corrected_name: &name,
        corrected_position: &position,
        via: "account",
        link_id: None,
        user_id: Some(user.id),
        user_agent: &meta.user_agent,
        ip_hash: &meta.ip_hash,
    };
    if db::record(&mut tx, id, me.id, &a).await? {
        audit::record(
            &mut tx,
            Entry::by(&user, &meta, "confirmation.answer", "meeting", Some(id)).unit(Some(m.host_unit_id)).change(
                Some(serde_json::json!({ "attendee": me.id, "state": me.confirmation })),
                Some(serde_json::json!({ "attendee": me.id, "answer": answer, "comment": comment })),
            ),
        )
        .await?;
    }
    tx.commit().await?;
    crate::ops::metrics::answered("account", answer);
    Ok(see_other("/saya"))
}
