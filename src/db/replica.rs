//! Where a read-only page reads: a streaming replica (`SINERGI_READ_URL`) when it is up, not
//! lagging and has replayed the reader's own last write; else the primary. The one place that
//! decides; pages ask for "a read for this request" ([`Reads::choose`]) and get a pool.
//!
//! Positions are WAL positions (LSNs) as numbers. A request brings two:
//! - `seen`: the primary's WAL insert position read with the session (the data version was read
//!   in the same statement). A replica that has replayed it holds everything the request's cache
//!   stamp stands for, so what it reads may be cached; one that has not is read but not cached;
//! - `wrote`: the primary's position after the reader's own last write (kept in the session).
//!   The replica must have replayed it (we wait up to [`WAIT`]), else the primary answers.

use std::str::FromStr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use sqlx::PgPool;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

/// How long a read waits for the replica to replay the reader's own write.
pub const WAIT: Duration = Duration::from_millis(200);
/// Between two looks at the replica's replay position while waiting.
const POLL: Duration = Duration::from_millis(20);
/// After the replica failed to answer, how long reads go to the primary without asking it.
const DOWN_FOR: Duration = Duration::from_secs(5);

/// The replica's state for `/readyz`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReplicaState {
    Ok,
    Lagging,
    Down,
}

impl ReplicaState {
    pub fn word(self) -> &'static str {
        match self {
            Self::Ok => "ok",
            Self::Lagging => "lagging",
            Self::Down => "down",
        }
    }
}

/// A read for one request: the pool to read from, whether what it reads may be kept in a read
/// cache under the request's stamp, and the time the data is as of when that is not "now".
#[derive(Clone, Debug)]
pub struct Read {
    pub pool: PgPool,
    /// The same server with every statement on its kept plan (`super::kept_plans`): the
    /// dashboards' summary reads.
    pub kept: PgPool,
    pub cacheable: bool,
    /// The last commit the replica replayed, when it has not replayed everything the request saw.
    pub data_time: Option<DateTime<Utc>>,
    pub from_replica: bool,
}

/// What the replica said about itself.
struct Position {
    replay: i64,
    caught_up: bool,
    replayed_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
}

impl Position {
    /// How far behind the primary the replica is: nothing when it has replayed all it received
    /// while streaming (an idle primary sends nothing, so the last commit may be old), else the
    /// age of the last commit it replayed.
    fn lag(&self) -> Option<Duration> {
        if self.caught_up {
            return Some(Duration::ZERO);
        }
        self.replayed_at
            .map(|t| (self.now - t).to_std().unwrap_or(Duration::ZERO))
    }
}

struct Replica {
    pool: PgPool,
    kept: PgPool,
    max_lag: Duration,
    down_until: Mutex<Option<Instant>>,
}

/// The pools reads may use.
pub struct Reads {
    primary: PgPool,
    primary_kept: PgPool,
    replica: Option<Replica>,
}

impl Reads {
    /// Reads from `primary` only.
    pub fn primary(primary: PgPool) -> Self {
        Self {
            primary_kept: super::kept_plans(&primary),
            primary,
            replica: None,
        }
    }

    /// Reads from the replica at `url` when it can (connected lazily: a replica that is down at
    /// start does not stop the server). `primary` is the planned lists pool.
    pub fn with_replica(primary: PgPool, url: &str, max_lag: Duration) -> sqlx::Result<Self> {
        let opts = PgConnectOptions::from_str(url)?.options([
            ("timezone", "UTC"),
            ("plan_cache_mode", "force_custom_plan"),
        ]);
        let pool = PgPoolOptions::new()
            .max_connections(primary.options().get_max_connections())
            .acquire_timeout(Duration::from_secs(1))
            .connect_lazy_with(opts);
        Ok(Self {
            primary_kept: super::kept_plans(&primary),
            primary,
            replica: Some(Replica {
                kept: super::kept_plans(&pool),
                pool,
                max_lag,
                down_until: Mutex::new(None),
            }),
        })
    }

    pub fn has_replica(&self) -> bool {
        self.replica.is_some()
    }

    /// The replica pool, if any (for `/metrics`).
    pub fn replica_pool(&self) -> Option<&PgPool> {
        self.replica.as_ref().map(|r| &r.pool)
    }

    fn on_primary(&self) -> Read {
        Read {
            pool: self.primary.clone(),
            kept: self.primary_kept.clone(),
            cacheable: true,
            data_time: None,
            from_replica: false,
        }
    }

    /// Where this request reads (see the module's comment for `seen` and `wrote`).
    pub async fn choose(&self, seen: Option<i64>, wrote: Option<i64>) -> Read {
        let Some(r) = &self.replica else {
            return self.on_primary();
        };
        let Some(mut pos) = r.position().await else {
            return self.on_primary();
        };
        if pos.lag().is_none_or(|lag| lag > r.max_lag) {
            return self.on_primary();
        }
        if let Some(wrote) = wrote {
            let deadline = Instant::now() + WAIT;
            while pos.replay < wrote {
                if Instant::now() >= deadline {
                    return self.on_primary();
                }
                tokio::time::sleep(POLL).await;
                match r.position().await {
                    Some(p) => pos = p,
                    None => return self.on_primary(),
                }
            }
        }
        let fresh = seen.is_some_and(|s| pos.replay >= s);
        Read {
            pool: r.pool.clone(),
            kept: r.kept.clone(),
            cacheable: fresh,
            data_time: if fresh || (seen.is_none() && pos.caught_up) {
                None
            } else {
                pos.replayed_at.or(Some(pos.now))
            },
            from_replica: true,
        }
    }

    /// The replica's state (`None`: no replica configured).
    pub async fn replica_state(&self) -> Option<ReplicaState> {
        let r = self.replica.as_ref()?;
        Some(match r.position().await {
            None => ReplicaState::Down,
            Some(p) if p.lag().is_none_or(|lag| lag > r.max_lag) => ReplicaState::Lagging,
            Some(_) => ReplicaState::Ok,
        })
    }
}

impl Replica {
    /// Its replay position, or `None` when it does not answer (then it is not asked again for
    /// [`DOWN_FOR`]) or is not a standby.
    async fn position(&self) -> Option<Position> {
        if let Ok(down) = self.down_until.lock()
            && down.is_some_and(|until| Instant::now() < until)
        {
            return None;
        }
        let row = sqlx::query!(
            r#"select pg_is_in_recovery() as "standby!",
                      (pg_last_wal_replay_lsn() - '0/0'::pg_lsn)::int8 as replay,
                      coalesce(pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn()
                               and exists (select 1 from pg_stat_wal_receiver), false) as "caught_up!",
                      pg_last_xact_replay_timestamp() as replayed_at,
                      now() as "now!""#
        )
        .fetch_one(&self.pool)
        .await;
        match row {
            Ok(row) if row.standby => Some(Position {
                replay: row.replay.unwrap_or(0),
                caught_up: row.caught_up,
                replayed_at: row.replayed_at,
                now: row.now,
            }),
            Ok(_) => {
                tracing::warn!("SINERGI_READ_URL is not a standby; reading from the primary");
                None
            }
            Err(e) => {
                tracing::warn!(error = %e, "read replica unavailable; reading from the primary");
                if let Ok(mut down) = self.down_until.lock() {
                    *down = Some(Instant::now() + DOWN_FOR);
                }
                None
            }
        }
    }
}

/// The primary's WAL insert position now: after a commit, at or past the commit's record.
pub async fn primary_position(pool: &PgPool) -> sqlx::Result<i64> {
    sqlx::query_scalar!(r#"select (pg_current_wal_insert_lsn() - '0/0'::pg_lsn)::int8 as "lsn!""#)
        .fetch_one(pool)
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(secs: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000 + secs, 0).expect("time")
    }

    #[test]
    fn a_streaming_replica_that_replayed_all_it_received_has_no_lag_however_old_the_last_commit() {
        let idle = Position {
            replay: 10,
            caught_up: true,
            replayed_at: Some(at(0)),
            now: at(3_600),
        };
        assert_eq!(idle.lag(), Some(Duration::ZERO));
    }

    #[test]
    fn a_replica_behind_lags_by_the_age_of_its_last_replayed_commit() {
        let behind = Position {
            replay: 10,
            caught_up: false,
            replayed_at: Some(at(0)),
            now: at(45),
        };
        assert_eq!(behind.lag(), Some(Duration::from_secs(45)));
        let unknown = Position {
            replayed_at: None,
            ..behind
        };
        assert_eq!(unknown.lag(), None, "never replayed a commit: not trusted");
    }
}
