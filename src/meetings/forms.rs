//! What the browser sends, exactly as typed: the meeting form (strings, repeated keys for the
//! checkboxes and for the attendee rows, index-aligned columns; `domain::parse` turns it into a
//! `NewMeeting`) and the list's query string (`filter` turns it into a `ListFilter`).

use serde::Deserialize;

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct MeetingForm {
    pub host_unit_id: String,
    #[serde(rename = "type")]
    pub types: Vec<String>,
    pub title: String,
    pub purpose: String,
    pub date: String,
    pub time: String,
    pub duration: String,
    pub venue_name: String,
    pub venue_address: String,
    pub district_code: String,
    pub district_other: String,
    pub latitude: String,
    pub longitude: String,
    pub election: String,
    #[serde(rename = "topic")]
    pub topics: Vec<String>,
    pub minutes: String,
    pub outcome: String,
    pub status: String,
    pub cancel_reason: String,
    pub version: String,
    pub idem: String,
    /// "save", "add_row" (one more attendee row, nothing saved) or "add_commitment"
    pub action: String,
    pub a_id: Vec<String>,
    pub a_institution: Vec<String>,
    pub a_new_kind: Vec<String>,
    pub a_new_name: Vec<String>,
    pub a_name: Vec<String>,
    pub a_position: Vec<String>,
    pub a_rank: Vec<String>,
    pub a_members: Vec<String>,
    pub a_represents: Vec<String>,
    pub a_phone: Vec<String>,
    pub a_attendance: Vec<String>,
    /// Whether the line is asked to confirm: "ya", "tidak", or empty (by the institution's kind).
    pub a_confirm: Vec<String>,
    pub c_owner: Vec<String>,
    pub c_what: Vec<String>,
    /// A standing duty's first day.
    pub c_from: Vec<String>,
    pub c_due: Vec<String>,
    /// "Sudah dilaksanakan?" for a due date already past: "ya" or "tidak".
    pub c_done: Vec<String>,
}

/// One commitment row as typed.
#[derive(Clone, Debug, Default)]
pub struct CommitmentInput {
    pub owner: String,
    pub what: String,
    pub from: String,
    pub due: String,
    pub done: String,
}

impl CommitmentInput {
    pub fn is_blank(&self) -> bool {
        self.what.trim().is_empty() && self.due.trim().is_empty() && self.from.trim().is_empty()
    }
}

/// One attendee row as typed.
#[derive(Clone, Debug, Default)]
pub struct AttendeeInput {
    pub id: String,
    pub institution: String,
    pub new_kind: String,
    pub new_name: String,
    pub name: String,
    pub position: String,
    pub rank: String,
    pub members: String,
    pub represents: String,
    pub phone: String,
    pub attendance: String,
    pub confirm: String,
}

impl AttendeeInput {
    pub fn is_blank(&self) -> bool {
        self.institution.trim().is_empty()
            && self.new_name.trim().is_empty()
            && self.name.trim().is_empty()
            && self.position.trim().is_empty()
    }
}

/// How many rows index-aligned columns make: as many as the longest of `columns`, at most `max`.
fn row_count(columns: &[&Vec<String>], max: usize) -> usize {
    columns.iter().map(|c| c.len()).max().unwrap_or(0).min(max)
}

/// Cell `i` of a column; a missing cell is empty.
fn cell(column: &[String], i: usize) -> String {
    column.get(i).cloned().unwrap_or_default()
}

impl MeetingForm {
    /// The attendee rows, zipped from the columns (missing cells are empty).
    pub fn attendees(&self) -> Vec<AttendeeInput> {
        let columns = [
            &self.a_institution,
            &self.a_new_name,
            &self.a_name,
            &self.a_position,
            &self.a_id,
        ];
        (0..row_count(&columns, 200))
            .map(|i| AttendeeInput {
                id: cell(&self.a_id, i),
                institution: cell(&self.a_institution, i),
                new_kind: cell(&self.a_new_kind, i),
                new_name: cell(&self.a_new_name, i),
                name: cell(&self.a_name, i),
                position: cell(&self.a_position, i),
                rank: cell(&self.a_rank, i),
                members: cell(&self.a_members, i),
                represents: cell(&self.a_represents, i),
                phone: cell(&self.a_phone, i),
                attendance: cell(&self.a_attendance, i),
                confirm: cell(&self.a_confirm, i),
            })
            .collect()
    }

    /// The commitment rows, zipped from the columns.
    pub fn commitments(&self) -> Vec<CommitmentInput> {
        (0..row_count(&[&self.c_owner, &self.c_what, &self.c_due], 100))
            .map(|i| CommitmentInput {
                owner: cell(&self.c_owner, i),
                what: cell(&self.c_what, i),
                from: cell(&self.c_from, i),
                due: cell(&self.c_due, i),
                done: cell(&self.c_done, i),
            })
            .collect()
    }
}

impl MeetingForm {
    /// SHA-256 of the form's content (trimmed, attendee rows zipped, blank rows and the order of
    /// checked boxes left out), without its key or button: two sends of one draft hash alike, two
    /// different meetings under one key do not.
    pub fn payload_hash(&self) -> String {
        fn sorted(v: &[String]) -> Vec<&str> {
            let mut v: Vec<&str> = v.iter().map(|s| s.trim()).collect();
            v.sort_unstable();
            v.dedup();
            v
        }
        let attendees = self.attendees();
        let rows: Vec<[&str; 12]> = attendees
            .iter()
            .filter(|r| !r.is_blank())
            .map(|r| {
                [
                    &r.id,
                    &r.institution,
                    &r.new_kind,
                    &r.new_name,
                    &r.name,
                    &r.position,
                    &r.rank,
                    &r.members,
                    &r.represents,
                    &r.phone,
                    &r.attendance,
                    &r.confirm,
                ]
                .map(|s| s.trim())
            })
            .collect();
        let commitments: Vec<[String; 5]> = self
            .commitments()
            .into_iter()
            .filter(|c| !c.is_blank())
            .map(|c| [c.owner, c.what, c.from, c.due, c.done].map(|s| s.trim().to_string()))
            .collect();
        let header = [
            &self.host_unit_id,
            &self.title,
            &self.purpose,
            &self.date,
            &self.time,
            &self.duration,
            &self.venue_name,
            &self.venue_address,
            &self.district_code,
            &self.district_other,
            &self.latitude,
            &self.longitude,
            &self.election,
            &self.minutes,
            &self.outcome,
            &self.status,
            &self.cancel_reason,
        ]
        .map(|s| s.trim());
        let canonical = serde_json::json!({
            "header": header,
            "types": sorted(&self.types),
            "topics": sorted(&self.topics),
            "attendees": rows,
            "commitments": commitments,
        });
        crate::web::sha256_hex(&[canonical.to_string().as_bytes()])
    }
}

/// The meeting list's query string. Keys are English; the older Indonesian keys (`kec`, `inst`,
/// `konfirmasi=belum`) are still read, so saved links and the dashboards' links keep working.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct ListQuery {
    pub from: String,
    pub to: String,
    pub unit: String,
    #[serde(alias = "kec")]
    pub district: String,
    #[serde(rename = "type")]
    pub type_code: String,
    pub stage: String,
    pub topic: String,
    #[serde(alias = "inst")]
    pub institution: String,
    pub status: String,
    pub q: String,
    /// "1" (or the older "belum"): only meetings not yet confirmed by every institution
    #[serde(alias = "konfirmasi")]
    pub unconfirmed: String,
    /// The keyset cursor of the next page: `<starts_at in microseconds>_<id>`
    pub before: String,
}

impl ListQuery {
    fn pairs(&self) -> [(&'static str, &String); 11] {
        [
            ("from", &self.from),
            ("to", &self.to),
            ("unit", &self.unit),
            ("district", &self.district),
            ("type", &self.type_code),
            ("stage", &self.stage),
            ("topic", &self.topic),
            ("institution", &self.institution),
            ("status", &self.status),
            ("q", &self.q),
            ("unconfirmed", &self.unconfirmed),
        ]
    }

    pub fn has_filters(&self) -> bool {
        self.pairs().iter().any(|(_, v)| !v.trim().is_empty())
    }

    /// Whether only unconfirmed meetings are asked for.
    pub fn only_unconfirmed(&self) -> bool {
        matches!(self.unconfirmed.trim(), "1" | "belum")
    }

    /// The query string of these filters (without the page cursor).
    pub fn to_query(&self) -> String {
        crate::web::query_string(&self.pairs())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> MeetingForm {
        MeetingForm {
            idem: "0123456789abcdef".into(),
            title: "Ngopi bareng".into(),
            types: vec!["rakor".into(), "ngopi_bareng".into()],
            a_name: vec!["Hendri".into(), String::new()],
            a_institution: vec!["12".into(), String::new()],
            ..Default::default()
        }
    }

    #[test]
    fn a_resent_draft_hashes_alike_and_another_meeting_does_not() {
        let first = form();
        let mut resent = form();
        resent.idem = "fedcba9876543210".into();
        resent.action = "save".into();
        resent.types.reverse();
        resent.title = " Ngopi bareng ".into();
        resent.a_name.push(String::new());
        assert_eq!(first.payload_hash(), resent.payload_hash());
        let mut other = form();
        other.title = "Rapat koordinasi".into();
        assert_ne!(first.payload_hash(), other.payload_hash());
        let mut other_row = form();
        other_row.a_name[0] = "Ahmadi".into();
        assert_ne!(first.payload_hash(), other_row.payload_hash());
    }
}
