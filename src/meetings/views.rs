//! Template structs of the meetings pages, with the formatting the templates need.

use askama::Template;
use chrono_tz::Tz;

use super::db::{
    AttendeeRow, Choice, HistoryRow, InstitutionChoice, KindChoice, ListRow, MeetingRow, PhotoRow,
    StageChoice, UnitChoice,
};
use super::domain::{ATTENDANCE, FieldErrors, STATUSES};
use super::forms::{AttendeeInput, MeetingForm};
use crate::web::{Ctx, fmt};

pub fn status_label(s: &str) -> &'static str {
    STATUSES
        .iter()
        .find(|(c, _)| *c == s)
        .map(|(_, l)| *l)
        .unwrap_or("—")
}

pub fn attendance_label(s: &str) -> &'static str {
    ATTENDANCE
        .iter()
        .find(|(c, _)| *c == s)
        .map(|(_, l)| *l)
        .unwrap_or("—")
}

#[derive(Template)]
#[template(path = "meetings/list.html")]
pub struct ListPage {
    pub ctx: Ctx,
    pub q: super::handlers::ListQuery,
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
    pub fn status(&self, s: &str) -> &'static str {
        status_label(s)
    }
    pub fn statuses(&self) -> &'static [(&'static str, &'static str)] {
        &STATUSES
    }
    pub fn is(&self, value: &str, option: &str) -> bool {
        value == option
    }
    pub fn is_id(&self, value: &str, id: &i64) -> bool {
        value == id.to_string()
    }
    pub fn filtered(&self) -> bool {
        self.q.has_filters()
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
    pub errors: FieldErrors,
    pub units: Vec<UnitChoice>,
    pub districts: Vec<Choice>,
    pub types: Vec<Choice>,
    pub topics: Vec<Choice>,
    pub elections: Vec<(i64, String)>,
    pub institutions: Vec<InstitutionChoice>,
    pub kinds: Vec<KindChoice>,
    pub action: String,
    pub editing: Option<i64>,
    pub conflict: Option<Conflict>,
}

impl FormPage {
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
    pub fn statuses(&self) -> &'static [(&'static str, &'static str)] {
        &STATUSES
    }
    pub fn attendance(&self) -> &'static [(&'static str, &'static str)] {
        &ATTENDANCE
    }
    pub fn district_in_list(&self) -> bool {
        self.districts
            .iter()
            .any(|d| d.code == self.form.district_code)
    }
    pub fn conflict_when(&self, c: &Conflict) -> String {
        fmt::datetime(c.current.starts_at, crate::regions::tz(&c.current.tz))
    }
    pub fn status(&self, s: &str) -> &'static str {
        status_label(s)
    }
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
        status_label(&self.m.status)
    }
    pub fn attendance(&self, s: &str) -> &'static str {
        attendance_label(s)
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
            .filter(|a| a.attendance == "present")
            .collect()
    }
}

#[derive(Template)]
#[template(path = "meetings/show.html")]
pub struct ShowPage {
    pub ctx: Ctx,
    pub v: MeetingView,
    pub history: Vec<HistoryRow>,
    pub can_edit: bool,
    pub photo_error: Option<String>,
    /// "dikonfirmasi 3 dari 4 lembaga"
    pub badge: String,
    pub disputes: Vec<crate::confirmations::db::DisputeRow>,
    pub commitments: Vec<crate::commitments::db::Row>,
    pub carry: Vec<crate::commitments::db::CarryOver>,
    pub owners: Vec<(i64, String)>,
    pub c_form: crate::commitments::NewForm,
    pub c_errors: FieldErrors,
}

impl ShowPage {
    pub fn c_status(&self, s: &crate::kit::states::CommitmentStatus) -> &'static str {
        s.label()
    }
    pub fn c_due(&self, r: &crate::commitments::db::Row) -> String {
        crate::commitments::due_text(&r.due_on, &r.due_h)
    }
    pub fn date(&self, d: &chrono::NaiveDate) -> String {
        fmt::date(*d)
    }
    pub fn state(&self, s: &str) -> &'static str {
        crate::kit::states::ConfirmationState::label_of(s)
    }
    pub fn is_id(&self, value: &str, id: &i64) -> bool {
        value.trim() == id.to_string()
    }
    pub fn is(&self, a: &str, b: &str) -> bool {
        a == b
    }
    pub fn priorities(&self) -> &'static [(&'static str, &'static str)] {
        use crate::kit::states::Priority;
        static CHOICES: std::sync::LazyLock<Vec<(&str, &str)>> = std::sync::LazyLock::new(|| {
            Priority::ALL
                .iter()
                .map(|p| (p.code(), p.label()))
                .collect()
        });
        &CHOICES
    }
    pub fn at(&self, h: &HistoryRow) -> String {
        fmt::datetime(h.at, self.v.tz())
    }
    pub fn action(&self, a: &str) -> &'static str {
        match a {
            "meeting.create" => "mencatat pertemuan",
            "meeting.update" => "mengubah pertemuan",
            "photo.add" => "menambah foto",
            "confirmation_link.create" => "membuat tautan konfirmasi",
            "confirmation_link.revoke" => "mencabut tautan konfirmasi",
            "confirmation.answer" => "menjawab konfirmasi kehadiran",
            "dispute.respond" => "menanggapi sanggahan",
            "photo.delete" => "menghapus foto",
            _ => "mengubah",
        }
    }
}

#[derive(Template)]
#[template(path = "meetings/report.html")]
pub struct ReportPage {
    pub ctx: Ctx,
    pub v: MeetingView,
    pub commander: String,
}
