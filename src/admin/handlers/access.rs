//! Whether and how an account gets in: resetting its password to a one-time password (shown to
//! the admin once, to be changed at the next sign-in) and deactivating or reactivating it.

use axum::response::Response;
use serde_json::json;

use super::users::{one_time_page, user_in_scope, user_page};
use super::{done, go, invalid, save};
use crate::admin::forms::StatusForm;
use crate::admin::{Admin, db, views};
use crate::auth::{Act, hash_password, onetime};
use crate::error::{AppError, AppResult};
use crate::kit::audit::Entry;
use crate::web::{Form, Id, see_other};

pub async fn reset_password(
    Act(state, ctx, Admin(me), meta): Act<Admin>,
    Id(id): Id,
) -> AppResult<Response> {
    let user = user_in_scope(&state.pool, &me, id).await?;
    if user.id == me.id {
        let mut p = user_page(&state.pool, ctx, &me, user).await?;
        p.password_errors.add(
            "password",
            "Ganti kata sandi Anda sendiri lewat halaman Ganti kata sandi.",
        );
        return invalid(p);
    }
    let password = onetime::generate();
    let hash = hash_password(password.clone()).await?;
    let shown = views::OneTimePage {
        ctx,
        user_id: id,
        username: user.username.clone(),
        display_name: user.display_name.clone(),
        password,
        created: false,
    };
    let saved = save(
        &state.pool,
        async |c| {
            onetime::set_by_admin(c, id, &hash).await?;
            Ok(id)
        },
        |id| {
            Entry::by(&me, &meta, "user.password_reset", "user", Some(id))
                .unit(user.unit_id.or(me.unit_id))
                .change(None, Some(json!({ "one_time_password": true })))
        },
        |_| one_time_page(shown),
    )
    .await?;
    done(saved)
}

pub async fn set_status(
    Act(state, ctx, Admin(me), meta): Act<Admin>,
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
        |_| go(to),
    )
    .await?;
    done(saved)
}
