//! Accounts, sessions and the policy: who is signed in, what their post lets them see and
//! change. Every "may this person …?" question in Sinergi is answered in `policy`.

pub mod db;
mod handlers;
pub mod link;
pub mod onetime;
pub mod policy;
pub mod profile;
pub mod ratelimit;
pub mod reads;
mod signed;
pub mod store;
pub mod throttle;
mod views;

use axum::Router;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::routing::{get, post};
use chrono::{DateTime, Utc};
use tower_sessions::Session;

pub use policy::{Role, Scope};
pub use signed::{Act, Signed};

use crate::AppState;
use crate::cache::Stamp;
use crate::error::AppError;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/login", get(handlers::login_form).post(handlers::login))
        .route("/logout", post(handlers::logout))
        .route(
            "/akun/sandi",
            get(handlers::password_form).post(handlers::change_password),
        )
        .route("/akun/profil", get(profile::form).post(profile::update))
}

/// Session keys.
const USER_ID: &str = "uid";
const PASSWORD_VERSION: &str = "pwv";
/// When the session was last written (unix seconds). The store keeps the expiry of the last
/// write, so a signed-in request rewrites the session when this is over five minutes old: the
/// eight hours count from the last activity (give or take five minutes), not from the login.
const TOUCHED: &str = "touched";
const TOUCH_EVERY_SECS: i64 = 300;

/// The signed-in person, as loaded at the start of each request.
#[derive(Clone, Debug)]
pub struct CurrentUser {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub position: String,
    pub role: Role,
    pub unit_id: Option<i64>,
    pub unit_name: Option<String>,
    pub unit_level: Option<String>,
    /// The unit's ancestors and itself, top first.
    pub unit_path: Vec<i64>,
    pub institution_id: Option<i64>,
    pub institution_name: Option<String>,
    /// The password was set by an admin (one-time): every page but changing it is closed.
    pub must_change_password: bool,
}

impl CurrentUser {
    pub fn scope(&self) -> Scope {
        Scope::of(self)
    }

    /// "Kapolsek Kuala Kampar · Polsek Kuala Kampar"
    pub fn post(&self) -> String {
        let place = self
            .unit_name
            .clone()
            .or_else(|| self.institution_name.clone())
            .unwrap_or_else(|| "Nasional".into());
        if self.position.is_empty() {
            place
        } else {
            format!("{} · {place}", self.position)
        }
    }
}

/// What the user cache keeps: the user, whether the account is active, when its password changed.
pub type UserEntry = Option<(CurrentUser, bool, DateTime<Utc>)>;

/// Loads the session's user once per request (cached in the request's extensions, and across
/// requests in `AppState::users` under the data version: any change to accounts, units or
/// institutions moves it). A deactivated account, or one whose password changed since, ends
/// the session here. Also records the request's [`Stamp`].
async fn load_user(parts: &mut Parts, state: &AppState) -> Result<Option<CurrentUser>, AppError> {
    if let Some(cached) = parts.extensions.get::<Option<CurrentUser>>() {
        return Ok(cached.clone());
    }
    let user = match parts.extensions.get::<Session>().cloned() {
        None => None,
        Some(session) => {
            let uid: Option<i64> = session.get(USER_ID).await.ok().flatten();
            let pwv: Option<i64> = session.get(PASSWORD_VERSION).await.ok().flatten();
            match uid {
                None => None,
                Some(uid) => {
                    let stamp = match session.get::<i64>(store::DATA_VERSION).await.ok().flatten() {
                        Some(data) => Stamp {
                            data,
                            local: state.writes.count(),
                        },
                        None => stamp_from_db(state).await?,
                    };
                    parts.extensions.insert(stamp);
                    // The session's load read the account with it (`store::USER_ROW`); a
                    // session made during this request did not.
                    let row = session.get::<Option<store::UserRow>>(store::USER_ROW).await;
                    let found = match row.ok().flatten() {
                        Some(row) => std::sync::Arc::new(row.and_then(store::UserRow::entry)),
                        None => {
                            state
                                .users
                                .get_or_load(uid, stamp, db::current_user(&state.pool, uid))
                                .await?
                        }
                    };
                    match found.as_ref() {
                        Some((user, active, changed))
                            if *active && Some(version(*changed)) == pwv =>
                        {
                            let now = Utc::now().timestamp();
                            let touched: Option<i64> = session.get(TOUCHED).await.ok().flatten();
                            if touched.is_none_or(|t| now - t >= TOUCH_EVERY_SECS) {
                                // Marks the session modified; the session layer saves it (new expiry).
                                let _ = session.insert(TOUCHED, now).await;
                            }
                            Some(user.clone())
                        }
                        _ => {
                            let _ = session.flush().await;
                            None
                        }
                    }
                }
            }
        }
    };
    parts.extensions.insert(user.clone());
    Ok(user)
}

/// The stamp when no session brought the data version along.
async fn stamp_from_db(state: &AppState) -> Result<Stamp, AppError> {
    let local = state.writes.count();
    Ok(Stamp {
        data: db::data_version(&state.pool).await?,
        local,
    })
}

/// The request's [`Stamp`]: read with the session when there is one (take `CurrentUser` first),
/// else asked of the database.
impl FromRequestParts<AppState> for Stamp {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        if let Some(stamp) = parts.extensions.get::<Stamp>() {
            return Ok(*stamp);
        }
        let stamp = stamp_from_db(state).await?;
        parts.extensions.insert(stamp);
        Ok(stamp)
    }
}

/// The structure version as this request found it (`store::STRUCTURE_VERSION`): read with the
/// session when there is one, else asked of the database. What is kept under it (the election
/// calendars, a list's filter choices) changes only when units, areas, regions, elections, types
/// or topics do.
#[derive(Clone, Copy, Debug)]
pub struct Structure(pub i64);

impl FromRequestParts<AppState> for Structure {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let from_session = match parts.extensions.get::<Session>() {
            Some(session) => session
                .get::<i64>(store::STRUCTURE_VERSION)
                .await
                .ok()
                .flatten(),
            None => None,
        };
        match from_session {
            Some(v) => Ok(Structure(v)),
            None => Ok(Structure(db::structure_version(&state.pool).await?)),
        }
    }
}

fn version(changed: DateTime<Utc>) -> i64 {
    changed.timestamp_micros()
}

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        match load_user(parts, state).await? {
            Some(u) => Ok(u),
            None => {
                let next = parts
                    .uri
                    .path_and_query()
                    .map(|p| p.as_str().to_string())
                    .unwrap_or_default();
                Err(AppError::LoginRequired(next))
            }
        }
    }
}

/// The signed-in person if there is one; pages that anyone may read take this.
pub struct MaybeUser(pub Option<CurrentUser>);

impl FromRequestParts<AppState> for MaybeUser {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        Ok(MaybeUser(load_user(parts, state).await?))
    }
}

/// Hashes a password with argon2id (password-auth's defaults) off the async threads.
pub async fn hash_password(password: String) -> anyhow::Result<String> {
    Ok(tokio::task::spawn_blocking(move || password_auth::generate_hash(password)).await?)
}

/// Checks a password against a stored hash off the async threads.
pub async fn verify_password(password: String, hash: String) -> bool {
    tokio::task::spawn_blocking(move || password_auth::verify_password(password, &hash).is_ok())
        .await
        .unwrap_or(false)
}

/// Rules for a new password: 10–200 characters.
pub fn check_new_password(password: &str) -> Result<(), &'static str> {
    let n = password.chars().count();
    if n < 10 {
        Err("Kata sandi minimal 10 karakter.")
    } else if n > 200 {
        Err("Kata sandi maksimal 200 karakter.")
    } else {
        Ok(())
    }
}
