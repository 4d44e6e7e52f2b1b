//! One-time passwords (issue #13, finding 12): a password an admin sets — for a new account or
//! a reset — is generated, shown to the admin once, and must be replaced by the account's owner
//! at the next sign-in, so an admin never knows a password in use and cannot act as an official.
//! The time of each admin reset stays in the audit log, so a verification that came soon after
//! one can be flagged ([`admin_reset_within_day`]).

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use sqlx::PgExecutor;

use crate::AppState;
use crate::web::see_other;

/// Where an account with a one-time password is sent.
pub const CHANGE_PAGE: &str = "/akun/sandi";

/// A new one-time password: 72 random bits as three groups of six hex digits
/// ("3f9a0c-71be42-d05e19"), easy to read aloud and to type on a phone.
pub fn generate() -> String {
    let hex = crate::web::random_token(9);
    format!("{}-{}-{}", &hex[..6], &hex[6..12], &hex[12..])
}

/// Sets an admin-chosen (one-time) password: the owner must change it at the next sign-in, and
/// the live sessions end (the password version moves).
pub async fn set_by_admin(db: impl PgExecutor<'_>, id: i64, hash: &str) -> sqlx::Result<()> {
    sqlx::query!(
        "update app_user set password_hash = $2, password_changed_at = clock_timestamp(),
             must_change_password = true, password_set_by_admin_at = clock_timestamp()
         where id = $1",
        id,
        hash
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Paths a signed-in account with a one-time password may still reach: changing it, leaving,
/// signing in again, and what every page needs.
fn open_path(path: &str) -> bool {
    matches!(
        path,
        CHANGE_PAGE | "/logout" | "/login" | "/healthz" | "/readyz"
    ) || path.starts_with("/static/")
        || path.starts_with("/lang/")
}

/// Middleware (inside the session layer): while the signed-in account's password is one an admin
/// set, every other page redirects to [`CHANGE_PAGE`].
pub async fn require_new_password(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    if open_path(request.uri().path()) {
        return next.run(request).await;
    }
    let (mut parts, body) = request.into_parts();
    let user = match super::load_user(&mut parts, &state).await {
        Ok(user) => user,
        Err(e) => return e.into_response(),
    };
    if user.is_some_and(|u| u.must_change_password) {
        return see_other(CHANGE_PAGE);
    }
    next.run(Request::from_parts(parts, body)).await
}

/// When an admin last set `user_id`'s password (a reset, or the account's creation) within the
/// 24 hours before `at`, if they did. The commitment page shows it beside a verification made
/// at `at`: such a verification may have been made by the admin, not the official.
pub async fn admin_reset_within_day(
    db: impl PgExecutor<'_>,
    user_id: i64,
    at: DateTime<Utc>,
) -> sqlx::Result<Option<DateTime<Utc>>> {
    sqlx::query_scalar!(
        r#"select max(a.at) as "at"
           from audit_log a
           where a.record_type = 'user' and a.record_id = $1
             and a.action in ('user.password_reset', 'user.create') and a.user_id is not null
             and a.at <= $2 and a.at > $2 - interval '24 hours'"#,
        user_id,
        at
    )
    .fetch_one(db)
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_time_passwords_are_long_enough_grouped_and_different() {
        let a = generate();
        assert_eq!(a.len(), 20);
        assert_eq!(a.matches('-').count(), 2);
        assert!(crate::auth::check_new_password(&a).is_ok());
        assert_ne!(a, generate());
    }

    #[test]
    fn only_the_change_page_and_what_it_needs_stay_open() {
        for open in ["/akun/sandi", "/logout", "/static/app.css", "/lang/en"] {
            assert!(open_path(open), "{open}");
        }
        for closed in [
            "/",
            "/pertemuan",
            "/saya",
            "/admin/pengguna",
            "/akun/sandi2",
        ] {
            assert!(!open_path(closed), "{closed}");
        }
    }
}
