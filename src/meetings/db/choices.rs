//! The form's choices and lookups: meeting types and topics, the units an officer may log for,
//! districts, institutions an attendee row can pick, election stages, and the list's unit filter.

use std::collections::HashMap;

use sqlx::PgExecutor;

use crate::meetings::domain::District;

#[derive(Clone, Debug, serde::Deserialize)]
pub struct Choice {
    pub code: String,
    pub label: String,
}

pub async fn types(db: impl PgExecutor<'_>) -> sqlx::Result<Vec<Choice>> {
    sqlx::query_as!(Choice, "select code, label from meeting_type order by sort")
        .fetch_all(db)
        .await
}

pub async fn topics(db: impl PgExecutor<'_>) -> sqlx::Result<Vec<Choice>> {
    sqlx::query_as!(Choice, "select code, label from topic order by sort")
        .fetch_all(db)
        .await
}

#[derive(Clone, Debug, serde::Deserialize)]
pub struct UnitChoice {
    pub id: i64,
    pub name: String,
    pub path: Vec<i64>,
}

/// Units an officer of `unit` may log for: the unit and everything under it.
pub async fn writable_units(db: impl PgExecutor<'_>, unit: i64) -> sqlx::Result<Vec<UnitChoice>> {
    sqlx::query_as!(
        UnitChoice,
        "select id, name, path from police_unit where path @> array[$1::bigint]
         order by array_length(path, 1), name",
        unit
    )
    .fetch_all(db)
    .await
}

/// Districts in the area of `unit` (its own mapping and its subtree's).
pub async fn area_districts(db: impl PgExecutor<'_>, unit: i64) -> sqlx::Result<Vec<Choice>> {
    sqlx::query_as!(
        Choice,
        r#"select r.code, r.name as label from region r
           where r.level = 'district' and exists (
               select 1 from unit_region ur join police_unit u on u.id = ur.unit_id
               where u.path @> array[$1::bigint]
                 and (r.code = ur.region_code or r.code like ur.region_code || '.%'))
           order by r.name"#,
        unit
    )
    .fetch_all(db)
    .await
}

pub async fn district(db: impl PgExecutor<'_>, code: &str) -> sqlx::Result<Option<District>> {
    let row = sqlx::query!(
        "select code, name, tz, left(code, 2) as \"province!\" from region where code = $1 and level = 'district'",
        code
    )
    .fetch_optional(db)
    .await?;
    Ok(row.map(|r| District {
        code: r.code,
        name: r.name,
        tz: crate::regions::tz(&r.tz),
        province: r.province,
    }))
}

/// The first region a unit covers (its area when no district is chosen yet).
pub async fn unit_area_code(db: impl PgExecutor<'_>, unit: i64) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar!(
        "select region_code from unit_region where unit_id = $1 order by region_code limit 1",
        unit
    )
    .fetch_optional(db)
    .await
}

pub struct InstitutionChoice {
    pub id: i64,
    pub name: String,
    pub kind_label: String,
}

/// Institutions an attendee row can pick for a meeting in `district` hosted under `units`:
/// bodies of the district, its regency and province, what lies inside the regency, the nation's
/// KPU and Bawaslu, and the police units of the host's chain and subtree.
pub async fn institution_choices(
    db: impl PgExecutor<'_>,
    district: &str,
    host_path: &[i64],
) -> sqlx::Result<Vec<InstitutionChoice>> {
    let regency = district.get(..5).unwrap_or("");
    let province = district.get(..2).unwrap_or("");
    sqlx::query_as!(
        InstitutionChoice,
        r#"select i.id, i.name, k.label as kind_label
           from institution i join institution_kind k on k.code = i.kind
           left join police_unit pu on pu.id = i.police_unit_id
           where (i.kind <> 'polri' and (i.region_code = $1 or i.region_code = $2 or i.region_code = $3
                                          or i.region_code like $2 || '.%' or i.region_code is null))
              or (i.kind = 'polri' and (pu.id = any($4) or pu.path @> array[$5::bigint]))
           order by (i.region_code = $1) desc nulls last, k.sort, i.name
           limit 400"#,
        district,
        regency,
        province,
        host_path,
        host_path.last().copied().unwrap_or(0)
    )
    .fetch_all(db)
    .await
}

/// The institution of each of the police units `units` (unit id → institution id).
pub async fn unit_institutions(
    db: impl PgExecutor<'_>,
    units: &[i64],
) -> sqlx::Result<HashMap<i64, i64>> {
    let rows = sqlx::query!(
        r#"select id, police_unit_id as "unit!" from institution where police_unit_id = any($1)"#,
        units
    )
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|r| (r.unit, r.id)).collect())
}

/// Region code of each of `ids` that exists (None: a national body).
pub async fn institution_regions(
    db: impl PgExecutor<'_>,
    ids: &[i64],
) -> sqlx::Result<HashMap<i64, Option<String>>> {
    let rows = sqlx::query!(
        "select id, region_code from institution where id = any($1)",
        ids
    )
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|r| (r.id, r.region_code)).collect())
}

pub struct KindChoice {
    pub code: String,
    pub label: String,
}

pub async fn inline_kinds(db: impl PgExecutor<'_>) -> sqlx::Result<Vec<KindChoice>> {
    sqlx::query_as!(
        KindChoice,
        "select code, label from institution_kind where code = any($1) order by sort",
        &crate::meetings::domain::INLINE_KINDS.map(String::from)[..]
    )
    .fetch_all(db)
    .await
}

#[derive(Clone, Debug, serde::Deserialize)]
pub struct StageChoice {
    pub id: i64,
    pub label: String,
}
