//! The follow-up rows of the meeting form: each non-blank row becomes a `NewFollowUp`, or
//! messages at `c{i}.{field}` (owner, what, from, due, done).

use chrono::{DateTime, Utc};

use super::{FieldErrors, InstitutionRef, Lookups, NewAttendee, NewFollowUp};
use crate::kit::followups::{self, Calendar, WhenInput};
use crate::meetings::forms::{CommitmentInput, MeetingForm};

/// What the rows are checked against: the meeting as parsed so far.
pub(super) struct Meeting<'a> {
    pub host_unit_id: i64,
    pub starts_at: Option<DateTime<Utc>>,
    pub election_id: Option<i64>,
    pub attendees: &'a [NewAttendee],
}

/// Every non-blank follow-up row, parsed.
pub(super) fn parse_all(
    form: &MeetingForm,
    l: &Lookups<'_>,
    m: &Meeting<'_>,
    e: &mut FieldErrors,
) -> Vec<NewFollowUp> {
    let tz = l.district.map_or(chrono_tz::Asia::Jakarta, |d| d.tz);
    let calendar = m.starts_at.map(|at| Calendar {
        voting_day: m
            .election_id
            .and_then(|id| l.elections.iter().find(|x| x.id == id))
            .map(|x| x.voting_day),
        meeting_day: at.with_timezone(&tz).date_naive(),
        today: l.today,
    });
    form.commitments()
        .iter()
        .enumerate()
        .filter(|(_, row)| !row.is_blank())
        .filter_map(|(i, row)| parse_row(i, row, l, m, calendar.as_ref(), e))
        .collect()
}

fn parse_row(
    i: usize,
    row: &CommitmentInput,
    l: &Lookups<'_>,
    m: &Meeting<'_>,
    calendar: Option<&Calendar>,
    e: &mut FieldErrors,
) -> Option<NewFollowUp> {
    let before = e.len();
    let what = row.what.trim();
    match what.chars().count() {
        0..3 => e.add(
            format!("c{i}.what"),
            "Tuliskan apa yang dijanjikan (minimal 3 karakter).",
        ),
        n @ 1001.. => e.add(
            format!("c{i}.what"),
            format!("Terlalu panjang: {n} karakter, paling banyak 1000."),
        ),
        _ => {}
    }
    let owner = owner(i, row, l, m, e);
    let input = WhenInput {
        starts: &row.from,
        due: &row.due,
        done: &row.done,
    };
    let when = match calendar {
        Some(cal) => followups::parse_when(&input, cal, &format!("c{i}."), e),
        // the meeting's date is wrong (its message is shown): the dates wait for it
        None => None,
    };
    let (owner, when) = (owner?, when?);
    (e.len() == before).then(|| NewFollowUp {
        owner_institution_id: owner,
        what: what.to_string(),
        starts_on: when.starts.map(|s| s.on),
        due_on: when.due.on,
        due_h: when.due.h,
        late: when.late,
    })
}

/// The owner: an institution on one of the attendee rows, or the host unit's own.
fn owner(
    i: usize,
    row: &CommitmentInput,
    l: &Lookups<'_>,
    m: &Meeting<'_>,
    e: &mut FieldErrors,
) -> Option<i64> {
    let field = format!("c{i}.owner");
    let Ok(id) = row.owner.trim().parse::<i64>() else {
        e.add(field, "Pilih lembaga pemilik tindak lanjut.");
        return None;
    };
    let at_meeting = m
        .attendees
        .iter()
        .any(|a| a.institution == InstitutionRef::Existing(id));
    let host = l.unit_institutions.get(&m.host_unit_id) == Some(&id);
    if at_meeting || host {
        Some(id)
    } else {
        e.add(
            field,
            "Pilih lembaga yang hadir di pertemuan ini (atau satuan penyelenggara).",
        );
        None
    }
}
