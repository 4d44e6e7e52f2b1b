//! Template structs of the commitment pages.

use askama::Template;

use super::db::{Count, Detail, Note, Row};
use super::forms::ListQuery;
use crate::kit::states::CommitmentStatus;
use crate::web::{Ctx, fmt};

/// A due date as typed: "H-3 (24 November 2024)" or the date.
pub fn due_text(due_on: &chrono::NaiveDate, due_h: &Option<i32>) -> String {
    crate::kit::followups::when_text(None, *due_on, *due_h)
}

#[derive(Template)]
#[template(path = "commitments/list.html")]
pub struct ListPage {
    pub ctx: Ctx,
    pub q: ListQuery,
    pub rows: Vec<Row>,
    pub counts: Vec<Count>,
    pub csv: String,
    pub error: Option<String>,
    pub has_unit: bool,
}

impl ListPage {
    pub fn statuses(&self) -> &'static [CommitmentStatus] {
        CommitmentStatus::ALL
    }
    pub fn count(&self, s: &CommitmentStatus) -> i64 {
        self.counts
            .iter()
            .find(|c| c.status == *s)
            .map(|c| c.n)
            .unwrap_or(0)
    }
    pub fn due(&self, r: &Row) -> String {
        crate::kit::followups::when_text(r.starts_on, r.due_on, r.due_h)
    }
    pub fn is(&self, a: &str, b: &str) -> bool {
        a == b
    }
    pub fn is_status(&self, a: &str, b: &CommitmentStatus) -> bool {
        a.trim() == b.code()
    }
    pub fn unverified(&self, r: &Row) -> bool {
        r.status == CommitmentStatus::Done
    }
}

#[derive(Template)]
#[template(path = "commitments/show.html")]
pub struct ShowPage {
    pub ctx: Ctx,
    pub c: Detail,
    pub notes: Vec<Note>,
    pub days_overdue: i64,
    pub level: i64,
    pub may_update: bool,
    pub may_verify: bool,
    pub may_drop: bool,
    pub error: Option<String>,
    pub body: String,
    /// When the verifier's password was reset by an admin within the 24 hours before they
    /// verified (an admin could have signed in as them), as local time.
    pub reset_before_verify: Option<String>,
}

impl ShowPage {
    pub fn due(&self) -> String {
        crate::kit::followups::when_text(self.c.starts_on, self.c.due_on, self.c.due_h)
    }
    pub fn at(&self, n: &Note) -> String {
        fmt::datetime(n.created_at, crate::regions::tz(&self.c.meeting_tz))
    }
    /// Whether the commitment may move to the status with code `to` (the buttons shown).
    pub fn can(&self, to: &str) -> bool {
        CommitmentStatus::parse(to).is_some_and(|to| self.c.status.may_move(to))
    }
    pub fn unverified_done(&self) -> bool {
        self.c.status == CommitmentStatus::Done
    }
    pub fn dropped(&self) -> bool {
        self.c.status == CommitmentStatus::Dropped
    }
}
