//! The reminder rules as arithmetic on days, counted on the owner's calendar (WIB/WITA/WIT):
//! which step a commitment is at today, and the WhatsApp message each recipient gets.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;

/// A Polda's rule: the first reminder `before` days ahead of the due date (H-n), the overdue
/// notice `after` days past it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rule {
    pub before: i64,
    pub after: i64,
}

impl Default for Rule {
    fn default() -> Self {
        Rule {
            before: 3,
            after: 1,
        }
    }
}

/// Days either way a rule may name (the table's check).
pub const RULE_DAYS: std::ops::RangeInclusive<i64> = 1..=30;

/// The step of a commitment's reminders.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Step {
    /// H-n: the promise is coming due.
    Before,
    /// The due day itself.
    Due,
    /// The promise is late.
    Overdue,
}

impl Step {
    pub fn code(self) -> &'static str {
        match self {
            Step::Before => "before",
            Step::Due => "due",
            Step::Overdue => "overdue",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "before" => Some(Step::Before),
            "due" => Some(Step::Due),
            "overdue" => Some(Step::Overdue),
            _ => None,
        }
    }
}

/// Who a reminder goes to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Recipient {
    /// The institution that made the promise.
    Owner,
    /// The side that verifies it: the host unit for others' promises, the institution it was
    /// made to for the police's own.
    Counterpart,
}

impl Recipient {
    pub const ALL: [Recipient; 2] = [Recipient::Owner, Recipient::Counterpart];
    pub fn code(self) -> &'static str {
        match self {
            Recipient::Owner => "owner",
            Recipient::Counterpart => "counterpart",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "owner" => Some(Recipient::Owner),
            "counterpart" => Some(Recipient::Counterpart),
            _ => None,
        }
    }
}

/// Today on the clocks of zone `tz` (an unknown zone reads as WIB).
pub fn today_in(tz: &str, now: DateTime<Utc>) -> NaiveDate {
    let tz: Tz = tz.parse().unwrap_or(chrono_tz::Asia::Jakarta);
    now.with_timezone(&tz).date_naive()
}

/// The step due on a day `days_left` days before the due date (negative: after it). The H-n
/// reminder stands from H-n until the due day, so a missed day is not lost; the overdue notice
/// from `after` days past the due date for `grace` days (after that the item has escalated and
/// the commanders' digest carries it).
pub fn step(days_left: i64, rule: Rule, grace: i64) -> Option<Step> {
    if days_left > rule.before {
        None
    } else if days_left > 0 {
        Some(Step::Before)
    } else if days_left == 0 {
        Some(Step::Due)
    } else if -days_left >= rule.after && -days_left < rule.after + grace.max(1) {
        Some(Step::Overdue)
    } else {
        None
    }
}

/// What a reminder message says.
pub struct Facts<'a> {
    pub what: &'a str,
    pub owner: &'a str,
    pub counterpart: &'a str,
    pub due: String,
    pub days_left: i64,
    pub link: &'a str,
}

/// The prepared WhatsApp text (Indonesian: the recipients read it in their own language).
pub fn message(step: Step, to: Recipient, f: &Facts<'_>) -> String {
    let when = match step {
        Step::Before => format!("jatuh tempo {} (H-{})", f.due, f.days_left),
        Step::Due => format!("jatuh tempo hari ini, {}", f.due),
        Step::Overdue => format!("terlambat {} hari (tenggat {})", -f.days_left, f.due),
    };
    let ask = match (to, step) {
        (Recipient::Owner, Step::Overdue) => "Mohon segera diselesaikan dan dilaporkan.",
        (Recipient::Owner, _) => "Mohon dipastikan selesai tepat waktu.",
        (Recipient::Counterpart, _) => "Mohon dipantau dan diverifikasi bila sudah selesai.",
    };
    let greeting = match to {
        Recipient::Owner => f.owner,
        Recipient::Counterpart => f.counterpart,
    };
    format!(
        "Yth. {greeting}: pengingat Sinergi — tindak lanjut \"{}\" oleh {} {when}. {ask} Rincian: {}",
        f.what, f.owner, f.link
    )
}

/// The one-tap link: WhatsApp opens with the text ready and the person picks the chat.
pub fn wa_link(text: &str) -> String {
    format!("https://wa.me/?text={}", crate::web::url_encode(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_fall_at_h_minus_3_on_the_due_day_and_after_it() {
        let r = Rule::default();
        let steps: Vec<Option<Step>> = (-10..=5).rev().map(|d| step(d, r, 7)).collect();
        use Step::*;
        assert_eq!(
            steps,
            [
                None,          // H-5
                None,          // H-4
                Some(Before),  // H-3
                Some(Before),  // H-2 (not yet sent)
                Some(Before),  // H-1
                Some(Due),     // due day
                Some(Overdue), // 1 day late
                Some(Overdue),
                Some(Overdue),
                Some(Overdue),
                Some(Overdue),
                Some(Overdue),
                Some(Overdue), // 7 days late
                None,          // 8: escalated, the digest carries it
                None,
                None,
            ]
        );
        let polda = Rule {
            before: 7,
            after: 2,
        };
        assert_eq!(step(7, polda, 7), Some(Before));
        assert_eq!(step(8, polda, 7), None);
        assert_eq!(step(-1, polda, 7), None);
        assert_eq!(step(-2, polda, 7), Some(Overdue));
    }

    #[test]
    fn today_is_read_on_the_owners_clock_in_wib_wita_and_wit() {
        // 16:30 UTC on 20 November: 23:30 WIB, 00:30 WITA and 01:30 WIT the next day
        let now: DateTime<Utc> = "2024-11-20T16:30:00Z".parse().expect("time");
        let due: NaiveDate = "2024-11-24".parse().expect("date");
        let left = |tz: &str| (due - today_in(tz, now)).num_days();
        assert_eq!(left("Asia/Jakarta"), 4);
        assert_eq!(left("Asia/Makassar"), 3);
        assert_eq!(left("Asia/Jayapura"), 3);
        let r = Rule::default();
        assert_eq!(step(left("Asia/Jakarta"), r, 7), None);
        assert_eq!(step(left("Asia/Makassar"), r, 7), Some(Step::Before));
        assert_eq!(step(left("Asia/Jayapura"), r, 7), Some(Step::Before));
        // the due day ends at midnight in each zone
        let late: DateTime<Utc> = "2024-11-24T15:30:00Z".parse().expect("time");
        assert_eq!((due - today_in("Asia/Jakarta", late)).num_days(), 0);
        assert_eq!((due - today_in("Asia/Jayapura", late)).num_days(), -1);
    }

    #[test]
    fn the_message_carries_the_step_and_the_link() {
        let f = Facts {
            what: "Menyiapkan gudang",
            owner: "PPK Kuala Kampar",
            counterpart: "Polsek Kuala Kampar",
            due: "24 November 2024".into(),
            days_left: 3,
            link: "https://sinergi.example/tindak-lanjut/7",
        };
        let m = message(Step::Before, Recipient::Owner, &f);
        assert!(m.starts_with("Yth. PPK Kuala Kampar"));
        assert!(m.contains("(H-3)") && m.ends_with("/tindak-lanjut/7"));
        let late = Facts { days_left: -2, ..f };
        let m = message(Step::Overdue, Recipient::Counterpart, &late);
        assert!(m.starts_with("Yth. Polsek Kuala Kampar") && m.contains("terlambat 2 hari"));
        assert!(wa_link("a b&c").starts_with("https://wa.me/?text=a%20b%26c"));
    }
}
