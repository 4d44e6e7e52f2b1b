//! What every form that records a follow-up (tindak lanjut) shares: a due date typed as a date
//! or as "H-3" against voting day, a standing duty's span ("from … until …"), the question asked
//! when a commitment is recorded after its due date, and the insert itself. The commitment
//! page's form and the meeting form both use it (features do not import each other).

use chrono::{Datelike, NaiveDate, Utc};
use sqlx::PgConnection;

use crate::kit::fields::FieldErrors;
use crate::kit::states::Priority;
use crate::web::fmt;

/// A due date as typed: an absolute date, or days relative to voting day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Due {
    pub on: NaiveDate,
    /// Some(-3) when typed as "H-3".
    pub h: Option<i32>,
}

const DUE_FORMAT: &str = "Tulis tenggat sebagai tanggal (2024-11-24) atau H-3 / H+1.";

/// Parses "2024-11-24", "H-3", "H+1" or "H". `meeting_day` is the meeting's local date; the due
/// date may not be before it.
pub fn parse_due(
    input: &str,
    voting_day: Option<NaiveDate>,
    meeting_day: NaiveDate,
) -> Result<Due, String> {
    let s = input.trim().to_uppercase().replace(' ', "");
    let due = if let Some(rest) = s.strip_prefix('H') {
        let n: i32 = match rest {
            "" => 0,
            r => r.parse().map_err(|_| DUE_FORMAT.to_string())?,
        };
        if !(-365..=365).contains(&n) {
            return Err(format!(
                "H{rest} terlalu jauh dari hari pemungutan suara (paling jauh 365 hari)."
            ));
        }
        let day = voting_day
            .ok_or("Pertemuan ini tidak terkait pemilihan; tulis tenggat sebagai tanggal.")?;
        Due {
            on: day + chrono::Duration::days(n as i64),
            h: Some(n),
        }
    } else {
        let on = NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(|_| DUE_FORMAT.to_string())?;
        Due { on, h: None }
    };
    if due.on < meeting_day {
        return Err("Tenggat tidak boleh sebelum tanggal pertemuan.".into());
    }
    Ok(due)
}

/// What was typed for when a follow-up is due: its end, and for a standing duty its start.
pub struct WhenInput<'a> {
    pub starts: &'a str,
    pub due: &'a str,
    /// The answer to "Sudah dilaksanakan?" ("ya", "tidak" or empty).
    pub done: &'a str,
}

/// The calendar a follow-up's dates are read on.
#[derive(Clone, Copy, Debug)]
pub struct Calendar {
    pub voting_day: Option<NaiveDate>,
    pub meeting_day: NaiveDate,
    /// The day it is recorded (the officer's today).
    pub today: NaiveDate,
}

/// When a follow-up runs and whether it was recorded late.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct When {
    /// A standing duty's first day ("setiap hari 10–15 Feb 2024").
    pub starts: Option<Due>,
    pub due: Due,
    pub late: Late,
}

/// A follow-up recorded after its due date: done already, or late from the day it is recorded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Late {
    OnTime,
    AlreadyDone,
    /// Not done yet: lateness counts from this day (the day it was recorded).
    From(NaiveDate),
}

/// Parses the dates of a follow-up; messages go to `{prefix}from`, `{prefix}due`, `{prefix}done`.
pub fn parse_when(
    w: &WhenInput<'_>,
    cal: &Calendar,
    prefix: &str,
    e: &mut FieldErrors,
) -> Option<When> {
    let due = e.take(
        &format!("{prefix}due"),
        parse_due(w.due, cal.voting_day, cal.meeting_day),
    );
    let starts = match w.starts.trim() {
        "" => Some(None),
        s => e
            .take(
                &format!("{prefix}from"),
                parse_due(s, cal.voting_day, cal.meeting_day),
            )
            .map(Some),
    };
    if let (Some(Some(s)), Some(d)) = (starts, due)
        && s.on > d.on
    {
        e.add(
            format!("{prefix}from"),
            "Mulai tidak boleh sesudah tenggat (sampai).",
        );
        return None;
    }
    let due = due?;
    let late = if due.on >= cal.today {
        Late::OnTime
    } else {
        match w.done.trim() {
            "ya" => Late::AlreadyDone,
            "tidak" => Late::From(cal.today),
            _ => {
                e.add(
                    format!("{prefix}done"),
                    "Tenggat ini sudah lewat. Sudah dilaksanakan? Pilih Sudah atau Belum.",
                );
                return None;
            }
        }
    };
    Some(When {
        starts: starts?,
        due,
        late,
    })
}

/// A commitment to insert (checked by a form, or the demo's data).
pub struct NewCommitment<'a> {
    pub meeting_id: i64,
    pub what: &'a str,
    pub owner_institution_id: i64,
    pub owner_person: &'a str,
    pub to_institution_id: Option<i64>,
    pub due_on: NaiveDate,
    pub due_h: Option<i32>,
    pub starts_on: Option<NaiveDate>,
    pub late: Late,
    pub priority: Priority,
    pub created_by: Option<i64>,
    /// Who wrote it, for the note of a follow-up recorded as already done.
    pub author: &'a str,
}

/// Inserts a commitment with its meeting's scope; the due zone is the owner's region's (the
/// meeting's when national). One recorded late as already done is stored done, with a note.
pub async fn insert(tx: &mut PgConnection, c: &NewCommitment<'_>) -> sqlx::Result<i64> {
    let done = c.late == Late::AlreadyDone;
    let late_from = match c.late {
        Late::From(d) => Some(d),
        _ => None,
    };
    let id = sqlx::query_scalar!(
        "insert into commitment (meeting_id, host_unit_id, unit_path, polda_id, polres_id, what, owner_institution_id,
                                 owner_person, to_institution_id, due_on, due_h, due_tz, priority, created_by,
                                 starts_on, late_from, status, done_at, meeting_starts_at)
         select m.id, m.host_unit_id, m.unit_path, m.polda_id, m.polres_id, $2, $3, $4, $5, $6, $7,
                coalesce((select r.tz from institution i join region r on r.code = i.region_code where i.id = $3), d.tz),
                $8, $9, $10, $11, case when $12 then 'done' else 'open' end, case when $12 then $13::timestamptz end,
                m.starts_at
         from meeting m join region d on d.code = m.district_code where m.id = $1
         returning id",
        c.meeting_id,
        c.what,
        c.owner_institution_id,
        c.owner_person,
        c.to_institution_id,
        c.due_on,
        c.due_h,
        c.priority.code(),
        c.created_by,
        c.starts_on,
        late_from,
        done,
        Utc::now()
    )
    .fetch_one(&mut *tx)
    .await?;
    if done {
        sqlx::query!(
            "insert into commitment_note (commitment_id, author, user_id, body, status_from, status_to)
             values ($1, $2, $3, $4, 'open', 'done')",
            id,
            c.author,
            c.created_by,
            "Dicatat setelah tenggat: sudah dilaksanakan."
        )
        .execute(&mut *tx)
        .await?;
    }
    Ok(id)
}

/// A due date as typed: "H-3 (24 November 2024)" or the date; a standing duty as
/// "setiap hari 10–15 Februari 2024 (H+1)".
pub fn when_text(starts_on: Option<NaiveDate>, due_on: NaiveDate, due_h: Option<i32>) -> String {
    let h = match due_h {
        Some(0) => Some("H".to_string()),
        Some(h) if h < 0 => Some(format!("H{h}")),
        Some(h) => Some(format!("H+{h}")),
        None => None,
    };
    match (starts_on, h) {
        (Some(s), h) => {
            let every = crate::i18n::current().m("setiap hari");
            let until = h.map(|h| format!(" ({h})")).unwrap_or_default();
            format!("{every} {}{until}", span_dates(s, due_on))
        }
        (None, Some(h)) => format!("{h} ({})", fmt::date(due_on)),
        (None, None) => fmt::date(due_on),
    }
}

/// "10–15 Februari 2024", "28 November – 2 Desember 2024", "30 Desember 2024 – 2 Januari 2025".
pub fn span_dates(a: NaiveDate, b: NaiveDate) -> String {
    if a == b {
        fmt::date(a)
    } else if a.year() != b.year() {
        format!("{} – {}", fmt::date(a), fmt::date(b))
    } else if a.month() != b.month() {
        format!("{} {} – {}", a.day(), fmt::month(a.month0()), fmt::date(b))
    } else {
        format!("{}–{}", a.day(), fmt::date(b))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    fn cal() -> Calendar {
        Calendar {
            voting_day: Some(d(2024, 11, 27)),
            meeting_day: d(2024, 11, 1),
            today: d(2024, 11, 20),
        }
    }

    fn when(starts: &str, due: &str, done: &str) -> Result<When, FieldErrors> {
        let mut e = FieldErrors::default();
        let w = parse_when(&WhenInput { starts, due, done }, &cal(), "c0.", &mut e);
        w.filter(|_| e.is_empty()).ok_or(e)
    }

    #[test]
    fn a_standing_duty_runs_from_its_start_until_it_is_due() {
        let w = when("H-3", "H+1", "").expect("valid");
        assert_eq!(w.starts.map(|s| s.on), Some(d(2024, 11, 24)));
        assert_eq!(w.due.on, d(2024, 11, 28));
        assert_eq!(w.late, Late::OnTime);
        let e = when("H+2", "H+1", "").expect_err("starts after its end");
        assert!(e.has("c0.from"));
    }

    #[test]
    fn a_standing_duty_reads_as_every_day_of_its_span() {
        assert_eq!(
            when_text(Some(d(2024, 2, 10)), d(2024, 2, 15), None),
            "setiap hari 10–15 Februari 2024"
        );
        assert_eq!(
            when_text(Some(d(2024, 11, 17)), d(2024, 11, 28), Some(1)),
            "setiap hari 17–28 November 2024 (H+1)"
        );
        assert_eq!(
            span_dates(d(2024, 11, 28), d(2024, 12, 2)),
            "28 November – 2 Desember 2024"
        );
        assert_eq!(
            when_text(None, d(2024, 11, 24), Some(-3)),
            "H-3 (24 November 2024)"
        );
    }

    #[test]
    fn a_follow_up_recorded_after_its_due_date_asks_whether_it_was_done() {
        let e = when("", "H-10", "").expect_err("must answer");
        assert!(e.has("c0.done"));
        let late = |due, done| when("", due, done).ok().map(|w| w.late);
        assert_eq!(late("H-10", "ya"), Some(Late::AlreadyDone));
        assert_eq!(
            late("2024-11-05", "tidak"),
            Some(Late::From(d(2024, 11, 20)))
        );
        assert_eq!(late("H-7", ""), Some(Late::OnTime));
    }
}
