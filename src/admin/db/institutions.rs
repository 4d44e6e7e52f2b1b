//! Institution queries of the admin pages, scoped to the admin's province in SQL.

use sqlx::PgExecutor;

use crate::auth::Scope;

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
