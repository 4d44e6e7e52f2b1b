//! Where the database comes from (`DATABASE_URL`, else the embedded cluster), the pool, and the
//! migrations every command applies first.

pub mod embedded;

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::PgPool;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

pub use embedded::{Cluster, ClusterOptions, EmbeddedError};

/// The one migrator, shared by the binary and the tests.
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!();

/// A pool plus, when Sinergi runs its own PostgreSQL, the cluster that must outlive it.
pub struct Database {
    pub pool: PgPool,
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
                (cluster.url("postgres"), Some(cluster))
            }
        };
        let pool = connect(&url, 8).await?;
        Ok(Self { pool, cluster })
    }

    /// Closes the pool, then stops the embedded cluster if we started it.
    pub async fn close(mut self) {
        self.pool.close().await;
        if let Some(mut c) = self.cluster.take() {
            let _ = tokio::task::spawn_blocking(move || c.stop()).await;
        }
    }
}

/// A pool with our session settings. Custom plans keep the "optional filter" queries
/// (`$1 is null or col = $1`) on their indexes.
pub async fn connect(url: &str, max: u32) -> anyhow::Result<PgPool> {
    let opts = PgConnectOptions::from_str(url)
        .map_err(|e| anyhow::anyhow!("DATABASE_URL is not a valid PostgreSQL URL: {e}"))?
        .options([
            ("plan_cache_mode", "force_custom_plan"),
            ("timezone", "UTC"),
        ]);
    let pool = PgPoolOptions::new()
        .max_connections(max)
        .acquire_timeout(Duration::from_secs(10))
        .connect_with(opts)
        .await
        .map_err(|e| anyhow::anyhow!("cannot reach PostgreSQL: {e}"))?;
    Ok(pool)
}

/// Applies pending migrations.
pub async fn migrate(pool: &PgPool) -> anyhow::Result<()> {
    MIGRATOR
        .run(pool)
        .await
        .map_err(|e| anyhow::anyhow!("migrations failed: {e}"))
}
