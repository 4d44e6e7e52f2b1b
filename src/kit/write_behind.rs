//! Write-behind (migration `20261207000200`): a write that many people make at once — logging a
//! meeting — commits only its own rows, and its shared effects (the dashboard summaries of the
//! day, the audit chain's link, the versions of every unit on the host's path) are applied right
//! after its commit by [`apply`], one caller at a time for everything waiting. Sixteen officers
//! logging at once then share one flush instead of queueing one after the other on the same rows.

use sqlx::{PgPool, Postgres, Transaction};

/// A transaction whose shared effects wait for [`apply`]; call it after the commit.
pub async fn begin(pool: &PgPool) -> sqlx::Result<Transaction<'static, Postgres>> {
    pool.begin_with("begin; set local sinergi.write_behind = on")
        .await
}

/// Applies what write-behind transactions committed (this one's and any other's), before the
/// request answers: a page read after the answer sees the summaries, versions and chain as
/// before. In a task of its own, so a request dropped when its client hangs up still finishes
/// it; what a crash leaves waiting is applied by the next call.
pub async fn apply(pool: &PgPool) -> sqlx::Result<()> {
    let pool = pool.clone();
    tokio::spawn(async move {
        sqlx::query_scalar!(r#"select write_behind_apply() as "n!""#)
            .fetch_one(&pool)
            .await
            .map(drop)
    })
    .await
    .map_err(|e| sqlx::Error::Protocol(format!("write-behind task: {e}")))?
}
