//! What most handlers start from, each as one extractor: the app, the page context and the
//! signed-in user ([`Signed`]), and for a change also where the request came from, which its
//! audit entry records ([`Act`]). `U` is [`CurrentUser`] or a narrower extractor over it (the
//! admin's): `Act(state, ctx, user, meta): Act`, `Signed(state, ctx, Admin(me)): Signed<Admin>`.
//! Extracted in that order, as the separate arguments were.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;

use super::CurrentUser;
use crate::AppState;
use crate::error::AppError;
use crate::web::{Ctx, RequestMeta};

/// A page for the signed-in user: the app, the page context, the user.
pub struct Signed<U = CurrentUser>(pub AppState, pub Ctx, pub U);

/// A change by the signed-in user: the app, the page context, the user, the request's origin.
pub struct Act<U = CurrentUser>(pub AppState, pub Ctx, pub U, pub RequestMeta);

impl<U> FromRequestParts<AppState> for Signed<U>
where
    U: FromRequestParts<AppState, Rejection = AppError> + Send,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let state = state.clone();
        let ctx = Ctx::from_request_parts(parts, &state).await?;
        let user = U::from_request_parts(parts, &state).await?;
        Ok(Self(state, ctx, user))
    }
}

impl<U> FromRequestParts<AppState> for Act<U>
where
    U: FromRequestParts<AppState, Rejection = AppError> + Send,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let Signed(state, ctx, user) = Signed::<U>::from_request_parts(parts, state).await?;
        let Ok(meta) = RequestMeta::from_request_parts(parts, &state).await;
        Ok(Self(state, ctx, user, meta))
    }
}
