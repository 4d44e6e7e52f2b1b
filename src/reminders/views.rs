//! Template structs of the reminder pages.

use askama::Template;
use chrono::{DateTime, NaiveDate, Utc};

use super::db::{Candidate, DigestRow, PoldaRule};
use super::domain::{Recipient, Step};
use super::forms::RuleForm;
use crate::kit::fields::FieldErrors;
use crate::web::{Ctx, fmt};

/// A recipient's button, or who already sent it and when.
pub struct Send {
    pub recipient: Recipient,
    pub name: String,
    pub sent: Option<(String, DateTime<Utc>)>,
}

/// One commitment on today's list: the commitment as read, its reminder step and sends.
pub struct Item {
    pub c: Candidate,
    pub step: Step,
    pub sends: Vec<Send>,
}

impl Item {
    pub fn done(&self) -> bool {
        self.sends.iter().all(|s| s.sent.is_some())
    }
}

#[derive(Template)]
#[template(path = "reminders/today.html")]
pub struct TodayPage {
    pub ctx: Ctx,
    pub notice: Option<&'static str>,
    pub items: Vec<Item>,
}

impl TodayPage {
    pub fn due(&self, i: &Item) -> String {
        fmt::long_date(i.c.due_on)
    }
    /// "H-3", "hari ini", "terlambat 2 hari", in the page's language.
    pub fn when(&self, i: &Item) -> String {
        match i.step {
            Step::Before => format!("H-{}", i.c.days_left),
            Step::Due => self.ctx.t.s("remind.today").to_string(),
            Step::Overdue => self.ctx.t.f("remind.late", -i.c.days_left),
        }
    }
    pub fn step_key(&self, i: &Item) -> &'static str {
        match i.step {
            Step::Before => "remind.step.before",
            Step::Due => "remind.step.due",
            Step::Overdue => "remind.step.overdue",
        }
    }
    pub fn to_key(&self, s: &Send) -> &'static str {
        match s.recipient {
            Recipient::Owner => "remind.to.owner",
            Recipient::Counterpart => "remind.to.counterpart",
        }
    }
    pub fn sent_at(&self, i: &Item, at: &DateTime<Utc>) -> String {
        fmt::datetime(*at, i.c.due_tz.parse().unwrap_or(chrono_tz::Asia::Jakarta))
    }
}

#[derive(Template)]
#[template(path = "reminders/digest.html")]
pub struct DigestPage {
    pub ctx: Ctx,
    pub today: NaiveDate,
    pub due_today: Vec<DigestRow>,
    pub newly_overdue: Vec<DigestRow>,
    pub escalated: Vec<DigestRow>,
}

impl DigestPage {
    pub fn date(&self, d: &NaiveDate) -> String {
        fmt::date(*d)
    }
    pub fn sections(&self) -> [(&'static str, &'static str, &Vec<DigestRow>); 3] {
        [
            ("due-today", "remind.digest.due", &self.due_today),
            (
                "newly-overdue",
                "remind.digest.overdue",
                &self.newly_overdue,
            ),
            ("escalated", "remind.digest.escalated", &self.escalated),
        ]
    }
}

#[derive(Template)]
#[template(path = "reminders/rules.html")]
pub struct RulesPage {
    pub ctx: Ctx,
    pub notice: Option<&'static str>,
    pub rules: Vec<PoldaRule>,
    pub form: RuleForm,
    pub errors: FieldErrors,
}
