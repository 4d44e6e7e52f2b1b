//! The one place where "may this person see or change this?" is decided. Lists and single-record
//! fetches take a [`Scope`] and apply it *in SQL* (`$national or path @> array[$unit]` /
//! attendance of `$institution`), so a forged id in a URL finds nothing.

use super::CurrentUser;
use super::link::LinkHolder;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// Manages users, units and institutions, nationally or within one Polda.
    Admin,
    /// Kapolda/Kapolres/Kapolsek and staff: read everything of their subtree, comment.
    Commander,
    /// Logs and edits the meetings their unit (or a Polsek under their Polres) hosts.
    Liaison,
    /// Speaks for one institution (PPK, Panwascam, KPU …): their meetings and commitments.
    Official,
}

impl Role {
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "admin" => Role::Admin,
            "commander" => Role::Commander,
            "liaison" => Role::Liaison,
            "official" => Role::Official,
            _ => return None,
        })
    }

    pub fn code(&self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Commander => "commander",
            Role::Liaison => "liaison",
            Role::Official => "official",
        }
    }

    pub fn label(&self) -> &'static str {
        match self {
            Role::Admin => "Administrator",
            Role::Commander => "Pimpinan",
            Role::Liaison => "Petugas penghubung",
            Role::Official => "Penyelenggara pemilu",
        }
    }
}

/// What a person may read, in the shape SQL needs: bind all three, always.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Scope {
    /// Everything in the country.
    pub national: bool,
    /// Everything in this unit's subtree (`path @> array[unit]`).
    pub unit: Option<i64>,
    /// Meetings this institution was invited to or attended, and its commitments.
    pub institution: Option<i64>,
}

impl Scope {
    pub fn of(user: &CurrentUser) -> Self {
        match user.role {
            Role::Admin | Role::Commander | Role::Liaison => Scope {
                national: user.unit_id.is_none() && user.role == Role::Admin,
                unit: user.unit_id,
                institution: None,
            },
            Role::Official => Scope {
                national: false,
                unit: None,
                institution: user.institution_id,
            },
        }
    }

    /// Whether a unit with `path` (ancestors and itself) lies in this scope.
    pub fn sees_unit(&self, path: &[i64]) -> bool {
        self.national || self.unit.is_some_and(|u| path.contains(&u))
    }
}

/// What the public report verification (`/verifikasi/<code>`) may read: the meeting the code was
/// issued for, wherever it is, to recompute its report's hash. The page shows only whether the
/// hash still matches and what the printed page itself carried (title, date, version).
pub fn report_verification_scope() -> Scope {
    Scope {
        national: true,
        unit: None,
        institution: None,
    }
}

/// May `user` create or edit meetings hosted by the unit with `host_path`? Liaison officers of
/// that unit, or of a unit above it (a Polres officer logging for one of its Polsek).
pub fn may_write_meetings_of(user: &CurrentUser, host_path: &[i64]) -> bool {
    user.role == Role::Liaison && user.unit_id.is_some_and(|u| host_path.contains(&u))
}

/// The parties of a commitment, as the policy needs them.
pub struct CommitmentParties<'a> {
    /// Path of the meeting's host unit.
    pub host_path: &'a [i64],
    pub owner_institution_id: i64,
    /// Set when the owner is a police unit: that unit's path.
    pub owner_police_path: Option<&'a [i64]>,
    /// For police-owned commitments: the institution they were made to.
    pub to_institution_id: Option<i64>,
}

/// May `user` post progress and mark a commitment in progress or done? The owner's officials,
/// and the host's liaison officers (who record for owners without accounts).
pub fn may_update_commitment(user: &CurrentUser, p: &CommitmentParties<'_>) -> bool {
    match user.role {
        Role::Official => user.institution_id == Some(p.owner_institution_id),
        Role::Liaison => may_write_meetings_of(user, p.host_path),
        _ => false,
    }
}

/// May `user` verify a done commitment? Only the counterpart: the host unit for commitments of
/// other institutions; the institution it was made to for commitments the police own.
pub fn may_verify_commitment(user: &CurrentUser, p: &CommitmentParties<'_>) -> bool {
    match p.owner_police_path {
        Some(_) => {
            user.role == Role::Official
                && user.institution_id.is_some()
                && user.institution_id == p.to_institution_id
        }
        None => may_write_meetings_of(user, p.host_path),
    }
}

/// May `user` add commitments to a meeting or drop one? The host's liaison officers.
pub fn may_manage_commitments(user: &CurrentUser, host_path: &[i64]) -> bool {
    may_write_meetings_of(user, host_path)
}

/// What someone does to a commitment, as the policy sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CommitmentAct {
    /// A progress note without a status change.
    Note,
    /// Mark it in progress or done.
    Progress,
    /// Put it back to open.
    Reopen,
    /// Accept (verify) or reject a done commitment.
    Verify,
    /// Drop it, with a reason.
    Drop,
}

/// May `user` do `act` to a commitment? A note by anyone who may update or verify it.
pub fn may_act_on_commitment(
    user: &CurrentUser,
    p: &CommitmentParties<'_>,
    act: CommitmentAct,
) -> bool {
    match act {
        CommitmentAct::Note => may_update_commitment(user, p) || may_verify_commitment(user, p),
        CommitmentAct::Progress | CommitmentAct::Reopen => may_update_commitment(user, p),
        CommitmentAct::Verify => may_verify_commitment(user, p),
        CommitmentAct::Drop => may_manage_commitments(user, p.host_path),
    }
}

/// May `user` do anything at all to a commitment (an unknown action is then explained, not
/// refused as forbidden)?
pub fn may_act_on_commitment_somehow(user: &CurrentUser, p: &CommitmentParties<'_>) -> bool {
    may_update_commitment(user, p)
        || may_verify_commitment(user, p)
        || may_manage_commitments(user, p.host_path)
}

/// Is the institution of a link the commitment's owner?
pub fn link_owns_commitment(holder: &LinkHolder, p: &CommitmentParties<'_>) -> bool {
    holder.institution_id == p.owner_institution_id
}

/// Is the institution of a link the counterpart that verifies a commitment the police own?
pub fn link_verifies_commitment(holder: &LinkHolder, p: &CommitmentParties<'_>) -> bool {
    p.owner_police_path.is_some() && p.to_institution_id == Some(holder.institution_id)
}

/// May the holder of a confirmation link do `act` to a commitment of the link's meeting? The
/// owner institution posts progress; the counterpart of a police-owned commitment verifies and
/// may add a note. Nobody reopens or drops through a link.
pub fn link_may_act_on_commitment(
    holder: &LinkHolder,
    p: &CommitmentParties<'_>,
    act: CommitmentAct,
) -> bool {
    let owner = link_owns_commitment(holder, p);
    let counterpart = link_verifies_commitment(holder, p);
    match act {
        CommitmentAct::Progress => owner,
        CommitmentAct::Note => owner || counterpart,
        CommitmentAct::Verify => counterpart,
        CommitmentAct::Reopen | CommitmentAct::Drop => false,
    }
}

/// May `user` open a meeting's confirmation desk (links, states, sanggahan)? The police, who
/// then see it within their scope; officials answer from their own pages.
pub fn may_open_confirmation_desk(user: &CurrentUser) -> bool {
    user.role != Role::Official
}

/// The institution an official answers for from "Pertemuan saya"; `None` for everyone else.
pub fn answering_institution(user: &CurrentUser) -> Option<i64> {
    user.institution_id.filter(|_| user.role == Role::Official)
}

/// What the holder of a confirmation link may read: the meetings and commitments of the link's
/// institution (the handlers narrow it to the link's meeting and lines).
pub fn link_scope(holder: &LinkHolder) -> Scope {
    Scope {
        national: false,
        unit: None,
        institution: Some(holder.institution_id),
    }
}

/// Who answered an attendee line last, as far as a team link cares.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LineClaim {
    /// Nobody has answered the line yet.
    Unanswered,
    /// Answered through a team link by the browser whose claim has this hash (`None` for
    /// answers given before claims were kept).
    Team(Option<String>),
    /// Answered through the line's personal link or an official's account.
    Personal,
}

/// May a team link answer (and so correct the name on) a line? Only an unanswered line, or one
/// this browser (claim hash `mine`) answered through a team link before.
pub fn team_link_may_answer(line: &LineClaim, mine: &str) -> bool {
    match line {
        LineClaim::Unanswered => true,
        LineClaim::Team(claim) => claim.as_deref() == Some(mine),
        LineClaim::Personal => false,
    }
}

/// May `user` manage accounts, units and institutions?
pub fn is_admin(user: &CurrentUser) -> bool {
    user.role == Role::Admin
}

/// May `user` read the audit log (of their scope)?
pub fn may_read_audit(user: &CurrentUser) -> bool {
    matches!(user.role, Role::Admin | Role::Commander)
}

#[cfg(test)]
#[path = "policy_tests.rs"]
mod tests;
