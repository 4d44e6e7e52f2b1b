//! Administration: accounts (`/admin/pengguna`), police units (`/admin/satuan`) and
//! institutions (`/admin/lembaga`). A national admin (no unit) manages everything; a Polda admin
//! only their Polda's subtree and the institutions of its province. "Is this in the admin's
//! area?" is always a bound parameter in SQL (`db`), so a forged id finds nothing; every write
//! lands in one transaction together with its audit entry.

mod db;
mod domain;
mod forms;
mod handlers;
mod views;

use axum::Router;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::routing::{get, post};

use crate::AppState;
use crate::auth::{CurrentUser, policy};
use crate::error::AppError;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin", get(handlers::home))
        .route("/admin/pengguna", get(handlers::users))
        .route(
            "/admin/pengguna/baru",
            get(handlers::new_user_form).post(handlers::create_user),
        )
        .route("/admin/pengguna/{id}", get(handlers::user))
        .route(
            "/admin/pengguna/{id}/penempatan",
            post(handlers::change_placement),
        )
        .route(
            "/admin/pengguna/{id}/profil",
            post(handlers::update_profile),
        )
        .route("/admin/pengguna/{id}/sandi", post(handlers::reset_password))
        .route("/admin/pengguna/{id}/status", post(handlers::set_status))
        .route("/admin/satuan", get(handlers::units))
        .route(
            "/admin/satuan/baru",
            get(handlers::new_unit_form).post(handlers::create_unit),
        )
        .route(
            "/admin/satuan/{id}",
            get(handlers::unit).post(handlers::update_unit),
        )
        .route("/admin/satuan/{id}/wilayah", post(handlers::add_region))
        .route(
            "/admin/satuan/{id}/wilayah/hapus",
            post(handlers::remove_region),
        )
        .route(
            "/admin/lembaga",
            get(handlers::institutions).post(handlers::create_institution),
        )
}

/// The signed-in admin. A visitor is sent to the login page; anyone else gets 403 before the
/// request body is read.
pub struct Admin(pub CurrentUser);

impl FromRequestParts<AppState> for Admin {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let user = CurrentUser::from_request_parts(parts, state).await?;
        if policy::is_admin(&user) {
            Ok(Admin(user))
        } else {
            Err(AppError::Forbidden)
        }
    }
}
