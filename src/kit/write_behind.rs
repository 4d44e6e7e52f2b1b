//! Write-behind (migration `20261207000200`): a write that many people make at once — logging a
//! meeting — commits only its own rows, and its shared effects (the dashboard summaries of the
//! day, the audit chain's link, the versions of every unit on the host's path) are applied right
//! after its commit, for everything waiting at once. Sixteen officers logging at once then share
//! one flush instead of queueing one after the other on the same rows.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use sqlx::{PgPool, Postgres, Transaction};

/// A transaction whose shared effects wait for [`Applier::settle`]; call it after the commit.
/// Its statements write by key, so they reuse one plan (planning the meeting's insert for its
/// values took half a millisecond at every execution).
pub async fn begin(pool: &PgPool) -> sqlx::Result<Transaction<'static, Postgres>> {
    pool.begin_with(
        "begin; set local sinergi.write_behind = on; set local plan_cache_mode = force_generic_plan",
    )
    .await
}

/// Applies everything written behind and committed, in one transaction (one caller at a time
/// across server instances: the function takes an advisory lock).
pub async fn apply(pool: &PgPool) -> sqlx::Result<()> {
    sqlx::query_scalar!(r#"select write_behind_apply() as "n!""#)
        .fetch_one(pool)
        .await
        .map(drop)
}

/// This process's writers waiting for their effects: one applies for all who committed before it
/// started (flat combining), the others find their turn already served and go on.
#[derive(Default)]
pub struct Applier {
    /// Commits announced so far (a ticket each).
    committed: AtomicU64,
    /// The last ticket whose effects are applied; held while applying.
    applied: tokio::sync::Mutex<u64>,
}

impl Applier {
    /// After a write-behind commit: returns once its effects are applied, so a page read after
    /// the answer sees the summaries, versions and chain as before. In a task of its own, so a
    /// request dropped when its client hangs up still finishes it; what a crash leaves waiting is
    /// applied by the next call (or at the server's start).
    pub async fn settle(self: &Arc<Self>, pool: &PgPool) -> sqlx::Result<()> {
        let ticket = self.committed.fetch_add(1, Ordering::SeqCst) + 1;
        let (me, pool) = (Arc::clone(self), pool.clone());
        tokio::spawn(async move {
            let mut applied = me.applied.lock().await;
            if *applied >= ticket {
                return Ok(());
            }
            let upto = me.committed.load(Ordering::SeqCst);
            // once more after a failure (a deadlock with a psql write, say): the work is all still waiting
            if let Err(e) = apply(&pool).await {
                tracing::warn!(error = %e, "applying written-behind effects failed; again");
                apply(&pool).await?;
            }
            *applied = upto;
            Ok(())
        })
        .await
        .map_err(|e| sqlx::Error::Protocol(format!("write-behind task: {e}")))?
    }
}
