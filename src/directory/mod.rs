//! Direktori: province → regency → district, with the police units and institutions of each
//! place, a search over all their names, and a page per unit and per institution. Public
//! reference data only: no meeting or personal data is shown here.

mod db;
mod handlers;
mod views;

use axum::Router;
use axum::routing::get;

use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/direktori", get(handlers::index))
        .route("/direktori/cari", get(handlers::search))
        .route("/direktori/{code}", get(handlers::region))
        .route("/satuan/{id}", get(handlers::unit))
        .route("/lembaga/{id}", get(handlers::institution))
}

/// The codes of a region and all its ancestors, top first ("14.05.10" → ["14", "14.05", "14.05.10"]).
pub fn lineage(code: &str) -> Vec<String> {
    code.match_indices('.')
        .map(|(i, _)| code[..i].to_string())
        .chain([code.to_string()])
        .collect()
}
