//! Account queries of the admin pages, scoped to the admin's area in SQL.

use chrono::{DateTime, Utc};
use sqlx::PgExecutor;

use crate::auth::Scope;
use crate::auth::db::NewUser;

pub struct UserRow {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub position: String,
    pub role: String,
    pub active: bool,
    pub phone: Option<String>,
    pub place: Option<String>,
}

/// Accounts in scope whose username or name contains `q`, by username after `after`; 51 at most.
pub async fn users(
    db: impl PgExecutor<'_>,
    scope: Scope,
    q: &str,
    after: &str,
) -> sqlx::Result<Vec<UserRow>> {
    sqlx::query_as!(
        UserRow,
        r#"with s as (select (select province_code from police_unit where id = $2::bigint) as prov)
           select u.id, u.username, u.display_name, u.position, u.role, u.active, u.phone,
                  coalesce(pu.name, i.name) as "place?"
           from app_user u cross join s
           left join police_unit pu on pu.id = u.unit_id
           left join institution i on i.id = u.institution_id
           where ($1 or pu.path @> array[$2::bigint]
                  or (i.kind <> 'polri' and (i.region_code = s.prov or i.region_code like s.prov || '.%')))
             and ($3 = '' or u.username ilike '%' || $3 || '%' or u.display_name ilike '%' || $3 || '%')
             and u.username > $4
           order by u.username limit 51"#,
        scope.national,
        scope.unit,
        q,
        after
    )
    .fetch_all(db)
    .await
}

pub struct UserDetail {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub position: String,
    pub rank: Option<String>,
    pub phone: Option<String>,
    pub role: String,
    pub active: bool,
    pub unit_id: Option<i64>,
    pub unit_name: Option<String>,
    pub institution_id: Option<i64>,
    pub institution_name: Option<String>,
    pub created_at: DateTime<Utc>,
    pub password_changed_at: DateTime<Utc>,
    /// The password is a one-time password an admin set, not yet changed by its owner.
    pub must_change_password: bool,
}

/// One account, if it is in scope.
pub async fn user(
    db: impl PgExecutor<'_>,
    scope: Scope,
    id: i64,
) -> sqlx::Result<Option<UserDetail>> {
    sqlx::query_as!(
        UserDetail,
        r#"with s as (select (select province_code from police_unit where id = $2::bigint) as prov)
           select u.id, u.username, u.display_name, u.position, u.rank, u.phone, u.role, u.active,
                  u.unit_id, pu.name as "unit_name?", u.institution_id, i.name as "institution_name?",
                  u.created_at, u.password_changed_at, u.must_change_password
           from app_user u cross join s
           left join police_unit pu on pu.id = u.unit_id
           left join institution i on i.id = u.institution_id
           where u.id = $3
             and ($1 or pu.path @> array[$2::bigint]
                  or (i.kind <> 'polri' and (i.region_code = s.prov or i.region_code like s.prov || '.%')))"#,
        scope.national,
        scope.unit,
        id
    )
    .fetch_optional(db)
    .await
}

pub async fn set_placement(
    db: impl PgExecutor<'_>,
    id: i64,
    role: &str,
    unit_id: Option<i64>,
    institution_id: Option<i64>,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update app_user set role = $2, unit_id = $3, institution_id = $4 where id = $1",
        id,
        role,
        unit_id,
        institution_id
    )
    .execute(db)
    .await?;
    Ok(())
}

pub async fn set_active(db: impl PgExecutor<'_>, id: i64, active: bool) -> sqlx::Result<()> {
    sqlx::query!("update app_user set active = $2 where id = $1", id, active)
        .execute(db)
        .await?;
    Ok(())
}

/// The name of an institution an official may speak for, if it is in scope (any institution
/// but a police unit's own row).
pub async fn official_institution(
    db: impl PgExecutor<'_>,
    scope: Scope,
    id: i64,
) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar!(
        r#"with s as (select (select province_code from police_unit where id = $2::bigint) as prov)
           select i.name from institution i cross join s
           where i.id = $3 and i.kind <> 'polri'
             and ($1 or i.region_code = s.prov or i.region_code like s.prov || '.%')"#,
        scope.national,
        scope.unit,
        id
    )
    .fetch_optional(db)
    .await
}

/// An institution offered when choosing an official's institution by name.
pub struct InstitutionChoice {
    pub id: i64,
    pub name: String,
    pub kind_label: String,
    pub region_name: Option<String>,
}

/// Institutions in scope an official may speak for whose name contains `q`: exact names first,
/// then the shortest; 20 at most.
pub async fn institution_choices(
    db: impl PgExecutor<'_>,
    scope: Scope,
    q: &str,
) -> sqlx::Result<Vec<InstitutionChoice>> {
    sqlx::query_as!(
        InstitutionChoice,
        r#"with s as (select (select province_code from police_unit where id = $2::bigint) as prov)
           select i.id, i.name, k.label as kind_label, r.name as "region_name?"
           from institution i cross join s
           join institution_kind k on k.code = i.kind
           left join region r on r.code = i.region_code
           where i.kind <> 'polri' and i.name ilike '%' || $3 || '%'
             and ($1 or i.region_code = s.prov or i.region_code like s.prov || '.%')
           order by lower(i.name) <> lower($3), length(i.name), i.name, i.id
           limit 20"#,
        scope.national,
        scope.unit,
        q
    )
    .fetch_all(db)
    .await
}

/// Sets a new account's first password as a one-time password (it must be changed at the first
/// sign-in; see `auth::onetime`).
pub async fn insert_user_with_one_time_password(
    db: &mut sqlx::PgConnection,
    u: &NewUser<'_>,
) -> sqlx::Result<i64> {
    let id = crate::auth::db::insert_user(&mut *db, u).await?;
    crate::auth::onetime::set_by_admin(&mut *db, id, u.password_hash).await?;
    Ok(id)
}
