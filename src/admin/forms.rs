//! What the admin pages' forms send, as strings (so a bad value comes back to the form rather
//! than failing deserialisation), and their conversion into checked values.

use serde::Deserialize;

use super::domain::{self, Placement};
use crate::kit::fields::{FieldErrors, optional_text, phone, required_text};
use crate::kit::labels::unit_kind_label;

/// Creating an account.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct UserForm {
    pub username: String,
    pub display_name: String,
    pub position: String,
    pub rank: String,
    pub phone: String,
    pub role: String,
    pub unit: String,
    #[serde(flatten)]
    pub pick: InstitutionPick,
}

/// A new account's checked fields; where it sits is still to be checked against the admin's area.
pub struct NewAccount {
    pub username: String,
    pub display_name: String,
    pub position: String,
    pub rank: Option<String>,
    pub phone: Option<String>,
    pub placement: Placement,
}

impl UserForm {
    /// Checks the fields; `institution` is the id the institution search resolved to ("" when none).
    pub fn parse(&self, institution: &str) -> Result<NewAccount, FieldErrors> {
        let mut errors = FieldErrors::default();
        let username = domain::username(&self.username).map_err(|m| errors.add("username", m));
        let display_name =
            required_text(&self.display_name, 1, 120).map_err(|m| errors.add("display_name", m));
        let position = optional_text(&self.position, 160).map_err(|m| errors.add("position", m));
        let rank = optional_text(&self.rank, 40).map_err(|m| errors.add("rank", m));
        let phone = phone(&self.phone).map_err(|m| errors.add("phone", m));
        let placement =
            Placement::parse(&self.role, &self.unit, institution).map_err(|e| errors.merge(e));
        match (username, display_name, position, rank, phone, placement) {
            (Ok(username), Ok(display_name), Ok(position), Ok(rank), Ok(phone), Ok(placement))
                if errors.is_empty() =>
            {
                Ok(NewAccount {
                    username,
                    display_name,
                    position: position.unwrap_or_default(),
                    rank,
                    phone,
                    placement,
                })
            }
            _ => Err(errors),
        }
    }
}

/// Changing an account's role and unit or institution.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct PlacementForm {
    pub role: String,
    pub unit: String,
    #[serde(flatten)]
    pub pick: InstitutionPick,
}

impl PlacementForm {
    /// Checks the fields; `institution` is the id the institution search resolved to.
    pub fn parse(&self, institution: &str) -> Result<Placement, FieldErrors> {
        Placement::parse(&self.role, &self.unit, institution)
    }
}

/// Choosing an official's institution by name: the text typed, the search button, and the
/// choice made among the matches shown (a radio group; works without JavaScript).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct InstitutionPick {
    /// Part of the institution's name, e.g. "ppk kuala kampar".
    pub institution: String,
    /// The institution chosen among the matches (its id, as the radio sends it).
    pub institution_id: String,
    /// Set when the "Cari" button was pressed: show the matches, write nothing.
    pub find: String,
}

impl InstitutionPick {
    /// The name as typed: trimmed, at most 100 characters.
    pub fn query(&self) -> String {
        self.institution.trim().chars().take(100).collect()
    }

    /// The chosen id, if it is a number at all.
    pub fn chosen(&self) -> Option<i64> {
        self.institution_id
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|id| *id > 0)
    }

    /// Whether the chosen institution (named `name`) still fits the name typed: typing another
    /// name after choosing asks for a new search.
    pub fn fits(&self, name: &str) -> bool {
        name.to_lowercase().contains(&self.query().to_lowercase())
    }

    pub fn searching(&self) -> bool {
        !self.find.is_empty()
    }
}

/// Deactivating (`active=0`) or reactivating (`active=1`) an account.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct StatusForm {
    pub active: String,
}

impl StatusForm {
    pub fn active(&self) -> Option<bool> {
        match self.active.as_str() {
            "1" => Some(true),
            "0" => Some(false),
            _ => None,
        }
    }
}

/// Name, kind and address: shared by creating and editing a unit.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct UnitForm {
    /// Only when creating: the Polda or Polres the unit sits under.
    pub parent: String,
    pub kind: String,
    pub name: String,
    pub address: String,
}

/// A unit's checked name, kind and address.
pub struct UnitFields {
    pub kind: String,
    pub name: String,
    pub address: String,
}

impl UnitForm {
    /// Checks the fields for a unit whose kind must be one of `kinds`.
    pub fn parse(&self, kinds: &[&str]) -> Result<UnitFields, FieldErrors> {
        let mut errors = FieldErrors::default();
        let kind = self.kind.trim();
        if !kinds.contains(&kind) {
            errors.add("kind", kind_message(kinds));
        }
        let name = required_text(&self.name, 3, 200).map_err(|m| errors.add("name", m));
        let address = optional_text(&self.address, 300).map_err(|m| errors.add("address", m));
        match (name, address) {
            (Ok(name), Ok(address)) if errors.is_empty() => Ok(UnitFields {
                kind: kind.to_string(),
                name,
                address: address.unwrap_or_default(),
            }),
            _ => Err(errors),
        }
    }

    /// The chosen parent's id, if it is a number at all.
    pub fn parent_id(&self) -> Option<i64> {
        self.parent.trim().parse::<i64>().ok().filter(|id| *id > 0)
    }
}

fn kind_message(kinds: &[&str]) -> String {
    if kinds.is_empty() {
        "Pilih jenis satuan.".into()
    } else {
        let labels: Vec<&str> = kinds.iter().map(|k| unit_kind_label(k)).collect();
        format!("Pilih salah satu: {}.", labels.join(", "))
    }
}

/// A region code to map to, or unmap from, a unit.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct RegionForm {
    pub code: String,
}

/// A new institution.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct InstitutionForm {
    pub kind: String,
    pub name: String,
    pub region: String,
}

pub struct NewInstitution {
    pub kind: String,
    pub name: String,
    pub region_code: String,
}

impl InstitutionForm {
    /// Checks the fields; `kinds` are the kinds an admin may add.
    pub fn parse(&self, kinds: &[String]) -> Result<NewInstitution, FieldErrors> {
        let mut errors = FieldErrors::default();
        let kind = self.kind.trim();
        if !kinds.iter().any(|k| k == kind) {
            errors.add("kind", "Pilih jenis lembaga dari daftar.");
        }
        let name = required_text(&self.name, 2, 200).map_err(|m| errors.add("name", m));
        let region = domain::region_code(&self.region).map_err(|m| errors.add("region", m));
        match (name, region) {
            (Ok(name), Ok(region_code)) if errors.is_empty() => Ok(NewInstitution {
                kind: kind.to_string(),
                name,
                region_code,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user_form() -> UserForm {
        UserForm {
            username: "Bripka.Andi".into(),
            display_name: " Andi Saputra ".into(),
            position: "Bamin Intelkam".into(),
            rank: "".into(),
            phone: "0812 3456 7890".into(),
            role: "liaison".into(),
            unit: "12".into(),
            pick: InstitutionPick::default(),
        }
    }

    #[test]
    fn a_good_user_form_becomes_an_account() {
        let a = user_form().parse("").expect("valid");
        assert_eq!(a.username, "bripka.andi");
        assert_eq!(a.display_name, "Andi Saputra");
        assert_eq!(a.rank, None);
        assert_eq!(a.placement.unit_id(), Some(12));
    }

    /// Makes one field of a good form bad.
    type Spoil = fn(&mut UserForm);

    #[test]
    fn each_bad_user_field_is_named() {
        let cases: [(&str, Spoil); 5] = [
            ("username", |f| f.username = "a b".into()),
            ("display_name", |f| f.display_name = " ".into()),
            ("phone", |f| f.phone = "telepon".into()),
            ("role", |f| f.role = "raja".into()),
            ("unit", |f| f.unit = "".into()),
        ];
        for (field, spoil) in cases {
            let mut f = user_form();
            spoil(&mut f);
            let errors = f.parse("").err().expect(field);
            assert!(errors.has(field), "{field}: {errors:?}");
        }
    }

    #[test]
    fn an_official_needs_the_institution_the_search_resolved() {
        let mut f = user_form();
        f.role = "official".into();
        assert!(f.parse("").err().expect("none").has("institution"));
        assert_eq!(
            f.parse("7").expect("resolved").placement.institution_id(),
            Some(7)
        );
    }

    #[test]
    fn a_chosen_institution_fits_only_the_name_it_was_found_by() {
        let pick = InstitutionPick {
            institution: " kuala KAMPAR ".into(),
            institution_id: "12".into(),
            find: String::new(),
        };
        assert_eq!(pick.chosen(), Some(12));
        assert!(pick.fits("PPK Kecamatan Kuala Kampar"));
        assert!(!pick.fits("Panwaslu Kecamatan Kempas"));
        assert!(!pick.searching());
        let forged = InstitutionPick {
            institution_id: "-3".into(),
            ..pick
        };
        assert_eq!(forged.chosen(), None);
    }

    #[test]
    fn a_unit_kind_must_fit_its_level() {
        let f = UnitForm {
            parent: "3".into(),
            kind: "polsek".into(),
            name: "Polsek Baru".into(),
            address: String::new(),
        };
        assert!(f.parse(domain::POLSEK_KINDS).is_ok());
        let errors = f.parse(domain::POLRES_KINDS).err().expect("wrong level");
        assert!(errors.has("kind"));
        assert_eq!(f.parent_id(), Some(3));
    }

    #[test]
    fn an_institution_needs_a_listed_kind_a_name_and_a_region() {
        let kinds = vec!["koramil".to_string()];
        let f = InstitutionForm {
            kind: "kpu".into(),
            name: "x".into(),
            region: "".into(),
        };
        let errors = f.parse(&kinds).err().expect("invalid");
        for field in ["kind", "name", "region"] {
            assert!(errors.has(field), "{field}");
        }
    }
}
