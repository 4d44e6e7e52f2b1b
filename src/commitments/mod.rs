//! Commitments (tindak lanjut): who promised what at a meeting, by when, and whether the other
//! side agrees it was done. Owners post progress; the counterpart verifies; overdue items climb
//! the chain (Polsek → Polres → Polda) until resolved.
//!
//! For the meeting page (`pages`): [`add_to_meeting`] (or its steps [`meeting_facts`],
//! [`check_new`], [`insert_new`]), [`owner_choices`], [`NewForm`], [`db::for_meeting`],
//! [`db::carry_over`] and [`due_text`].

pub mod db;
pub mod domain;
pub mod forms;
mod handlers;
mod views;

use axum::Router;
use axum::routing::{get, post};

pub use forms::{CheckedCommitment, NewForm, OwnerChoice};
pub use handlers::add::{
    MeetingFacts, add_to_meeting, check_new, insert_new, meeting_facts, owner_choices,
};
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
