//! Template structs of the admin pages, with the small formatting helpers their templates call.

use askama::Template;

use super::db::{
    InstitutionRow, KindOption, RegionRow, UnitDetail, UnitOption, UnitRow, UserDetail, UserRow,
};
use super::forms::{InstitutionForm, PlacementForm, RegionForm, UnitForm, UserForm};
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
    pub placement_errors: FieldErrors,
    pub password_errors: FieldErrors,
    pub status_error: Option<&'static str>,
    pub notice: Option<&'static str>,
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
            institution: user
                .institution_id
                .map(|i| i.to_string())
                .unwrap_or_default(),
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
