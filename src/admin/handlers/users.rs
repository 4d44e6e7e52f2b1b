//! Accounts: list, create, change role and placement, reset the password, deactivate.

use axum::extract::State;
use axum::response::Response;
use serde_json::{Value, json};
use sqlx::PgPool;

use super::{ListQuery, Saved, done, filter, invalid, notice, page, save, split};
use crate::AppState;
use crate::admin::db::{self, UserDetail};
use crate::admin::domain::Placement;
use crate::admin::forms::{PasswordForm, PlacementForm, StatusForm, UserForm};
use crate::admin::{Admin, views};
use crate::auth::db::NewUser;
use crate::auth::{CurrentUser, check_new_password, hash_password};
use crate::error::{AppError, AppResult};
use crate::kit::audit::Entry;
use crate::kit::fields::FieldErrors;
use crate::web::fmt::mask_phone;
use crate::web::{Ctx, Form, Id, Query, RequestMeta, see_other, url_encode};

const NOT_IN_AREA: &str = "Satuan tidak ditemukan di wilayah Anda. Pilih dari daftar.";

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
    page(new_user_page(&state.pool, ctx, &me, form, FieldErrors::default()).await?)
}

async fn new_user_page(
    pool: &PgPool,
    ctx: Ctx,
    me: &CurrentUser,
    mut form: UserForm,
    errors: FieldErrors,
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
async fn placement_errors(pool: &PgPool, me: &CurrentUser, p: Placement) -> AppResult<FieldErrors> {
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
    let (account, mut errors) = split(form.parse());
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
    let mut after = placement_json(p.role().code(), p.unit_id(), p.institution_id());
    after["username"] = json!(account.username);
    after["display_name"] = json!(account.display_name);
    after["position"] = json!(account.position);
    after["rank"] = json!(account.rank);
    after["phone"] = json!(account.phone.as_deref().map(mask_phone));
    let saved = save(
        &state.pool,
        async |c| db::insert_user(c, &new).await,
        |id| {
            Entry::by(&me, &meta, "user.create", "user", Some(id))
                .unit(p.unit_id().or(me.unit_id))
                .change(None, Some(after))
        },
        |id| format!("/admin/pengguna/{id}?ok=pengguna"),
    )
    .await?;
    match saved {
        Saved::Done(r) => Ok(r),
        Saved::Duplicate(_) => {
            errors.add(
                "username",
                "Nama pengguna ini sudah dipakai. Pilih yang lain.",
            );
            invalid(new_user_page(&state.pool, ctx, &me, form, errors).await?)
        }
    }
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
        placement_errors: FieldErrors::default(),
        password_errors: FieldErrors::default(),
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
    let (placement, mut errors) = split(form.parse());
    if let Some(p) = placement {
        errors.merge(placement_errors(&state.pool, &me, p).await?);
    }
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
        |id| format!("/admin/pengguna/{id}?ok=penempatan"),
    )
    .await?;
    done(saved)
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
    let mut errors = FieldErrors::default();
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
    let saved = save(
        &state.pool,
        async |c| {
            crate::auth::db::set_password(c, id, &hash).await?;
            Ok(id)
        },
        |id| {
            Entry::by(&me, &meta, "user.password_reset", "user", Some(id))
                .unit(user.unit_id.or(me.unit_id))
        },
        |id| format!("/admin/pengguna/{id}?ok=sandi"),
    )
    .await?;
    done(saved)
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
    let to = format!(
        "/admin/pengguna/{id}?ok={}",
        if active { "aktif" } else { "nonaktif" }
    );
    if user.active == active {
        return Ok(see_other(&to));
    }
    let action = if active {
        "user.reactivate"
    } else {
        "user.deactivate"
    };
    let saved = save(
        &state.pool,
        async |c| {
            db::set_active(c, id, active).await?;
            Ok(id)
        },
        |id| {
            Entry::by(&me, &meta, action, "user", Some(id))
                .unit(user.unit_id.or(me.unit_id))
                .change(
                    Some(json!({ "active": user.active })),
                    Some(json!({ "active": active })),
                )
        },
        |_| to,
    )
    .await?;
    done(saved)
}
