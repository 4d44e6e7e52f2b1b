//! Editing a meeting with optimistic concurrency: the form carries the version it was opened
//! at; a stale save (409) shows the newer values beside the officer's input.

use axum::http::StatusCode;
use axum::response::Response;

use super::db::{self, AttendeeRow, Saved};
use super::domain::{FieldErrors, NewMeeting};
use super::form_page::{LookupData, Shown, form_page, liaison_unit, respond};
use super::forms::MeetingForm;
use super::read::load_view;
use super::views::{Conflict, MeetingView};
use crate::AppState;
use crate::auth::{Act, CurrentUser, Signed, policy};
use crate::error::{AppError, AppResult};
use crate::kit::audit::{self, Entry};
use crate::kit::states::MeetingStatus;
use crate::web::{Ctx, Form, Id, RequestMeta, see_other};

/// The form filled from what is stored.
fn form_from(v: &MeetingView, types: Vec<String>, topics: Vec<String>) -> MeetingForm {
    let local = v.m.starts_at.with_timezone(&v.tz());
    let col = |f: fn(&AttendeeRow) -> String| v.attendees.iter().map(f).collect::<Vec<_>>();
    MeetingForm {
        host_unit_id: v.m.host_unit_id.to_string(),
        types,
        title: v.m.title.clone(),
        purpose: v.m.purpose.clone(),
        date: local.format("%Y-%m-%d").to_string(),
        time: local.format("%H:%M").to_string(),
        duration: v.m.duration_minutes.to_string(),
        venue_name: v.m.venue_name.clone(),
        venue_address: v.m.venue_address.clone(),
        district_code: v.m.district_code.clone(),
        latitude: v.m.latitude.map(|x| x.to_string()).unwrap_or_default(),
        longitude: v.m.longitude.map(|x| x.to_string()).unwrap_or_default(),
        election: v
            .m
            .election_id
            .map_or_else(|| "none".into(), |e| e.to_string()),
        topics,
        minutes: v.m.minutes.clone(),
        outcome: v.m.outcome.clone(),
        status: v.m.status.code().into(),
        cancel_reason: v.m.cancel_reason.clone(),
        version: v.m.version.to_string(),
        a_id: col(|a| a.id.to_string()),
        a_institution: col(|a| a.institution_id.to_string()),
        a_new_kind: col(|_| String::new()),
        a_new_name: col(|_| String::new()),
        a_name: col(|a| a.person_name.clone()),
        a_position: col(|a| a.position.clone()),
        a_rank: col(|a| a.rank.clone()),
        a_members: col(|a| a.members.to_string()),
        a_represents: col(|a| a.represents.clone()),
        a_phone: col(|a| a.phone.clone().unwrap_or_default()),
        a_attendance: col(|a| a.attendance.code().into()),
        a_confirm: col(|a| if a.asks_confirmation { "ya" } else { "tidak" }.into()),
        ..Default::default()
    }
}

/// The meeting, if `user` may edit it (else 404 when unseen, 403 when only readable).
pub async fn editable(
    state: &AppState,
    user: &CurrentUser,
    id: i64,
) -> AppResult<(i64, MeetingView)> {
    let unit = liaison_unit(user)?;
    let v = load_view(state, user, id).await?;
    if !policy::may_write_meetings_of(user, &v.m.unit_path) {
        return Err(AppError::Forbidden);
    }
    Ok((unit, v))
}

pub async fn edit_form(Signed(state, ctx, user): Signed, Id(id): Id) -> AppResult<Response> {
    let (unit, v) = editable(&state, &user, id).await?;
    let (types, topics) = db::meeting_codes(&state.pool, id).await?;
    let form = form_from(&v, types, topics);
    let page = form_page(&state, ctx, unit, form, Shown::editing(id)).await?;
    respond(StatusCode::OK, page)
}

pub async fn update(
    Act(state, ctx, user, meta): Act,
    Id(id): Id,
    Form(form): Form<MeetingForm>,
) -> AppResult<Response> {
    let (unit, v) = editable(&state, &user, id).await?;
    if form.action == "add_row" {
        let page = form_page(&state, ctx, unit, form, Shown::editing(id)).await?;
        return respond(StatusCode::OK, page);
    }
    let ids = v.attendees.iter().map(|a| a.id).collect();
    let lookups = LookupData::load(&state, unit, &form, ids).await?;
    let checked = match lookups.parse(&form) {
        Ok(m) => sanggahan_answered(&state, id, m).await?,
        Err(errors) => Err(errors),
    };
    let m = match checked {
        Ok(m) => m,
        Err(errors) => {
            let shown = Shown::editing(id).with_errors(errors);
            let page = form_page(&state, ctx, unit, form, shown).await?;
            return respond(StatusCode::UNPROCESSABLE_ENTITY, page);
        }
    };
    let version: i32 = form.version.trim().parse().unwrap_or(0);
    match save(&state, &user, &meta, &v, version, unit, &m).await? {
        Saved::Done => Ok(see_other(&format!("/pertemuan/{id}"))),
        Saved::Stale => stale(&state, ctx, &user, unit, id, form).await,
    }
}

/// A meeting may be reported only when every sanggahan has a written response.
async fn sanggahan_answered(
    state: &AppState,
    id: i64,
    m: NewMeeting,
) -> AppResult<Result<NewMeeting, FieldErrors>> {
    if m.status != MeetingStatus::Reported || db::open_sanggahan(&state.pool, id).await? == 0 {
        return Ok(Ok(m));
    }
    let mut errors = FieldErrors::default();
    errors.add(
        "status",
        "Masih ada sanggahan peserta yang belum ditanggapi secara tertulis. Tanggapi dulu di halaman konfirmasi.",
    );
    Ok(Err(errors))
}

/// Writes the update and its audit entry (phones masked) in one transaction.
async fn save(
    state: &AppState,
    user: &CurrentUser,
    meta: &RequestMeta,
    v: &MeetingView,
    version: i32,
    unit: i64,
    m: &NewMeeting,
) -> AppResult<Saved> {
    let mut tx = state.pool.begin().await?;
    if db::update(&mut tx, v.m.id, version, unit, m).await? == Saved::Stale {
        return Ok(Saved::Stale);
    }
    audit::record(
        &mut tx,
        Entry::by(user, meta, "meeting.update", "meeting", Some(v.m.id))
            .unit(Some(m.host_unit_id))
            .change(Some(v.for_audit()), m.for_audit()),
    )
    .await?;
    tx.commit().await?;
    Ok(Saved::Done)
}

/// The form again (409) with the newer values stored by someone else beside the officer's input.
async fn stale(
    state: &AppState,
    ctx: Ctx,
    user: &CurrentUser,
    unit: i64,
    id: i64,
    mut form: MeetingForm,
) -> AppResult<Response> {
    let current = db::meeting(&state.pool, id, user.scope())
        .await?
        .ok_or(AppError::NotFound)?;
    let last = db::history(&state.pool, id).await?.into_iter().next();
    let conflict = Conflict {
        by: last.as_ref().map(|h| h.actor.clone()).unwrap_or_default(),
        at: last
            .map(|h| crate::web::fmt::datetime(h.at, crate::regions::tz(&current.tz)))
            .unwrap_or_default(),
        current,
    };
    form.version = conflict.current.version.to_string();
    let mut errors = FieldErrors::default();
    errors.add("version", "Pertemuan ini sudah diubah orang lain sejak Anda membukanya. Isian Anda masih di bawah; bandingkan dengan data terbaru lalu simpan lagi.");
    let shown = Shown {
        errors,
        editing: Some(id),
        conflict: Some(conflict),
    };
    let page = form_page(state, ctx, unit, form, shown).await?;
    respond(StatusCode::CONFLICT, page)
}
