//! Template structs of the meetings pages, with the formatting the templates need.

use askama::Template;
use chrono_tz::Tz;

use super::db::{
    AttendeeRow, Choice, InstitutionChoice, KindChoice, ListRow, MeetingRow, PhotoRow, StageChoice,
    UnitChoice,
};
use super::domain::FieldErrors;
use super::forms::{AttendeeInput, CommitmentInput, ListQuery, MeetingForm};
use crate::kit::states::{Attendance, MeetingStatus};
use crate::web::{Ctx, fmt};

#[derive(Template)]
#[template(path = "meetings/list.html")]
pub struct ListPage {
    pub ctx: Ctx,
    pub q: ListQuery,
    pub errors: FieldErrors,
    pub rows: Vec<ListRow>,
    pub next: Option<String>,
    pub csv: String,
    pub units: Vec<UnitChoice>,
    pub types: Vec<Choice>,
    pub topics: Vec<Choice>,
    pub stages: Vec<StageChoice>,
    pub can_create: bool,
}

impl ListPage {
    pub fn when(&self, r: &ListRow) -> String {
        fmt::datetime(r.starts_at, crate::regions::tz(&r.tz))
    }
    pub fn statuses(&self) -> &'static [MeetingStatus] {
        MeetingStatus::ALL
    }
    pub fn is(&self, value: &str, option: &str) -> bool {
        value == option
    }
    pub fn is_id(&self, value: &str, id: &i64) -> bool {
        value == id.to_string()
    }
    pub fn filtered(&self) -> bool {
        self.q.has_filters() || !self.errors.is_empty()
    }
}

/// A stale save: the newer values stored by someone else, shown beside the officer's input.
pub struct Conflict {
    pub by: String,
    pub at: String,
    pub current: MeetingRow,
}

#[derive(Template)]
#[template(path = "meetings/form.html")]
pub struct FormPage {
    pub ctx: Ctx,
    pub form: MeetingForm,
    pub rows: Vec<AttendeeInput>,
    /// The follow-up rows (a new meeting's form only).
    pub commitments: Vec<CommitmentInput>,
    pub errors: FieldErrors,
    pub units: Vec<UnitChoice>,
    pub districts: Vec<Choice>,
    pub types: Vec<Choice>,
    pub topics: Vec<Choice>,
    pub elections: Vec<ElectionChoice>,
    pub institutions: Vec<InstitutionChoice>,
    /// The Camat and Koramil of the area's kecamatan not yet in `institutions` (made on first use).
    pub local_bodies: Vec<crate::regions::bodies::Offered>,
    pub kinds: Vec<KindChoice>,
    pub action: String,
    pub editing: Option<i64>,
    pub conflict: Option<Conflict>,
}

/// One line of the error summary: a link to the field's input and its message.
pub struct ErrorLink {
    pub href: String,
    pub message: String,
}

/// The id of the input for an error key ("title", "a2.phone" …), as the form template names it.
pub fn input_id(field: &str) -> String {
    if let Some((row, name)) = field.split_once('.') {
        let short = match name {
            "institution" => "inst",
            "new_kind" => "nk",
            "position" => "pos",
            "members" => "mem",
            "represents" => "rep",
            "phone" => "ph",
            "attendance" => "att",
            "confirm" => "conf",
            other => other,
        };
        return format!("{row}-{short}");
    }
    match field {
        "type" | "topic" => format!("{field}-label"),
        other => other.to_string(),
    }
}

impl FormPage {
    /// The GOV.UK error summary: each message, linked to its field.
    pub fn summary(&self) -> Vec<ErrorLink> {
        self.errors
            .0
            .iter()
            .filter(|(f, _)| f.as_str() != "version")
            .map(|(f, m)| ErrorLink {
                href: format!("#{}", input_id(f)),
                message: m.clone(),
            })
            .collect()
    }
    pub fn has_type(&self, code: &str) -> bool {
        self.form.types.iter().any(|t| t == code)
    }
    pub fn has_topic(&self, code: &str) -> bool {
        self.form.topics.iter().any(|t| t == code)
    }
    pub fn is(&self, value: &str, option: &str) -> bool {
        value == option
    }
    pub fn is_id(&self, value: &str, id: &i64) -> bool {
        value.trim() == id.to_string()
    }
    pub fn statuses(&self) -> &'static [MeetingStatus] {
        MeetingStatus::ALL
    }
    pub fn attendance(&self) -> &'static [Attendance] {
        Attendance::ALL
    }
    pub fn district_in_list(&self) -> bool {
        self.districts
            .iter()
            .any(|d| d.code == self.form.district_code)
    }
    pub fn conflict_when(&self, c: &Conflict) -> String {
        fmt::datetime(c.current.starts_at, crate::regions::tz(&c.current.tz))
    }
}

/// An election the form offers.
pub struct ElectionChoice {
    pub id: i64,
    pub name: String,
}

/// What the meeting page and the printed report share.
#[derive(Clone)]
pub struct MeetingView {
    pub m: MeetingRow,
    pub types: Vec<String>,
    pub topics: Vec<String>,
    pub attendees: Vec<AttendeeRow>,
    pub photos: Vec<PhotoRow>,
}

impl MeetingView {
    pub fn tz(&self) -> Tz {
        crate::regions::tz(&self.m.tz)
    }
    pub fn when(&self) -> String {
        fmt::datetime(self.m.starts_at, self.tz())
    }
    pub fn date(&self) -> String {
        fmt::long_date(self.m.starts_at.with_timezone(&self.tz()).date_naive())
    }
    pub fn time(&self) -> String {
        fmt::time(self.m.starts_at, self.tz())
    }
    pub fn end_time(&self) -> String {
        fmt::time(
            self.m.starts_at + chrono::Duration::minutes(self.m.duration_minutes as i64),
            self.tz(),
        )
    }
    pub fn h_label(&self) -> Option<String> {
        let day = self.m.voting_day?;
        Some(crate::elections::h_label(
            day,
            self.m.starts_at.with_timezone(&self.tz()).date_naive(),
        ))
    }
    pub fn status(&self) -> &'static str {
        self.m.status.label()
    }
    pub fn is_cancelled(&self) -> bool {
        self.m.status == MeetingStatus::Cancelled
    }
    pub fn phone(&self, p: &Option<String>) -> String {
        p.as_deref().map(fmt::mask_phone).unwrap_or_default()
    }
    /// "Hendri Pandita (Ketua PPK …) beserta 4 anggota", as the daftar hadir reads.
    pub fn who(&self, a: &AttendeeRow) -> String {
        let mut s = String::new();
        if !a.represents.is_empty() {
            s.push_str(&a.represents);
            s.push_str(", diwakili ");
        }
        let name = [a.rank.as_str(), a.person_name.as_str()]
            .iter()
            .filter(|x| !x.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" ");
        match (name.is_empty(), a.position.is_empty()) {
            (false, false) => s.push_str(&format!("{name} ({})", a.position)),
            (false, true) => s.push_str(&name),
            (true, false) => s.push_str(&a.position),
            (true, true) => s.push_str("Perwakilan"),
        }
        if a.members > 0 {
            s.push_str(&format!(" beserta {} anggota", a.members));
        }
        s
    }
    pub fn present(&self) -> Vec<&AttendeeRow> {
        self.attendees
            .iter()
            .filter(|a| a.attendance == Attendance::Present)
            .collect()
    }
    /// The meeting and its attendee lines as an audit entry keeps them: phones masked.
    pub fn for_audit(&self) -> serde_json::Value {
        let attendees: Vec<AttendeeRow> = self
            .attendees
            .iter()
            .map(|a| AttendeeRow {
                phone: a.phone.as_deref().map(fmt::mask_phone),
                ..a.clone()
            })
            .collect();
        serde_json::json!({ "meeting": &self.m, "attendees": attendees })
    }
}

#[derive(Template)]
#[template(path = "meetings/report.html")]
pub struct ReportPage {
    pub ctx: Ctx,
    pub v: MeetingView,
    /// Section "IV. Tindak lanjut".
    pub commitments: Vec<super::db::ReportCommitment>,
    /// Who signs: the account that logged the meeting.
    pub officer: Option<super::db::ReportingOfficer>,
    /// The verification code printed with the report, its address and that address as a QR code.
    pub code: String,
    pub verify_url: String,
    pub qr: String,
}

impl ReportPage {
    /// "Pos Kamling, Jl. Lintas Timur, Kecamatan Kuala Kampar, Pelalawan" without naming a
    /// place the address already names.
    pub fn place(&self) -> String {
        let m = &self.v.m;
        let mut parts = vec![m.venue_name.clone()];
        let said = |name: &str| {
            parts_text(&[&m.venue_name, &m.venue_address]).contains(&name.to_lowercase())
        };
        if !m.venue_address.is_empty() && !m.venue_address.eq_ignore_ascii_case(&m.venue_name) {
            parts.push(m.venue_address.clone());
        }
        if !said(&m.district_name) {
            parts.push(format!("Kecamatan {}", m.district_name));
        }
        if !said(&m.regency_name) {
            parts.push(m.regency_name.clone());
        }
        parts.join(", ")
    }
    /// An attendee line's confirmation as the report prints it ("—" for the police's own lines).
    pub fn confirmation(&self, a: &AttendeeRow) -> &'static str {
        if a.kind == "polri" {
            "—"
        } else {
            crate::kit::states::ConfirmationState::label_of(&a.confirmation)
        }
    }
}

fn parts_text(parts: &[&String]) -> String {
    parts
        .iter()
        .map(|p| p.to_lowercase())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The answer to a form key already used for another payload (409).
#[derive(Template)]
#[template(path = "meetings/duplicate.html")]
pub struct DuplicatePage {
    pub ctx: Ctx,
    /// The meeting the key made, when the same officer made it.
    pub meeting: Option<i64>,
}

/// The verification of a printed report: only what the printed page carried, and whether the
/// record still matches it.
#[derive(Template)]
#[template(path = "meetings/verify.html")]
pub struct VerifyPage {
    pub ctx: Ctx,
    pub code: String,
    /// The meeting's title and time as printed.
    pub title: String,
    pub when: String,
    /// The record's version when printed, and now.
    pub version: i32,
    pub now_version: i32,
    pub issued_at: String,
    /// The report prints the same content as the record now.
    pub current: bool,
    /// When the meeting was last edited, if it was edited after printing.
    pub edited_at: Option<String>,
}

/// A code no report carries (404).
#[derive(Template)]
#[template(path = "meetings/verify_unknown.html")]
pub struct UnknownCodePage {
    pub ctx: Ctx,
}
