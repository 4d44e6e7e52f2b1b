//! Screens that combine features, the layer above them: a page here may import any feature, no
//! feature imports a page. The meeting page (`/pertemuan/{id}`) shows a meeting (`meetings`) with
//! its follow-ups (`commitments`) and confirmations (`confirmations`), and takes the forms on it:
//! adding a follow-up and uploading a photo.

pub mod meeting;

pub use meeting::{PageData, PageKey};

use axum::Router;
use axum::routing::{get, post};

use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/pertemuan/{id}", get(meeting::show))
        .route(
            "/pertemuan/{id}/tindak-lanjut",
            post(meeting::forms::add_commitment),
        )
        .route("/pertemuan/{id}/foto", post(meeting::forms::upload_photo))
}
