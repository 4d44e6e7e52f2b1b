//! Parse, don't validate: a `MeetingForm` of strings becomes a `NewMeeting` whose every field is
//! known good, or a set of messages keyed by field name ("title", "a2.members" …) to show next
//! to the inputs. Lookups from the database are gathered first, so this stays a pure function.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

use super::forms::{AttendeeInput, MeetingForm};
use crate::elections::{self, Election};

pub use crate::kit::fields::FieldErrors;

#[derive(Clone, Debug)]
pub struct District {
    pub code: String,
    pub name: String,
    pub tz: Tz,
    pub province: String,
}

pub const STATUSES: [(&str, &str); 4] = [
    ("planned", "Direncanakan"),
    ("held", "Terlaksana"),
    ("reported", "Dilaporkan"),
    ("cancelled", "Dibatalkan"),
];

pub const ATTENDANCE: [(&str, &str); 3] = [
    ("present", "Hadir"),
    ("invited", "Diundang"),
    ("absent", "Tidak hadir"),
];

/// Kinds an officer may add inline; the election bodies are derived, never typed.
pub const INLINE_KINDS: [&str; 22] = [
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
];

pub struct Lookups<'a> {
    /// Units the officer may log for: (id, path).
    pub writable_units: &'a [(i64, Vec<i64>)],
    pub types: &'a [String],
    pub topics: &'a [String],
    pub elections: &'a [Election],
    pub district: Option<&'a District>,
    /// Region code (None: national) of each institution id the form names.
    pub institutions: &'a HashMap<i64, Option<String>>,
    /// Attendee ids that belong to the meeting being edited.
    pub attendee_ids: &'a [i64],
}

#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub enum InstitutionRef {
    Existing(i64),
    New { kind: String, name: String },
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
    pub attendance: String,
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
    pub status: String,
    pub cancel_reason: String,
    pub attendees: Vec<NewAttendee>,
}

fn text(
    errors: &mut FieldErrors,
    field: &str,
    value: &str,
    min: usize,
    max: usize,
    label: &str,
) -> String {
    let v = value.trim().to_string();
    let n = v.chars().count();
    if n < min {
        if min <= 1 {
            errors.add(field, format!("{label} wajib diisi."));
        } else {
            errors.add(field, format!("{label} minimal {min} karakter."));
        }
    } else if n > max {
        errors.add(
            field,
            format!("{label} terlalu panjang: {n} karakter, paling banyak {max}."),
        );
    }
    v
}

pub use crate::kit::fields::phone as parse_phone;

/// The district's date and time as typed, in the district's zone.
pub fn parse_local(
    date: &str,
    time: &str,
    tz: Tz,
) -> Result<DateTime<Utc>, (&'static str, &'static str)> {
    let d = NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d")
        .map_err(|_| ("date", "Tanggal tidak valid (contoh 2024-11-20)."))?;
    if !(2000..=2100).contains(&chrono::Datelike::year(&d)) {
        return Err(("date", "Tahun harus antara 2000 dan 2100."));
    }
    let t = NaiveTime::parse_from_str(time.trim(), "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(time.trim(), "%H.%M"))
        .map_err(|_| ("time", "Jam tidak valid (contoh 19:30)."))?;
    tz.from_local_datetime(&d.and_time(t))
        .single()
        .map(|dt| dt.with_timezone(&Utc))
        .ok_or(("time", "Jam tidak valid di zona waktu tempat ini."))
}

pub fn parse(form: &MeetingForm, l: &Lookups<'_>) -> Result<NewMeeting, FieldErrors> {
    let mut e = FieldErrors::default();

    let host_unit_id = match form.host_unit_id.trim().parse::<i64>() {
        Ok(id) if l.writable_units.iter().any(|(u, _)| *u == id) => id,
        _ => {
            e.add("host_unit_id", "Pilih satuan penyelenggara dari daftar.");
            0
        }
    };
    let mut types = Vec::new();
    for t in &form.types {
        if l.types.contains(t) {
            if !types.contains(t) {
                types.push(t.clone());
            }
        } else {
            e.add("type", "Jenis kegiatan tidak dikenal.");
        }
    }
    if types.is_empty() {
        e.add("type", "Pilih sedikitnya satu jenis kegiatan.");
    }
    let mut topics = Vec::new();
    for t in &form.topics {
        if l.topics.contains(t) {
            if !topics.contains(t) {
                topics.push(t.clone());
            }
        } else {
            e.add("topic", "Topik tidak dikenal.");
        }
    }
    let title = text(&mut e, "title", &form.title, 3, 200, "Judul");
    let purpose = text(
        &mut e,
        "purpose",
        &form.purpose,
        0,
        2000,
        "Maksud dan tujuan",
    );
    let venue_name = text(
        &mut e,
        "venue_name",
        &form.venue_name,
        2,
        200,
        "Nama tempat",
    );
    let venue_address = text(
        &mut e,
        "venue_address",
        &form.venue_address,
        0,
        500,
        "Alamat",
    );
    let minutes = text(&mut e, "minutes", &form.minutes, 0, 20000, "Notulen");
    let outcome = text(&mut e, "outcome", &form.outcome, 0, 5000, "Hasil");
    let cancel_reason = text(
        &mut e,
        "cancel_reason",
        &form.cancel_reason,
        0,
        1000,
        "Alasan pembatalan",
    );

    let duration_minutes = match form.duration.trim() {
        "" => 120,
        s => match s.parse::<i32>() {
            Ok(n) if (5..=1440).contains(&n) => n,
            _ => {
                e.add("duration", "Durasi 5 sampai 1440 menit.");
                120
            }
        },
    };

    let district_code = l.district.map(|d| d.code.clone()).unwrap_or_default();
    if l.district.is_none() {
        if form.district_other.trim().is_empty() && form.district_code.trim().is_empty() {
            e.add("district_code", "Pilih kecamatan tempat kegiatan.");
        } else {
            e.add(
                "district_code",
                "Kode kecamatan tidak dikenal (contoh 14.05.10).",
            );
        }
    }

    let starts_at = match l.district {
        Some(d) => match parse_local(&form.date, &form.time, d.tz) {
            Ok(t) => Some(t),
            Err((field, msg)) => {
                e.add(field, msg);
                None
            }
        },
        None => {
            // still check the shape so the officer sees every problem at once
            if let Err((field, msg)) = parse_local(&form.date, &form.time, chrono_tz::Asia::Jakarta)
            {
                e.add(field, msg);
            }
            None
        }
    };

    let coordinates = match (form.latitude.trim(), form.longitude.trim()) {
        ("", "") => None,
        (la, lo) => match (la.parse::<f64>(), lo.parse::<f64>()) {
            (Ok(la), Ok(lo)) if (-12.0..=7.0).contains(&la) && (94.0..=142.0).contains(&lo) => {
                Some((la, lo))
            }
            _ => {
                e.add("latitude", "Koordinat di luar wilayah Indonesia.");
                None
            }
        },
    };

    let status = form.status.trim();
    let status = if status.is_empty() { "held" } else { status };
    if !STATUSES.iter().any(|(s, _)| *s == status) {
        e.add("status", "Status tidak dikenal.");
    }
    if status == "cancelled" && cancel_reason.is_empty() {
        e.add("cancel_reason", "Tuliskan alasan pembatalan.");
    }

    let (election_id, stage_id_ordinal) = match (l.district, starts_at) {
        (Some(d), Some(at)) => {
            let date = elections::local_date(at, d.tz);
            match form.election.trim() {
                "" | "auto" => match elections::stage_at(l.elections, &d.code, at, d.tz) {
                    Some((el, st)) => (Some(el.id), Some(st.ordinal)),
                    None => (None, None),
                },
                "none" => (None, None),
                other => match other
                    .parse::<i64>()
                    .ok()
                    .and_then(|id| l.elections.iter().find(|el| el.id == id))
                {
                    Some(el) => (Some(el.id), el.stage_on(date).map(|s| s.ordinal)),
                    None => {
                        e.add("election", "Pemilihan tidak dikenal.");
                        (None, None)
                    }
                },
            }
        }
        _ => (None, None),
    };

    let mut attendees = Vec::new();
    for (i, row) in form.attendees().iter().enumerate() {
        if row.is_blank() {
            continue;
        }
        if let Some(a) = parse_attendee(i, row, l, &mut e) {
            attendees.push(a);
        }
    }

    if e.is_empty()
        && let Some(starts_at) = starts_at
    {
        Ok(NewMeeting {
            host_unit_id,
            types,
            title,
            purpose,
            starts_at,
            duration_minutes,
            venue_name,
            venue_address,
            district_code,
            coordinates,
            election_id,
            stage_id_ordinal,
            topics,
            minutes,
            outcome,
            status: status.to_string(),
            cancel_reason,
            attendees,
        })
    } else {
        Err(e)
    }
}

fn parse_attendee(
    i: usize,
    row: &AttendeeInput,
    l: &Lookups<'_>,
    e: &mut FieldErrors,
) -> Option<NewAttendee> {
    let f = |name: &str| format!("a{i}.{name}");
    let before = e.len();
    let id = match row.id.trim() {
        "" => None,
        s => match s.parse::<i64>() {
            Ok(id) if l.attendee_ids.contains(&id) => Some(id),
            _ => {
                e.add(
                    f("institution"),
                    "Baris peserta ini bukan milik pertemuan ini.",
                );
                None
            }
        },
    };
    let institution = match row.institution.trim() {
        "" | "new" => {
            let name = row.new_name.trim();
            let kind = row.new_kind.trim();
            if name.chars().count() < 2 || name.chars().count() > 200 {
                e.add(
                    f("institution"),
                    "Pilih lembaga dari daftar, atau tulis nama lembaga baru (2–200 karakter).",
                );
                None
            } else if !INLINE_KINDS.contains(&kind) {
                e.add(f("new_kind"), "Pilih jenis lembaga baru.");
                None
            } else {
                Some(InstitutionRef::New {
                    kind: kind.to_string(),
                    name: name.to_string(),
                })
            }
        }
        s => match s
            .parse::<i64>()
            .ok()
            .and_then(|id| l.institutions.get(&id).map(|r| (id, r)))
        {
            Some((id, region)) => {
                let same_province = match (region, l.district) {
                    (None, _) => true,
                    (Some(code), Some(d)) => code.get(..2) == Some(d.province.as_str()),
                    (Some(_), None) => true,
                };
                if same_province {
                    Some(InstitutionRef::Existing(id))
                } else {
                    e.add(f("institution"), "Lembaga ini berada di provinsi lain.");
                    None
                }
            }
            None => {
                e.add(f("institution"), "Lembaga tidak dikenal.");
                None
            }
        },
    };
    let person_name = text(e, &f("name"), &row.name, 0, 120, "Nama");
    let position = text(e, &f("position"), &row.position, 0, 160, "Jabatan");
    let rank = text(e, &f("rank"), &row.rank, 0, 40, "Pangkat");
    let represents = text(e, &f("represents"), &row.represents, 0, 160, "Mewakili");
    let members = match row.members.trim() {
        "" => 0,
        s => match s.parse::<i32>() {
            Ok(n) if (0..=10000).contains(&n) => n,
            _ => {
                e.add(f("members"), "Jumlah anggota 0 sampai 10000.");
                0
            }
        },
    };
    let phone = parse_phone(&row.phone).unwrap_or_else(|m| {
        e.add(f("phone"), m);
        None
    });
    let attendance = match row.attendance.trim() {
        "" => "present",
        s if ATTENDANCE.iter().any(|(a, _)| *a == s) => s,
        _ => {
            e.add(f("attendance"), "Status kehadiran tidak dikenal.");
            "present"
        }
    };
    let institution = institution.filter(|_| e.len() == before)?;
    Some(NewAttendee {
        id,
        institution,
        person_name,
        position,
        rank,
        members,
        represents,
        phone,
        attendance: attendance.to_string(),
    })
}

#[cfg(test)]
mod tests;
