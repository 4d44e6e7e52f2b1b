//! Where an account sits: its role with its unit or institution. An official's institution is
//! found by name (#18 point 14): the admin types part of it and picks among the matches in
//! their area; nobody copies a number out of a URL.

use axum::response::Response;
use serde_json::{Value, json};
use sqlx::PgPool;

use super::users::{user_in_scope, user_page};
use super::{done, go, invalid, page, save, split};
use crate::admin::Admin;
use crate::admin::db::{self, InstitutionChoice};
use crate::admin::domain::Placement;
use crate::admin::forms::{InstitutionPick, PlacementForm};
use crate::auth::{Act, CurrentUser, Role};
use crate::error::AppResult;
use crate::kit::audit::Entry;
use crate::kit::fields::FieldErrors;
use crate::web::{Form, Id};

const NOT_IN_AREA: &str = "Satuan tidak ditemukan di wilayah Anda. Pilih dari daftar.";

/// Whether `me` may put an account at `p`: the unit or institution must lie in their area, an
/// admin's unit must be a Polda, and only a national admin makes national admins.
pub(super) async fn placement_errors(
    pool: &PgPool,
    me: &CurrentUser,
    p: Placement,
) -> AppResult<FieldErrors> {
    let scope = me.scope();
    let mut errors = FieldErrors::default();
    match p {
        Placement::NationalAdmin if !scope.national => errors.add(
            "unit",
            "Hanya admin nasional yang dapat menetapkan admin nasional. Pilih Polda.",
        ),
        Placement::NationalAdmin => {}
        Placement::PoldaAdmin(id) => match db::unit_in_scope(pool, scope, id).await? {
            Some(u) if u.level == "polda" => {}
            Some(_) => errors.add("unit", "Admin bertugas di tingkat Polda: pilih Polda."),
            None => errors.add("unit", NOT_IN_AREA),
        },
        Placement::Officer { unit_id, .. } => {
            if db::unit_in_scope(pool, scope, unit_id).await?.is_none() {
                errors.add("unit", NOT_IN_AREA);
            }
        }
        Placement::Official(id) => {
            if db::official_institution(pool, scope, id).await?.is_none() {
                errors.add("institution", "Pilih lembaga dari hasil pencarian.");
            }
        }
    }
    Ok(errors)
}

/// Role and place of an account, as the audit log shows them.
pub(super) fn placement_json(
    role: &str,
    unit_id: Option<i64>,
    institution_id: Option<i64>,
) -> Value {
    json!({ "role": role, "unit_id": unit_id, "institution_id": institution_id })
}

/// An institution pick resolved: the id (empty when none), the matches to offer, and what is
/// wrong, if anything.
#[derive(Default)]
pub(super) struct Resolved {
    pub id: String,
    pub choices: Vec<InstitutionChoice>,
    pub error: Option<&'static str>,
}

/// Resolves the institution of an official (other roles have none): the chosen match if it
/// lies in the admin's area and still fits the name typed, else the one institution in the
/// area that the name finds (an exact name wins). Several matches, or a search asked for with
/// the button, come back as choices.
pub(super) async fn resolve(
    pool: &PgPool,
    me: &CurrentUser,
    role: &str,
    pick: &InstitutionPick,
) -> AppResult<Resolved> {
    if role.trim() != Role::Official.code() {
        return Ok(Resolved::default());
    }
    let scope = me.scope();
    let q = pick.query();
    if let Some(id) = pick.chosen().filter(|_| !pick.searching())
        && let Some(name) = db::official_institution(pool, scope, id).await?
        && pick.fits(&name)
    {
        return Ok(Resolved {
            id: id.to_string(),
            ..Resolved::default()
        });
    }
    if q.chars().count() < 2 {
        let error = (!q.is_empty()).then_some("Ketik sedikitnya 2 huruf nama lembaga.");
        return Ok(Resolved {
            error,
            ..Resolved::default()
        });
    }
    let choices = db::institution_choices(pool, scope, &q).await?;
    let lower = q.to_lowercase();
    let exact: Vec<i64> = (choices.iter())
        .filter(|c| c.name.to_lowercase() == lower)
        .map(|c| c.id)
        .collect();
    let only = match (exact.as_slice(), choices.as_slice()) {
        ([id], _) => Some(*id),
        (_, [c]) => Some(c.id),
        _ => None,
    };
    Ok(match only {
        Some(id) if !pick.searching() => Resolved {
            id: id.to_string(),
            ..Resolved::default()
        },
        _ if choices.is_empty() => Resolved {
            error: Some("Tidak ada lembaga dengan nama itu di wilayah Anda."),
            ..Resolved::default()
        },
        _ => Resolved {
            error: (!pick.searching()).then_some("Beberapa lembaga cocok: pilih salah satu."),
            choices,
            ..Resolved::default()
        },
    })
}

pub async fn change_placement(
    Act(state, ctx, Admin(me), meta): Act<Admin>,
    Id(id): Id,
    Form(mut form): Form<PlacementForm>,
) -> AppResult<Response> {
    let user = user_in_scope(&state.pool, &me, id).await?;
    let Resolved {
        id: institution,
        choices,
        error,
    } = resolve(&state.pool, &me, &form.role, &form.pick).await?;
    form.pick.institution_id = institution.clone();
    let mut errors = FieldErrors::default();
    if let Some(m) = error {
        errors.add("institution", m);
    }
    let (placement, parse_errors) = split(form.parse(&institution));
    if !form.pick.searching() {
        errors.merge(parse_errors);
    }
    if let Some(p) = placement.filter(|_| !form.pick.searching()) {
        errors.merge(placement_errors(&state.pool, &me, p).await?);
    }
    if user.id == me.id {
        errors.add(
            "role",
            "Peran akun Anda sendiri hanya dapat diubah oleh admin lain.",
        );
    }
    let placement = match placement {
        Some(p) if errors.is_empty() && !form.pick.searching() => p,
        _ => {
            let searching = form.pick.searching() && !errors.has("role");
            let mut p = user_page(&state.pool, ctx, &me, user).await?;
            p.placement = form;
            p.placement_errors = errors;
            p.choices = choices;
            return if searching { page(p) } else { invalid(p) };
        }
    };
    let before = placement_json(&user.role, user.unit_id, user.institution_id);
    let (role, unit_id, institution_id) = (
        placement.role().code(),
        placement.unit_id(),
        placement.institution_id(),
    );
    let saved = save(
        &state.pool,
        async |c| {
            db::set_placement(c, id, role, unit_id, institution_id).await?;
            Ok(id)
        },
        |id| {
            Entry::by(&me, &meta, "user.placement", "user", Some(id))
                .unit(unit_id.or(me.unit_id))
                .change(
                    Some(before),
                    Some(placement_json(role, unit_id, institution_id)),
                )
        },
        |id| go(format!("/admin/pengguna/{id}?ok=penempatan")),
    )
    .await?;
    done(saved)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placements_are_audited_with_their_role_unit_and_institution() {
        let v = placement_json("official", None, Some(7));
        assert_eq!(v["role"], "official");
        assert_eq!(v["institution_id"], 7);
        assert!(v["unit_id"].is_null());
    }
}
