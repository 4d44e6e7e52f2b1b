//! The meeting list and its CSV: one filter, read once per scope and filter (`ListKey`), a page
//! of rows with a keyset cursor, or every row of the filter as CSV.

use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use super::db::{self, ListFilter};
use super::filter;
use super::forms::ListQuery;
use super::views::ListPage;
use crate::AppState;
use crate::auth::{CurrentUser, Role, Scope, Structure};
use crate::cache::Stamp;
use crate::db::Read;
use crate::error::AppResult;
use crate::web::{Ctx, Query, render};

/// Rows per page of the list.
const PAGE: i64 = 50;
/// Rows at most in one CSV export.
const CSV_MAX: i64 = 50_000;

/// A list page's cache key: the filter as parsed, in the reader's scope.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ListKey {
    scope: Scope,
    filter: ListFilter,
}

/// What a list page reads: its rows (one more than a page, to know there is a next one) and
/// the filter's choices.
pub struct ListData {
    rows: Vec<db::ListRow>,
    units: Vec<db::UnitChoice>,
    types: Vec<db::Choice>,
    topics: Vec<db::Choice>,
    stages: Vec<db::StageChoice>,
}

/// Rows of a list with what the page shows beside them.
struct Labelled {
    rows: Vec<db::ListRow>,
    frame: Arc<db::Frame>,
}

/// A list's frame depends on the reader's scope and the unit filter only, and is kept under the
/// structure version (`auth::Structure`) in every mode: no meeting, answer or follow-up moves it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FrameKey {
    scope: Scope,
    unit: Option<i64>,
}

/// At most `limit` rows of the list, labelled with the type and topic choices: the frame (where
/// the list looks, the choices) as kept under the structure version or read on the primary, then
/// the rows where reads go.
async fn labelled_rows(
    state: &AppState,
    (read, structure): (&Read, Structure),
    scope: Scope,
    filter: &ListFilter,
    limit: i64,
) -> AppResult<Labelled> {
    let key = FrameKey {
        scope,
        unit: filter.unit,
    };
    let frame = state
        .list_frames
        .get_or_load(key, structure.0, db::frame(&state.pool, scope, filter.unit))
        .await?;
    let rows = match &frame.within {
        None => Vec::new(),
        Some(w) => {
            let labels = db::Labels {
                types: &frame.types,
                topics: &frame.topics,
            };
            db::list(&read.pool, w, filter, limit, labels).await?
        }
    };
    Ok(Labelled { rows, frame })
}

async fn load_list(
    state: &AppState,
    read: (&Read, Structure),
    scope: Scope,
    filter: &ListFilter,
) -> AppResult<ListData> {
    let l = labelled_rows(state, read, scope, filter, PAGE + 1).await?;
    Ok(ListData {
        rows: l.rows,
        units: l.frame.units.clone(),
        stages: l.frame.stages.clone(),
        types: l.frame.types.clone(),
        topics: l.frame.topics.clone(),
    })
}

/// The list page for `q`, with a message at each filter that could not be read.
async fn list_page(
    state: &AppState,
    ctx: Ctx,
    user: &CurrentUser,
    (stamp, read, structure): (Stamp, &Read, Structure),
    q: ListQuery,
) -> AppResult<ListPage> {
    let (filter, errors) = filter::parse(&q);
    let scope = user.scope();
    let key = ListKey {
        scope,
        filter: filter.clone(),
    };
    // Kept under the versions of the unit the list looks in: a write elsewhere keeps it.
    // Read where the rows are read, so the versions and the rows agree.
    let versions = async { Ok(db::list_versions(&read.pool, filter.unit.or(scope.unit)).await?) };
    let data = state
        .meeting_lists
        .get_or_load_scoped_if(
            read.cacheable,
            key,
            stamp,
            versions,
            load_list(state, (read, structure), scope, &filter),
        )
        .await?;
    let mut rows = data.rows.clone();
    let next = (rows.len() as i64 > PAGE).then(|| {
        rows.truncate(PAGE as usize);
        next_link(&q, rows.last())
    });
    Ok(ListPage {
        ctx,
        errors,
        rows,
        next,
        csv: format!("/pertemuan.csv?{}", q.to_query()),
        units: data.units.clone(),
        types: data.types.clone(),
        topics: data.topics.clone(),
        stages: data.stages.clone(),
        can_create: user.role == Role::Liaison,
        q,
    })
}

/// The next page: the same filters, after the last row shown.
fn next_link(q: &ListQuery, last: Option<&db::ListRow>) -> String {
    let (at, id) = last
        .map(|r| (r.starts_at.timestamp_micros(), r.id))
        .unwrap_or_default();
    let base = q.to_query();
    let sep = if base.is_empty() { "" } else { "&" };
    format!("/pertemuan?{base}{sep}before={at}_{id}")
}

pub async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    stamp: Stamp,
    read: Read,
    structure: Structure,
    Query(q): Query<ListQuery>,
) -> AppResult<Response> {
    let page = list_page(&state, ctx, &user, (stamp, &read, structure), q).await?;
    Ok(render(page)?.into_response())
}

/// Every meeting of the filter as CSV; a filter that cannot be read gets the list page with its
/// messages (422) instead of a file of something else.
pub async fn csv(
    State(state): State<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    stamp: Stamp,
    read: Read,
    structure: Structure,
    Query(mut q): Query<ListQuery>,
) -> AppResult<Response> {
    q.before.clear();
    let (filter, errors) = filter::parse(&q);
    if !errors.is_empty() {
        let page = list_page(&state, ctx, &user, (stamp, &read, structure), q).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(page)?).into_response());
    }
    let l = labelled_rows(&state, (&read, structure), user.scope(), &filter, CSV_MAX).await?;
    crate::kit::csv::download(
        "pertemuan.csv",
        &[
            "id",
            "tanggal",
            "jam",
            "zona",
            "satuan",
            "judul",
            "kecamatan",
            "jenis",
            "topik",
            "status",
            "lembaga_hadir",
        ],
        l.rows.iter().map(csv_row),
    )
}

fn csv_row(r: &db::ListRow) -> Vec<String> {
    let tz = crate::regions::tz(&r.tz);
    let local = r.starts_at.with_timezone(&tz);
    vec![
        r.id.to_string(),
        local.format("%Y-%m-%d").to_string(),
        local.format("%H:%M").to_string(),
        crate::web::fmt::zone_abbr(tz).to_string(),
        r.host_name.clone(),
        r.title.clone(),
        r.district_name.clone(),
        r.types.clone(),
        r.topics.clone(),
        r.status.label().to_string(),
        r.present.to_string(),
    ]
}
