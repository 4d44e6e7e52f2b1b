//! "Pengingat hari ini" (`/pengingat`), the one-tap send that records and then opens WhatsApp
//! (`/pengingat/{id}/kirim`), the commanders' digest (`/pengingat/ringkasan`) and the Polda
//! rules (`/admin/pengingat`).

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use serde_json::json;

use super::db::{self, Candidate, DigestRow};
use super::domain::{self, Facts, Recipient, Step};
use super::forms::{NoticeQuery, RuleForm, SendForm};
use super::views::{DigestPage, Item, RulesPage, Send, TodayPage};
use crate::AppState;
use crate::auth::{Act, CurrentUser, Role, Signed, policy};
use crate::error::{AppError, AppResult};
use crate::kit::audit::{self, Entry};
use crate::kit::fields::FieldErrors;
use crate::web::{Ctx, Form, Id, Query, RequestMeta, fmt, respond, see_other};

/// Police officers and commanders send reminders; admins manage rules; officials receive.
fn may_send(user: &CurrentUser) -> AppResult<()> {
    match user.role {
        Role::Liaison | Role::Commander => Ok(()),
        _ => Err(AppError::Forbidden),
    }
}

fn notice(code: &str) -> Option<&'static str> {
    Some(match code {
        "sudah" => "Pengingat ini sudah dikirim sebelumnya: tidak dikirim dua kali.",
        "lewat" => "Langkah pengingat ini tidak berlaku hari ini.",
        "aturan" => "Aturan pengingat disimpan.",
        _ => return None,
    })
}

/// The step a candidate is at today, if any.
fn step_of(c: &Candidate, grace: i64) -> Option<Step> {
    domain::step(c.days_left, c.rule(), grace)
}

pub async fn today(
    Signed(state, ctx, user): Signed,
    Query(q): Query<NoticeQuery>,
) -> AppResult<Response> {
    if user.role == Role::Official {
        return Err(AppError::Forbidden);
    }
    let grace = state.config.escalate_days;
    let candidates = db::candidates(&state.lists, user.scope(), grace, None).await?;
    let ids: Vec<i64> = candidates.iter().map(|c| c.id).collect();
    let sent = db::sent_for(&state.pool, &ids).await?;
    let mut items: Vec<Item> = candidates
        .into_iter()
        .filter_map(|c| {
            let step = step_of(&c, grace)?;
            let sends = Recipient::ALL
                .iter()
                .map(|&r| Send {
                    recipient: r,
                    name: match r {
                        Recipient::Owner => c.owner_name.clone(),
                        Recipient::Counterpart => c.counterpart().to_string(),
                    },
                    sent: sent
                        .iter()
                        .find(|s| {
                            s.commitment_id == c.id
                                && s.step == step.code()
                                && s.recipient == r.code()
                        })
                        .map(|s| (s.sent_by.clone().unwrap_or_else(|| "—".into()), s.sent_at)),
                })
                .collect();
            Some(Item { c, step, sends })
        })
        .collect();
    items.sort_by_key(|i| (i.done(), i.c.days_left, i.c.id));
    let page = TodayPage {
        ctx,
        notice: notice(&q.ok),
        items,
    };
    respond(StatusCode::OK, page)
}

pub async fn send(
    State(state): State<AppState>,
    user: CurrentUser,
    meta: RequestMeta,
    Id(id): Id,
    Form(form): Form<SendForm>,
) -> AppResult<Response> {
    may_send(&user)?;
    let grace = state.config.escalate_days;
    let c = db::candidates(&state.pool, user.scope(), grace, Some(id))
        .await?
        .pop()
        .ok_or(AppError::NotFound)?;
    let Some((step, to)) = form.parse() else {
        return Err(AppError::BadRequest("Pengingat tidak dikenal.".into()));
    };
    if step_of(&c, grace) != Some(step) {
        return Ok(see_other("/pengingat?ok=lewat"));
    }
    let mut tx = state.pool.begin().await?;
    let Some(sent) = db::record(&mut *tx, c.id, step, to, c.due_on, user.id).await? else {
        return Ok(see_other("/pengingat?ok=sudah"));
    };
    audit::record(
        &mut tx,
        Entry::by(&user, &meta, "reminder.send", "commitment", Some(c.id)).change(
            None,
            Some(json!({ "reminder": sent, "step": step.code(), "to": to.code(), "due_on": c.due_on })),
        ),
    )
    .await?;
    tx.commit().await?;
    let link = format!(
        "{}/tindak-lanjut/{}",
        state.config.public_url.trim_end_matches('/'),
        c.id
    );
    let text = domain::message(
        step,
        to,
        &Facts {
            what: &c.what,
            owner: &c.owner_name,
            counterpart: c.counterpart(),
            due: fmt::date(c.due_on),
            days_left: c.days_left,
            link: &link,
        },
    );
    Ok(Redirect::to(&domain::wa_link(&text)).into_response())
}

pub async fn digest(Signed(state, ctx, user): Signed) -> AppResult<Response> {
    if user.role == Role::Official {
        return Err(AppError::Forbidden);
    }
    let e = state.config.escalate_days.max(1);
    let scope = user.scope();
    let rows = db::digest(&state.lists, scope, e).await?;
    let escalated_to_me = |r: &DigestRow| {
        let level = (r.days_late - 1) / e;
        let len = r.unit_path.len() as i64;
        level >= 1
            && level <= len - 2
            && (scope.national
                || r.unit_path.get((len - 1 - level) as usize).copied() == user.unit_id)
    };
    let (mut due_today, mut newly_overdue, mut escalated) = (Vec::new(), Vec::new(), Vec::new());
    for r in rows {
        match r.days_late {
            0 => due_today.push(r),
            1 => newly_overdue.push(r),
            _ if escalated_to_me(&r) => escalated.push(r),
            _ => {}
        }
    }
    let page = DigestPage {
        ctx,
        today: domain::today_in("Asia/Jakarta", Utc::now()),
        due_today,
        newly_overdue,
        escalated,
    };
    respond(StatusCode::OK, page)
}

// ---- admin: the Polda rules ----

async fn rules_page(
    state: &AppState,
    ctx: Ctx,
    me: &CurrentUser,
    form: RuleForm,
    errors: FieldErrors,
    notice: Option<&'static str>,
) -> AppResult<RulesPage> {
    Ok(RulesPage {
        ctx,
        notice,
        rules: db::polda_rules(&state.pool, me.scope(), None).await?,
        form,
        errors,
    })
}

pub async fn rules(
    Signed(state, ctx, me): Signed,
    Query(q): Query<NoticeQuery>,
) -> AppResult<Response> {
    if !policy::is_admin(&me) {
        return Err(AppError::Forbidden);
    }
    let form = RuleForm {
        days_before: "3".into(),
        days_after: "1".into(),
        ..RuleForm::default()
    };
    let page = rules_page(
        &state,
        ctx,
        &me,
        form,
        FieldErrors::default(),
        notice(&q.ok),
    )
    .await?;
    respond(StatusCode::OK, page)
}

pub async fn save_rule(
    Act(state, ctx, me, meta): Act,
    Form(form): Form<RuleForm>,
) -> AppResult<Response> {
    if !policy::is_admin(&me) {
        return Err(AppError::Forbidden);
    }
    let parsed = form.parse();
    let mut errors = parsed.as_ref().err().cloned().unwrap_or_default();
    let before = match &parsed {
        Ok((polda, _)) => db::polda_rules(&state.pool, me.scope(), Some(*polda))
            .await?
            .pop(),
        Err(_) => None,
    };
    if parsed.is_ok() && before.is_none() {
        errors.add("polda", "Polda tidak ditemukan di wilayah Anda.");
    }
    let (Ok((polda, rule)), Some(before)) = (parsed, before) else {
        let page = rules_page(&state, ctx, &me, form, errors, None).await?;
        return respond(StatusCode::UNPROCESSABLE_ENTITY, page);
    };
    let mut tx = state.pool.begin().await?;
    db::save_rule(&mut *tx, polda, rule, me.id).await?;
    audit::record(
        &mut tx,
        Entry::by(&me, &meta, "reminder_rule.save", "police_unit", Some(polda)).change(
            Some(json!({ "days_before": before.days_before, "days_after": before.days_after })),
            Some(json!({ "days_before": rule.before, "days_after": rule.after })),
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(see_other("/admin/pengingat?ok=aturan"))
}
