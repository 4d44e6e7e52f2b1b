//! The attendee rows: each non-blank row becomes a `NewAttendee`, or messages at `a{i}.{field}`.

use super::header::text;
use super::{FieldErrors, INLINE_KINDS, InstitutionRef, Lookups, NewAttendee};
use crate::kit::states::Attendance;
use crate::meetings::forms::{AttendeeInput, MeetingForm};

/// Every non-blank attendee row, parsed.
pub(super) fn parse_all(
    form: &MeetingForm,
    l: &Lookups<'_>,
    e: &mut FieldErrors,
) -> Vec<NewAttendee> {
    form.attendees()
        .iter()
        .enumerate()
        .filter(|(_, row)| !row.is_blank())
        .filter_map(|(i, row)| parse_row(i, row, l, e))
        .collect()
}

fn parse_row(
    i: usize,
    row: &AttendeeInput,
    l: &Lookups<'_>,
    e: &mut FieldErrors,
) -> Option<NewAttendee> {
    let f = |name: &str| format!("a{i}.{name}");
    let before = e.len();
    let id = line_id(row, l, &f("institution"), e);
    let institution = institution(row, l, &f, e);
    let person_name = text(e, &f("name"), &row.name, 0, 120, "Nama");
    let position = text(e, &f("position"), &row.position, 0, 160, "Jabatan");
    let rank = text(e, &f("rank"), &row.rank, 0, 40, "Pangkat");
    let represents = text(e, &f("represents"), &row.represents, 0, 160, "Mewakili");
    let members = members(&row.members, &f("members"), e);
    let phone = super::parse_phone(&row.phone).unwrap_or_else(|m| {
        e.add(f("phone"), m);
        None
    });
    let attendance = attendance(&row.attendance, &f("attendance"), e);
    let asks_confirmation = match row.confirm.trim() {
        "" => None,
        "ya" => Some(true),
        "tidak" => Some(false),
        _ => {
            e.add(f("confirm"), "Pilih apakah lembaga ini diminta konfirmasi.");
            None
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
        attendance,
        asks_confirmation,
    })
}

/// The stored line this row edits, which must belong to the meeting being edited.
fn line_id(row: &AttendeeInput, l: &Lookups<'_>, field: &str, e: &mut FieldErrors) -> Option<i64> {
    match row.id.trim() {
        "" => None,
        s => match s.parse::<i64>() {
            Ok(id) if l.attendee_ids.contains(&id) => Some(id),
            _ => {
                e.add(field, "Baris peserta ini bukan milik pertemuan ini.");
                None
            }
        },
    }
}

/// An institution from the list (of the meeting's province or national), the Camat or Koramil of
/// a kecamatan in the officer's area, or a new one typed in.
fn institution(
    row: &AttendeeInput,
    l: &Lookups<'_>,
    f: &dyn Fn(&str) -> String,
    e: &mut FieldErrors,
) -> Option<InstitutionRef> {
    let chosen = row.institution.trim();
    if chosen.is_empty() || chosen == "new" {
        return new_institution(row, f, e);
    }
    if let Some((body, code)) = crate::regions::bodies::parse_value(chosen) {
        return match l.local_districts.get(&code) {
            Some(district) => Some(InstitutionRef::Local {
                body,
                code,
                district: district.clone(),
            }),
            None => {
                e.add(
                    f("institution"),
                    "Kecamatan lembaga ini di luar wilayah satuan Anda.",
                );
                None
            }
        };
    }
    let Some((id, region)) = chosen
        .parse::<i64>()
        .ok()
        .and_then(|id| l.institutions.get(&id).map(|r| (id, r)))
    else {
        e.add(f("institution"), "Lembaga tidak dikenal.");
        return None;
    };
    let same_province = match (region, l.district) {
        (Some(code), Some(d)) => code.get(..2) == Some(d.province.as_str()),
        _ => true,
    };
    if same_province {
        Some(InstitutionRef::Existing(id))
    } else {
        e.add(f("institution"), "Lembaga ini berada di provinsi lain.");
        None
    }
}

fn new_institution(
    row: &AttendeeInput,
    f: &dyn Fn(&str) -> String,
    e: &mut FieldErrors,
) -> Option<InstitutionRef> {
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

fn members(s: &str, field: &str, e: &mut FieldErrors) -> i32 {
    match s.trim() {
        "" => 0,
        s => match s.parse::<i32>() {
            Ok(n) if (0..=10000).contains(&n) => n,
            _ => {
                e.add(field, "Jumlah anggota 0 sampai 10000.");
                0
            }
        },
    }
}

fn attendance(s: &str, field: &str, e: &mut FieldErrors) -> Attendance {
    match s.trim() {
        "" => Attendance::Present,
        s => Attendance::parse(s).unwrap_or_else(|| {
            e.add(field, "Status kehadiran tidak dikenal.");
            Attendance::Present
        }),
    }
}
