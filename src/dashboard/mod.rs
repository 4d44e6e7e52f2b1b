//! The commander dashboard (`/dasbor`): for the signed-in person's unit (or one below it) and an
//! election, how much coordination happened per child unit and type, which kecamatan were not
//! met, who went quiet, which promises are late, how much attendance the other side confirmed,
//! and what was talked about. Every number links to the list behind it; every table exports as
//! CSV.
//!
//! Figures come from summary tables kept current by the writes (migration 20261125000005). A
//! computed dashboard is kept in memory for up to a minute and reused while the summaries'
//! version has not moved, so a page shows "data per pukul …" with the time it was computed.

mod ask;
mod csv;
mod data;
pub mod db;
mod handlers;
pub mod period;
mod views;

use axum::Router;
use axum::routing::get;

use crate::AppState;
pub use data::{DashData, Key, Row, Week, coverage_scope, load};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/dasbor", get(handlers::dashboard))
        .route("/dasbor.csv", get(handlers::dashboard_csv))
        .route("/dasbor/kecamatan", get(handlers::districts))
        .route("/dasbor/kecamatan.csv", get(handlers::districts_csv))
        .route("/dasbor/tindak-lanjut", get(handlers::follow_ups))
        .route("/dasbor/tindak-lanjut.csv", get(handlers::follow_ups_csv))
        .route("/dasbor/sanggahan", get(handlers::disputes))
        .route("/dasbor/sanggahan.csv", get(handlers::disputes_csv))
        // the list's earlier name: bookmarks keep working
        .route(
            "/dasbor/sengketa",
            get(handlers::renamed("/dasbor/sanggahan")),
        )
        .route(
            "/dasbor/sengketa.csv",
            get(handlers::renamed("/dasbor/sanggahan.csv")),
        )
}

/// Scopes with at most this many kecamatan list them all on the dashboard; larger ones list
/// the gaps.
pub const ALL_DISTRICTS_UP_TO: i64 = 60;
/// Gaps listed on the dashboard of a larger scope.
pub const GAPS_LISTED: i64 = 30;
/// Rows at most on a list page behind a number; its CSV has them all.
pub const PAGE_ROWS: i64 = 1000;
/// Oldest overdue commitments listed.
pub const OVERDUE_LISTED: i64 = 10;
