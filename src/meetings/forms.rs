//! What the meeting form sends, exactly as typed: strings, repeated keys for the checkboxes and
//! for the attendee rows (index-aligned columns). `domain::parse` turns it into a `NewMeeting`.

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
    /// "save" or "add_row" (one more attendee row, nothing saved)
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
}

impl AttendeeInput {
    pub fn is_blank(&self) -> bool {
        self.institution.trim().is_empty()
            && self.new_name.trim().is_empty()
            && self.name.trim().is_empty()
            && self.position.trim().is_empty()
    }
}

impl MeetingForm {
    /// The attendee rows, zipped from the columns (missing cells are empty).
    pub fn attendees(&self) -> Vec<AttendeeInput> {
        let n = [
            self.a_institution.len(),
            self.a_new_name.len(),
            self.a_name.len(),
            self.a_position.len(),
            self.a_id.len(),
        ]
        .into_iter()
        .max()
        .unwrap_or(0)
        .min(200);
        let cell = |v: &Vec<String>, i: usize| v.get(i).cloned().unwrap_or_default();
        (0..n)
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
            })
            .collect()
    }
}
