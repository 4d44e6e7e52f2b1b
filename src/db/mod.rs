//! Where the database comes from (`DATABASE_URL`, else the embedded cluster), the pool, and the
//! migrations every command applies first.

pub mod embedded;
pub mod relocate;
pub mod replica;

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::PgPool;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

pub use embedded::{Cluster, ClusterOptions, EmbeddedError};
pub use replica::{Read, Reads};

/// The one migrator, shared by the binary and the tests.
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!();

/// A pool plus, when Sinergi runs its own PostgreSQL, the cluster that must outlive it.
pub struct Database {
    pub pool: PgPool,
    /// The connection URL (the embedded cluster's socket when `DATABASE_URL` is unset).
    pub url: String,
    pub cluster: Option<Cluster>,
}

impl Database {
    /// Connects to `database_url`, or starts/reaches the embedded cluster in `data_dir/pg`.
    pub async fn open(database_url: Option<&str>, data_dir: &Path) -> anyhow::Result<Self> {
        let (url, cluster) = match database_url {
            Some(url) => (url.to_string(), None),
            None => {
                let dir = data_dir.join("pg");
                let cluster = tokio::task::spawn_blocking(move || {
                    Cluster::start(&dir, ClusterOptions { throwaway: false })
                })
                .await??;
                if let Some(notice) = cluster.notice() {
                    println!("{notice}");
                }
                (cluster.url("postgres"), Some(cluster))
            }
        };
        let pool = connect(&url, 8).await?;
        Ok(Self { pool, url, cluster })
    }

    /// Closes the pool, then stops the embedded cluster if we started it.
    pub async fn close(mut self) {
        self.pool.close().await;
        if let Some(mut c) = self.cluster.take() {
            let _ = tokio::task::spawn_blocking(move || c.stop()).await;
        }
    }
}

/// A pool with our session settings. It keeps PostgreSQL's default `plan_cache_mode`: a
/// prepared statement is planned once and reused when that plan is as good as a fresh one, which
/// suits the key lookups most requests make (see `planned` for the lists).
pub async fn connect(url: &str, max: u32) -> anyhow::Result<PgPool> {
    let opts = PgConnectOptions::from_str(url)
        .map_err(|e| anyhow::anyhow!("DATABASE_URL is not a valid PostgreSQL URL: {e}"))?
        .options([("timezone", "UTC")]);
    let pool = PgPoolOptions::new()
        .max_connections(max)
        .acquire_timeout(Duration::from_secs(10))
        .connect_with(opts)
        .await
        .map_err(|e| anyhow::anyhow!("cannot reach PostgreSQL: {e}"))?;
    Ok(pool)
}

/// A second pool on the same database whose statements are planned for the values of each
/// execution (`plan_cache_mode = force_custom_plan`). The searchable lists use it: their optional
/// filters (`$1 is null or col = $1`) and scopes (`$national or unit_path @> array[$unit]`) reach
/// their indexes only when the planner sees the values, and a reused generic plan of an
/// `order by … limit` list can read a whole table to find a Polsek's fifty rows.
pub fn planned(pool: &PgPool) -> PgPool {
    let opts = (*pool.connect_options())
        .clone()
        .options([("plan_cache_mode", "force_custom_plan")]);
    PgPoolOptions::new()
        .max_connections(pool.options().get_max_connections())
        .acquire_timeout(Duration::from_secs(10))
        .connect_lazy_with(opts)
}

/// A pool on the same database whose statements run on their kept (generic) plan, without
/// parallel workers, set when each connection starts. The dashboards read their summary rows by
/// keys (unit, day, window) through it: planning those statements for each request's values cost
/// more than running them, and a worker cost more to start (≈ 15 ms) than the rows it would share;
/// set per connection, a dashboard needs no transaction (three round trips) to set them.
pub fn kept_plans(pool: &PgPool) -> PgPool {
    let opts = (*pool.connect_options()).clone().options([
        ("plan_cache_mode", "force_generic_plan"),
        ("max_parallel_workers_per_gather", "0"),
    ]);
    PgPoolOptions::new()
        .max_connections(pool.options().get_max_connections())
        .acquire_timeout(Duration::from_secs(10))
        .connect_lazy_with(opts)
}

/// Applies pending migrations.
pub async fn migrate(pool: &PgPool) -> anyhow::Result<()> {
    MIGRATOR
        .run(pool)
        .await
        .map_err(|e| anyhow::anyhow!("migrations failed: {e}"))
}
