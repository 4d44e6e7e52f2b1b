//! The meeting page: the meeting as `meetings` reads it, its follow-ups and the open ones carried
//! over from earlier meetings (`commitments`), the confirmation badge and sanggahan
//! (`confirmations`). What it reads is cached per meeting and reader's scope (`PageKey`), under
//! the meeting's own versions (`meetings::db::page_versions`), so a write elsewhere keeps it.

mod db;
pub mod forms;
mod view;

use std::sync::Arc;

use axum::extract::State;
use axum::response::Html;

pub use view::{Carried, MeetingPage, Owner};

use crate::AppState;
use crate::auth::{CurrentUser, Scope, policy};
use crate::cache::Stamp;
use crate::commitments::NewForm;
use crate::error::{AppError, AppResult};
use crate::kit::fields::FieldErrors;
use crate::meetings::{self, MeetingView};
use crate::web::{Ctx, Id, Query, render};

/// A meeting page's cache key: the same meeting reads differently in different scopes.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PageKey {
    meeting: i64,
    scope: Scope,
}

/// What a meeting page reads, whoever in the scope reads it.
pub struct PageData {
    v: MeetingView,
    history: Vec<meetings::db::HistoryRow>,
    /// Institutions a confirmation link was made for (asked to confirm).
    linked: Vec<i64>,
    commitments: Vec<crate::commitments::db::Row>,
    carry: Vec<Carried>,
    sanggahan: Vec<crate::confirmations::db::DisputeRow>,
}

async fn load_page(state: &AppState, user: &CurrentUser, id: i64) -> AppResult<PageData> {
    let p = db::page(&state.pool, id, user.scope(), state.config.escalate_days)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(PageData {
        v: MeetingView {
            m: p.m,
            types: p.types,
            topics: p.topics,
            attendees: p.attendees,
            photos: p.photos,
        },
        history: p.history,
        linked: p.linked,
        commitments: p.commitments,
        carry: p.carry,
        sanggahan: p.sanggahan,
    })
}

/// Why the meeting page is shown.
pub enum Shown {
    /// To read it: what it shows may come from the cache (`crate::cache`).
    Read(Stamp),
    /// Again after a rejected form on it (a new commitment, a photo), read afresh.
    Rejected(Box<Rejected>),
}

/// A form on the page that was refused, with the officer's input and its messages.
#[derive(Default)]
pub struct Rejected {
    pub c_form: NewForm,
    pub c_errors: FieldErrors,
    pub photo_error: Option<String>,
}

/// Institutions that may own a follow-up of the meeting.
async fn owners(state: &AppState, v: &MeetingView) -> AppResult<Vec<Owner>> {
    Ok(crate::commitments::owner_choices(&state.pool, v.m.id)
        .await?
        .into_iter()
        .map(|o| Owner {
            id: o.id,
            name: o.name,
        })
        .collect())
}

/// The meeting page with its follow-up section.
pub async fn show_page(
    state: &AppState,
    ctx: Ctx,
    user: &CurrentUser,
    id: i64,
    shown: Shown,
) -> AppResult<MeetingPage> {
    let (data, rejected) = match shown {
        Shown::Read(stamp) => {
            let key = PageKey {
                meeting: id,
                scope: user.scope(),
            };
            let load = load_page(state, user, id);
            let versions = async { Ok(meetings::db::page_versions(&state.pool, id).await?) };
            let data = state
                .meeting_pages
                .get_or_load_scoped(key, stamp, versions, load)
                .await?;
            (data, Rejected::default())
        }
        Shown::Rejected(r) => (Arc::new(load_page(state, user, id).await?), *r),
    };
    let can_edit = policy::may_write_meetings_of(user, &data.v.m.unit_path);
    let owners = if can_edit {
        owners(state, &data.v).await?
    } else {
        Vec::new()
    };
    Ok(MeetingPage {
        ctx,
        badge: crate::confirmations::badge(data.v.attendees.iter().map(|a| {
            crate::confirmations::BadgeLine {
                institution_id: a.institution_id,
                police: a.kind == "polri",
                answered: a.confirmation != "pending",
                asked: crate::confirmations::asked(
                    &a.kind,
                    a.asks_confirmation,
                    data.linked.contains(&a.institution_id),
                ),
            }
        })),
        history: data.history.clone(),
        can_edit,
        photo_error: rejected.photo_error,
        commitments: data.commitments.clone(),
        carry: data.carry.clone(),
        owners,
        c_form: rejected.c_form,
        c_errors: rejected.c_errors,
        sanggahan: data.sanggahan.clone(),
        saved: None,
        v: data.v.clone(),
    })
}

/// The meeting page's query: `tersimpan=3` right after the form saved it with 3 follow-ups.
#[derive(Default, serde::Deserialize)]
#[serde(default)]
pub struct ShowQuery {
    tersimpan: Option<String>,
}

pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    stamp: Stamp,
    Id(id): Id,
    Query(q): Query<ShowQuery>,
) -> AppResult<Html<String>> {
    let mut page = show_page(&state, ctx, &user, id, Shown::Read(stamp)).await?;
    page.saved = q
        .tersimpan
        .and_then(|n| n.trim().parse::<u32>().ok())
        .map(|n| match n {
            0 => page.ctx.t.m("Pertemuan tersimpan."),
            n => page
                .ctx
                .t
                .m(&format!("Pertemuan tersimpan dengan {n} tindak lanjut.")),
        });
    render(page)
}
