//! The meeting page's template struct, with the formatting its template needs.

use std::fmt::Display;

use askama::Template;
use chrono::NaiveDate;

use crate::commitments::NewForm;
use crate::kit::fields::FieldErrors;
use crate::kit::states::{CommitmentStatus, Priority};
use crate::meetings::MeetingView;
use crate::meetings::db::HistoryRow;
use crate::web::{Ctx, fmt};

/// An institution that may own a follow-up of the meeting.
#[derive(Clone)]
pub struct Owner {
    pub id: i64,
    pub name: String,
}

/// An open follow-up from an earlier meeting with the same institutions.
#[derive(Clone, serde::Deserialize)]
pub struct Carried {
    pub id: i64,
    pub what: String,
    pub owner_name: String,
    pub due_on: NaiveDate,
    pub status: CommitmentStatus,
}

#[derive(Template)]
#[template(path = "pages/meeting.html")]
pub struct MeetingPage {
    pub ctx: Ctx,
    pub v: MeetingView,
    pub history: Vec<HistoryRow>,
    pub can_edit: bool,
    pub photo_error: Option<String>,
    /// "dikonfirmasi 3 dari 4 lembaga"
    pub badge: String,
    pub sanggahan: Vec<crate::confirmations::db::DisputeRow>,
    pub commitments: Vec<crate::commitments::db::Row>,
    pub carry: Vec<Carried>,
    pub owners: Vec<Owner>,
    pub c_form: NewForm,
    pub c_errors: FieldErrors,
    /// "Pertemuan tersimpan dengan 3 tindak lanjut." right after the form saved it.
    pub saved: Option<String>,
}

impl MeetingPage {
    /// The label of a commitment status, given as its code or its value.
    pub fn c_status(&self, s: impl Display) -> &'static str {
        CommitmentStatus::label_of(&s.to_string())
    }
    pub fn c_due(&self, r: &crate::commitments::db::Row) -> String {
        crate::kit::followups::when_text(r.starts_on, r.due_on, r.due_h)
    }
    pub fn date(&self, d: &NaiveDate) -> String {
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
    pub fn priorities(&self) -> &'static [Priority] {
        Priority::ALL
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
