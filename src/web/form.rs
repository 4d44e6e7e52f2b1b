//! `Form` and `Query` that answer bad input with a page, never axum's plain-text rejection.

use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

use crate::error::AppError;

/// An urlencoded form body (repeated keys allowed: `topic=1&topic=2`).
pub struct Form<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Form<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum_extra::extract::Form::<T>::from_request(req, state).await {
            Ok(axum_extra::extract::Form(v)) => Ok(Form(v)),
            Err(e) => {
                tracing::info!(error = %e, "form rejected");
                Err(AppError::BadRequest("Isian formulir tidak dapat dibaca. Muat ulang halaman lalu coba lagi.".into()))
            }
        }
    }
}

/// A query string; unknown or malformed parameters give a clear 400 page.
pub struct Query<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for Query<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match axum_extra::extract::Query::<T>::from_request_parts(parts, state).await {
            Ok(axum_extra::extract::Query(v)) => Ok(Query(v)),
            Err(e) => {
                tracing::info!(error = %e, "query rejected");
                Err(AppError::BadRequest("Parameter alamat tidak valid.".into()))
            }
        }
    }
}

/// A numeric id in the path; anything else is a 404.
pub struct Id(pub i64);

impl<S: Send + Sync> FromRequestParts<S> for Id {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match axum::extract::Path::<i64>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(id)) if id > 0 => Ok(Id(id)),
            _ => Err(AppError::NotFound),
        }
    }
}
