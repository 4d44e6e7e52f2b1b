//! The meeting page's one statement (`page.sql`): the meeting in the reader's scope and every
//! section the page shows, as one json value decoded into the rows each feature defines.

use sqlx::PgExecutor;
use sqlx::types::Json;

use super::Carried;
use crate::auth::Scope;
use crate::meetings::db::{AttendeeRow, HistoryRow, MeetingRow, PhotoRow};

/// What `page.sql` returns.
#[derive(serde::Deserialize)]
pub struct PageJson {
    pub m: MeetingRow,
    pub types: Vec<String>,
    pub topics: Vec<String>,
    pub attendees: Vec<AttendeeRow>,
    pub photos: Vec<PhotoRow>,
    pub history: Vec<HistoryRow>,
    /// Institutions a confirmation link was made for (asked to confirm).
    pub linked: Vec<i64>,
    pub commitments: Vec<crate::commitments::db::Row>,
    pub carry: Vec<Carried>,
    pub sanggahan: Vec<crate::confirmations::db::DisputeRow>,
}

/// Meeting `id`'s page if `scope` may see it: one round trip.
pub async fn page(
    db: impl PgExecutor<'_>,
    id: i64,
    scope: Scope,
    escalate_days: i64,
) -> sqlx::Result<Option<PageJson>> {
    let row = sqlx::query_file_scalar!(
        "src/pages/meeting/page.sql",
        id,
        scope.national,
        scope.unit,
        scope.institution,
        escalate_days as i32
    )
    .fetch_optional(db)
    .await?;
    Ok(row.map(|Json(p)| p))
}
