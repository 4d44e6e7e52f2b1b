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
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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
