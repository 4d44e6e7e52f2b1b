//! Commitments (tindak lanjut): who promised what at a meeting, by when, and whether the other
//! side agrees it was done. Owners post progress; the counterpart verifies; overdue items climb
//! the chain (Polsek → Polres → Polda) until resolved.

pub mod db;
pub mod domain;
mod handlers;
mod views;

use axum::Router;
use axum::routing::{get, post};

pub use domain::status_label;
pub use handlers::{NewForm, add_to_meeting, owner_choices};
pub use views::due_text;

use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/tindak-lanjut", get(handlers::list))
        .route("/tindak-lanjut.csv", get(handlers::csv))
        .route(
            "/tindak-lanjut/{id}",
            get(handlers::show).post(handlers::act),
        )
        .route("/tindak-lanjut/{id}/foto/{note}", get(handlers::note_photo))
        .route(
            "/k/{token}/tindak-lanjut/{cid}",
            post(handlers::act_with_link),
        )
}
