//! Parse, don't validate: a `MeetingForm` of strings becomes a `NewMeeting` whose every field is
//! known good, or a set of messages keyed by field name ("title", "a2.members" …) to show next
//! to the inputs. Lookups from the database are gathered first, so this stays a pure function.

mod attendee;
mod commitment;
mod header;

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::forms::MeetingForm;
use crate::elections::Election;
use crate::kit::states::{Attendance, MeetingStatus};
use crate::regions::bodies::LocalBody;

pub use crate::kit::fields::FieldErrors;
pub use crate::kit::fields::phone as parse_phone;
pub use header::parse_local;

#[derive(Clone, Debug)]
pub struct District {
    pub code: String,
    pub name: String,
    pub tz: Tz,
    pub province: String,
}

/// Kinds an officer may add inline; the election bodies are derived, never typed.
pub const INLINE_KINDS: [&str; 26] = [
    "kodam",
    "korem",
    "kodim",
    "koramil",
    "pemprov",
    "pemkab",
    "pemkot",
    "kecamatan",
    "desa",
    "satpol_pp",
    "linmas",
    "bpbd",
    "dishub",
    "kesbangpol",
    "forkopimda",
    "forkopimcam",
    "kejaksaan",
    "partai",
    "paslon",
    "tim_kampanye",
    "fkub",
    "ormas",
    "tokoh_agama",
    "tokoh_masyarakat",
    "tokoh_adat",
    "tokoh_pemuda",
];

/// A unit an officer may log for, with its path (for the scope of what it hosts).
pub struct WritableUnit {
    pub id: i64,
    pub path: Vec<i64>,
}

pub struct Lookups<'a> {
    /// Units the officer may log for.
    pub writable_units: &'a [WritableUnit],
    pub types: &'a [String],
    pub topics: &'a [String],
    pub elections: &'a [Election],
    pub district: Option<&'a District>,
    /// Region code (None: national) of each institution id the form names.
    pub institutions: &'a HashMap<i64, Option<String>>,
    /// Attendee ids that belong to the meeting being edited.
    pub attendee_ids: &'a [i64],
    /// The institution of each police unit the officer may log for (a follow-up's host owner).
    pub unit_institutions: &'a HashMap<i64, i64>,
    /// The officer's today, on the meeting's calendar (for follow-ups recorded late).
    pub today: chrono::NaiveDate,
    /// Kecamatan (code → name) whose Camat or Koramil the form names and that lie in the
    /// officer's area.
    pub local_districts: &'a HashMap<String, String>,
}

#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub enum InstitutionRef {
    Existing(i64),
    New {
        kind: String,
        name: String,
    },
    /// The Camat or Koramil of a kecamatan, made on first use.
    Local {
        body: LocalBody,
        code: String,
        district: String,
    },
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct NewAttendee {
    pub id: Option<i64>,
    pub institution: InstitutionRef,
    pub person_name: String,
    pub position: String,
    pub rank: String,
    pub members: i32,
    pub represents: String,
    pub phone: Option<String>,
    pub attendance: Attendance,
    /// Whether the line is asked to confirm; `None`: as its institution's kind says (official
    /// bodies yes, individuals no).
    pub asks_confirmation: Option<bool>,
}

/// A follow-up typed into the meeting form: owned by an institution at the meeting (or the host).
#[derive(Clone, Debug, serde::Serialize)]
pub struct NewFollowUp {
    pub owner_institution_id: i64,
    pub what: String,
    pub starts_on: Option<chrono::NaiveDate>,
    pub due_on: chrono::NaiveDate,
    pub due_h: Option<i32>,
    #[serde(skip)]
    pub late: crate::kit::followups::Late,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct NewMeeting {
    pub host_unit_id: i64,
    pub types: Vec<String>,
    pub title: String,
    pub purpose: String,
    pub starts_at: DateTime<Utc>,
    pub duration_minutes: i32,
    pub venue_name: String,
    pub venue_address: String,
    pub district_code: String,
    pub coordinates: Option<(f64, f64)>,
    pub election_id: Option<i64>,
    pub stage_id_ordinal: Option<i32>,
    pub topics: Vec<String>,
    pub minutes: String,
    pub outcome: String,
    pub status: MeetingStatus,
    pub cancel_reason: String,
    pub attendees: Vec<NewAttendee>,
    pub commitments: Vec<NewFollowUp>,
}

impl NewMeeting {
    /// The meeting as its audit entry keeps it: attendees' phone numbers masked as every page
    /// shows them (UU PDP: no more personal data than needed).
    pub fn for_audit(&self) -> Option<serde_json::Value> {
        let mut m = self.clone();
        for a in &mut m.attendees {
            a.phone = a.phone.as_deref().map(crate::web::fmt::mask_phone);
        }
        serde_json::to_value(&m).ok()
    }
}

/// The form as a `NewMeeting`, or every problem at its field.
pub fn parse(form: &MeetingForm, l: &Lookups<'_>) -> Result<NewMeeting, FieldErrors> {
    let mut e = FieldErrors::default();
    let host_unit_id = header::host_unit(form, l, &mut e);
    let types = header::codes(
        &form.types,
        l.types,
        "type",
        "Jenis kegiatan tidak dikenal.",
        &mut e,
    );
    if types.is_empty() {
        e.add("type", "Pilih sedikitnya satu jenis kegiatan.");
    }
    let topics = header::codes(
        &form.topics,
        l.topics,
        "topic",
        "Topik tidak dikenal.",
        &mut e,
    );
    let t = header::Texts::parse(form, &mut e);
    let duration_minutes = header::duration(&form.duration, &mut e);
    let district_code = header::district(form, l.district, &mut e);
    let starts_at = header::starts_at(form, l.district, &mut e);
    let coordinates = header::coordinates(form, &mut e);
    let status = header::status(&form.status, &t.cancel_reason, &mut e);
    let (election_id, stage_id_ordinal) = header::election(form, l, starts_at, &mut e);
    let attendees = attendee::parse_all(form, l, &mut e);
    let commitments = commitment::parse_all(
        form,
        l,
        &commitment::Meeting {
            host_unit_id,
            starts_at,
            election_id,
            attendees: &attendees,
        },
        &mut e,
    );
    match starts_at {
        Some(starts_at) if e.is_empty() => Ok(NewMeeting {
            host_unit_id,
            types,
            title: t.title,
            purpose: t.purpose,
            starts_at,
            duration_minutes,
            venue_name: t.venue_name,
            venue_address: t.venue_address,
            district_code,
            coordinates,
            election_id,
            stage_id_ordinal,
            topics,
            minutes: t.minutes,
            outcome: t.outcome,
            status,
            cancel_reason: t.cancel_reason,
            attendees,
            commitments,
        }),
        _ => Err(e),
    }
}

#[cfg(test)]
mod tests;
