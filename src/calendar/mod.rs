//! Calendar feeds: a private, revocable address per person (`/kalender/<token>.ics`, the token
//! stored only as a hash like confirmation links) with the meetings in their scope and the due
//! dates of the commitments they own or verify, and a per-meeting "add to calendar" file —
//! both valid RFC 5545 (`ics`).

mod db;
mod domain;
mod forms;
mod handlers;
pub mod ics;
mod views;

use axum::Router;
use axum::routing::{get, post};

use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/kalender", get(handlers::page))
        .route("/kalender/baru", post(handlers::create))
        .route("/kalender/cabut", post(handlers::revoke))
        .route("/kalender/{file}", get(handlers::feed))
        .route("/pertemuan/{id}/kalender.ics", get(handlers::meeting))
}
