//! Admin queries. Each takes the admin's [`Scope`] and applies it in SQL: `$national`, or the
//! admin's unit subtree (`path @> array[$unit]`), or — for institutions and the officials who
//! speak for them — a region inside the province of the admin's unit.

use chrono::{DateTime, Utc};
use sqlx::PgExecutor;

use crate::auth::Scope;
use crate::auth::db::NewUser;

/// The constraint a unique violation broke, when `e` is one.
pub fn unique_violation(e: &sqlx::Error) -> Option<String> {
    match e {
        sqlx::Error::Database(d) if d.is_unique_violation() => {
            Some(d.constraint().unwrap_or_default().to_string())
        }
        _ => None,
    }
}

// ---- accounts ----

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
                  u.created_at, u.password_changed_at
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

// ---- units ----

/// A unit as offered in a select.
pub struct UnitOption {
    pub id: i64,
    pub name: String,
    pub level: String,
}

/// Every unit in scope, each Polda followed by its Polres, each Polres by its Polsek.
pub async fn units_in_scope(
    db: impl PgExecutor<'_>,
    scope: Scope,
) -> sqlx::Result<Vec<UnitOption>> {
    sqlx::query_as!(
        UnitOption,
        r#"select u.id, u.name, u.level
           from police_unit u
           left join police_unit pd on pd.id = u.polda_id
           left join police_unit pr on pr.id = u.polres_id
           where $1 or u.path @> array[$2::bigint]
           order by u.level <> 'mabes',
                    coalesce(pd.name, case when u.level = 'polda' then u.name end) nulls first,
                    coalesce(pr.name, case when u.level = 'polres' then u.name end) nulls first,
                    u.level = 'polsek', u.name"#,
        scope.national,
        scope.unit
    )
    .fetch_all(db)
    .await
}

/// The Poldas and Polres in scope: the units a new unit may be created under.
pub async fn parents_in_scope(
    db: impl PgExecutor<'_>,
    scope: Scope,
) -> sqlx::Result<Vec<UnitOption>> {
    sqlx::query_as!(
        UnitOption,
        r#"select u.id, u.name, u.level
           from police_unit u
           left join police_unit pd on pd.id = u.polda_id
           where ($1 or u.path @> array[$2::bigint]) and u.level in ('polda', 'polres')
           order by coalesce(pd.name, u.name), u.level = 'polres', u.name"#,
        scope.national,
        scope.unit
    )
    .fetch_all(db)
    .await
}

/// One unit, if it is in scope.
pub async fn unit_in_scope(
    db: impl PgExecutor<'_>,
    scope: Scope,
    id: i64,
) -> sqlx::Result<Option<UnitOption>> {
    sqlx::query_as!(
        UnitOption,
        "select id, name, level from police_unit where id = $3 and ($1 or path @> array[$2::bigint])",
        scope.national,
        scope.unit,
        id
    )
    .fetch_optional(db)
    .await
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

pub struct UnitRow {
    pub id: i64,
    pub name: String,
    pub kind: String,
    pub level: String,
    pub parent_name: Option<String>,
    pub regions: i64,
}

/// Units in scope whose name contains `q`, in tree order; 101 from `offset`.
pub async fn units(
    db: impl PgExecutor<'_>,
    scope: Scope,
    q: &str,
    offset: i64,
) -> sqlx::Result<Vec<UnitRow>> {
    sqlx::query_as!(
        UnitRow,
        r#"select u.id, u.name, u.kind, u.level, p.name as "parent_name?",
                  (select count(*) from unit_region ur where ur.unit_id = u.id) as "regions!"
           from police_unit u
           left join police_unit p on p.id = u.parent_id
           left join police_unit pd on pd.id = u.polda_id
           left join police_unit pr on pr.id = u.polres_id
           where ($1 or u.path @> array[$2::bigint])
             and ($3 = '' or u.name ilike '%' || $3 || '%')
           order by u.level <> 'mabes',
                    coalesce(pd.name, case when u.level = 'polda' then u.name end) nulls first,
                    coalesce(pr.name, case when u.level = 'polres' then u.name end) nulls first,
                    u.level = 'polsek', u.name
           limit 101 offset $4"#,
        scope.national,
        scope.unit,
        q,
        offset
    )
    .fetch_all(db)
    .await
}

pub struct UnitDetail {
    pub id: i64,
    pub name: String,
    pub kind: String,
    pub level: String,
    pub address: String,
    pub parent_name: Option<String>,
    /// The province of the unit's Polda: its area must lie inside it.
    pub province_code: Option<String>,
}

/// A Polres or Polsek in scope (Poldas and Mabes are not edited here).
pub async fn editable_unit(
    db: impl PgExecutor<'_>,
    scope: Scope,
    id: i64,
) -> sqlx::Result<Option<UnitDetail>> {
    sqlx::query_as!(
        UnitDetail,
        r#"select u.id, u.name, u.kind, u.level, u.address, p.name as "parent_name?",
                  pd.province_code as "province_code?"
           from police_unit u
           left join police_unit p on p.id = u.parent_id
           left join police_unit pd on pd.id = u.polda_id
           where u.id = $3 and u.level in ('polres', 'polsek')
             and ($1 or u.path @> array[$2::bigint])"#,
        scope.national,
        scope.unit,
        id
    )
    .fetch_optional(db)
    .await
}

pub struct Parent {
    pub id: i64,
    pub level: String,
    pub province_code: Option<String>,
}

/// A Polda or Polres in scope that a new unit may sit under.
pub async fn parent_in_scope(
    db: impl PgExecutor<'_>,
    scope: Scope,
    id: i64,
) -> sqlx::Result<Option<Parent>> {
    sqlx::query_as!(
        Parent,
        "select id, level, province_code from police_unit
         where id = $3 and level in ('polda', 'polres') and ($1 or path @> array[$2::bigint])",
        scope.national,
        scope.unit,
        id
    )
    .fetch_optional(db)
    .await
}

/// Creates a unit; the triggers derive its path, Polda, Polres and its `institution` row. A
/// taken name is a unique violation.
pub async fn insert_unit(
    db: impl PgExecutor<'_>,
    parent: &Parent,
    kind: &str,
    name: &str,
    address: &str,
) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        "insert into police_unit (kind, name, parent_id, province_code, address)
         values ($1, $2, $3, $4, $5) returning id",
        kind,
        name,
        parent.id,
        parent.province_code,
        address
    )
    .fetch_one(db)
    .await
}

pub async fn update_unit(
    db: impl PgExecutor<'_>,
    id: i64,
    kind: &str,
    name: &str,
    address: &str,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update police_unit set kind = $2, name = $3, address = $4 where id = $1",
        id,
        kind,
        name,
        address
    )
    .execute(db)
    .await?;
    Ok(())
}

pub struct RegionRow {
    pub code: String,
    pub name: String,
    pub level: String,
}

/// The regencies and districts a unit covers.
pub async fn unit_regions(db: impl PgExecutor<'_>, unit_id: i64) -> sqlx::Result<Vec<RegionRow>> {
    sqlx::query_as!(
        RegionRow,
        "select r.code, r.name, r.level from unit_region ur join region r on r.code = ur.region_code
         where ur.unit_id = $1 order by r.code",
        unit_id
    )
    .fetch_all(db)
    .await
}

/// The regencies and districts of a province: what a unit of its Polda may cover.
pub async fn mappable_regions(
    db: impl PgExecutor<'_>,
    province: &str,
) -> sqlx::Result<Vec<RegionRow>> {
    sqlx::query_as!(
        RegionRow,
        "select code, name, level from region
         where level in ('regency', 'district') and code like $1 || '.%' order by code",
        province
    )
    .fetch_all(db)
    .await
}

/// A region by code.
pub async fn region(db: impl PgExecutor<'_>, code: &str) -> sqlx::Result<Option<RegionRow>> {
    sqlx::query_as!(
        RegionRow,
        "select code, name, level from region where code = $1",
        code
    )
    .fetch_optional(db)
    .await
}

/// Maps a unit to a region; an existing mapping is a unique violation of `unit_region_pkey`.
pub async fn add_unit_region(
    db: impl PgExecutor<'_>,
    unit_id: i64,
    code: &str,
) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into unit_region (unit_id, region_code) values ($1, $2)",
        unit_id,
        code
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Unmaps a unit from a region; whether there was such a mapping.
pub async fn remove_unit_region(
    db: impl PgExecutor<'_>,
    unit_id: i64,
    code: &str,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "delete from unit_region where unit_id = $1 and region_code = $2",
        unit_id,
        code
    )
    .execute(db)
    .await?;
    Ok(done.rows_affected() > 0)
}

// ---- institutions ----

pub struct KindOption {
    pub code: String,
    pub label: String,
}

/// The kinds an admin may add: not police units (made with their unit) nor the election bodies
/// derived from the regions.
pub async fn institution_kinds(db: impl PgExecutor<'_>) -> sqlx::Result<Vec<KindOption>> {
    sqlx::query_as!(
        KindOption,
        "select code, label from institution_kind
         where code not in ('polri', 'kpu', 'bawaslu', 'ppk', 'panwascam')
         order by sort, label"
    )
    .fetch_all(db)
    .await
}

pub struct RegionCheck {
    pub name: String,
    pub in_scope: bool,
}

/// A region by code, and whether it lies in the admin's province.
pub async fn region_in_scope(
    db: impl PgExecutor<'_>,
    scope: Scope,
    code: &str,
) -> sqlx::Result<Option<RegionCheck>> {
    sqlx::query_as!(
        RegionCheck,
        r#"with s as (select (select province_code from police_unit where id = $2::bigint) as prov)
           select r.name,
                  coalesce($1 or r.code = s.prov or r.code like s.prov || '.%', false) as "in_scope!"
           from region r cross join s where r.code = $3"#,
        scope.national,
        scope.unit,
        code
    )
    .fetch_optional(db)
    .await
}

/// Creates an institution; a duplicate is a unique violation of `institution_kind_region_name`
/// (or `institution_election_body` for a second PPS/PKD of a village).
pub async fn insert_institution(
    db: impl PgExecutor<'_>,
    kind: &str,
    name: &str,
    region_code: &str,
) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        "insert into institution (kind, name, region_code) values ($1, $2, $3) returning id",
        kind,
        name,
        region_code
    )
    .fetch_one(db)
    .await
}

pub struct InstitutionRow {
    pub id: i64,
    pub name: String,
    pub kind_label: String,
    pub region_code: Option<String>,
    pub region_name: Option<String>,
}

/// The newest institutions in scope of the kinds an admin adds (not police units' own rows nor
/// the derived election bodies); 50 at most.
pub async fn recent_institutions(
    db: impl PgExecutor<'_>,
    scope: Scope,
) -> sqlx::Result<Vec<InstitutionRow>> {
    sqlx::query_as!(
        InstitutionRow,
        r#"with s as (select (select province_code from police_unit where id = $2::bigint) as prov)
           select i.id, i.name, k.label as kind_label, i.region_code, r.name as "region_name?"
           from institution i cross join s
           join institution_kind k on k.code = i.kind
           left join region r on r.code = i.region_code
           where i.kind not in ('polri', 'kpu', 'bawaslu', 'ppk', 'panwascam')
             and ($1 or i.region_code = s.prov or i.region_code like s.prov || '.%')
           order by i.id desc limit 50"#,
        scope.national,
        scope.unit
    )
    .fetch_all(db)
    .await
}
