//! Meetings: a liaison officer logs a coordination meeting in full from a phone (who came from
//! which institution, what was raised, photos); anyone in scope finds, reads and prints it. The
//! meeting page itself, with its follow-ups and confirmations, is a screen of `crate::pages`.

mod create;
pub mod db;
pub mod domain;
mod edit;
mod filter;
mod form_page;
pub mod forms;
mod list;
pub mod photos;
mod printed;
mod read;
mod verify;
mod views;

pub use edit::editable;
pub use list::{FrameKey, ListData, ListKey};
pub use read::{load_view, view_on};
pub use views::MeetingView;

use axum::Router;
use axum::routing::get;

use crate::AppState;

/// The meetings feature's routes; the meeting page (`/pertemuan/{id}`) and the forms on it are
/// `crate::pages`'.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/pertemuan", get(list::list))
        .route("/pertemuan.csv", get(list::csv))
        .route(
            "/pertemuan/baru",
            get(create::new_form).post(create::create),
        )
        .route(
            "/pertemuan/{id}/ubah",
            get(edit::edit_form).post(edit::update),
        )
        .route("/pertemuan/{id}/laporan", get(read::report))
        .route("/pertemuan/{id}/foto/{pid}/{size}", get(photos::photo))
        .route("/verifikasi/{code}", get(verify::verify))
}
