//! The meeting's own fields, one named step each: host, tags, texts, duration, district, time,
//! coordinates, status, election.

use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

use super::{District, FieldErrors, Lookups};
use crate::elections;
use crate::kit::states::MeetingStatus;
use crate::meetings::forms::MeetingForm;

/// Trimmed text of `min..=max` characters; a message at `field` otherwise.
pub(super) fn text(
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

/// The free-text fields of a meeting.
pub(super) struct Texts {
    pub title: String,
    pub purpose: String,
    pub venue_name: String,
    pub venue_address: String,
    pub minutes: String,
    pub outcome: String,
    pub cancel_reason: String,
}

impl Texts {
    pub fn parse(f: &MeetingForm, e: &mut FieldErrors) -> Self {
        Texts {
            title: text(e, "title", &f.title, 3, 200, "Judul"),
            purpose: text(e, "purpose", &f.purpose, 0, 2000, "Maksud dan tujuan"),
            venue_name: text(e, "venue_name", &f.venue_name, 2, 200, "Nama tempat"),
            venue_address: text(e, "venue_address", &f.venue_address, 0, 500, "Alamat"),
            minutes: text(e, "minutes", &f.minutes, 0, 20000, "Notulen"),
            outcome: text(e, "outcome", &f.outcome, 0, 5000, "Hasil"),
            cancel_reason: text(
                e,
                "cancel_reason",
                &f.cancel_reason,
                0,
                1000,
                "Alasan pembatalan",
            ),
        }
    }
}

/// The host unit, one the officer may log for.
pub(super) fn host_unit(form: &MeetingForm, l: &Lookups<'_>, e: &mut FieldErrors) -> i64 {
    match form.host_unit_id.trim().parse::<i64>() {
        Ok(id) if l.writable_units.iter().any(|u| u.id == id) => id,
        _ => {
            e.add("host_unit_id", "Pilih satuan penyelenggara dari daftar.");
            0
        }
    }
}

/// The known codes among `sent`, once each; `unknown` at `field` for any other.
pub(super) fn codes(
    sent: &[String],
    known: &[String],
    field: &str,
    unknown: &str,
    e: &mut FieldErrors,
) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in sent {
        if !known.contains(t) {
            e.add(field, unknown);
        } else if !out.contains(t) {
            out.push(t.clone());
        }
    }
    out
}

pub(super) fn duration(s: &str, e: &mut FieldErrors) -> i32 {
    match s.trim() {
        "" => 120,
        s => match s.parse::<i32>() {
            Ok(n) if (5..=1440).contains(&n) => n,
            _ => {
                e.add("duration", "Durasi 5 sampai 1440 menit.");
                120
            }
        },
    }
}

/// The district's code, found by the lookups; a message when it is missing or unknown.
pub(super) fn district(form: &MeetingForm, d: Option<&District>, e: &mut FieldErrors) -> String {
    if let Some(d) = d {
        return d.code.clone();
    }
    if form.district_other.trim().is_empty() && form.district_code.trim().is_empty() {
        e.add("district_code", "Pilih kecamatan tempat kegiatan.");
    } else {
        e.add(
            "district_code",
            "Kode kecamatan tidak dikenal (contoh 14.05.10).",
        );
    }
    String::new()
}

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

/// When it starts; date and time are checked apart, so the officer sees every problem at once
/// (also without a district).
pub(super) fn starts_at(
    form: &MeetingForm,
    d: Option<&District>,
    e: &mut FieldErrors,
) -> Option<DateTime<Utc>> {
    let tz = d.map_or(chrono_tz::Asia::Jakarta, |d| d.tz);
    let date_ok = match parse_local(&form.date, "12:00", tz) {
        Ok(_) => true,
        Err((field, msg)) => {
            e.add(field, msg);
            false
        }
    };
    let time_ok = match parse_local("2024-01-01", &form.time, chrono_tz::UTC) {
        Ok(_) => true,
        Err((field, msg)) => {
            e.add(field, msg);
            false
        }
    };
    if !(date_ok && time_ok) {
        return None;
    }
    match parse_local(&form.date, &form.time, tz) {
        Ok(t) => d.map(|_| t),
        Err((field, msg)) => {
            e.add(field, msg);
            None
        }
    }
}

pub(super) fn coordinates(form: &MeetingForm, e: &mut FieldErrors) -> Option<(f64, f64)> {
    match (form.latitude.trim(), form.longitude.trim()) {
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
    }
}

/// The status (held when not given); a cancelled meeting needs its reason.
pub(super) fn status(code: &str, cancel_reason: &str, e: &mut FieldErrors) -> MeetingStatus {
    let status = match code.trim() {
        "" => MeetingStatus::Held,
        c => MeetingStatus::parse(c).unwrap_or_else(|| {
            e.add("status", "Status tidak dikenal.");
            MeetingStatus::Held
        }),
    };
    if status == MeetingStatus::Cancelled && cancel_reason.is_empty() {
        e.add("cancel_reason", "Tuliskan alasan pembatalan.");
    }
    status
}

/// The election and stage: derived from place and date ("auto"), none, or one chosen.
pub(super) fn election(
    form: &MeetingForm,
    l: &Lookups<'_>,
    starts_at: Option<DateTime<Utc>>,
    e: &mut FieldErrors,
) -> (Option<i64>, Option<i32>) {
    let (Some(d), Some(at)) = (l.district, starts_at) else {
        return (None, None);
    };
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
            Some(el) => {
                let date = elections::local_date(at, d.tz);
                (Some(el.id), el.stage_on(date).map(|s| s.ordinal))
            }
            None => {
                e.add("election", "Pemilihan tidak dikenal.");
                (None, None)
            }
        },
    }
}
