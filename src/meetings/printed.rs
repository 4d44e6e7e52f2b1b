//! The printed report (Laporan Hasil Kegiatan) as data, the SHA-256 of what it prints, and the
//! verification code it carries. The report page and the public verification page compute the
//! hash the same way, from the stored values the page prints (not from the formatted page, whose
//! words follow the reader's language).

use rand::Rng;
use serde_json::json;

use super::db::{self, ReportCommitment, ReportingOfficer, ToIssue};
use super::views::MeetingView;
use crate::AppState;
use crate::auth::{CurrentUser, Scope};
use crate::error::{AppError, AppResult};
use crate::kit::audit::{self, Entry};
use crate::web::RequestMeta;

/// Letters and digits no one misreads on paper (no 0/O, 1/I/L, 5/S, 8/B, 2/Z).
pub const ALPHABET: &[u8] = b"34679ACDEFGHJKMNPQRTUVWXY";
/// 10 characters of a 25-letter alphabet: about 46 bits, drawn at random.
pub const CODE_LEN: usize = 10;

/// What the printed report shows of a meeting.
pub struct Printed {
    pub v: MeetingView,
    pub commitments: Vec<ReportCommitment>,
    pub officer: Option<ReportingOfficer>,
}

impl Printed {
    /// Meeting `id` as its report prints it, if `scope` may see it (else 404).
    pub async fn load(state: &AppState, scope: Scope, id: i64) -> AppResult<Printed> {
        let v = super::read::load_in(state, scope, id).await?;
        let commitments = db::report_commitments(&state.pool, id).await?;
        let officer = match db::reporting_officer(&state.pool, id).await? {
            Some(o) => Some(o),
            None => leading_officer(&v),
        };
        Ok(Printed {
            v,
            commitments,
            officer,
        })
    }

    /// Hex SHA-256 of every value the report prints, in a fixed order.
    pub fn content_hash(&self) -> String {
        let m = &self.v.m;
        let attendees: Vec<_> = self
            .v
            .attendees
            .iter()
            .map(|a| {
                json!([
                    a.institution_name,
                    a.kind,
                    a.rank,
                    a.person_name,
                    a.position,
                    a.members,
                    a.represents,
                    a.attendance.code(),
                    a.confirmation
                ])
            })
            .collect();
        let commitments: Vec<_> = self
            .commitments
            .iter()
            .map(|c| json!([c.what, c.owner_name, c.starts_on, c.due_on, c.status.code()]))
            .collect();
        let officer = self
            .officer
            .as_ref()
            .map(|o| json!([o.display_name, o.position, o.rank, o.nrp]));
        let photos: Vec<_> = self
            .v
            .photos
            .iter()
            .map(|p| json!([p.id, p.caption]))
            .collect();
        let content = json!([
            "laporan-v1",
            m.id,
            m.host_name,
            m.title,
            m.election_name,
            m.purpose,
            m.starts_at,
            m.tz,
            m.voting_day,
            m.stage_name,
            m.venue_name,
            m.venue_address,
            m.district_name,
            m.regency_name,
            self.v.types,
            self.v.topics,
            attendees,
            m.minutes,
            m.outcome,
            commitments,
            officer,
            photos
        ]);
        crate::web::sha256_hex(&[content.to_string().as_bytes()])
    }

    /// The verification code for this content: the one issued before for the same version and
    /// hash, else a new random one (recorded in the audit log).
    pub async fn code(
        &self,
        state: &AppState,
        user: &CurrentUser,
        meta: &RequestMeta,
    ) -> AppResult<String> {
        let hash = self.content_hash();
        let m = &self.v.m;
        let issue = ToIssue {
            meeting_id: m.id,
            meeting_version: m.version,
            content_hash: &hash,
            title: &m.title,
            starts_at: m.starts_at,
            tz: &m.tz,
            issued_by: user.id,
        };
        for _ in 0..3 {
            if let Some(code) = db::issued_code(&state.pool, &issue).await? {
                return Ok(code);
            }
            let mut tx = state.pool.begin().await?;
            if let Some(code) = db::insert_code(&mut tx, &random_code(), &issue).await? {
                let after = json!({ "code": code, "version": m.version, "content_hash": hash });
                let entry = Entry::by(user, meta, "report.issue", "meeting", Some(m.id))
                    .unit(Some(m.host_unit_id))
                    .change(None, Some(after));
                audit::record(&mut tx, entry).await?;
                tx.commit().await?;
                return Ok(code);
            }
        }
        Err(AppError::Internal(anyhow::anyhow!("no free report code")))
    }
}

/// A fresh random code of `CODE_LEN` characters of `ALPHABET`.
pub fn random_code() -> String {
    let mut rng = rand::rng();
    (0..CODE_LEN)
        .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
        .collect()
}

/// A code as someone may type it ("abcd-efgh 34"): upper case, without spaces and dashes; None
/// when it cannot be a code.
pub fn normalise(typed: &str) -> Option<String> {
    let code: String = typed
        .chars()
        .filter(|c| !matches!(c, ' ' | '-'))
        .map(|c| c.to_ascii_uppercase())
        .collect();
    (code.len() == CODE_LEN && code.bytes().all(|b| ALPHABET.contains(&b))).then_some(code)
}

/// For a meeting no account logged (loaded data): the police line that led it ("Kapolsek …").
fn leading_officer(v: &MeetingView) -> Option<ReportingOfficer> {
    v.attendees
        .iter()
        .find(|a| a.kind == "polri" && a.position.starts_with("Kapol"))
        .map(|a| ReportingOfficer {
            display_name: a.person_name.clone(),
            position: a.position.clone(),
            rank: a.rank.clone(),
            nrp: String::new(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_random_and_read_back_however_typed() {
        let a = random_code();
        assert_eq!(a.len(), CODE_LEN);
        assert_ne!(a, random_code());
        assert_eq!(normalise(&a), Some(a.clone()));
        let typed = format!("{}-{} ", a[..5].to_lowercase(), &a[5..]);
        assert_eq!(normalise(&typed), Some(a));
        assert_eq!(normalise("0000000000"), None);
        assert_eq!(normalise("short"), None);
        assert_eq!(normalise("%FF<script>"), None);
    }
}
