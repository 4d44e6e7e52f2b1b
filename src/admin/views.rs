//! Template structs of the admin pages, with the small formatting helpers their templates call.

use askama::Template;

use super::db::{
    InstitutionChoice, InstitutionRow, KindOption, RegionRow, UnitDetail, UnitOption, UnitRow,
    UserDetail, UserRow,
};
use super::forms::{
    InstitutionForm, InstitutionPick, PlacementForm, RegionForm, UnitForm, UserForm,
};
use crate::auth::Role;
use crate::kit::fields::FieldErrors;
use crate::kit::labels::{level_label, unit_kind_label};
use crate::web::Ctx;

/// The roles, in the order the select offers them.
const ROLES: [Role; 4] = [Role::Liaison, Role::Commander, Role::Official, Role::Admin];

fn role_label(code: &str) -> &'static str {
    Role::parse(code).map(|r| r.label()).unwrap_or("—")
}

impl UnitOption {
    /// The name indented by level, for selects ("— — Polsek Kuala Kampar").
    pub fn label(&self) -> String {
        let indent = match self.level.as_str() {
            "polres" => "— ",
            "polsek" => "— — ",
            _ => "",
        };
        format!("{indent}{}", self.name)
    }
}

impl UnitRow {
    pub fn kind_label(&self) -> &'static str {
        unit_kind_label(&self.kind)
    }
    /// Poldas and Mabes are listed but edited elsewhere (the command line).
    pub fn editable(&self) -> bool {
        matches!(self.level.as_str(), "polres" | "polsek")
    }
}

impl RegionRow {
    pub fn level_label(&self) -> &'static str {
        level_label(&self.level)
    }
}

impl UserRow {
    pub fn role_label(&self) -> &'static str {
        role_label(&self.role)
    }
    /// The phone number masked: a list is seen over shoulders.
    pub fn masked_phone(&self) -> String {
        self.phone
            .as_deref()
            .map(crate::web::fmt::mask_phone)
            .unwrap_or_default()
    }
}

#[derive(Template)]
#[template(path = "admin/users.html")]
pub struct UsersPage {
    pub ctx: Ctx,
    pub q: String,
    pub rows: Vec<UserRow>,
    pub next: Option<String>,
}

#[derive(Template)]
#[template(path = "admin/user_new.html")]
pub struct NewUserPage {
    pub ctx: Ctx,
    pub form: UserForm,
    pub errors: FieldErrors,
    /// Institutions found by the name typed, to choose from.
    pub choices: Vec<InstitutionChoice>,
    pub units: Vec<UnitOption>,
    /// Whether the admin may create national admins.
    pub national: bool,
}

impl NewUserPage {
    pub fn roles(&self) -> &'static [Role] {
        &ROLES
    }
}

#[derive(Template)]
#[template(path = "admin/user.html")]
pub struct UserPage {
    pub ctx: Ctx,
    pub user: UserDetail,
    /// The admin is looking at their own account: its role and status are not changed here.
    pub own: bool,
    pub units: Vec<UnitOption>,
    pub national: bool,
    pub placement: PlacementForm,
    /// The official's institution, or those found by the name typed, to choose from.
    pub choices: Vec<InstitutionChoice>,
    pub placement_errors: FieldErrors,
    pub password_errors: FieldErrors,
    pub status_error: Option<&'static str>,
    pub notice: Option<&'static str>,
    /// Name, position, rank and NRP (`auth/profile_fields.html`).
    pub profile: crate::auth::profile::ProfileForm,
    pub profile_errors: FieldErrors,
}

impl UserPage {
    pub fn roles(&self) -> &'static [Role] {
        &ROLES
    }
    pub fn role_label(&self) -> &'static str {
        role_label(&self.user.role)
    }
    pub fn since(&self) -> String {
        crate::web::fmt::datetime(self.user.created_at, chrono_tz::Asia::Jakarta)
    }
    pub fn password_changed(&self) -> String {
        crate::web::fmt::datetime(self.user.password_changed_at, chrono_tz::Asia::Jakarta)
    }
    /// The placement form as the account stands now.
    pub fn placement_of(user: &UserDetail) -> PlacementForm {
        PlacementForm {
            role: user.role.clone(),
            unit: user.unit_id.map(|i| i.to_string()).unwrap_or_default(),
            pick: InstitutionPick {
                institution: user.institution_name.clone().unwrap_or_default(),
                institution_id: (user.institution_id)
                    .map(|i| i.to_string())
                    .unwrap_or_default(),
                find: String::new(),
            },
        }
    }
    /// The account's institution as the one choice, already chosen.
    pub fn current_institution(user: &UserDetail) -> Vec<InstitutionChoice> {
        match (user.institution_id, &user.institution_name) {
            (Some(id), Some(name)) => vec![InstitutionChoice {
                id,
                name: name.clone(),
                kind_label: String::new(),
                region_name: None,
            }],
            _ => Vec::new(),
        }
    }
}

#[derive(Template)]
#[template(path = "admin/units.html")]
pub struct UnitsPage {
    pub ctx: Ctx,
    pub q: String,
    pub rows: Vec<UnitRow>,
    pub prev: Option<String>,
    pub next: Option<String>,
}

#[derive(Template)]
#[template(path = "admin/unit_new.html")]
pub struct NewUnitPage {
    pub ctx: Ctx,
    pub form: UnitForm,
    pub errors: FieldErrors,
    pub parents: Vec<UnitOption>,
}

impl NewUnitPage {
    pub fn polres_kinds(&self) -> &'static [&'static str] {
        super::domain::POLRES_KINDS
    }
    pub fn polsek_kinds(&self) -> &'static [&'static str] {
        super::domain::POLSEK_KINDS
    }
    pub fn kind_label(&self, kind: &str) -> &'static str {
        unit_kind_label(kind)
    }
}

#[derive(Template)]
#[template(path = "admin/unit.html")]
pub struct UnitPage {
    pub ctx: Ctx,
    pub unit: UnitDetail,
    pub regions: Vec<RegionRow>,
    /// Regencies and districts of the Polda's province, offered while typing a code.
    pub choices: Vec<RegionRow>,
    pub form: UnitForm,
    pub errors: FieldErrors,
    pub region_form: RegionForm,
    pub region_errors: FieldErrors,
    pub notice: Option<&'static str>,
}

impl UnitPage {
    pub fn kinds(&self) -> &'static [&'static str] {
        super::domain::kinds_of_level(&self.unit.level)
    }
    pub fn kind_label(&self, kind: &str) -> &'static str {
        unit_kind_label(kind)
    }
    /// A Polres may get Polsek under it.
    pub fn takes_children(&self) -> bool {
        self.unit.level == "polres"
    }
    /// The edit form as the unit stands now.
    pub fn form_of(unit: &UnitDetail) -> UnitForm {
        UnitForm {
            parent: String::new(),
            kind: unit.kind.clone(),
            name: unit.name.clone(),
            address: unit.address.clone(),
        }
    }
}

#[derive(Template)]
#[template(path = "admin/institutions.html")]
pub struct InstitutionsPage {
    pub ctx: Ctx,
    pub kinds: Vec<KindOption>,
    pub form: InstitutionForm,
    pub errors: FieldErrors,
    pub rows: Vec<InstitutionRow>,
    pub notice: Option<&'static str>,
}

/// A one-time password, shown to the admin once: for a new account or after a reset.
#[derive(Template)]
#[template(path = "admin/one_time.html")]
pub struct OneTimePage {
    pub ctx: Ctx,
    pub user_id: i64,
    pub username: String,
    pub display_name: String,
    pub password: String,
    /// The account was just created (else its password was reset).
    pub created: bool,
}
