//! Police units as several features read them: the root of the hierarchy and a unit's children.

use sqlx::PgExecutor;

/// The root of the hierarchy (Mabes), the national scope's unit.
pub async fn root_unit(db: impl PgExecutor<'_>) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar!("select id from police_unit where parent_id is null order by id limit 1")
        .fetch_optional(db)
        .await
}

/// A unit directly below another.
#[derive(Clone, Debug)]
pub struct Child {
    pub id: i64,
    pub name: String,
}

/// The units directly below `unit`, by name.
pub async fn children(db: impl PgExecutor<'_>, unit: i64) -> sqlx::Result<Vec<Child>> {
    sqlx::query_as!(
        Child,
        "select id, name from police_unit where parent_id = $1 order by name",
        unit
    )
    .fetch_all(db)
    .await
}
