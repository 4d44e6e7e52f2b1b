//! Kerawanan (vulnerability) as data and coverage weighted by it. Figures come from a CSV import
//! (`sinergi import-kerawanan`), the admin page (`/admin/kerawanan`, bound to the admin's
//! province) or the demo's labelled sample; `/dasbor/kerawanan` shows, for a commander's unit,
//! coverage per tier per child unit and the unmet kecamatan riskiest first.

mod db;
mod domain;
mod forms;
mod handlers;
mod import;
mod views;
mod weighting;

use axum::Router;
use axum::routing::get;

use crate::AppState;

pub use import::{Summary, import_file, import_text, load_sample};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/dasbor/kerawanan", get(handlers::coverage))
        .route(
            "/admin/kerawanan",
            get(handlers::admin_list).post(handlers::admin_save),
        )
        .route(
            "/admin/kerawanan/{id}",
            get(handlers::admin_edit).post(handlers::admin_update),
        )
}
