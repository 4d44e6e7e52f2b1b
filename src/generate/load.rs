//! The steps of a generator run, each one set-based statement (or a short script) from `sql/`.

use std::time::Instant;

use sqlx::{AssertSqlSafe, PgConnection};

/// Plans $1 meetings: host, day (skewed towards voting day), place, time, status, types.
pub const MEETINGS_PLAN: &str = include_str!("sql/meetings_plan.sql");
pub const MEETINGS_INSERT: &str = include_str!("sql/meetings_insert.sql");
/// Each meeting's types and topics, planned before the meetings are written (see the file).
pub const TAGS_PLAN: &str = include_str!("sql/tags_plan.sql");
pub const TYPES_INSERT: &str = include_str!("sql/types_insert.sql");
pub const TOPICS_INSERT: &str = include_str!("sql/topics_insert.sql");
/// Attendee lines and their answers (see the file).
pub const ATTENDEES_INSERT: &str = include_str!("sql/attendees_insert.sql");
/// Each meeting's count of lines present, onto its row (see the file).
pub const PRESENT_COUNTS: &str = include_str!("sql/present_counts.sql");
/// Who may own a meeting's commitments: the institutions present at it.
pub const OWNERS: &str = include_str!("sql/owners.sql");
/// About three commitments per meeting held (see the file).
pub const COMMITMENTS_INSERT: &str = include_str!("sql/commitments_insert.sql");

/// For a superuser, switches the per-row triggers (foreign keys, summaries) off or back on: the
/// generated rows are consistent by construction and the summaries are rebuilt at the end. Returns
/// whether it could (other roles load with the triggers on, only slower).
pub async fn bulk_mode(tx: &mut PgConnection, on: bool) -> sqlx::Result<bool> {
    let superuser = sqlx::query_scalar!("select current_setting('is_superuser') = 'on' as \"on!\"")
        .fetch_one(&mut *tx)
        .await?;
    if superuser {
        sqlx::query(if on {
            "set local session_replication_role = replica"
        } else {
            "set local session_replication_role = origin"
        })
        .execute(&mut *tx)
        .await?;
    }
    Ok(superuser)
}

/// Tables the load writes most into.
const BULK_TABLES: [&str; 5] = [
    "meeting",
    "meeting_meeting_type",
    "meeting_topic",
    "attendee",
    "commitment",
];

/// Drops the secondary indexes of the bulk tables (not keys or unique constraints) and returns
/// their definitions: building an index once after the load is far cheaper than keeping it
/// current row by row. The caller recreates them in the same transaction.
pub async fn drop_indexes(tx: &mut PgConnection) -> sqlx::Result<Vec<String>> {
    let tables: Vec<String> = BULK_TABLES.iter().map(|t| t.to_string()).collect();
    let rows = sqlx::query!(
        r#"select i.indexrelid::regclass::text as "name!", pg_get_indexdef(i.indexrelid) as "def!"
           from pg_index i join pg_class c on c.oid = i.indrelid
           where c.relname = any($1) and c.relnamespace = 'public'::regnamespace
             and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)
           order by 1"#,
        &tables
    )
    .fetch_all(&mut *tx)
    .await?;
    for r in &rows {
        sqlx::query(AssertSqlSafe(format!("drop index {}", r.name)))
            .execute(&mut *tx)
            .await?;
    }
    Ok(rows.into_iter().map(|r| r.def).collect())
}

/// Logs how long each step took (`RUST_LOG=sinergi=debug`).
pub struct Step(Instant);

impl Step {
    pub fn new() -> Self {
        Step(Instant::now())
    }
    pub fn done(&mut self, what: &str) {
        tracing::debug!(
            step = what,
            ms = self.0.elapsed().as_millis() as u64,
            "generate"
        );
        self.0 = Instant::now();
    }
}

pub async fn exec(tx: &mut PgConnection, sql: &'static str, n: Option<i64>) -> sqlx::Result<u64> {
    let q = sqlx::query(sql);
    let q = match n {
        Some(n) => q.bind(n),
        None => q,
    };
    Ok(q.execute(&mut *tx).await?.rows_affected())
}

/// Removes the meetings (and everything hanging from them) of an earlier run.
pub async fn remove_generated(tx: &mut PgConnection) -> sqlx::Result<u64> {
    sqlx::raw_sql(include_str!("sql/remove_generated.sql"))
        .execute(&mut *tx)
        .await?;
    Ok(
        sqlx::query("delete from meeting where id in (select id from gen_old)")
            .execute(&mut *tx)
            .await?
            .rows_affected(),
    )
}

/// Added Polda, Polres and Polsek.
pub struct Units {
    pub polda: u64,
    pub polres: u64,
    pub polsek: u64,
}

/// A Polda for every province, a Polres for every regency and a Polsek for about four kecamatan
/// in five that no unit covers yet; most of the other kecamatan join a neighbouring Polsek, the
/// rest stay with their Polres. Seed-independent: the frame is the same for every run.
pub async fn units(tx: &mut PgConnection) -> sqlx::Result<Units> {
    exec(tx, include_str!("sql/units_mabes.sql"), None).await?;
    let units = Units {
        polda: exec(tx, include_str!("sql/units_polda.sql"), None).await?,
        polres: exec(tx, include_str!("sql/units_polres.sql"), None).await?,
        polsek: exec(tx, include_str!("sql/units_polsek.sql"), None).await?,
    };
    exec(tx, include_str!("sql/units_attach.sql"), None).await?;
    Ok(units)
}

/// The bodies meetings are held with, one per kecamatan or regency (seed-independent).
pub async fn institutions(tx: &mut PgConnection) -> sqlx::Result<u64> {
    exec(tx, include_str!("sql/institutions.sql"), None).await
}

/// Lookup tables for the run: who may host, where, and which body of each kind sits where.
pub async fn frame(tx: &mut PgConnection) -> sqlx::Result<()> {
    sqlx::raw_sql(include_str!("sql/frame.sql"))
        .execute(&mut *tx)
        .await?;
    Ok(())
}
