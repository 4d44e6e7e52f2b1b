//! Commitment rules: the status machine, due dates typed as a date or as "H-3" against the
//! election's voting day, and "overdue" read at the end of the due day in the owner's zone.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;

use crate::auth::policy::CommitmentAct;
use crate::kit::states::CommitmentStatus;

/// What a person does to a commitment from its page or through a link.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Note,
    InProgress,
    Done,
    Reopen,
    Verify,
    Reject,
    Drop,
}

impl Action {
    /// The action a form's `action` value names.
    pub fn parse(s: &str) -> Option<Action> {
        Some(match s.trim() {
            "note" => Action::Note,
            "in_progress" => Action::InProgress,
            "done" => Action::Done,
            "reopen" => Action::Reopen,
            "verify" => Action::Verify,
            "reject" => Action::Reject,
            "drop" => Action::Drop,
            _ => return None,
        })
    }

    /// The status it moves the commitment to; `None` for a plain note.
    pub fn target(self) -> Option<CommitmentStatus> {
        use CommitmentStatus::*;
        match self {
            Action::Note => None,
            Action::InProgress | Action::Reject => Some(InProgress),
            Action::Done => Some(Done),
            Action::Reopen => Some(Open),
            Action::Verify => Some(Verified),
            Action::Drop => Some(Dropped),
        }
    }

    /// Whether it needs a written note (a note, and the reason a done item is rejected).
    pub fn needs_text(self) -> bool {
        matches!(self, Action::Note | Action::Reject)
    }

    /// The kind of act the policy decides on.
    pub fn act(self) -> CommitmentAct {
        match self {
            Action::Note => CommitmentAct::Note,
            Action::InProgress | Action::Done => CommitmentAct::Progress,
            Action::Reopen => CommitmentAct::Reopen,
            Action::Verify | Action::Reject => CommitmentAct::Verify,
            Action::Drop => CommitmentAct::Drop,
        }
    }
}

pub use crate::kit::followups::{Due, parse_due};

/// Days a still-open commitment is past `reckon_on` (its due date, or the day one recorded late
/// was recorded) at `now`, read in `tz` (0 when not overdue). That day itself is not overdue: it
/// ends at midnight in the owner's zone.
pub fn days_overdue(
    status: CommitmentStatus,
    due_on: NaiveDate,
    tz: Tz,
    now: DateTime<Utc>,
) -> i64 {
    if !status.is_pending() {
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

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    #[test]
    fn every_transition_is_allowed_or_refused_as_the_rules_say() {
        use CommitmentStatus::*;
        let allowed = [
            (Open, InProgress),
            (Open, Done),
            (Open, Dropped),
            (InProgress, Open),
            (InProgress, Done),
            (InProgress, Dropped),
            (Done, InProgress),
            (Done, Verified),
            (Done, Dropped),
        ];
        for from in CommitmentStatus::ALL {
            for to in CommitmentStatus::ALL {
                assert_eq!(
                    from.may_move(*to),
                    allowed.contains(&(*from, *to)),
                    "{from} → {to}"
                );
            }
        }
    }

    #[test]
    fn every_action_names_its_target_and_whether_it_needs_words() {
        use CommitmentStatus::*;
        assert_eq!(Action::parse("note").map(Action::target), Some(None));
        assert_eq!(
            Action::parse(" reopen ").map(Action::target),
            Some(Some(Open))
        );
        assert_eq!(
            Action::parse("reject").map(Action::target),
            Some(Some(InProgress))
        );
        assert_eq!(
            Action::parse("verify").map(Action::target),
            Some(Some(Verified))
        );
        assert!(Action::Reject.needs_text() && Action::Note.needs_text());
        assert!(!Action::Done.needs_text());
        assert_eq!(Action::parse("delete"), None);
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
            assert_eq!(
                days_overdue(CommitmentStatus::Open, due, tz, last),
                0,
                "{tz}"
            );
            assert_eq!(
                days_overdue(CommitmentStatus::Open, due, tz, next),
                1,
                "{tz}"
            );
        }
        // the same instant: already the 25th in WIT, still the 24th in WIB
        let at = Utc
            .with_ymd_and_hms(2024, 11, 24, 16, 30, 0)
            .single()
            .expect("t");
        assert_eq!(
            days_overdue(CommitmentStatus::Open, due, chrono_tz::Asia::Jayapura, at),
            1
        );
        assert_eq!(
            days_overdue(CommitmentStatus::Open, due, chrono_tz::Asia::Jakarta, at),
            0
        );
        assert_eq!(
            days_overdue(CommitmentStatus::Done, due, chrono_tz::Asia::Jayapura, at),
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
