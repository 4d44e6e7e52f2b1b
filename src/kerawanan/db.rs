//! Kerawanan queries: the import's lookups and writes, the admin's rows (bound to the admin's
//! province in SQL), and the coverage page's kecamatan (`coverage.sql`).

use chrono::NaiveDate;
use sqlx::PgExecutor;

use super::domain::{Entry, Tier};
use super::weighting::{District, Risk};
use crate::auth::Scope;
pub use crate::kit::units::{children, root_unit};

/// Codes among `codes` that are a province, regency or kecamatan.
pub async fn known_regions(db: impl PgExecutor<'_>, codes: &[String]) -> sqlx::Result<Vec<String>> {
    sqlx::query_scalar!(
        "select code from region where code = any($1) and level <> 'village'",
        codes
    )
    .fetch_all(db)
    .await
}

#[derive(Clone, Debug)]
pub struct ElectionOption {
    pub id: i64,
    pub slug: String,
    pub name: String,
}

pub async fn elections(db: impl PgExecutor<'_>) -> sqlx::Result<Vec<ElectionOption>> {
    sqlx::query_as!(
        ElectionOption,
        "select id, slug, name from election order by voting_day desc"
    )
    .fetch_all(db)
    .await
}

/// Rows to insert, column by column (one statement for the whole file).
#[derive(Default)]
pub struct NewRows {
    region: Vec<String>,
    election: Vec<i64>,
    source: Vec<String>,
    as_of: Vec<NaiveDate>,
    score: Vec<Option<f64>>,
    tier: Vec<String>,
    tps_total: Vec<Option<i32>>,
    tps_rawan: Vec<Option<i32>>,
    sample: Vec<bool>,
}

impl NewRows {
    pub fn push(&mut self, e: &Entry, election: i64, sample: bool) {
        self.region.push(e.region_code.clone());
        self.election.push(election);
        self.source.push(e.source.clone());
        self.as_of.push(e.as_of);
        self.score.push(e.score);
        self.tier.push(e.tier.code().to_string());
        self.tps_total.push(e.tps_total);
        self.tps_rawan.push(e.tps_rawan);
        self.sample.push(sample);
    }
}

pub async fn delete_sources(db: impl PgExecutor<'_>, sources: &[String]) -> sqlx::Result<u64> {
    Ok(
        sqlx::query!("delete from kerawanan where source = any($1)", sources)
            .execute(db)
            .await?
            .rows_affected(),
    )
}

pub async fn insert_rows(db: impl PgExecutor<'_>, r: &NewRows) -> sqlx::Result<()> {
    sqlx::query!(
        r#"insert into kerawanan (region_code, election_id, source, as_of, score, tier, tps_total, tps_rawan, is_sample)
           select * from unnest($1::text[], $2::bigint[], $3::text[], $4::date[], $5::float8[], $6::text[],
                                $7::int[], $8::int[], $9::bool[])"#,
        &r.region,
        &r.election,
        &r.source,
        &r.as_of,
        &r.score as &[Option<f64>],
        &r.tier,
        &r.tps_total as &[Option<i32>],
        &r.tps_rawan as &[Option<i32>],
        &r.sample
    )
    .execute(db)
    .await?;
    Ok(())
}

// ---- the admin page ----

/// One stored figure, as the admin list shows it.
#[derive(Clone, Debug)]
pub struct Row {
    pub id: i64,
    pub region_code: String,
    pub region_name: String,
    pub election_slug: String,
    pub election_name: String,
    pub source: String,
    pub as_of: NaiveDate,
    pub score: Option<f64>,
    pub tier: String,
    pub tps_total: Option<i32>,
    pub tps_rawan: Option<i32>,
    pub is_sample: bool,
}

/// The admin's area: national, or the province of their Polda (`$2`).
pub async fn rows(
    db: impl PgExecutor<'_>,
    scope: Scope,
    id: Option<i64>,
) -> sqlx::Result<Vec<Row>> {
    sqlx::query_as!(
        Row,
        r#"select k.id, k.region_code, r.name as region_name, e.slug as election_slug, e.name as election_name,
                  k.source, k.as_of, k.score::float8 as score, k.tier, k.tps_total, k.tps_rawan, k.is_sample
           from kerawanan k
           join region r on r.code = k.region_code
           join election e on e.id = k.election_id
           where ($1 or left(k.region_code, 2) = (select province_code from police_unit where id = $2))
             and ($3::bigint is null or k.id = $3)
           order by e.voting_day desc, k.region_code, k.source
           limit 500"#,
        scope.national,
        scope.unit,
        id
    )
    .fetch_all(db)
    .await
}

/// Whether the region `code` (province, regency, kecamatan) lies in the admin's area.
pub async fn region_in_area(
    db: impl PgExecutor<'_>,
    scope: Scope,
    code: &str,
) -> sqlx::Result<bool> {
    sqlx::query_scalar!(
        r#"select exists (
               select 1 from region r
               where r.code = $3 and r.level <> 'village'
                 and ($1 or left(r.code, 2) = (select province_code from police_unit where id = $2))
           ) as "ok!""#,
        scope.national,
        scope.unit,
        code
    )
    .fetch_one(db)
    .await
}

/// Adds a figure, or corrects the one with the same source, election and region; its id.
pub async fn upsert(
    db: impl PgExecutor<'_>,
    e: &Entry,
    election: i64,
    user: i64,
) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        r#"insert into kerawanan (region_code, election_id, source, as_of, score, tier, tps_total, tps_rawan, updated_by)
           values ($1, $2, $3, $4, $5::float8, $6, $7, $8, $9)
           on conflict (source, election_id, region_code) do update
              set as_of = excluded.as_of, score = excluded.score, tier = excluded.tier,
                  tps_total = excluded.tps_total, tps_rawan = excluded.tps_rawan,
                  updated_by = excluded.updated_by, updated_at = now()
           returning id"#,
        e.region_code,
        election,
        e.source,
        e.as_of,
        e.score,
        e.tier.code(),
        e.tps_total,
        e.tps_rawan,
        user
    )
    .fetch_one(db)
    .await
}

/// Corrects figure `id` (its sample flag stays as it was).
pub async fn update(
    db: impl PgExecutor<'_>,
    id: i64,
    e: &Entry,
    election: i64,
    user: i64,
) -> sqlx::Result<u64> {
    Ok(sqlx::query!(
        r#"update kerawanan set region_code = $2, election_id = $3, source = $4, as_of = $5, score = $6::float8,
                  tier = $7, tps_total = $8, tps_rawan = $9, updated_by = $10, updated_at = now()
           where id = $1"#,
        id,
        e.region_code,
        election,
        e.source,
        e.as_of,
        e.score,
        e.tier.code(),
        e.tps_total,
        e.tps_rawan,
        user
    )
    .execute(db)
    .await?
    .rows_affected())
}

// ---- the coverage page ----

/// The unit a coverage page is for.
#[derive(Clone, Debug)]
pub struct UnitInfo {
    pub id: i64,
    pub name: String,
    pub path: Vec<i64>,
    pub parent_id: Option<i64>,
    pub tz: String,
}

/// The unit `id` when it lies in `scope` (officials have no units).
pub async fn unit_in_scope(
    db: impl PgExecutor<'_>,
    id: i64,
    scope: Scope,
) -> sqlx::Result<Option<UnitInfo>> {
    sqlx::query_as!(
        UnitInfo,
        r#"select u.id, u.name, u.path, u.parent_id, coalesce(r.tz, 'Asia/Jakarta') as "tz!"
           from police_unit u
           left join region r on r.code = u.province_code
           where u.id = $1 and ($2 or u.path @> array[$3::bigint])"#,
        id,
        scope.national,
        scope.unit
    )
    .fetch_optional(db)
    .await
}

/// Kecamatan of the unit's scope with their risk and last meeting up to `to`.
pub async fn districts(
    db: impl PgExecutor<'_>,
    unit: &UnitInfo,
    national: bool,
    election: i64,
    to: NaiveDate,
) -> sqlx::Result<Vec<District>> {
    let rows = sqlx::query_file!(
        "src/kerawanan/coverage.sql",
        unit.id,
        national,
        unit.path.len() as i32 + 1,
        election,
        to
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let risk = match (r.tier.as_deref().and_then(Tier::parse), r.source, r.as_of) {
                (Some(tier), Some(source), Some(as_of)) => Some(Risk {
                    tier,
                    own: r.risk_region.as_deref() == Some(r.code.as_str()),
                    source,
                    as_of,
                    is_sample: r.is_sample.unwrap_or(false),
                    tps_total: r.tps_total,
                    tps_rawan: r.tps_rawan,
                }),
                _ => None,
            };
            District {
                code: r.code,
                name: r.name,
                regency: r.regency,
                child: r.child,
                last_met: r.last_met,
                risk,
            }
        })
        .collect())
}
