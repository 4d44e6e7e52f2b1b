//! `/kalender` (make, show once, revoke a feed), the feed itself (`/kalender/<token>.ics`, no
//! login: the token is the key) and a meeting's "add to calendar" file.

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};

use super::db;
use super::domain;
use super::forms::NoticeQuery;
use super::ics;
use super::views::CalendarPage;
use crate::AppState;
use crate::auth::{Act, CurrentUser, Role, Signed};
use crate::error::{AppError, AppResult};
use crate::kit::audit::{self, Entry};
use crate::web::{Id, Query, RequestMeta, random_token, respond, see_other};
use axum::http::StatusCode;

fn notice(code: &str) -> Option<&'static str> {
    match code {
        "dicabut" => Some("Tautan kalender dicabut: aplikasi kalender tidak lagi menerimanya."),
        _ => None,
    }
}

pub async fn page(
    Signed(state, ctx, user): Signed,
    Query(q): Query<NoticeQuery>,
) -> AppResult<Response> {
    let page = CalendarPage {
        ctx,
        notice: notice(&q.ok),
        live: db::live_feed(&state.pool, user.id).await?,
        url: None,
    };
    respond(StatusCode::OK, page)
}

/// Makes a new feed (revoking the old one) and shows its address once.
pub async fn create(Act(state, ctx, user, meta): Act) -> AppResult<Response> {
    let token = random_token(32);
    let mut tx = state.pool.begin().await?;
    db::revoke(&mut *tx, user.id).await?;
    let id = db::create(&mut *tx, user.id, &domain::token_hash(&token)).await?;
    audit::record(
        &mut tx,
        Entry::by(
            &user,
            &meta,
            "calendar_feed.create",
            "calendar_feed",
            Some(id),
        ),
    )
    .await?;
    tx.commit().await?;
    let page = CalendarPage {
        ctx,
        notice: None,
        live: db::live_feed(&state.pool, user.id).await?,
        url: Some(format!(
            "{}/kalender/{token}.ics",
            state.config.public_url.trim_end_matches('/')
        )),
    };
    respond(StatusCode::OK, page)
}

pub async fn revoke(
    State(state): State<AppState>,
    user: CurrentUser,
    meta: RequestMeta,
) -> AppResult<Response> {
    let mut tx = state.pool.begin().await?;
    if db::revoke(&mut *tx, user.id).await? > 0 {
        audit::record(
            &mut tx,
            Entry::by(&user, &meta, "calendar_feed.revoke", "calendar_feed", None),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(see_other("/kalender?ok=dicabut"))
}

fn ics_response(body: String, attachment: Option<String>) -> Response {
    let mut resp = (
        [
            (
                header::CONTENT_TYPE,
                "text/calendar; charset=utf-8".to_string(),
            ),
            (header::CACHE_CONTROL, "private, max-age=300".to_string()),
        ],
        body,
    )
        .into_response();
    if let Some(name) = attachment
        && let Ok(v) = format!("attachment; filename=\"{name}\"").parse()
    {
        resp.headers_mut().insert(header::CONTENT_DISPOSITION, v);
    }
    resp
}

/// The person's feed: the meetings in their scope and the due dates they own or verify.
pub async fn feed(State(state): State<AppState>, Path(file): Path<String>) -> AppResult<Response> {
    let token = domain::token_of(&file).ok_or(AppError::NotFound)?;
    let owner = db::feed_owner(&state.pool, &domain::token_hash(token))
        .await?
        .ok_or(AppError::NotFound)?;
    let role = Role::parse(&owner.role).ok_or(AppError::NotFound)?;
    // the policy decides what this person sees, as for a signed-in request
    let person = CurrentUser {
        id: owner.user_id,
        username: owner.username,
        display_name: owner.display_name.clone(),
        position: String::new(),
        role,
        unit_id: owner.unit_id,
        unit_name: None,
        unit_level: None,
        unit_path: Vec::new(),
        institution_id: owner.institution_id,
        institution_name: None,
        must_change_password: false,
    };
    let base = state.config.public_url.trim_end_matches('/');
    let host = domain::uid_host(base);
    let mut events: Vec<ics::Event> = db::meetings(&state.lists, person.scope(), None)
        .await?
        .iter()
        .map(|m| domain::meeting_event(m, base, &host))
        .collect();
    events.extend(
        db::dues(&state.pool, owner.unit_id, owner.institution_id)
            .await?
            .iter()
            .map(|d| domain::due_event(d, base, &host)),
    );
    let name = format!("Sinergi · {}", owner.display_name);
    Ok(ics_response(ics::calendar(&name, &events), None))
}

/// One meeting as an `.ics` file to add to a calendar.
pub async fn meeting(
    State(state): State<AppState>,
    user: CurrentUser,
    Id(id): Id,
) -> AppResult<Response> {
    let m = db::meetings(&state.pool, user.scope(), Some(id))
        .await?
        .pop()
        .ok_or(AppError::NotFound)?;
    let base = state.config.public_url.trim_end_matches('/');
    let event = domain::meeting_event(&m, base, &domain::uid_host(base));
    Ok(ics_response(
        ics::calendar(&m.title, &[event]),
        Some(format!("pertemuan-{id}.ics")),
    ))
}
