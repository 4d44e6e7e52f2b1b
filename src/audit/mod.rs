//! The audit page: commanders and admins read their scope's entries, newest first. Entries are
//! written by `kit::audit` in each write's transaction; the table keeps them append-only.

mod handlers;

use axum::Router;
use axum::routing::get;

use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/audit", get(handlers::list))
}
