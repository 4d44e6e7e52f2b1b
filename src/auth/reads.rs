//! The session's side of reading from a replica (`db::replica`): after a signed-in user's write,
//! remember the primary's WAL position in their session; a read-only page takes a
//! [`Read`] (the pool for this request) chosen from that position and the one the session
//! brought along.

use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::Response;
use tower_sessions::Session;

use super::USER_ID;
use super::store::{SEEN_LSN, WROTE_LSN};
use crate::AppState;
use crate::db::replica::{Read, primary_position};
use crate::error::AppError;

/// Keeps the primary's WAL position after each write a signed-in user's request made, so their
/// next pages read their own writes (only when a replica is configured).
pub async fn remember_writes(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let write = !req.method().is_safe();
    let session = req.extensions().get::<Session>().cloned();
    let resp = next.run(req).await;
    let done = resp.status().is_success() || resp.status().is_redirection();
    if !(write && done && state.reads.has_replica()) {
        return resp;
    }
    let Some(session) = session else { return resp };
    if session.get::<i64>(USER_ID).await.ok().flatten().is_none() {
        return resp;
    }
    match primary_position(&state.pool).await {
        Ok(lsn) => {
            let _ = session.insert(WROTE_LSN, lsn).await;
        }
        // Not knowing where the write ended, the user's next reads go to the primary.
        Err(e) => {
            tracing::warn!(error = %e, "cannot read the primary's WAL position");
            let _ = session.insert(WROTE_LSN, i64::MAX).await;
        }
    }
    resp
}

impl FromRequestParts<AppState> for Read {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        if let Some(read) = parts.extensions.get::<Read>() {
            return Ok(read.clone());
        }
        let (seen, wrote) = match parts.extensions.get::<Session>() {
            Some(s) if state.reads.has_replica() => (
                s.get::<i64>(SEEN_LSN).await.ok().flatten(),
                s.get::<i64>(WROTE_LSN).await.ok().flatten(),
            ),
            _ => (None, None),
        };
        let read = state.reads.choose(seen, wrote).await;
        parts.extensions.insert(read.clone());
        Ok(read)
    }
}
