//! Login, logout and changing one's own password.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use tower_sessions::Session;

use super::{CurrentUser, PASSWORD_VERSION, USER_ID, db, version, views};
use crate::AppState;
use crate::auth::Act;
use crate::error::{AppError, AppResult};
use crate::kit::audit::{self, Entry};
use crate::web::{
    ClientIp, Ctx, Form, Query, form_token, form_token_valid, render, respond, see_other,
};

/// One message for every failure, so the form does not tell which usernames exist.
const BAD_LOGIN: &str = "Nama pengguna atau kata sandi salah.";
const INACTIVE: &str = "Akun ini sudah dinonaktifkan. Hubungi admin satuan Anda.";
const STALE_FORM: &str = "Formulir sudah kedaluwarsa. Silakan coba lagi.";

#[derive(Deserialize)]
pub struct NextQuery {
    #[serde(default)]
    next: String,
}

pub async fn login_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<NextQuery>,
) -> AppResult<Response> {
    if ctx.user.is_some() {
        return Ok(see_other(&q.next));
    }
    let page = views::LoginPage {
        ctx,
        username: String::new(),
        next: crate::web::local_path(&q.next).to_string(),
        csrf: form_token(&state.secret),
        message: None,
    };
    respond(StatusCode::OK, page)
}

#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    next: String,
}

pub async fn login(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    ctx: Ctx,
    session: Session,
    Form(form): Form<LoginForm>,
) -> AppResult<Response> {
    let username = form.username.trim().to_lowercase();
    let again = |message: &'static str, status: StatusCode| -> AppResult<Response> {
        let page = views::LoginPage {
            ctx: ctx.clone(),
            username: username.chars().take(64).collect(),
            next: crate::web::local_path(&form.next).to_string(),
            csrf: form_token(&state.secret),
            message: Some(message),
        };
        respond(status, page)
    };
    if !form_token_valid(&state.secret, &form.csrf) {
        return again(STALE_FORM, StatusCode::FORBIDDEN);
    }
    let plausible = valid_username(&username) && (1..=200).contains(&form.password.chars().count());
    // Counted before the hash is checked, so parallel guesses cannot all pass the count.
    let key = if plausible { username.as_str() } else { "" };
    let attempt = match state.login_limits.attempt(key, ip) {
        Ok(a) => a,
        Err(_) => {
            tracing::warn!(client.ip_hash = %state.hash_ip(ip), "login rate limit reached");
            return Err(AppError::TooManyRequests);
        }
    };
    let row = if plausible {
        db::login_row(&state.pool, &username).await?
    } else {
        None
    };
    // Hash even when the user does not exist, so timing does not tell either.
    let hash = row
        .as_ref()
        .map(|r| r.password_hash.clone())
        .unwrap_or_else(|| DUMMY_HASH.clone());
    let verified = state
        .login_limits
        .verify(form.password.clone(), hash)
        .await
        .map_err(|_| AppError::Busy)?;
    let ok = verified && plausible;
    match row {
        Some(r) if ok && r.active => {
            state.login_limits.forgive(attempt);
            session
                .cycle_id()
                .await
                .map_err(|e| AppError::Internal(e.into()))?;
            session
                .insert(USER_ID, r.id)
                .await
                .map_err(|e| AppError::Internal(e.into()))?;
            session
                .insert(PASSWORD_VERSION, version(r.password_changed_at))
                .await
                .map_err(|e| AppError::Internal(e.into()))?;
            tracing::info!(user.id = r.id, "login");
            Ok(see_other(&form.next))
        }
        Some(r) if ok && !r.active => again(INACTIVE, StatusCode::UNAUTHORIZED),
        _ => again(BAD_LOGIN, StatusCode::UNAUTHORIZED),
    }
}

/// A real argon2id hash, checked against when the username is unknown.
static DUMMY_HASH: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| password_auth::generate_hash(crate::web::random_token(16)));

pub async fn logout(session: Session) -> AppResult<Response> {
    session
        .flush()
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
    Ok(see_other("/login"))
}

pub async fn password_form(ctx: Ctx, _user: CurrentUser) -> AppResult<Response> {
    Ok(render(views::PasswordPage {
        ctx,
        current_error: None,
        new_error: None,
        done: false,
    })?
    .into_response())
}

#[derive(Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    current: String,
    #[serde(default)]
    new: String,
    #[serde(default)]
    repeat: String,
}

pub async fn change_password(
    Act(state, ctx, user, meta): Act,
    session: Session,
    Form(form): Form<PasswordForm>,
) -> AppResult<Response> {
    let hash = db::password_hash(&state.pool, user.id).await?;
    let mut page = views::PasswordPage {
        ctx,
        current_error: None,
        new_error: None,
        done: false,
    };
    let current_ok = state
        .login_limits
        .verify(form.current.clone(), hash)
        .await
        .map_err(|_| AppError::Busy)?;
    if !current_ok {
        page.current_error = Some("Kata sandi saat ini salah.");
    }
    if let Err(m) = super::check_new_password(&form.new) {
        page.new_error = Some(m);
    } else if form.new != form.repeat {
        page.new_error = Some("Ulangan kata sandi baru tidak sama.");
    }
    if page.current_error.is_some() || page.new_error.is_some() {
        return respond(StatusCode::UNPROCESSABLE_ENTITY, page);
    }
    let new_hash = super::hash_password(form.new).await?;
    let mut tx = state.pool.begin().await?;
    db::set_password(&mut *tx, user.id, &new_hash).await?;
    audit::record(
        &mut tx,
        Entry::by(&user, &meta, "password.change", "user", Some(user.id)),
    )
    .await?;
    let changed = sqlx::query_scalar!(
        "select password_changed_at from app_user where id = $1",
        user.id
    )
    .fetch_one(&mut *tx)
    .await?;
    tx.commit().await?;
    session
        .cycle_id()
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
    session
        .insert(PASSWORD_VERSION, version(changed))
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
    page.done = true;
    respond(StatusCode::OK, page)
}

/// The shape the database allows for usernames (checked before any query).
pub fn valid_username(u: &str) -> bool {
    (3..=64).contains(&u.len())
        && u.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-".contains(&b))
        && u.bytes().next().is_some_and(|b| b.is_ascii_alphanumeric())
}
