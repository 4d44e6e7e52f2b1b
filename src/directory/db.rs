//! Directory queries. Regions and police units are public reference data; institutions are
//! filtered in SQL by `institution_visible` (see its migration): official bodies for anyone,
//! officer-typed ones (parties, campaign teams, ormas …) only for signed-in readers in scope.

use sqlx::PgExecutor;

use crate::auth::Scope;

#[derive(Debug)]
pub struct RegionRow {
    pub code: String,
    pub name: String,
    pub level: String,
    pub tz_abbr: String,
    pub children: i64,
}

#[derive(Debug)]
pub struct Named {
    pub id: i64,
    pub name: String,
    pub kind: String,
    pub extra: Option<String>,
}

pub async fn provinces(db: impl PgExecutor<'_>) -> sqlx::Result<Vec<RegionRow>> {
    sqlx::query_as!(
        RegionRow,
        r#"select r.code, r.name, r.level, r.tz_abbr,
                  (select count(*) from region c where c.parent_code = r.code) as "children!"
           from region r where r.level = 'province' order by r.code"#
    )
    .fetch_all(db)
    .await
}

pub async fn regions_by_code(
    db: impl PgExecutor<'_>,
    codes: &[String],
) -> sqlx::Result<Vec<RegionRow>> {
    sqlx::query_as!(
        RegionRow,
        r#"select code, name, level, tz_abbr, 0::bigint as "children!"
           from region where code = any($1) order by length(code)"#,
        codes
    )
    .fetch_all(db)
    .await
}

pub async fn children(db: impl PgExecutor<'_>, code: &str) -> sqlx::Result<Vec<RegionRow>> {
    sqlx::query_as!(
        RegionRow,
        r#"select r.code, r.name, r.level, r.tz_abbr,
                  (select count(*) from region c where c.parent_code = r.code) as "children!"
           from region r where r.parent_code = $1 order by r.code"#,
        code
    )
    .fetch_all(db)
    .await
}

/// Police units whose area includes this region, lies inside it, or contains it.
pub async fn units_for_region(db: impl PgExecutor<'_>, code: &str) -> sqlx::Result<Vec<Named>> {
    sqlx::query_as!(
        Named,
        r#"select u.id, u.name, u.kind, p.name as "extra?"
           from police_unit u left join police_unit p on p.id = u.parent_id
           where exists (select 1 from unit_region ur where ur.unit_id = u.id
                         and (ur.region_code = $1 or $1 like ur.region_code || '.%' or ur.region_code like $1 || '.%'))
           order by case u.level when 'polda' then 1 when 'polres' then 2 else 3 end, u.name"#,
        code
    )
    .fetch_all(db)
    .await
}

/// The institutions of a region that `reader` may see.
pub async fn institutions_in_region(
    db: impl PgExecutor<'_>,
    code: &str,
    reader: Scope,
) -> sqlx::Result<Vec<Named>> {
    sqlx::query_as!(
        Named,
        r#"select i.id, i.name, i.kind, k.label as "extra?"
           from institution i join institution_kind k on k.code = i.kind
           where i.region_code = $1 and i.kind <> 'polri'
             and institution_visible(i.kind, i.id, i.region_code, $2, $3, $4)
           order by k.sort, i.name"#,
        code,
        reader.national,
        reader.unit,
        reader.institution
    )
    .fetch_all(db)
    .await
}

pub struct SearchHit {
    pub href: String,
    pub name: String,
    pub what: String,
}

/// Regions (not villages), units and institutions `reader` may see whose name contains `q`; 20
/// of each at most.
pub async fn search(
    db: impl PgExecutor<'_>,
    q: &str,
    reader: Scope,
) -> sqlx::Result<Vec<SearchHit>> {
    sqlx::query_as!(
        SearchHit,
        r#"(select '/direktori/' || code as "href!", name as "name!", case level when 'province' then 'Provinsi' when 'regency' then 'Kabupaten/Kota' else 'Kecamatan' end as "what!"
            from region where level <> 'village' and name ilike '%' || $1 || '%' order by length(name), name limit 20)
           union all
           (select '/satuan/' || id, name, 'Satuan Polri' from police_unit where name ilike '%' || $1 || '%' order by length(name), name limit 20)
           union all
           (select '/lembaga/' || i.id, i.name, k.label from institution i join institution_kind k on k.code = i.kind
            where i.kind <> 'polri' and i.name ilike '%' || $1 || '%'
              and institution_visible(i.kind, i.id, i.region_code, $2, $3, $4)
            order by length(i.name), i.name limit 20)"#,
        q,
        reader.national,
        reader.unit,
        reader.institution
    )
    .fetch_all(db)
    .await
}

pub struct UnitRow {
    pub name: String,
    pub kind: String,
    pub parent_id: Option<i64>,
    pub parent_name: Option<String>,
}

pub async fn unit(db: impl PgExecutor<'_>, id: i64) -> sqlx::Result<Option<UnitRow>> {
    sqlx::query_as!(
        UnitRow,
        r#"select u.name, u.kind, u.parent_id, p.name as "parent_name?"
           from police_unit u left join police_unit p on p.id = u.parent_id where u.id = $1"#,
        id
    )
    .fetch_optional(db)
    .await
}

pub async fn child_units(db: impl PgExecutor<'_>, id: i64) -> sqlx::Result<Vec<Named>> {
    sqlx::query_as!(
        Named,
        r#"select id, name, kind, null::text as "extra?" from police_unit where parent_id = $1 order by name"#,
        id
    )
    .fetch_all(db)
    .await
}

pub async fn unit_regions(db: impl PgExecutor<'_>, id: i64) -> sqlx::Result<Vec<RegionRow>> {
    sqlx::query_as!(
        RegionRow,
        r#"select r.code, r.name, r.level, r.tz_abbr, 0::bigint as "children!"
           from unit_region ur join region r on r.code = ur.region_code where ur.unit_id = $1 order by r.code"#,
        id
    )
    .fetch_all(db)
    .await
}

pub struct InstitutionRow {
    pub name: String,
    pub kind_label: String,
    pub region_code: Option<String>,
    pub police_unit_id: Option<i64>,
}

/// One institution, if `reader` may see it.
pub async fn institution(
    db: impl PgExecutor<'_>,
    id: i64,
    reader: Scope,
) -> sqlx::Result<Option<InstitutionRow>> {
    sqlx::query_as!(
        InstitutionRow,
        r#"select i.name, k.label as kind_label, i.region_code, i.police_unit_id
           from institution i join institution_kind k on k.code = i.kind
           where i.id = $1 and institution_visible(i.kind, i.id, i.region_code, $2, $3, $4)"#,
        id,
        reader.national,
        reader.unit,
        reader.institution
    )
    .fetch_optional(db)
    .await
}
