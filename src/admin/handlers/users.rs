//! Accounts: the list, creating one (with a one-time password shown once) and its page.

use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use sqlx::PgPool;

use super::placement::{Resolved, placement_errors, placement_json, resolve};
use super::{ListQuery, Saved, filter, go, invalid, notice, page, save, split};
use crate::admin::db::{self, InstitutionChoice, UserDetail};
use crate::admin::forms::{NewAccount, UserForm};
use crate::admin::{Admin, views};
use crate::auth::db::NewUser;
use crate::auth::profile::{self, ProfileForm};
use crate::auth::{Act, CurrentUser, Signed, hash_password, onetime};
use crate::error::{AppError, AppResult};
use crate::kit::audit::Entry;
use crate::kit::fields::FieldErrors;
use crate::web::fmt::mask_phone;
use crate::web::{Ctx, Form, Id, Query, render, url_encode};

pub async fn users(
    Signed(state, ctx, Admin(me)): Signed<Admin>,
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

pub async fn new_user_form(Signed(state, ctx, Admin(me)): Signed<Admin>) -> AppResult<Response> {
    let form = UserForm {
        role: "liaison".into(),
        ..UserForm::default()
    };
    let errors = FieldErrors::default();
    page(new_user_page(&state.pool, ctx, &me, form, errors, Vec::new()).await?)
}

async fn new_user_page(
    pool: &PgPool,
    ctx: Ctx,
    me: &CurrentUser,
    form: UserForm,
    errors: FieldErrors,
    choices: Vec<InstitutionChoice>,
) -> AppResult<views::NewUserPage> {
    Ok(views::NewUserPage {
        ctx,
        form,
        errors,
        choices,
        units: db::units_in_scope(pool, me.scope()).await?,
        national: me.scope().national,
    })
}

/// A new account as the audit log shows it: the phone masked, the password only as the fact
/// that it is a one-time password.
fn account_json(a: &NewAccount) -> Value {
    let p = a.placement;
    let mut v = placement_json(p.role().code(), p.unit_id(), p.institution_id());
    v["username"] = json!(a.username);
    v["display_name"] = json!(a.display_name);
    v["position"] = json!(a.position);
    v["rank"] = json!(a.rank);
    v["phone"] = json!(a.phone.as_deref().map(mask_phone));
    v["one_time_password"] = json!(true);
    v
}

/// The one-time password, shown once and never stored by any cache.
pub(super) fn one_time_page(p: views::OneTimePage) -> AppResult<Response> {
    Ok(([(header::CACHE_CONTROL, "no-store")], render(p)?).into_response())
}

pub async fn create_user(
    Act(state, ctx, Admin(me), meta): Act<Admin>,
    Form(mut form): Form<UserForm>,
) -> AppResult<Response> {
    let Resolved { id, choices, error } = resolve(&state.pool, &me, &form.role, &form.pick).await?;
    form.pick.institution_id = id.clone();
    let mut errors = FieldErrors::default();
    if let Some(m) = error {
        errors.add("institution", m);
    }
    if form.pick.searching() {
        return page(new_user_page(&state.pool, ctx, &me, form, errors, choices).await?);
    }
    let (account, parse_errors) = split(form.parse(&id));
    errors.merge(parse_errors);
    if let Some(a) = &account {
        errors.merge(placement_errors(&state.pool, &me, a.placement).await?);
    }
    let account = match account {
        Some(a) if errors.is_empty() => a,
        _ => return invalid(new_user_page(&state.pool, ctx, &me, form, errors, choices).await?),
    };
    let password = onetime::generate();
    let hash = hash_password(password.clone()).await?;
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
    let after = account_json(&account);
    let shown = views::OneTimePage {
        ctx: ctx.clone(),
        user_id: 0,
        username: account.username.clone(),
        display_name: account.display_name.clone(),
        password,
        created: true,
    };
    let saved = save(
        &state.pool,
        async |c| db::insert_user_with_one_time_password(c, &new).await,
        |id| {
            Entry::by(&me, &meta, "user.create", "user", Some(id))
                .unit(p.unit_id().or(me.unit_id))
                .change(None, Some(after))
        },
        |id| {
            one_time_page(views::OneTimePage {
                user_id: id,
                ..shown
            })
        },
    )
    .await?;
    match saved {
        Saved::Done(r) => Ok(r),
        Saved::Duplicate(_) => {
            errors.add(
                "username",
                "Nama pengguna ini sudah dipakai. Pilih yang lain.",
            );
            invalid(new_user_page(&state.pool, ctx, &me, form, errors, choices).await?)
        }
    }
}

/// The account page with its forms as the account stands.
pub(super) async fn user_page(
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
        choices: views::UserPage::current_institution(&user),
        placement_errors: FieldErrors::default(),
        password_errors: FieldErrors::default(),
        status_error: None,
        notice: None,
        profile: ProfileForm::of(
            &profile::load(pool, user.id)
                .await?
                .ok_or(AppError::NotFound)?,
        ),
        profile_errors: FieldErrors::default(),
        user,
    })
}

pub(super) async fn user_in_scope(
    pool: &PgPool,
    me: &CurrentUser,
    id: i64,
) -> AppResult<UserDetail> {
    db::user(pool, me.scope(), id)
        .await?
        .ok_or(AppError::NotFound)
}

pub async fn user(
    Signed(state, ctx, Admin(me)): Signed<Admin>,
    Id(id): Id,
    Query(f): Query<ListQuery>,
) -> AppResult<Response> {
    let user = user_in_scope(&state.pool, &me, id).await?;
    let mut p = user_page(&state.pool, ctx, &me, user).await?;
    p.notice = notice(&f.ok);
    page(p)
}

/// The account's name, position, rank and NRP, as its owner edits them at `/akun/profil`.
pub async fn update_profile(
    Act(state, ctx, Admin(me), meta): Act<Admin>,
    Id(id): Id,
    Form(form): Form<ProfileForm>,
) -> AppResult<Response> {
    let user = user_in_scope(&state.pool, &me, id).await?;
    let p = match form.parse() {
        Ok(p) => p,
        Err(errors) => {
            let mut page = user_page(&state.pool, ctx, &me, user).await?;
            page.profile = form;
            page.profile_errors = errors;
            return invalid(page);
        }
    };
    let mut tx = state.pool.begin().await?;
    let before = profile::load(&mut *tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let entry =
        Entry::by(&me, &meta, "user.profile", "user", Some(id)).unit(user.unit_id.or(me.unit_id));
    profile::save(&mut tx, id, &before, &p, entry).await?;
    tx.commit().await?;
    go(format!("/admin/pengguna/{id}?ok=profil"))
}
