//! Police unit and area queries of the admin pages, scoped to the admin's subtree in SQL.

use sqlx::PgExecutor;

use crate::auth::Scope;

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
