//! The one place where "may this person see or change this?" is decided. Lists and single-record
//! fetches take a [`Scope`] and apply it *in SQL* (`$national or path @> array[$unit]` /
//! attendance of `$institution`), so a forged id in a URL finds nothing.

use super::CurrentUser;

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

/// May `user` manage accounts, units and institutions?
pub fn is_admin(user: &CurrentUser) -> bool {
    user.role == Role::Admin
}

/// May `user` read the audit log (of their scope)?
pub fn may_read_audit(user: &CurrentUser) -> bool {
    matches!(user.role, Role::Admin | Role::Commander)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(role: Role, unit: Option<i64>, path: Vec<i64>, inst: Option<i64>) -> CurrentUser {
        CurrentUser {
            id: 1,
            username: "u".into(),
            display_name: "U".into(),
            position: String::new(),
            role,
            unit_id: unit,
            unit_name: None,
            unit_level: None,
            unit_path: path,
            institution_id: inst,
            institution_name: None,
            must_change_password: false,
        }
    }

    #[test]
    fn a_polres_liaison_may_log_for_its_polsek_but_not_for_a_neighbour() {
        let polres = user(Role::Liaison, Some(20), vec![1, 2, 20], None);
        assert!(may_write_meetings_of(&polres, &[1, 2, 20, 300]));
        assert!(may_write_meetings_of(&polres, &[1, 2, 20]));
        assert!(!may_write_meetings_of(&polres, &[1, 2, 21, 310]));
    }

    #[test]
    fn commanders_and_officials_never_write_meetings() {
        let cmd = user(Role::Commander, Some(20), vec![1, 2, 20], None);
        let off = user(Role::Official, None, vec![], Some(5));
        assert!(!may_write_meetings_of(&cmd, &[1, 2, 20]));
        assert!(!may_write_meetings_of(&off, &[1, 2, 20]));
    }

    #[test]
    fn commitments_are_updated_by_their_owner_and_verified_by_the_counterpart() {
        let ppk_official = user(Role::Official, None, vec![], Some(100));
        let other_official = user(Role::Official, None, vec![], Some(101));
        let polsek = user(Role::Liaison, Some(7), vec![1, 2, 5, 7], None);
        let neighbour = user(Role::Liaison, Some(8), vec![1, 2, 5, 8], None);
        let polres_cmd = user(Role::Commander, Some(5), vec![1, 2, 5], None);
        let ppk_owned = CommitmentParties {
            host_path: &[1, 2, 5, 7],
            owner_institution_id: 100,
            owner_police_path: None,
            to_institution_id: None,
        };
        assert!(may_update_commitment(&ppk_official, &ppk_owned));
        assert!(!may_update_commitment(&other_official, &ppk_owned));
        assert!(may_update_commitment(&polsek, &ppk_owned));
        assert!(!may_update_commitment(&neighbour, &ppk_owned));
        assert!(!may_update_commitment(&polres_cmd, &ppk_owned));
        assert!(
            may_verify_commitment(&polsek, &ppk_owned),
            "the host verifies the PPK's work"
        );
        assert!(
            !may_verify_commitment(&ppk_official, &ppk_owned),
            "not the owner itself"
        );
        let police_owned = CommitmentParties {
            host_path: &[1, 2, 5, 7],
            owner_institution_id: 900,
            owner_police_path: Some(&[1, 2, 5, 7]),
            to_institution_id: Some(100),
        };
        assert!(
            may_verify_commitment(&ppk_official, &police_owned),
            "the PPK verifies the Polsek's patrols"
        );
        assert!(
            !may_verify_commitment(&polsek, &police_owned),
            "the police do not verify themselves"
        );
        assert!(!may_verify_commitment(&other_official, &police_owned));
    }

    #[test]
    fn scopes_follow_the_role() {
        let admin = user(Role::Admin, None, vec![], None);
        assert!(admin.scope().national);
        let polda_admin = user(Role::Admin, Some(2), vec![1, 2], None);
        assert_eq!(
            polda_admin.scope(),
            Scope {
                national: false,
                unit: Some(2),
                institution: None
            }
        );
        let off = user(Role::Official, None, vec![], Some(5));
        assert_eq!(
            off.scope(),
            Scope {
                national: false,
                unit: None,
                institution: Some(5)
            }
        );
        assert!(!off.scope().sees_unit(&[1, 2, 20]));
        assert!(polda_admin.scope().sees_unit(&[1, 2, 20]));
        assert!(!polda_admin.scope().sees_unit(&[1, 3, 30]));
    }
}
