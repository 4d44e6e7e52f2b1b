//! Template structs of the confirmation pages.

use askama::Template;
use chrono::{DateTime, Utc};

use super::db::{DisputeRow, HistoryRow, LinkRow, MyMeetingRow};
use crate::meetings::db::{AttendeeRow, MeetingRow};
use crate::web::{Ctx, fmt};

/// A link just created: shown once, since only its hash is kept.
pub struct NewLink {
    pub url: String,
    pub whatsapp: String,
    pub qr_data_uri: String,
    pub person: String,
}

#[derive(Template)]
#[template(path = "confirmations/officer.html")]
pub struct OfficerPage {
    pub ctx: Ctx,
    pub m: MeetingRow,
    pub attendees: Vec<AttendeeRow>,
    pub links: Vec<LinkRow>,
    pub disputes: Vec<DisputeRow>,
    pub history: Vec<HistoryRow>,
    pub can_manage: bool,
    pub new_link: Option<NewLink>,
    pub error: Option<String>,
}

impl OfficerPage {
    fn tz(&self) -> chrono_tz::Tz {
        crate::regions::tz(&self.m.tz)
    }
    pub fn at(&self, t: &DateTime<Utc>) -> String {
        fmt::datetime(*t, self.tz())
    }
    pub fn state(&self, s: &str) -> &'static str {
        super::state_label(s)
    }
    pub fn link_state(&self, l: &LinkRow) -> &'static str {
        if l.revoked_at.is_some() {
            "dicabut"
        } else if l.expires_at < Utc::now() {
            "kedaluwarsa"
        } else {
            "aktif"
        }
    }
    pub fn who(&self, id: &i64) -> String {
        self.attendees
            .iter()
            .find(|a| a.id == *id)
            .map(|a| {
                format!(
                    "{} · {}",
                    a.institution_name,
                    if a.person_name.is_empty() {
                        &a.position
                    } else {
                        &a.person_name
                    }
                )
            })
            .unwrap_or_default()
    }
    pub fn answer(&self, a: &str) -> &'static str {
        super::ANSWERS
            .iter()
            .find(|(c, _)| *c == a)
            .map(|(_, l)| *l)
            .unwrap_or("—")
    }
    pub fn badge(&self) -> String {
        crate::confirmations::badge(&self.attendees)
    }
    /// The institutions (not the police) at the meeting, once each: those a team link can be for.
    pub fn teams(&self) -> Vec<(i64, String)> {
        let mut out: Vec<(i64, String)> = Vec::new();
        for a in self.attendees.iter().filter(|a| a.kind != "polri") {
            if !out.iter().any(|(id, _)| *id == a.institution_id) {
                out.push((a.institution_id, a.institution_name.clone()));
            }
        }
        out
    }
}

/// "dikonfirmasi 3 dari 4 lembaga": institutions other than the police that answered.
pub fn badge(attendees: &[AttendeeRow]) -> String {
    let mut all: Vec<i64> = Vec::new();
    let mut answered: Vec<i64> = Vec::new();
    for a in attendees.iter().filter(|a| a.kind != "polri") {
        if !all.contains(&a.institution_id) {
            all.push(a.institution_id);
        }
        if a.confirmation != "pending" && !answered.contains(&a.institution_id) {
            answered.push(a.institution_id);
        }
    }
    format!("dikonfirmasi {} dari {} lembaga", answered.len(), all.len())
}

/// A commitment the link holder's institution owns or verifies.
pub struct LinkCommitment {
    pub id: i64,
    pub what: String,
    pub due_on: chrono::NaiveDate,
    pub status_label: String,
    pub can_progress: bool,
    pub can_verify: bool,
    pub version: i32,
}

/// The public page behind a link: only this meeting, only this person's line — or, behind a
/// team link, only the lines of that institution.
#[derive(Template)]
#[template(path = "confirmations/link.html")]
pub struct LinkPage {
    pub ctx: Ctx,
    pub token: String,
    pub m: MeetingRow,
    /// The person's line (a personal link).
    pub me: Option<AttendeeRow>,
    /// The institution's lines (a team link).
    pub team: Vec<AttendeeRow>,
    pub institution_name: String,
    /// The team line picked in a rejected answer.
    pub form_line: String,
    pub topics: Vec<String>,
    pub commitments: Vec<LinkCommitment>,
    pub closed: bool,
    pub saved: bool,
    pub form_answer: String,
    pub form_comment: String,
    pub error: Option<String>,
}

impl LinkPage {
    pub fn when(&self) -> String {
        fmt::datetime(self.m.starts_at, crate::regions::tz(&self.m.tz))
    }
    pub fn summary(&self) -> String {
        let s: String = self.m.minutes.chars().take(600).collect();
        if self.m.minutes.chars().count() > 600 {
            format!("{s}…")
        } else {
            s
        }
    }
    pub fn state(&self, s: &str) -> &'static str {
        super::state_label(s)
    }
    /// "Hendri Pandita (Ketua PPK)", or the position when no name was written down.
    pub fn who(&self, a: &AttendeeRow) -> String {
        match (a.person_name.is_empty(), a.position.is_empty()) {
            (true, _) => a.position.clone(),
            (false, true) => a.person_name.clone(),
            (false, false) => format!("{} ({})", a.person_name, a.position),
        }
    }
    pub fn answers(&self) -> &'static [(&'static str, &'static str)] {
        &super::ANSWERS
    }
    pub fn is(&self, a: &str, b: &str) -> bool {
        a == b
    }
    pub fn is_line(&self, id: &i64) -> bool {
        self.form_line == id.to_string()
    }
    pub fn due(&self, d: &chrono::NaiveDate) -> String {
        fmt::date(*d)
    }
}

/// What a visitor with a bad, expired or revoked link sees: nothing about any meeting.
#[derive(Template)]
#[template(path = "confirmations/invalid.html")]
pub struct InvalidLinkPage {
    pub ctx: Ctx,
}

#[derive(Template)]
#[template(path = "confirmations/mine.html")]
pub struct MinePage {
    pub ctx: Ctx,
    pub rows: Vec<MyMeetingRow>,
    pub message: Option<String>,
}

impl MinePage {
    pub fn when(&self, r: &MyMeetingRow) -> String {
        fmt::datetime(r.starts_at, crate::regions::tz(&r.tz))
    }
    pub fn state(&self, s: &str) -> &'static str {
        super::state_label(s)
    }
    pub fn answers(&self) -> &'static [(&'static str, &'static str)] {
        &super::ANSWERS
    }
    pub fn closed(&self, r: &MyMeetingRow) -> bool {
        r.status == "reported" || r.status == "cancelled"
    }
}
