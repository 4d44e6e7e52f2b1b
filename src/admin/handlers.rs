//! Admin handlers. A write parses its form, checks what it points at against the admin's area
//! (in SQL), then changes the record and records the audit entry in one transaction. Bad input
//! gets the same page back with the input kept and a message by each bad field (422).

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Value, json};
use sqlx::PgPool;

use super::db::{self, UnitDetail, UserDetail};
use super::domain::{self, Errors, Placement};
use super::forms::{
    InstitutionForm, PasswordForm, PlacementForm, RegionForm, StatusForm, UnitForm, UserForm,
};
use super::{Admin, views};
use crate::AppState;
use crate::auth::db::NewUser;
use crate::auth::{CurrentUser, check_new_password, hash_password};
use crate::error::{AppError, AppResult};
use crate::kit::audit::{self, Entry};
use crate::web::{Ctx, Form, Id, Query, RequestMeta, render, see_other, url_encode};

const NOT_IN_AREA: &str = "Satuan tidak ditemukan di wilayah Anda. Pilih dari daftar.";

/// The page again, with 422: the input was not accepted.
fn invalid(page: impl Template) -> AppResult<Response> {
    Ok((StatusCode::UNPROCESSABLE_ENTITY, render(page)?).into_response())
}

fn page(page: impl Template) -> AppResult<Response> {
    Ok(render(page)?.into_response())
}

/// What `?ok=…` after a redirect says happened. Fixed texts: nothing from the URL is shown.
fn notice(code: &str) -> Option<&'static str> {
    Some(match code {
        "pengguna" => {
            "Akun dibuat. Sampaikan nama pengguna dan kata sandi awal langsung kepada pemiliknya."
        }
        "penempatan" => "Peran dan penempatan disimpan.",
        "sandi" => "Kata sandi direset. Sesi akun ini yang sedang berjalan berakhir.",
        "nonaktif" => "Akun dinonaktifkan. Sesi akun ini yang sedang berjalan berakhir.",
        "aktif" => "Akun diaktifkan kembali.",
        "satuan" => "Satuan dibuat. Petakan wilayah hukumnya di bawah.",
        "disimpan" => "Perubahan disimpan.",
        "wilayah" => "Wilayah hukum diperbarui.",
        "lembaga" => "Lembaga ditambahkan.",
        _ => return None,
    })
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ListQuery {
    q: String,
    after: String,
    page: Option<i64>,
    ok: String,
    /// The parent to preselect when creating a unit.
    induk: String,
}

/// A list filter as typed: trimmed, at most 64 characters.
fn filter(q: &str) -> String {
    q.trim().chars().take(64).collect()
}

pub async fn home(Admin(_): Admin) -> Response {
    see_other("/admin/pengguna")
}

// ---- accounts ----

pub async fn users(
    State(state): State<AppState>,
    ctx: Ctx,
    Admin(me): Admin,
    Query(f): Query<ListQuery>,
) -> AppResult<Response> {
    let q = filter(&f.q);
    let mut rows = db::users(&state.lists, me.scope(), &q, &f.after).await?;
    let next = (rows.len() > 50).then(|| {
        rows.truncate(50);
        let last = rows.last().map(|r| r.username.as_str()).unwrap_or_default();
        format!(
            "/admin/pengguna?q={}&after={}",
            url_encode(&q),
            url_encode(last)
        )
    });
    page(views::UsersPage { ctx, q, rows, next })
}

pub async fn new_user_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Admin(me): Admin,
) -> AppResult<Response> {
    let form = UserForm {
        role: "liaison".into(),
        ..UserForm::default()
    };
    let page = new_user_page(&state.pool, ctx, &me, form, Errors::default()).await?;
    Ok(render(page)?.into_response())
}

async fn new_user_page(
    pool: &PgPool,
    ctx: Ctx,
    me: &CurrentUser,
    mut form: UserForm,
    errors: Errors,
) -> AppResult<views::NewUserPage> {
    form.password.clear();
    Ok(views::NewUserPage {
        ctx,
        form,
        errors,
        units: db::units_in_scope(pool, me.scope()).await?,
        national: me.scope().national,
    })
}

/// Whether `me` may put an account at `p`: the unit or institution must lie in their area, an
/// admin's unit must be a Polda, and only a national admin makes national admins.
async fn placement_errors(pool: &PgPool, me: &CurrentUser, p: Placement) -> AppResult<Errors> {
    let scope = me.scope();
    let mut errors = Errors::default();
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
                errors.add(
                    "institution",
                    "Tidak ada lembaga dengan nomor ini di wilayah Anda.",
                );
            }
        }
    }
    Ok(errors)
}

/// Role and place of an account, as the audit log shows them.
fn placement_json(role: &str, unit_id: Option<i64>, institution_id: Option<i64>) -> Value {
    json!({ "role": role, "unit_id": unit_id, "institution_id": institution_id })
}

pub async fn create_user(
    State(state): State<AppState>,
    ctx: Ctx,
    Admin(me): Admin,
    meta: RequestMeta,
    Form(form): Form<UserForm>,
) -> AppResult<Response> {
    let (account, mut errors) = match form.parse() {
        Ok(a) => (Some(a), Errors::default()),
        Err(e) => (None, e),
    };
    if let Ok(p) = Placement::parse(&form.role, &form.unit, &form.institution) {
        errors.merge(placement_errors(&state.pool, &me, p).await?);
    }
    let account = match account {
        Some(a) if errors.is_empty() => a,
        _ => return invalid(new_user_page(&state.pool, ctx, &me, form, errors).await?),
    };
    let hash = hash_password(account.password.clone()).await?;
    let p = account.placement;
    let new = NewUser {
        username: &account.username,
        display_name: &account.display_name,
        position: &account.position,
        rank: account.rank.as_deref(),
        phone: account.phone.as_deref(),
        role: p.role(),
        unit_id: p.unit_id(),
        institution_id: p.institution_id(),
        password_hash: &hash,
    };
    let mut tx = state.pool.begin().await?;
    let id = match db::insert_user(&mut *tx, &new).await {
        Ok(id) => id,
        Err(e) if db::unique_violation(&e).is_some() => {
            errors.add(
                "username",
                "Nama pengguna ini sudah dipakai. Pilih yang lain.",
            );
            return invalid(new_user_page(&state.pool, ctx, &me, form, errors).await?);
        }
        Err(e) => return Err(e.into()),
    };
    let mut after = placement_json(p.role().code(), p.unit_id(), p.institution_id());
    after["username"] = json!(account.username);
    after["display_name"] = json!(account.display_name);
    after["position"] = json!(account.position);
    after["rank"] = json!(account.rank);
    after["phone"] = json!(account.phone.as_deref().map(crate::web::fmt::mask_phone));
    audit::record(
        &mut tx,
        Entry::by(&me, &meta, "user.create", "user", Some(id))
            .unit(p.unit_id().or(me.unit_id))
            .change(None, Some(after)),
    )
    .await?;
    tx.commit().await?;
    Ok(see_other(&format!("/admin/pengguna/{id}?ok=pengguna")))
}

/// The account page with its forms as the account stands.
async fn user_page(
    pool: &PgPool,
    ctx: Ctx,
    me: &CurrentUser,
    user: UserDetail,
) -> AppResult<views::UserPage> {
    let own = user.id == me.id;
    let units = if own {
        Vec::new()
    } else {
        db::units_in_scope(pool, me.scope()).await?
    };
    Ok(views::UserPage {
        ctx,
        own,
        units,
        national: me.scope().national,
        placement: views::UserPage::placement_of(&user),
        placement_errors: Errors::default(),
        password_errors: Errors::default(),
        status_error: None,
        notice: None,
        user,
    })
}

async fn user_in_scope(pool: &PgPool, me: &CurrentUser, id: i64) -> AppResult<UserDetail> {
    db::user(pool, me.scope(), id)
        .await?
        .ok_or(AppError::NotFound)
}

pub async fn user(
    State(state): State<AppState>,
    ctx: Ctx,
    Admin(me): Admin,
    Id(id): Id,
    Query(f): Query<ListQuery>,
) -> AppResult<Response> {
    let user = user_in_scope(&state.pool, &me, id).await?;
    let mut p = user_page(&state.pool, ctx, &me, user).await?;
    p.notice = notice(&f.ok);
    page(p)
}

pub async fn change_placement(
    State(state): State<AppState>,
    ctx: Ctx,
    Admin(me): Admin,
    meta: RequestMeta,
    Id(id): Id,
    Form(form): Form<PlacementForm>,
) -> AppResult<Response> {
    let user = user_in_scope(&state.pool, &me, id).await?;
    let mut errors = Errors::default();
    let placement = match form.parse() {
        Ok(p) => {
            errors.merge(placement_errors(&state.pool, &me, p).await?);
            Some(p)
        }
        Err(e) => {
            errors.merge(e);
            None
        }
    };
    if user.id == me.id {
        errors.add(
            "role",
            "Peran akun Anda sendiri hanya dapat diubah oleh admin lain.",
        );
    }
    let placement = match placement {
        Some(p) if errors.is_empty() => p,
        _ => {
            let mut p = user_page(&state.pool, ctx, &me, user).await?;
            p.placement = form;
            p.placement_errors = errors;
            return invalid(p);
        }
    };
    let before = placement_json(&user.role, user.unit_id, user.institution_id);
    let after = placement_json(
        placement.role().code(),
        placement.unit_id(),
        placement.institution_id(),
    );
    let mut tx = state.pool.begin().await?;
    db::set_placement(
        &mut *tx,
        id,
        placement.role().code(),
        placement.unit_id(),
        placement.institution_id(),
    )
    .await?;
    audit::record(
        &mut tx,
        Entry::by(&me, &meta, "user.placement", "user", Some(id))
            .unit(placement.unit_id().or(me.unit_id))
            .change(Some(before), Some(after)),
    )
    .await?;
    tx.commit().await?;
    Ok(see_other(&format!("/admin/pengguna/{id}?ok=penempatan")))
}

pub async fn reset_password(
    State(state): State<AppState>,
    ctx: Ctx,
    Admin(me): Admin,
    meta: RequestMeta,
    Id(id): Id,
    Form(form): Form<PasswordForm>,
) -> AppResult<Response> {
    let user = user_in_scope(&state.pool, &me, id).await?;
    let mut errors = Errors::default();
    if user.id == me.id {
        errors.add(
            "password",
            "Ganti kata sandi Anda sendiri lewat halaman Ganti kata sandi.",
        );
    } else if let Err(m) = check_new_password(&form.password) {
        errors.add("password", m);
    }
    if !errors.is_empty() {
        let mut p = user_page(&state.pool, ctx, &me, user).await?;
        p.password_errors = errors;
        return invalid(p);
    }
    let hash = hash_password(form.password).await?;
    let mut tx = state.pool.begin().await?;
    crate::auth::db::set_password(&mut *tx, id, &hash).await?;
    audit::record(
        &mut tx,
        Entry::by(&me, &meta, "user.password_reset", "user", Some(id))
            .unit(user.unit_id.or(me.unit_id)),
    )
    .await?;
    tx.commit().await?;
    Ok(see_other(&format!("/admin/pengguna/{id}?ok=sandi")))
}

pub async fn set_status(
    State(state): State<AppState>,
    ctx: Ctx,
    Admin(me): Admin,
    meta: RequestMeta,
    Id(id): Id,
    Form(form): Form<StatusForm>,
) -> AppResult<Response> {
    let user = user_in_scope(&state.pool, &me, id).await?;
    let active = form
        .active()
        .ok_or_else(|| AppError::BadRequest("Status akun tidak dikenal.".into()))?;
    if user.id == me.id {
        let mut p = user_page(&state.pool, ctx, &me, user).await?;
        p.status_error = Some("Akun Anda sendiri hanya dapat dinonaktifkan oleh admin lain.");
        return invalid(p);
    }
    let done = if active { "aktif" } else { "nonaktif" };
    if user.active != active {
        let action = if active {
            "user.reactivate"
        } else {
            "user.deactivate"
        };
        let mut tx = state.pool.begin().await?;
        db::set_active(&mut *tx, id, active).await?;
        audit::record(
            &mut tx,
            Entry::by(&me, &meta, action, "user", Some(id))
                .unit(user.unit_id.or(me.unit_id))
                .change(
                    Some(json!({ "active": user.active })),
                    Some(json!({ "active": active })),
                ),
        )
        .await?;
        tx.commit().await?;
    }
    Ok(see_other(&format!("/admin/pengguna/{id}?ok={done}")))
}

// ---- police units ----

pub async fn units(
    State(state): State<AppState>,
    ctx: Ctx,
    Admin(me): Admin,
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
    errors: Errors,
) -> AppResult<views::NewUnitPage> {
    Ok(views::NewUnitPage {
        ctx,
        form,
        errors,
        parents: db::parents_in_scope(pool, me.scope()).await?,
    })
}

pub async fn new_unit_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Admin(me): Admin,
    Query(f): Query<ListQuery>,
) -> AppResult<Response> {
    let form = UnitForm {
        parent: f.induk,
        ..UnitForm::default()
    };
    page(new_unit_page(&state.pool, ctx, &me, form, Errors::default()).await?)
}

/// A unit's editable fields, as the audit log shows them.
fn unit_json(kind: &str, name: &str, address: &str) -> Value {
    json!({ "kind": kind, "name": name, "address": address })
}

const NAME_TAKEN: &str = "Nama satuan ini sudah dipakai.";

pub async fn create_unit(
    State(state): State<AppState>,
    ctx: Ctx,
    Admin(me): Admin,
    meta: RequestMeta,
    Form(form): Form<UnitForm>,
) -> AppResult<Response> {
    let parent = match form.parent_id() {
        Some(id) => db::parent_in_scope(&state.pool, me.scope(), id).await?,
        None => None,
    };
    let kinds = parent
        .as_ref()
        .map_or(domain::NEW_UNIT_KINDS, |p| domain::kinds_under(&p.level));
    let (fields, mut errors) = match form.parse(kinds) {
        Ok(f) => (Some(f), Errors::default()),
        Err(e) => (None, e),
    };
    if parent.is_none() {
        errors.add("parent", "Pilih Polda atau Polres induk dari daftar.");
    }
    let (Some(parent), Some(fields)) = (parent, fields) else {
        return invalid(new_unit_page(&state.pool, ctx, &me, form, errors).await?);
    };
    let mut tx = state.pool.begin().await?;
    let id = match db::insert_unit(
        &mut *tx,
        &parent,
        &fields.kind,
        &fields.name,
        &fields.address,
    )
    .await
    {
        Ok(id) => id,
        Err(e) if db::unique_violation(&e).is_some() => {
            errors.add("name", NAME_TAKEN);
            return invalid(new_unit_page(&state.pool, ctx, &me, form, errors).await?);
        }
        Err(e) => return Err(e.into()),
    };
    let mut after = unit_json(&fields.kind, &fields.name, &fields.address);
    after["parent_id"] = json!(parent.id);
    audit::record(
        &mut tx,
        Entry::by(&me, &meta, "unit.create", "police_unit", Some(id))
            .unit(Some(id))
            .change(None, Some(after)),
    )
    .await?;
    tx.commit().await?;
    Ok(see_other(&format!("/admin/satuan/{id}?ok=satuan")))
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
        errors: Errors::default(),
        region_form: RegionForm::default(),
        region_errors: Errors::default(),
        notice: None,
        unit,
    })
}

pub async fn unit(
    State(state): State<AppState>,
    ctx: Ctx,
    Admin(me): Admin,
    Id(id): Id,
    Query(f): Query<ListQuery>,
) -> AppResult<Response> {
    let unit = editable_unit(&state.pool, &me, id).await?;
    let mut p = unit_page(&state.pool, ctx, unit).await?;
    p.notice = notice(&f.ok);
    page(p)
}

pub async fn update_unit(
    State(state): State<AppState>,
    ctx: Ctx,
    Admin(me): Admin,
    meta: RequestMeta,
    Id(id): Id,
    Form(form): Form<UnitForm>,
) -> AppResult<Response> {
    let unit = editable_unit(&state.pool, &me, id).await?;
    let fields = match form.parse(domain::kinds_of_level(&unit.level)) {
        Ok(f) => f,
        Err(errors) => {
            let mut p = unit_page(&state.pool, ctx, unit).await?;
            p.form = form;
            p.errors = errors;
            return invalid(p);
        }
    };
    let before = unit_json(&unit.kind, &unit.name, &unit.address);
    let after = unit_json(&fields.kind, &fields.name, &fields.address);
    let mut tx = state.pool.begin().await?;
    match db::update_unit(&mut *tx, id, &fields.kind, &fields.name, &fields.address).await {
        Ok(()) => {}
        Err(e) if db::unique_violation(&e).is_some() => {
            let mut p = unit_page(&state.pool, ctx, unit).await?;
            p.form = form;
            p.errors.add("name", NAME_TAKEN);
            return invalid(p);
        }
        Err(e) => return Err(e.into()),
    }
    audit::record(
        &mut tx,
        Entry::by(&me, &meta, "unit.update", "police_unit", Some(id))
            .unit(Some(id))
            .change(Some(before), Some(after)),
    )
    .await?;
    tx.commit().await?;
    Ok(see_other(&format!("/admin/satuan/{id}?ok=disimpan")))
}

pub async fn add_region(
    State(state): State<AppState>,
    ctx: Ctx,
    Admin(me): Admin,
    meta: RequestMeta,
    Id(id): Id,
    Form(form): Form<RegionForm>,
) -> AppResult<Response> {
    let unit = editable_unit(&state.pool, &me, id).await?;
    let mut errors = Errors::default();
    let region = match domain::region_code(&form.code) {
        Ok(code) => db::region(&state.pool, &code).await?,
        Err(m) => {
            errors.add("code", m);
            None
        }
    };
    match &region {
        None => errors.add("code", "Kode wilayah tidak ditemukan."),
        Some(r) if !matches!(r.level.as_str(), "regency" | "district") => errors.add(
            "code",
            "Pilih kabupaten/kota atau kecamatan, bukan provinsi atau desa.",
        ),
        Some(r)
            if !unit
                .province_code
                .as_deref()
                .is_some_and(|p| r.code.starts_with(&format!("{p}."))) =>
        {
            errors.add("code", "Wilayah ini di luar provinsi Polda satuan ini.")
        }
        Some(_) => {}
    }
    let Some(region) = region.filter(|_| errors.is_empty()) else {
        return region_form_again(&state.pool, ctx, unit, form, errors).await;
    };
    let mut tx = state.pool.begin().await?;
    match db::add_unit_region(&mut *tx, id, &region.code).await {
        Ok(()) => {}
        Err(e) if db::unique_violation(&e).is_some() => {
            errors.add("code", "Wilayah ini sudah dipetakan ke satuan ini.");
            return region_form_again(&state.pool, ctx, unit, form, errors).await;
        }
        Err(e) => return Err(e.into()),
    }
    audit::record(
        &mut tx,
        Entry::by(&me, &meta, "unit.region_add", "police_unit", Some(id))
            .unit(Some(id))
            .change(None, Some(json!({ "region_code": region.code }))),
    )
    .await?;
    tx.commit().await?;
    Ok(see_other(&format!("/admin/satuan/{id}?ok=wilayah")))
}

/// The unit page again with the region form's input and errors.
async fn region_form_again(
    pool: &PgPool,
    ctx: Ctx,
    unit: UnitDetail,
    form: RegionForm,
    errors: Errors,
) -> AppResult<Response> {
    let mut p = unit_page(pool, ctx, unit).await?;
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
    let mut tx = state.pool.begin().await?;
    if !db::remove_unit_region(&mut *tx, id, code).await? {
        return Err(AppError::NotFound);
    }
    audit::record(
        &mut tx,
        Entry::by(&me, &meta, "unit.region_remove", "police_unit", Some(id))
            .unit(Some(id))
            .change(Some(json!({ "region_code": code })), None),
    )
    .await?;
    tx.commit().await?;
    Ok(see_other(&format!("/admin/satuan/{id}?ok=wilayah")))
}

// ---- institutions ----

async fn institutions_page(
    pool: &PgPool,
    ctx: Ctx,
    me: &CurrentUser,
    form: InstitutionForm,
    errors: Errors,
) -> AppResult<views::InstitutionsPage> {
    Ok(views::InstitutionsPage {
        ctx,
        kinds: db::institution_kinds(pool).await?,
        form,
        errors,
        rows: db::recent_institutions(pool, me.scope()).await?,
        notice: None,
    })
}

pub async fn institutions(
    State(state): State<AppState>,
    ctx: Ctx,
    Admin(me): Admin,
    Query(f): Query<ListQuery>,
) -> AppResult<Response> {
    let mut p = institutions_page(
        &state.pool,
        ctx,
        &me,
        InstitutionForm::default(),
        Errors::default(),
    )
    .await?;
    p.notice = notice(&f.ok);
    page(p)
}

pub async fn create_institution(
    State(state): State<AppState>,
    ctx: Ctx,
    Admin(me): Admin,
    meta: RequestMeta,
    Form(form): Form<InstitutionForm>,
) -> AppResult<Response> {
    let kinds: Vec<String> = db::institution_kinds(&state.pool)
        .await?
        .into_iter()
        .map(|k| k.code)
        .collect();
    let (new, mut errors) = match form.parse(&kinds) {
        Ok(n) => (Some(n), Errors::default()),
        Err(e) => (None, e),
    };
    if let Ok(code) = domain::region_code(&form.region) {
        match db::region_in_scope(&state.pool, me.scope(), &code).await? {
            None => errors.add("region", "Kode wilayah tidak ditemukan."),
            Some(r) if !r.in_scope => {
                errors.add("region", format!("{} di luar wilayah Polda Anda.", r.name))
            }
            Some(_) => {}
        }
    }
    let new = match new {
        Some(n) if errors.is_empty() => n,
        _ => return invalid(institutions_page(&state.lists, ctx, &me, form, errors).await?),
    };
    let mut tx = state.pool.begin().await?;
    let id = match db::insert_institution(&mut *tx, &new.kind, &new.name, &new.region_code).await {
        Ok(id) => id,
        Err(e) => match db::unique_violation(&e).as_deref() {
            Some("institution_election_body") => {
                errors.add(
                    "region",
                    "Lembaga jenis ini sudah ada untuk wilayah tersebut.",
                );
                return invalid(institutions_page(&state.lists, ctx, &me, form, errors).await?);
            }
            Some(_) => {
                errors.add(
                    "name",
                    "Lembaga dengan jenis, wilayah dan nama ini sudah ada.",
                );
                return invalid(institutions_page(&state.lists, ctx, &me, form, errors).await?);
            }
            None => return Err(e.into()),
        },
    };
    audit::record(
        &mut tx,
        Entry::by(&me, &meta, "institution.create", "institution", Some(id)).change(
            None,
            Some(json!({ "kind": new.kind, "name": new.name, "region_code": new.region_code })),
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(see_other("/admin/lembaga?ok=lembaga"))
}
