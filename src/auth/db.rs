//! Account queries.

use chrono::{DateTime, Utc};
use sqlx::PgExecutor;

use super::{CurrentUser, Role};

/// The user, whether they are active, and when their password last changed.
pub async fn current_user(
    db: impl PgExecutor<'_>,
    id: i64,
) -> sqlx::Result<Option<(CurrentUser, bool, DateTime<Utc>)>> {
    let row = sqlx::query!(
        r#"select u.id, u.username, u.display_name, u.position, u.role, u.unit_id, u.institution_id,
                  u.active, u.password_changed_at, u.must_change_password,
                  pu.name as "unit_name?", pu.level as "unit_level?", coalesce(pu.path, '{}') as "unit_path!",
                  i.name as "institution_name?"
           from app_user u
           left join police_unit pu on pu.id = u.unit_id
           left join institution i on i.id = u.institution_id
           where u.id = $1"#,
        id
    )
    .fetch_optional(db)
    .await?;
    Ok(row.and_then(|r| {
        let role = Role::parse(&r.role)?;
        Some((
            CurrentUser {
                id: r.id,
                username: r.username,
                display_name: r.display_name,
                position: r.position,
                role,
                unit_id: r.unit_id,
                unit_name: r.unit_name,
                unit_level: r.unit_level,
                unit_path: r.unit_path,
                institution_id: r.institution_id,
                institution_name: r.institution_name,
                must_change_password: r.must_change_password,
            },
            r.active,
            r.password_changed_at,
        ))
    }))
}

/// The data version (`crate::cache`).
pub async fn data_version(db: impl PgExecutor<'_>) -> sqlx::Result<i64> {
    sqlx::query_scalar!(r#"select last_value as "v!" from data_version"#)
        .fetch_one(db)
        .await
}

/// Row 0 of `dash_unit_version` (migration 20261129000400): moved by every change to units, their
/// areas, regions, elections, types and topics.
pub async fn structure_version(db: impl PgExecutor<'_>) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        r#"select coalesce((select v from dash_unit_version where unit_id = 0), 0) as "v!""#
    )
    .fetch_one(db)
    .await
}

pub struct LoginRow {
    pub id: i64,
    pub password_hash: String,
    pub active: bool,
    pub password_changed_at: DateTime<Utc>,
}

pub async fn login_row(db: impl PgExecutor<'_>, username: &str) -> sqlx::Result<Option<LoginRow>> {
    sqlx::query_as!(
        LoginRow,
        "select id, password_hash, active, password_changed_at from app_user where username = $1",
        username
    )
    .fetch_optional(db)
    .await
}

/// A new account's fields, already checked.
pub struct NewUser<'a> {
    pub username: &'a str,
    pub display_name: &'a str,
    pub position: &'a str,
    pub rank: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub role: Role,
    pub unit_id: Option<i64>,
    pub institution_id: Option<i64>,
    pub password_hash: &'a str,
}

/// Creates an account; a taken username is a unique violation of `app_user_username_key`.
pub async fn insert_user(db: impl PgExecutor<'_>, u: &NewUser<'_>) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        "insert into app_user (username, display_name, position, rank, phone, role, unit_id, institution_id, password_hash)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         returning id",
        u.username,
        u.display_name,
        u.position,
        u.rank,
        u.phone,
        u.role.code(),
        u.unit_id,
        u.institution_id,
        u.password_hash
    )
    .fetch_one(db)
    .await
}

pub async fn set_password(db: impl PgExecutor<'_>, id: i64, hash: &str) -> sqlx::Result<()> {
    sqlx::query!(
        "update app_user set password_hash = $2, password_changed_at = clock_timestamp(),
             must_change_password = false where id = $1",
        id,
        hash
    )
    .execute(db)
    .await?;
    Ok(())
}

pub async fn password_hash(db: impl PgExecutor<'_>, id: i64) -> sqlx::Result<String> {
    sqlx::query_scalar!("select password_hash from app_user where id = $1", id)
        .fetch_one(db)
        .await
}
