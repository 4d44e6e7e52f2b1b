//! The forms on the meeting page: a new follow-up (kept by `commitments`) and a photo (kept by
//! `meetings`). Each goes back to its section of the page when kept, or shows the page again
//! with the input and the message next to the field (422).

use axum::extract::State;
use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use super::{Rejected, Shown, show_page};
use crate::AppState;
use crate::auth::CurrentUser;
use crate::commitments::NewForm;
use crate::error::AppResult;
use crate::web::{Ctx, Form, Id, RequestMeta, render, see_other};

/// The page again with a refused form (422).
async fn rejected(
    state: &AppState,
    ctx: Ctx,
    user: &CurrentUser,
    id: i64,
    r: Rejected,
) -> AppResult<Response> {
    let page = show_page(state, ctx, user, id, Shown::Rejected(Box::new(r))).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, render(page)?).into_response())
}

/// `POST /pertemuan/{id}/tindak-lanjut`: a follow-up promised at the meeting.
pub async fn add_commitment(
    State(state): State<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    meta: RequestMeta,
    Id(id): Id,
    Form(f): Form<NewForm>,
) -> AppResult<Response> {
    match crate::commitments::add_to_meeting(&state, &user, &meta, id, &f).await? {
        Ok(_) => Ok(see_other(&format!("/pertemuan/{id}#tindak-lanjut"))),
        Err(c_errors) => {
            let r = Rejected {
                c_form: f,
                c_errors,
                photo_error: None,
            };
            rejected(&state, ctx, &user, id, r).await
        }
    }
}

/// `POST /pertemuan/{id}/foto`: a photo of the meeting, by an officer who may edit it.
pub async fn upload_photo(
    State(state): State<AppState>,
    ctx: Ctx,
    user: CurrentUser,
    meta: RequestMeta,
    Id(id): Id,
    multipart: Result<Multipart, MultipartRejection>,
) -> AppResult<Response> {
    let (_, v) = crate::meetings::editable(&state, &user, id).await?;
    let host = v.m.host_unit_id;
    drop(v);
    match crate::meetings::photos::save(&state, &user, &meta, id, host, multipart).await? {
        Ok(()) => Ok(see_other(&format!("/pertemuan/{id}#dokumentasi"))),
        Err(e) => {
            let r = Rejected {
                photo_error: Some(e.to_string()),
                ..Rejected::default()
            };
            rejected(&state, ctx, &user, id, r).await
        }
    }
}
