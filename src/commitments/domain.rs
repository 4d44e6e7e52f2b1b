//! Commitment rules: the status machine, due dates typed as a date or as "H-3" against the
//! election's voting day, and "overdue" read at the end of the due day in the owner's zone.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;

/// The statuses, in order, with their Indonesian labels.
pub const STATUSES: [(&str, &str); 5] = [
    ("open", "Terbuka"),
    ("in_progress", "Dikerjakan"),
    ("done", "Selesai (menunggu verifikasi)"),
    ("verified", "Terverifikasi"),
    ("dropped", "Dibatalkan"),
];

pub const PRIORITIES: [(&str, &str); 3] =
    [("high", "Tinggi"), ("normal", "Biasa"), ("low", "Rendah")];

/// Whether a commitment may move from `from` to `to`. Verified and dropped are final; a done
/// commitment the counterpart does not accept goes back to in progress.
pub fn may_move(from: &str, to: &str) -> bool {
    matches!(
        (from, to),
        ("open", "in_progress")
            | ("open", "done")
            | ("in_progress", "done")
            | ("in_progress", "open")
            | ("done", "verified")
            | ("done", "in_progress")
            | ("open" | "in_progress" | "done", "dropped")
    )
}

/// A due date as typed: an absolute date, or days relative to voting day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Due {
    pub on: NaiveDate,
    /// Some(-3) when typed as "H-3".
    pub h: Option<i32>,
}

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
            r => r.parse().map_err(|_| {
                "Tulis tenggat sebagai tanggal (2024-11-24) atau H-3 / H+1.".to_string()
            })?,
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
        let on = NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(|_| {
            "Tulis tenggat sebagai tanggal (2024-11-24) atau H-3 / H+1.".to_string()
        })?;
        Due { on, h: None }
    };
    if due.on < meeting_day {
        return Err("Tenggat tidak boleh sebelum tanggal pertemuan.".into());
    }
    Ok(due)
}

/// Days a still-open commitment is past its due date at `now`, read in `tz` (0 when not overdue).
/// The due day itself is not overdue: it ends at midnight in the owner's zone.
pub fn days_overdue(status: &str, due_on: NaiveDate, tz: Tz, now: DateTime<Utc>) -> i64 {
    if !matches!(status, "open" | "in_progress") {
        return 0;
    }
    let today = now.with_timezone(&tz).date_naive();
    (today - due_on).num_days().max(0)
}

/// How far up the chain an overdue commitment has climbed: 0 (its unit), 1 (the parent) once it
/// is overdue by more than `after_days`, 2 (the grandparent) after twice that, and so on.
pub fn escalation_level(days_overdue: i64, after_days: i64) -> i64 {
    if after_days <= 0 || days_overdue <= 0 {
        0
    } else {
        (days_overdue - 1) / after_days
    }
}

pub fn status_label(s: &str) -> &'static str {
    STATUSES
        .iter()
        .find(|(c, _)| *c == s)
        .map(|(_, l)| *l)
        .unwrap_or("—")
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    #[test]
    fn every_transition_is_allowed_or_refused_as_the_rules_say() {
        let all = ["open", "in_progress", "done", "verified", "dropped"];
        let allowed = [
            ("open", "in_progress"),
            ("open", "done"),
            ("open", "dropped"),
            ("in_progress", "open"),
            ("in_progress", "done"),
            ("in_progress", "dropped"),
            ("done", "in_progress"),
            ("done", "verified"),
            ("done", "dropped"),
        ];
        for from in all {
            for to in all {
                assert_eq!(
                    may_move(from, to),
                    allowed.contains(&(from, to)),
                    "{from} → {to}"
                );
            }
        }
    }

    #[test]
    fn h_minus_resolves_against_each_elections_voting_day() {
        let pilkada = Some(d(2024, 11, 27));
        let pemilu = Some(d(2024, 2, 14));
        assert_eq!(
            parse_due("H-3", pilkada, d(2024, 10, 26)),
            Ok(Due {
                on: d(2024, 11, 24),
                h: Some(-3)
            })
        );
        assert_eq!(
            parse_due("h+1", pilkada, d(2024, 10, 26)).map(|x| x.on),
            Ok(d(2024, 11, 28))
        );
        assert_eq!(
            parse_due("H", pemilu, d(2023, 11, 10)).map(|x| x.on),
            Ok(d(2024, 2, 14))
        );
        assert_eq!(
            parse_due("H-7", pemilu, d(2023, 11, 10)).map(|x| x.on),
            Ok(d(2024, 2, 7))
        );
        assert_eq!(
            parse_due("2024-11-20", pilkada, d(2024, 10, 26)),
            Ok(Due {
                on: d(2024, 11, 20),
                h: None
            })
        );
    }

    #[test]
    fn bad_due_dates_are_refused_with_a_reason() {
        let pilkada = Some(d(2024, 11, 27));
        assert_eq!(
            parse_due("H-999", pilkada, d(2024, 10, 26)),
            Err("H-999 terlalu jauh dari hari pemungutan suara (paling jauh 365 hari).".into())
        );
        assert_eq!(
            parse_due("2024-10-01", pilkada, d(2024, 10, 26)),
            Err("Tenggat tidak boleh sebelum tanggal pertemuan.".into())
        );
        assert!(
            parse_due("H-40", pilkada, d(2024, 10, 26)).is_err(),
            "H-40 is before the meeting"
        );
        assert!(parse_due("besok", pilkada, d(2024, 10, 26)).is_err());
        assert!(parse_due("H-3", None, d(2024, 10, 26)).is_err());
        assert!(parse_due("2024-02-30", pilkada, d(2024, 1, 1)).is_err());
    }

    #[test]
    fn overdue_starts_after_midnight_of_the_due_day_in_the_owners_zone() {
        let due = d(2024, 11, 24);
        // 24 Nov 23:59 local: not overdue; 25 Nov 00:00 local: 1 day, in each zone.
        for (tz, offset) in [
            (chrono_tz::Asia::Jakarta, 7),
            (chrono_tz::Asia::Makassar, 8),
            (chrono_tz::Asia::Jayapura, 9),
        ] {
            let last = Utc
                .with_ymd_and_hms(2024, 11, 24, 23 - offset, 59, 0)
                .single()
                .expect("t");
            let next = last + chrono::Duration::minutes(1);
            assert_eq!(days_overdue("open", due, tz, last), 0, "{tz}");
            assert_eq!(days_overdue("open", due, tz, next), 1, "{tz}");
        }
        // the same instant: already the 25th in WIT, still the 24th in WIB
        let at = Utc
            .with_ymd_and_hms(2024, 11, 24, 16, 30, 0)
            .single()
            .expect("t");
        assert_eq!(days_overdue("open", due, chrono_tz::Asia::Jayapura, at), 1);
        assert_eq!(days_overdue("open", due, chrono_tz::Asia::Jakarta, at), 0);
        assert_eq!(
            days_overdue("done", due, chrono_tz::Asia::Jayapura, at),
            0,
            "done is never overdue"
        );
    }

    #[test]
    fn escalation_climbs_one_level_per_period() {
        assert_eq!(escalation_level(0, 7), 0);
        assert_eq!(escalation_level(7, 7), 0);
        assert_eq!(escalation_level(8, 7), 1);
        assert_eq!(escalation_level(14, 7), 1);
        assert_eq!(escalation_level(15, 7), 2);
    }
}
