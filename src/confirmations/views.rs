//! Template structs of the confirmation pages.

use askama::Template;
use chrono::{DateTime, Utc};

use super::db::{DisputeRow, HistoryRow, Line, LinkRow, MeetingInfo, MyMeetingRow};
use crate::kit::states::{Answer, CommitmentStatus, ConfirmationState, MeetingStatus};
use crate::web::{Ctx, fmt};

/// The answers as the answer forms offer them: (code, label).
fn answer_choices() -> Vec<(&'static str, &'static str)> {
    Answer::ALL.iter().map(|a| (a.code(), a.label())).collect()
}

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
    pub m: MeetingInfo,
    pub attendees: Vec<Line>,
    pub links: Vec<LinkRow>,
    /// Institutions a link was made for (asked to confirm).
    pub linked: Vec<i64>,
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
    pub fn state(&self, s: &ConfirmationState) -> &'static str {
        s.label()
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
    pub fn answer(&self, a: &Answer) -> &'static str {
        a.label()
    }
    pub fn badge(&self) -> String {
        badge(
            self.attendees
                .iter()
                .map(|a| BadgeLine::of(a, &self.linked)),
        )
    }
    /// The institutions (not the police) at the meeting, once each: those a team link can be for.
    pub fn teams(&self) -> Vec<(i64, String)> {
        let mut out: Vec<(i64, String)> = Vec::new();
        for a in self
            .attendees
            .iter()
            .filter(|a| !a.is_police() && a.asks_confirmation)
        {
            if !out.iter().any(|(id, _)| *id == a.institution_id) {
                out.push((a.institution_id, a.institution_name.clone()));
            }
        }
        out
    }
}

/// What the confirmation badge needs of an attendee line.
#[derive(Clone, Copy, Debug)]
pub struct BadgeLine {
    pub institution_id: i64,
    pub police: bool,
    pub answered: bool,
    /// Whether the institution was asked to confirm: an election body whose line asks it, or
    /// one a link was made for.
    pub asked: bool,
}

/// Whether a line counts as asked to confirm: a link was made for its institution, or it is an
/// election body and the officer left "Minta konfirmasi" on.
pub fn asked(kind: &str, line_asks: bool, linked: bool) -> bool {
    linked || (line_asks && asked_by_kind(kind))
}

/// The kinds asked to confirm without a link: the election bodies.
pub fn asked_by_kind(kind: &str) -> bool {
    matches!(kind, "kpu" | "ppk" | "pps" | "bawaslu" | "panwascam")
}

impl BadgeLine {
    /// The badge line of `a`, with the institutions a link was made for.
    pub fn of(a: &Line, linked: &[i64]) -> Self {
        BadgeLine {
            institution_id: a.institution_id,
            police: a.is_police(),
            answered: a.confirmation != ConfirmationState::Pending,
            asked: asked(
                &a.kind,
                a.asks_confirmation,
                linked.contains(&a.institution_id),
            ),
        }
    }
}

/// "dikonfirmasi 3 dari 4 lembaga": of the institutions asked to confirm (not the police; an
/// election body or one a link was made for — invited TNI, Camat or leaders do not count), those
/// that answered.
pub fn badge(lines: impl IntoIterator<Item = BadgeLine>) -> String {
    let mut all: Vec<i64> = Vec::new();
    let mut answered: Vec<i64> = Vec::new();
    for a in lines.into_iter().filter(|a| !a.police && a.asked) {
        if !all.contains(&a.institution_id) {
            all.push(a.institution_id);
        }
        if a.answered && !answered.contains(&a.institution_id) {
            answered.push(a.institution_id);
        }
    }
    format!("dikonfirmasi {} dari {} lembaga", answered.len(), all.len())
}

/// A commitment the link holder's institution owns or verifies.
pub struct LinkCommitment {
    pub id: i64,
    pub what: String,
    /// Whose commitment it is ("Polsek …").
    pub owner: String,
    /// When it is due, as the meeting page says it (a date, "H-3 (…)", a standing duty's span).
    pub when: String,
    pub status: CommitmentStatus,
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
    pub m: MeetingInfo,
    /// The person's line (a personal link).
    pub me: Option<Line>,
    /// The institution's lines (a team link).
    pub team: Vec<Line>,
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
    pub fn state(&self, s: &ConfirmationState) -> &'static str {
        s.label()
    }
    /// "Hendri Pandita (Ketua PPK)", or the position when no name was written down.
    pub fn who(&self, a: &Line) -> String {
        match (a.person_name.is_empty(), a.position.is_empty()) {
            (true, _) => a.position.clone(),
            (false, true) => a.person_name.clone(),
            (false, false) => format!("{} ({})", a.person_name, a.position),
        }
    }
    pub fn answers(&self) -> Vec<(&'static str, &'static str)> {
        answer_choices()
    }
    pub fn is(&self, a: &str, b: &str) -> bool {
        a == b
    }
    pub fn is_line(&self, id: &i64) -> bool {
        self.form_line == id.to_string()
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
    pub fn state(&self, s: &ConfirmationState) -> &'static str {
        s.label()
    }
    pub fn answers(&self) -> Vec<(&'static str, &'static str)> {
        answer_choices()
    }
    pub fn closed(&self, r: &MyMeetingRow) -> bool {
        matches!(r.status, MeetingStatus::Reported | MeetingStatus::Cancelled)
    }
}
