//! Police units: list, create a Polres or Polsek, edit it, map and unmap its area.

use axum::extract::State;
use axum::response::Response;
use serde_json::{Value, json};
use sqlx::PgPool;

use super::{ListQuery, Saved, done, filter, go, invalid, notice, page, save, split};
use crate::AppState;
use crate::admin::db::{self, UnitDetail};
use crate::admin::forms::{RegionForm, UnitForm};
use crate::admin::{Admin, domain, views};
use crate::auth::{Act, CurrentUser, Signed};
use crate::error::{AppError, AppResult};
use crate::kit::audit::Entry;
use crate::kit::fields::FieldErrors;
use crate::web::{Ctx, Form, Id, Query, RequestMeta, url_encode};

const NAME_TAKEN: &str = "Nama satuan ini sudah dipakai.";

pub async fn units(
    Signed(state, ctx, Admin(me)): Signed<Admin>,
    Query(f): Query<ListQuery>,
) -> AppResult<Response> {
    let q = filter(&f.q);
    let n = f.page.unwrap_or(0).clamp(0, 100_000);
    let mut rows = db::units(&state.lists, me.scope(), &q, n * 100).await?;
    let link = |n: i64| format!("/admin/satuan?q={}&page={n}", url_encode(&q));
    let next = (rows.len() > 100).then(|| {
        rows.truncate(100);
        link(n + 1)
    });
    let prev = (n > 0).then(|| link(n - 1));
    page(views::UnitsPage {
        ctx,
        q,
        rows,
        prev,
        next,
    })
}

async fn new_unit_page(
    pool: &PgPool,
    ctx: Ctx,
    me: &CurrentUser,
    form: UnitForm,
    errors: FieldErrors,
) -> AppResult<views::NewUnitPage> {
    Ok(views::NewUnitPage {
        ctx,
        form,
        errors,
        parents: db::parents_in_scope(pool, me.scope()).await?,
    })
}

pub async fn new_unit_form(
    Signed(state, ctx, Admin(me)): Signed<Admin>,
    Query(f): Query<ListQuery>,
) -> AppResult<Response> {
    let form = UnitForm {
        parent: f.induk,
        ..UnitForm::default()
    };
    page(new_unit_page(&state.pool, ctx, &me, form, FieldErrors::default()).await?)
}

/// A unit's editable fields, as the audit log shows them.
fn unit_json(kind: &str, name: &str, address: &str) -> Value {
    json!({ "kind": kind, "name": name, "address": address })
}

pub async fn create_unit(
    Act(state, ctx, Admin(me), meta): Act<Admin>,
    Form(form): Form<UnitForm>,
) -> AppResult<Response> {
    let parent = match form.parent_id() {
        Some(id) => db::parent_in_scope(&state.pool, me.scope(), id).await?,
        None => None,
    };
    let kinds = parent
        .as_ref()
        .map_or(domain::NEW_UNIT_KINDS, |p| domain::kinds_under(&p.level));
    let (fields, mut errors) = split(form.parse(kinds));
    if parent.is_none() {
        errors.add("parent", "Pilih Polda atau Polres induk dari daftar.");
    }
    let (Some(parent), Some(f)) = (parent, fields) else {
        return invalid(new_unit_page(&state.pool, ctx, &me, form, errors).await?);
    };
    let mut after = unit_json(&f.kind, &f.name, &f.address);
    after["parent_id"] = json!(parent.id);
    let saved = save(
        &state.pool,
        async |c| db::insert_unit(c, &parent, &f.kind, &f.name, &f.address).await,
        |id| {
            Entry::by(&me, &meta, "unit.create", "police_unit", Some(id))
                .unit(Some(id))
                .change(None, Some(after))
        },
        |id| go(format!("/admin/satuan/{id}?ok=satuan")),
    )
    .await?;
    match saved {
        Saved::Done(r) => Ok(r),
        Saved::Duplicate(_) => {
            errors.add("name", NAME_TAKEN);
            invalid(new_unit_page(&state.pool, ctx, &me, form, errors).await?)
        }
    }
}

async fn editable_unit(pool: &PgPool, me: &CurrentUser, id: i64) -> AppResult<UnitDetail> {
    db::editable_unit(pool, me.scope(), id)
        .await?
        .ok_or(AppError::NotFound)
}

/// The unit page with its forms as the unit stands.
async fn unit_page(pool: &PgPool, ctx: Ctx, unit: UnitDetail) -> AppResult<views::UnitPage> {
    let regions = db::unit_regions(pool, unit.id).await?;
    let choices = match &unit.province_code {
        Some(p) => db::mappable_regions(pool, p).await?,
        None => Vec::new(),
    };
    Ok(views::UnitPage {
        ctx,
        regions,
        choices,
        form: views::UnitPage::form_of(&unit),
        errors: FieldErrors::default(),
        region_form: RegionForm::default(),
        region_errors: FieldErrors::default(),
        notice: None,
        unit,
    })
}

pub async fn unit(
    Signed(state, ctx, Admin(me)): Signed<Admin>,
    Id(id): Id,
    Query(f): Query<ListQuery>,
) -> AppResult<Response> {
    let unit = editable_unit(&state.pool, &me, id).await?;
    let mut p = unit_page(&state.pool, ctx, unit).await?;
    p.notice = notice(&f.ok);
    page(p)
}

pub async fn update_unit(
    Act(state, ctx, Admin(me), meta): Act<Admin>,
    Id(id): Id,
    Form(form): Form<UnitForm>,
) -> AppResult<Response> {
    let unit = editable_unit(&state.pool, &me, id).await?;
    let (fields, mut errors) = split(form.parse(domain::kinds_of_level(&unit.level)));
    if let Some(f) = fields {
        let before = unit_json(&unit.kind, &unit.name, &unit.address);
        let after = unit_json(&f.kind, &f.name, &f.address);
        let saved = save(
            &state.pool,
            async |c| {
                db::update_unit(c, id, &f.kind, &f.name, &f.address).await?;
                Ok(id)
            },
            |id| {
                Entry::by(&me, &meta, "unit.update", "police_unit", Some(id))
                    .unit(Some(id))
                    .change(Some(before), Some(after))
            },
            |id| go(format!("/admin/satuan/{id}?ok=disimpan")),
        )
        .await?;
        match saved {
            Saved::Done(r) => return Ok(r),
            Saved::Duplicate(_) => errors.add("name", NAME_TAKEN),
        }
    }
    let mut p = unit_page(&state.pool, ctx, unit).await?;
    p.form = form;
    p.errors = errors;
    invalid(p)
}

/// What is wrong with mapping `region` to `unit`, if anything.
fn region_error(unit: &UnitDetail, region: Option<&db::RegionRow>) -> Option<&'static str> {
    let province = unit.province_code.as_deref();
    match region {
        None => Some("Kode wilayah tidak ditemukan."),
        Some(r) if !matches!(r.level.as_str(), "regency" | "district") => {
            Some("Pilih kabupaten/kota atau kecamatan, bukan provinsi atau desa.")
        }
        Some(r) if !province.is_some_and(|p| r.code.starts_with(&format!("{p}."))) => {
            Some("Wilayah ini di luar provinsi Polda satuan ini.")
        }
        Some(_) => None,
    }
}

pub async fn add_region(
    Act(state, ctx, Admin(me), meta): Act<Admin>,
    Id(id): Id,
    Form(form): Form<RegionForm>,
) -> AppResult<Response> {
    let unit = editable_unit(&state.pool, &me, id).await?;
    let mut errors = FieldErrors::default();
    let region = match domain::region_code(&form.code) {
        Ok(code) => db::region(&state.pool, &code).await?,
        Err(m) => {
            errors.add("code", m);
            None
        }
    };
    if let Some(m) = region_error(&unit, region.as_ref()) {
        errors.add("code", m);
    }
    if let Some(region) = region.filter(|_| errors.is_empty()) {
        let saved = save(
            &state.pool,
            async |c| {
                db::add_unit_region(c, id, &region.code).await?;
                Ok(id)
            },
            |id| {
                Entry::by(&me, &meta, "unit.region_add", "police_unit", Some(id))
                    .unit(Some(id))
                    .change(None, Some(json!({ "region_code": region.code })))
            },
            |id| go(format!("/admin/satuan/{id}?ok=wilayah")),
        )
        .await?;
        match saved {
            Saved::Done(r) => return Ok(r),
            Saved::Duplicate(_) => errors.add("code", "Wilayah ini sudah dipetakan ke satuan ini."),
        }
    }
    let mut p = unit_page(&state.pool, ctx, unit).await?;
    p.region_form = form;
    p.region_errors = errors;
    invalid(p)
}

pub async fn remove_region(
    State(state): State<AppState>,
    Admin(me): Admin,
    meta: RequestMeta,
    Id(id): Id,
    Form(form): Form<RegionForm>,
) -> AppResult<Response> {
    editable_unit(&state.pool, &me, id).await?;
    let code = form.code.trim();
    let saved = save(
        &state.pool,
        async |c| match db::remove_unit_region(c, id, code).await? {
            true => Ok(id),
            false => Err(sqlx::Error::RowNotFound),
        },
        |id| {
            Entry::by(&me, &meta, "unit.region_remove", "police_unit", Some(id))
                .unit(Some(id))
                .change(Some(json!({ "region_code": code })), None)
        },
        |id| go(format!("/admin/satuan/{id}?ok=wilayah")),
    )
    .await?;
    done(saved)
}
