//! What an admin's input must look like before it reaches the database: usernames, phone
//! numbers, a person's placement (role with unit or institution) and unit kinds. Pure rules,
//! mirrored from the `check` constraints in `migrations/`, so bad input is a field error and
//! never a failed query. Whether a unit or institution lies in the admin's area is decided in SQL
//! (`db`).

use crate::auth::Role;
use crate::kit::fields::FieldErrors;

/// `^[a-z0-9][a-z0-9._-]{2,63}$`, as `app_user.username` requires; input is trimmed and lower-cased.
pub fn username(input: &str) -> Result<String, &'static str> {
    let u = input.trim().to_lowercase();
    if u.is_empty() {
        return Err("Isi nama pengguna.");
    }
    let shape = (3..=64).contains(&u.len())
        && u.bytes().next().is_some_and(|b| b.is_ascii_alphanumeric())
        && u.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-".contains(&b));
    if shape {
        Ok(u)
    } else {
        Err(
            "3–64 karakter: huruf kecil, angka, titik, garis bawah atau tanda hubung; diawali huruf atau angka.",
        )
    }
}

/// A positive id typed or chosen in a form; empty is `None`.
fn optional_id(input: &str) -> Result<Option<i64>, ()> {
    let t = input.trim();
    if t.is_empty() {
        return Ok(None);
    }
    match t.parse::<i64>() {
        Ok(id) if id > 0 => Ok(Some(id)),
        _ => Err(()),
    }
}

/// Where an account sits, which decides what it sees (see `auth::policy::Scope`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placement {
    /// An admin of the whole country.
    NationalAdmin,
    /// An admin of one Polda (the unit must be a Polda).
    PoldaAdmin(i64),
    /// A commander or liaison officer of a unit.
    Officer { role: Role, unit_id: i64 },
    /// An election official (or other institution's person) of an institution.
    Official(i64),
}

impl Placement {
    /// Reads the role, unit and institution fields; the field that does not apply to the role is
    /// ignored.
    pub fn parse(role: &str, unit: &str, institution: &str) -> Result<Self, FieldErrors> {
        const PICK_UNIT: &str = "Pilih satuan dari daftar.";
        let placement = match Role::parse(role.trim()) {
            None => Err(("role", "Pilih peran.")),
            Some(Role::Admin) => match optional_id(unit) {
                Ok(None) => Ok(Placement::NationalAdmin),
                Ok(Some(id)) => Ok(Placement::PoldaAdmin(id)),
                Err(()) => Err(("unit", PICK_UNIT)),
            },
            Some(role @ (Role::Commander | Role::Liaison)) => match optional_id(unit) {
                Ok(Some(unit_id)) => Ok(Placement::Officer { role, unit_id }),
                Ok(None) => Err(("unit", "Pilih satuan untuk peran ini.")),
                Err(()) => Err(("unit", PICK_UNIT)),
            },
            Some(Role::Official) => match optional_id(institution) {
                Ok(Some(id)) => Ok(Placement::Official(id)),
                Ok(None) => Err((
                    "institution",
                    "Ketik nama lembaganya lalu pilih dari hasil pencarian.",
                )),
                Err(()) => Err(("institution", "Pilih lembaga dari hasil pencarian.")),
            },
        };
        placement.map_err(|(field, message)| {
            let mut errors = FieldErrors::default();
            errors.add(field, message);
            errors
        })
    }

    pub fn role(&self) -> Role {
        match self {
            Placement::NationalAdmin | Placement::PoldaAdmin(_) => Role::Admin,
            Placement::Officer { role, .. } => *role,
            Placement::Official(_) => Role::Official,
        }
    }

    pub fn unit_id(&self) -> Option<i64> {
        match self {
            Placement::PoldaAdmin(id) => Some(*id),
            Placement::Officer { unit_id, .. } => Some(*unit_id),
            _ => None,
        }
    }

    pub fn institution_id(&self) -> Option<i64> {
        match self {
            Placement::Official(id) => Some(*id),
            _ => None,
        }
    }
}

/// Kinds of a Polres-level unit.
pub const POLRES_KINDS: &[&str] = &["polres", "polresta", "polrestabes", "polres_metro"];
/// Kinds of a Polsek-level unit.
pub const POLSEK_KINDS: &[&str] = &["polsek", "polsekta", "polsubsektor"];

/// Every kind an admin may create (before the parent is known).
pub const NEW_UNIT_KINDS: &[&str] = &[
    "polres",
    "polresta",
    "polrestabes",
    "polres_metro",
    "polsek",
    "polsekta",
    "polsubsektor",
];

/// The kinds a unit may have under a parent of `parent_level` ("polda" → Polres kinds,
/// "polres" → Polsek kinds); none under anything else.
pub fn kinds_under(parent_level: &str) -> &'static [&'static str] {
    match parent_level {
        "polda" => POLRES_KINDS,
        "polres" => POLSEK_KINDS,
        _ => &[],
    }
}

/// The kinds a unit of `level` may be changed to (its level is fixed by its parent).
pub fn kinds_of_level(level: &str) -> &'static [&'static str] {
    match level {
        "polres" => POLRES_KINDS,
        "polsek" => POLSEK_KINDS,
        _ => &[],
    }
}

/// A region code as typed ("14.05.01"): trimmed; the database decides whether it exists.
pub fn region_code(input: &str) -> Result<String, &'static str> {
    let c = input.trim();
    if c.is_empty() {
        Err("Isi kode wilayah, mis. 14.05.01.")
    } else if c.len() > 13 || !c.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        Err("Kode wilayah tidak ditemukan.")
    } else {
        Ok(c.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kit::fields::{optional_text, phone, required_text};

    #[test]
    fn usernames_follow_the_database_rule() {
        assert_eq!(username("  Budi.Santoso ").as_deref(), Ok("budi.santoso"));
        for bad in [
            "",
            "ab",
            ".budi",
            "budi santoso",
            "budi@polri",
            &"a".repeat(65),
            "bü",
        ] {
            assert!(username(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn phones_are_optional_but_must_look_like_numbers() {
        assert_eq!(phone(""), Ok(None));
        assert_eq!(
            phone(" 0812-3456 789 ").unwrap(),
            Some("0812-3456 789".into())
        );
        assert_eq!(phone("+62812345678").unwrap(), Some("+62812345678".into()));
        for bad in [
            "12345",
            "0812abc",
            "++62812345",
            "---------",
            &"1".repeat(21),
        ] {
            assert!(phone(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn texts_are_trimmed_and_bounded() {
        assert_eq!(
            required_text("  Kapolsek ", 1, 120).as_deref(),
            Ok("Kapolsek")
        );
        assert!(required_text("   ", 1, 120).is_err());
        assert!(required_text("ab", 3, 120).is_err());
        assert!(required_text(&"x".repeat(121), 1, 120).is_err());
        assert_eq!(optional_text(" ", 40), Ok(None));
        assert!(optional_text(&"x".repeat(41), 40).is_err());
    }

    #[test]
    fn a_placement_takes_the_field_its_role_needs() {
        assert_eq!(
            Placement::parse("admin", "", "7"),
            Ok(Placement::NationalAdmin)
        );
        assert_eq!(
            Placement::parse("admin", "2", ""),
            Ok(Placement::PoldaAdmin(2))
        );
        assert_eq!(
            Placement::parse("liaison", "12", "7"),
            Ok(Placement::Officer {
                role: Role::Liaison,
                unit_id: 12
            })
        );
        assert_eq!(
            Placement::parse("official", "12", " 7 "),
            Ok(Placement::Official(7))
        );
    }

    #[test]
    fn a_placement_without_its_field_names_the_field() {
        let cases = [
            ("", "", "", "role"),
            ("raja", "1", "", "role"),
            ("commander", "", "", "unit"),
            ("liaison", "x", "", "unit"),
            ("admin", "-3", "", "unit"),
            ("official", "", "", "institution"),
            ("official", "", "abc", "institution"),
        ];
        for (role, unit, inst, field) in cases {
            let errors = Placement::parse(role, unit, inst).expect_err(role);
            assert!(errors.has(field), "{role} {unit} {inst}: {errors:?}");
        }
    }

    #[test]
    fn unit_kinds_follow_the_parent() {
        assert!(kinds_under("polda").contains(&"polresta"));
        assert!(kinds_under("polres").contains(&"polsek"));
        assert!(kinds_under("polsek").is_empty());
        assert!(kinds_of_level("polres").contains(&"polres_metro"));
    }

    #[test]
    fn region_codes_are_digits_and_dots() {
        assert_eq!(region_code(" 14.05.01 ").as_deref(), Ok("14.05.01"));
        assert!(region_code("").is_err());
        assert!(region_code("14.05.01'--").is_err());
    }
}
