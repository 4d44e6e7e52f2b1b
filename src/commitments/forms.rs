//! What the browser sends to the commitment pages, as `String`s, and its parsing into the
//! domain's types: the list's filters, an action on one commitment (urlencoded, or multipart
//! with a photo), and the meeting page's "add a commitment" form.

use axum::extract::FromRequest;
use axum::http::header;
use chrono::NaiveDate;
use serde::Deserialize;

use super::db::Filter;
use crate::AppState;
use crate::error::AppError;
use crate::kit::fields::FieldErrors;
use crate::kit::followups::{self, Calendar, When, WhenInput};
use crate::kit::states::{CommitmentStatus, Priority};
use crate::web::Form;

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct ListQuery {
    pub status: String,
    pub terlambat: String,
    pub eskalasi: String,
    pub pemilik: String,
    pub dalam: String,
    pub pemilihan: String,
    pub sendiri: String,
}

impl ListQuery {
    pub fn to_query(&self) -> String {
        crate::web::query_string(&[
            ("status", &self.status),
            ("terlambat", &self.terlambat),
            ("eskalasi", &self.eskalasi),
            ("pemilik", &self.pemilik),
            ("dalam", &self.dalam),
            ("pemilihan", &self.pemilihan),
            ("sendiri", &self.sendiri),
        ])
    }

    pub fn parse(&self) -> Result<Filter, String> {
        let status = match self.status.trim() {
            "" => None,
            s => Some(CommitmentStatus::parse(s).ok_or("Status tidak dikenal.")?),
        };
        let due_within = match self.dalam.trim() {
            "" => None,
            s => Some(
                s.parse::<i32>()
                    .ok()
                    .filter(|d| (0..=365).contains(d))
                    .ok_or("Jatuh tempo dalam 0–365 hari.")?,
            ),
        };
        let election = match self.pemilihan.trim() {
            "" => None,
            s => Some(s.parse::<i64>().map_err(|_| "Pemilihan tidak dikenal.")?),
        };
        let category = Some(self.pemilik.trim().to_string()).filter(|s| !s.is_empty());
        Ok(Filter {
            status,
            overdue: self.terlambat == "1",
            escalated: self.eskalasi == "1",
            owner_category: category,
            due_within,
            election,
            own: self.sendiri == "1",
        })
    }
}

/// An action on one commitment.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ActForm {
    pub action: String,
    pub body: String,
    pub reason: String,
    pub version: String,
    /// an optional photo with a progress note (multipart forms only)
    #[serde(skip)]
    pub photo: Option<Vec<u8>>,
}

/// The action form, sent urlencoded or (with a photo) as multipart.
pub struct ActInput(pub ActForm);

impl FromRequest<AppState> for ActInput {
    type Rejection = AppError;

    async fn from_request(
        req: axum::extract::Request,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let multipart = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("multipart/form-data"));
        if !multipart {
            let Form(f) = Form::<ActForm>::from_request(req, state).await?;
            return Ok(ActInput(f));
        }
        let mut m = axum::extract::Multipart::from_request(req, state)
            .await
            .map_err(|_| AppError::BadRequest("Isian formulir tidak dapat dibaca.".into()))?;
        let mut f = ActForm::default();
        while let Ok(Some(field)) = m.next_field().await {
            let name = field.name().unwrap_or("").to_string();
            if name == "photo" {
                let bytes = field.bytes().await.map_err(|_| AppError::PayloadTooLarge)?;
                if !bytes.is_empty() {
                    f.photo = Some(bytes.to_vec());
                }
                continue;
            }
            let text = field.text().await.unwrap_or_default().replace('\0', "");
            match name.as_str() {
                "action" => f.action = text,
                "body" => f.body = text,
                "reason" => f.reason = text,
                "version" => f.version = text,
                _ => {}
            }
        }
        Ok(ActInput(f))
    }
}

/// What was typed into the "add a commitment" form on a meeting page.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct NewForm {
    pub what: String,
    pub owner: String,
    pub owner_person: String,
    pub to: String,
    pub due: String,
    /// A standing duty's first day (date or H±n); empty for a single deadline.
    pub from: String,
    /// "Sudah dilaksanakan?" for a due date already past: "ya" or "tidak".
    pub done: String,
    pub priority: String,
}

/// An institution that may own a commitment of a meeting: one at the meeting, or of the host's
/// chain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OwnerChoice {
    pub id: i64,
    pub name: String,
    /// A police unit's institution (its commitments are verified by the one they were made to).
    pub police: bool,
}

/// Why a typed owner is not one of the choices.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OwnerElsewhere {
    Unknown,
    OtherProvince,
    NotAtMeeting,
}

/// What the form is checked against.
pub struct NewContext<'a> {
    pub owners: &'a [OwnerChoice],
    /// For a typed owner that is not among `owners`: why.
    pub elsewhere: Option<OwnerElsewhere>,
    pub voting_day: Option<NaiveDate>,
    pub meeting_day: NaiveDate,
    /// The day it is recorded, in the meeting's zone.
    pub today: NaiveDate,
}

/// A new commitment, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckedCommitment {
    pub what: String,
    pub owner_institution_id: i64,
    pub owner_person: String,
    /// Only for commitments the police own: the institution that verifies them.
    pub to_institution_id: Option<i64>,
    pub when: When,
    pub priority: Priority,
}

impl NewForm {
    /// The typed owner id, if it is a number.
    pub fn owner_id(&self) -> Option<i64> {
        self.owner.trim().parse().ok()
    }

    /// The form checked against the meeting; every bad field gets its message (field names
    /// `c_what`, `c_owner`, `c_to`, `c_owner_person`, `c_priority`, `c_from`, `c_due`, `c_done`).
    pub fn parse(&self, cx: &NewContext<'_>) -> Result<CheckedCommitment, FieldErrors> {
        let mut e = FieldErrors::default();
        let what = self.what.trim();
        let n = what.chars().count();
        if n < 3 {
            e.add(
                "c_what",
                "Tuliskan apa yang dijanjikan (minimal 3 karakter).",
            );
        } else if n > 1000 {
            e.add(
                "c_what",
                format!("Terlalu panjang: {n} karakter, paling banyak 1000."),
            );
        }
        let owner = self.owner(cx, &mut e);
        let to = match self.to.trim() {
            "" => None,
            s => {
                let t = s
                    .parse::<i64>()
                    .ok()
                    .filter(|t| cx.owners.iter().any(|o| o.id == *t));
                if t.is_none() {
                    e.add("c_to", "Pilih lembaga yang hadir di pertemuan ini.");
                }
                t
            }
        };
        let owner_person = self.owner_person.trim();
        if owner_person.chars().count() > 120 {
            e.add("c_owner_person", "Nama paling banyak 120 karakter.");
        }
        let priority = match self.priority.trim() {
            "" => Some(Priority::Normal),
            p => Priority::parse(p),
        };
        if priority.is_none() {
            e.add("c_priority", "Prioritas tidak dikenal.");
        }
        let cal = Calendar {
            voting_day: cx.voting_day,
            meeting_day: cx.meeting_day,
            today: cx.today,
        };
        let input = WhenInput {
            starts: &self.from,
            due: &self.due,
            done: &self.done,
        };
        let when = followups::parse_when(&input, &cal, "c_", &mut e);
        match (owner, when, priority) {
            (Some(owner), Some(when), Some(priority)) if e.is_empty() => Ok(CheckedCommitment {
                what: what.to_string(),
                owner_institution_id: owner.id,
                owner_person: owner_person.to_string(),
                to_institution_id: to.filter(|_| owner.police),
                when,
                priority,
            }),
            _ => Err(e),
        }
    }

    fn owner<'a>(&self, cx: &NewContext<'a>, e: &mut FieldErrors) -> Option<&'a OwnerChoice> {
        let Some(id) = self.owner_id() else {
            e.add("c_owner", "Pilih lembaga pemilik tindak lanjut.");
            return None;
        };
        let found = cx.owners.iter().find(|o| o.id == id);
        if found.is_none() {
            e.add(
                "c_owner",
                match cx.elsewhere {
                    Some(OwnerElsewhere::Unknown) => "Lembaga tidak dikenal.",
                    Some(OwnerElsewhere::OtherProvince) => "Lembaga ini berada di provinsi lain.",
                    _ => "Pilih lembaga yang hadir di pertemuan ini.",
                },
            );
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    fn owners() -> Vec<OwnerChoice> {
        vec![
            OwnerChoice {
                id: 1,
                name: "PPK".into(),
                police: false,
            },
            OwnerChoice {
                id: 2,
                name: "Polsek".into(),
                police: true,
            },
        ]
    }

    fn form(owner: &str, to: &str) -> NewForm {
        NewForm {
            what: "Patroli gudang logistik".into(),
            owner: owner.into(),
            to: to.into(),
            due: "H-3".into(),
            ..NewForm::default()
        }
    }

    #[test]
    fn a_good_form_becomes_a_commitment_and_only_police_promises_keep_their_counterpart() {
        let owners = owners();
        let cx = NewContext {
            owners: &owners,
            elsewhere: None,
            voting_day: Some(d(2024, 11, 27)),
            meeting_day: d(2024, 10, 26),
            today: d(2024, 10, 26),
        };
        let police = form("2", "1").parse(&cx).expect("valid");
        assert_eq!(police.to_institution_id, Some(1));
        assert_eq!(police.priority, Priority::Normal);
        assert_eq!(police.when.due.on, d(2024, 11, 24));
        let ppk = form("1", "2").parse(&cx).expect("valid");
        assert_eq!(
            ppk.to_institution_id, None,
            "the host verifies other bodies' work"
        );
    }

    #[test]
    fn every_bad_field_gets_its_own_message() {
        let owners = owners();
        let cx = NewContext {
            owners: &owners,
            elsewhere: Some(OwnerElsewhere::OtherProvince),
            voting_day: None,
            meeting_day: d(2024, 10, 26),
            today: d(2024, 10, 26),
        };
        let bad = NewForm {
            what: "ab".into(),
            owner: "77".into(),
            owner_person: "x".repeat(121),
            to: "99".into(),
            due: "H-3".into(),
            priority: "urgent".into(),
            ..NewForm::default()
        };
        let e = bad.parse(&cx).expect_err("invalid");
        for field in [
            "c_what",
            "c_owner",
            "c_to",
            "c_owner_person",
            "c_priority",
            "c_due",
        ] {
            assert!(e.has(field), "{field}");
        }
        assert_eq!(
            e.get("c_owner"),
            Some("Lembaga ini berada di provinsi lain.")
        );
        let none = form("", "").parse(&cx).expect_err("no owner");
        assert_eq!(
            none.get("c_owner"),
            Some("Pilih lembaga pemilik tindak lanjut.")
        );
    }
}
