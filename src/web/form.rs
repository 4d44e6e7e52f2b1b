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
        // PostgreSQL text cannot hold NUL: drop it here rather than fail at the query.
        let (parts, body) = req.into_parts();
        let bytes = axum::body::to_bytes(body, super::middleware::BODY_LIMIT)
            .await
            .map_err(|_| AppError::PayloadTooLarge)?;
        let cleaned = strip_nul(&bytes);
        let req = Request::from_parts(parts, axum::body::Body::from(cleaned));
        match axum_extra::extract::Form::<T>::from_request(req, state).await {
            Ok(axum_extra::extract::Form(v)) => Ok(Form(v)),
            Err(e) => {
                tracing::info!(error = %e, "form rejected");
                Err(AppError::BadRequest(
                    "Isian formulir tidak dapat dibaca. Muat ulang halaman lalu coba lagi.".into(),
                ))
            }
        }
    }
}

/// A query string; unknown or malformed parameters give a clear 400 page.
pub struct Query<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for Query<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let query = parts.uri.query().unwrap_or("");
        let cleaned = String::from_utf8_lossy(&strip_nul(query.as_bytes())).into_owned();
        let parsed = serde_html_form::from_str::<T>(&cleaned);
        match parsed.map(axum_extra::extract::Query) {
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

/// Removes raw and percent-encoded NUL bytes from an urlencoded body.
fn strip_nul(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len());
    let mut i = 0;
    while i < body.len() {
        if body[i] == 0 {
            i += 1;
        } else if body[i] == b'%'
            && body.get(i + 1) == Some(&b'0')
            && body.get(i + 2) == Some(&b'0')
        {
            i += 3;
        } else {
            out.push(body[i]);
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn nul_bytes_are_dropped_from_form_bodies() {
        assert_eq!(
            super::strip_nul(b"a=x%00y&b=\0z%2500"),
            b"a=xy&b=z%2500".to_vec()
        );
        assert_eq!(super::strip_nul(b"a=%5C0"), b"a=%5C0".to_vec());
        assert_eq!(super::strip_nul(&[b'a', 0, b'b']), b"ab".to_vec());
    }
}
