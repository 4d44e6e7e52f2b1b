//! Dashboard queries. They read the summary tables of migration 20261125000005 (a few hundred
//! rows keyed by the unit or its children), except the short lists behind a number, which read
//! the base tables with the unit's subtree bound in SQL like every other list.

mod lists;
mod summary;
mod weeks;

use sqlx::PgExecutor;

pub use crate::kit::units::{Child, children, root_unit};
pub use lists::{
    CommitmentRow, DisputeRow, District, FollowUpState, commitment_count, commitments, disputes,
    districts, districts_never_met,
};
pub use summary::{
    Activity, Coverage, CoverageScope, FollowUps, Tag, Windows, activity, coverage,
    coverage_national, days, follow_ups, tags,
};

/// The unit a dashboard is for.
#[derive(Clone, Debug)]
pub struct UnitInfo {
    pub id: i64,
    pub name: String,
    pub level: String,
    pub path: Vec<i64>,
    pub parent_id: Option<i64>,
    pub parent_name: Option<String>,
    /// The IANA zone of the unit's province (WIB for Mabes).
    pub tz: String,
    /// What the unit's dashboard was read under (`dash_unit_version`).
    pub versions: Versions,
}

/// The versions a dashboard depends on: its unit's subtree and what all dashboards read
/// (migration 20261129000400). Read with the unit, in the same round trip.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Versions {
    pub structure: i64,
    pub subtree: i64,
}

impl UnitInfo {
    /// Mabes: the whole country.
    pub fn is_national(&self) -> bool {
        self.parent_id.is_none()
    }
    /// Position of a child's id in a path below this unit (1-based, as SQL arrays count).
    pub fn child_index(&self) -> i32 {
        self.path.len() as i32 + 1
    }
}

/// The unit `id` if `national` or it lies in the subtree of `scope_unit`.
pub async fn unit(
    db: impl PgExecutor<'_>,
    id: i64,
    national: bool,
    scope_unit: Option<i64>,
) -> sqlx::Result<Option<UnitInfo>> {
    let row = sqlx::query!(
        r#"select u.id, u.name, u.level as "level!", u.path, u.parent_id, p.name as "parent_name?",
                  coalesce(r.tz, 'Asia/Jakarta') as "tz!",
                  coalesce((select v from dash_unit_version where unit_id = 0), 0) as "structure!",
                  coalesce((select v from dash_unit_version where unit_id = u.id), 0) as "subtree!"
           from police_unit u
           left join police_unit p on p.id = u.parent_id
           left join region r on r.code = u.province_code
           where u.id = $1 and ($2 or u.path @> array[$3::bigint])"#,
        id,
        national,
        scope_unit
    )
    .fetch_optional(db)
    .await?;
    Ok(row.map(|r| UnitInfo {
        id: r.id,
        name: r.name,
        level: r.level,
        path: r.path,
        parent_id: r.parent_id,
        parent_name: r.parent_name,
        tz: r.tz,
        versions: Versions {
            structure: r.structure,
            subtree: r.subtree,
        },
    }))
}
