//! Logging a new meeting, sent once: the form carries a random key from the moment it is
//! opened (or a draft is made offline). The same key again answers with the meeting already made
//! (303, also when the first answer was lost), the same key with a different payload is refused
//! (409), and a rejected form (422) stores nothing under its key, so the corrected form goes in.
//! Browsers, `Accept: application/json` and the offline client (`X-Sinergi-Draft: 1`) get the
//! same answers: the client reads the status and `Location`.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use super::db;
use super::domain::{NewFollowUp, NewMeeting};
use super::form_page::{LookupData, Shown, form_page, liaison_unit, respond};
use super::forms::MeetingForm;
use super::views::DuplicatePage;
use crate::AppState;
use crate::auth::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::kit::audit::{self, Entry};
use crate::kit::{followups, write_behind};
use crate::web::{Ctx, Form, RequestMeta, render, see_other};

pub async fn new_form(
    State(state): State<AppState>,
    ctx: Ctx,
    user: CurrentUser,
) -> AppResult<Response> {
    let unit = liaison_unit(&user)?;
    let host_institution =
        sqlx::query_scalar!("select id from institution where police_unit_id = $1", unit)
            .fetch_optional(&state.pool)
            .await?;
    let form = MeetingForm {
        host_unit_id: unit.to_string(),
        idem: crate::web::random_token(16),
        status: "held".into(),
        duration: "120".into(),
        a_institution: host_institution
            .map(|i| vec![i.to_string(), String::new(), String::new()])
            .unwrap_or_default(),
        a_name: vec![user.display_name.clone(), String::new(), String::new()],
        a_position: vec![user.position.clone(), String::new(), String::new()],
        ..Default::default()
    };
    let page = form_page(&state, ctx, unit, form, Shown::new_meeting()).await?;
    respond(StatusCode::OK, page)
}

/// A form key as the form and the offline client make them: 16–64 hex digits.
fn valid_key(k: &str) -> bool {
    (16..=64).contains(&k.len()) && k.bytes().all(|b| b.is_ascii_hexdigit())
}

pub async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    meta: RequestMeta,
    Form(form): Form<MeetingForm>,
) -> AppResult<Response> {
    let unit = liaison_unit(&user)?;
    if form.action == "add_row" || form.action == "add_commitment" {
        let page = form_page(&state, ctx, unit, form, Shown::new_meeting()).await?;
        return respond(StatusCode::OK, page);
    }
    let key = form.idem.trim().to_string();
    if !valid_key(&key) {
        return Err(AppError::BadRequest(
            "Formulir tidak lengkap. Muat ulang halaman lalu coba lagi.".into(),
        ));
    }
    let hash = form.payload_hash();
    // The key's check and the form's lookups in the create's own transaction: its statements
    // reuse one plan each (kit::write_behind::begin).
    let mut tx = write_behind::begin(&state.pool).await?;
    if let Some(made) = db::by_idempotency_key(&mut *tx, &key).await? {
        return resent(ctx, &user, made, &hash);
    }
    let lookups = LookupData::load_on(&mut tx, &state.calendars, unit, &form, Vec::new()).await?;
    let m = match lookups.parse(&form) {
        Ok(m) => m,
        Err(errors) => {
            drop(tx);
            let shown = Shown::new_meeting().with_errors(errors);
            let page = form_page(&state, ctx, unit, form, shown).await?;
            return respond(StatusCode::UNPROCESSABLE_ENTITY, page);
        }
    };
    match insert(tx, &state, &user, &meta, &m, &key, &hash).await? {
        Some(id) => {
            tracing::info!(meeting.id = id, user.id = user.id, "meeting logged");
            // the page then says "Pertemuan tersimpan dengan 3 tindak lanjut."
            Ok(see_other(&match m.commitments.len() {
                0 => format!("/pertemuan/{id}"),
                n => format!("/pertemuan/{id}?tersimpan={n}"),
            }))
        }
        None => {
            // Another send of this key won the race: answer as for any resend.
            let made = db::by_idempotency_key(&state.pool, &key)
                .await?
                .ok_or(AppError::NotFound)?;
            resent(ctx, &user, made, &hash)
        }
    }
}

/// Inserts the meeting under its key with its audit entry in `tx`, written behind
/// (`kit::write_behind`: applied right after the commit); `None` when the key is taken.
async fn insert(
    mut tx: sqlx::Transaction<'static, sqlx::Postgres>,
    state: &AppState,
    user: &CurrentUser,
    meta: &RequestMeta,
    m: &NewMeeting,
    key: &str,
    hash: &str,
) -> AppResult<Option<i64>> {
    let id = match db::insert(&mut tx, m, Some(user.id), Some(key), Some(hash)).await {
        Ok(id) => id,
        Err(sqlx::Error::Database(d)) if d.constraint() == Some("meeting_idempotency_key_key") => {
            return Ok(None);
        }
        Err(e) => return Err(e.into()),
    };
    audit::record(
        &mut tx,
        Entry::by(user, meta, "meeting.create", "meeting", Some(id))
            .unit(Some(m.host_unit_id))
            .change(None, m.for_audit()),
    )
    .await?;
    for c in &m.commitments {
        insert_follow_up(&mut tx, user, meta, id, m.host_unit_id, c).await?;
    }
    // The commit and what follows it run to the end even when the client hangs up meanwhile.
    let (applier, pool) = (state.write_behind.clone(), state.pool.clone());
    tokio::spawn(async move {
        tx.commit().await?;
        applier.settle(&pool).await
    })
    .await
    .map_err(|e| AppError::Internal(anyhow::anyhow!("logging a meeting: {e}")))??;
    Ok(Some(id))
}

/// A follow-up typed into the form, with its audit entry, in the meeting's transaction.
async fn insert_follow_up(
    tx: &mut sqlx::PgConnection,
    user: &CurrentUser,
    meta: &RequestMeta,
    meeting: i64,
    host_unit_id: i64,
    c: &NewFollowUp,
) -> AppResult<()> {
    let row = followups::NewCommitment {
        meeting_id: meeting,
        what: &c.what,
        owner_institution_id: c.owner_institution_id,
        owner_person: "",
        to_institution_id: None,
        due_on: c.due_on,
        due_h: c.due_h,
        starts_on: c.starts_on,
        late: c.late,
        priority: crate::kit::states::Priority::Normal,
        created_by: Some(user.id),
        author: &user.display_name,
    };
    let cid = followups::insert(tx, &row).await?;
    let after = serde_json::json!({
        "meeting": meeting, "what": c.what, "owner": c.owner_institution_id, "due": c.due_on,
        "starts": c.starts_on, "late": format!("{:?}", c.late)
    });
    let entry = Entry::by(user, meta, "commitment.create", "commitment", Some(cid))
        .unit(Some(host_unit_id))
        .change(None, Some(after));
    audit::record(tx, entry).await?;
    Ok(())
}

/// The answer to a key already used: the meeting it made when this officer sent the same
/// payload (or one kept before payloads were), else 409 with a page that says why.
fn resent(ctx: Ctx, user: &CurrentUser, made: db::Keyed, hash: &str) -> AppResult<Response> {
    let own = made.created_by.is_none_or(|c| c == user.id);
    let same = made.payload_hash.as_deref().is_none_or(|h| h == hash);
    if own && same {
        return Ok(see_other(&format!("/pertemuan/{}", made.id)));
    }
    let page = DuplicatePage {
        ctx,
        meeting: own.then_some(made.id),
    };
    Ok((StatusCode::CONFLICT, render(page)?).into_response())
}
