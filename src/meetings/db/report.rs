//! What only the printed report (Laporan Hasil Kegiatan) reads: the meeting's commitments and
//! the officer who logged it. Called after the meeting itself was read in the reader's scope.

use sqlx::PgExecutor;

use crate::kit::states::CommitmentStatus;

/// A commitment as section "IV. Tindak lanjut" prints it.
pub struct ReportCommitment {
    pub what: String,
    pub owner_name: String,
    pub due_on: chrono::NaiveDate,
    /// The first day of a standing duty ("setiap hari … sampai …"), else None.
    pub starts_on: Option<chrono::NaiveDate>,
    /// The due day as typed against voting day (H-3), else None.
    pub due_h: Option<i32>,
    pub status: CommitmentStatus,
}

impl ReportCommitment {
    /// When it is due as the meeting page says it: a date, "H-3 (…)" or a standing duty's span.
    pub fn when(&self) -> String {
        crate::kit::followups::when_text(self.starts_on, self.due_on, self.due_h)
    }
}

pub async fn report_commitments(
    db: impl PgExecutor<'_>,
    meeting: i64,
) -> sqlx::Result<Vec<ReportCommitment>> {
    sqlx::query_as!(
        ReportCommitment,
        r#"select c.what, i.name as owner_name, c.due_on, c.starts_on, c.due_h,
                  c.status as "status: CommitmentStatus"
           from commitment c join institution i on i.id = c.owner_institution_id
           where c.meeting_id = $1 order by c.due_on, c.id"#,
        meeting
    )
    .fetch_all(db)
    .await
}

/// The police account that logged the meeting, as its signature block names it (not an
/// administrator who loaded it).
pub struct ReportingOfficer {
    pub display_name: String,
    pub position: String,
    pub rank: String,
    pub nrp: String,
}

pub async fn reporting_officer(
    db: impl PgExecutor<'_>,
    meeting: i64,
) -> sqlx::Result<Option<ReportingOfficer>> {
    sqlx::query_as!(
        ReportingOfficer,
        r#"select u.display_name, u.position, coalesce(u.rank, '') as "rank!", u.nrp
           from meeting m join app_user u on u.id = m.created_by
           where m.id = $1 and u.unit_id is not null"#,
        meeting
    )
    .fetch_optional(db)
    .await
}
