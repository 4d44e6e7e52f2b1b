//! Meetings: a liaison officer logs a coordination meeting in full from a phone (who came from
//! which institution, what was raised, photos); anyone in scope finds, reads and prints it.

pub mod db;
pub mod domain;
pub mod forms;
mod handlers;
mod views;

pub use handlers::{ListData, ListKey, PageData, PageKey};

use axum::Router;
use axum::routing::{get, post};

use crate::AppState;
use crate::auth::CurrentUser;
use crate::error::AppResult;
use crate::web::Ctx;

/// The meeting page again, with a rejected "add a commitment" form and its messages (422).
pub async fn show_with_commitment_form(
    state: &AppState,
    ctx: Ctx,
    user: &CurrentUser,
    id: i64,
    form: crate::commitments::NewForm,
    errors: domain::FieldErrors,
) -> AppResult<axum::response::Response> {
    use axum::response::IntoResponse;
    let rejected = handlers::Shown::Rejected {
        c_form: form,
        c_errors: errors,
        photo_error: None,
    };
    let page = handlers::show_page(state, ctx, user, id, rejected).await?;
    Ok((
        axum::http::StatusCode::UNPROCESSABLE_ENTITY,
        crate::web::render(page)?,
    )
        .into_response())
}

/// The meeting page's "add a commitment" form (moves to `pages` with the meeting page).
async fn add_commitment(
    axum::extract::State(state): axum::extract::State<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    meta: crate::web::RequestMeta,
    crate::web::Id(id): crate::web::Id,
    crate::web::Form(f): crate::web::Form<crate::commitments::NewForm>,
) -> AppResult<axum::response::Response> {
    match crate::commitments::add_to_meeting(&state, &user, &meta, id, &f).await? {
        Ok(_) => Ok(crate::web::see_other(&format!(
            "/pertemuan/{id}#tindak-lanjut"
        ))),
        Err(e) => show_with_commitment_form(&state, ctx, &user, id, f, e).await,
    }
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/pertemuan", get(handlers::list))
        .route("/pertemuan.csv", get(handlers::csv))
        .route(
            "/pertemuan/baru",
            get(handlers::new_form).post(handlers::create),
        )
        .route("/pertemuan/{id}", get(handlers::show))
        .route(
            "/pertemuan/{id}/ubah",
            get(handlers::edit_form).post(handlers::update),
        )
        .route("/pertemuan/{id}/laporan", get(handlers::report))
        .route("/pertemuan/{id}/foto", post(handlers::upload_photo))
        .route("/pertemuan/{id}/tindak-lanjut", post(add_commitment))
        .route("/pertemuan/{id}/foto/{pid}/{size}", get(handlers::photo))
}
