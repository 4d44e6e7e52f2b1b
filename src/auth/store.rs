//! A tower-sessions `SessionStore` on PostgreSQL: the record's data as jsonb, its id and expiry
//! in columns (the id is an i128, which JSON cannot hold).
//!
//! Loading a session also reads the data version (`crate::cache`) in the same round trip and
//! hands it to the request under the reserved key [`DATA_VERSION`], with the primary's WAL
//! position under [`SEEN_LSN`] (`db::replica`); neither is written back.

use async_trait::async_trait;
use sqlx::PgPool;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, SessionStore};

/// The session key under which `load` hands the request the data version it read.
pub const DATA_VERSION: &str = "_dv";
/// The session key under which `load` hands the request the primary's WAL insert position.
pub const SEEN_LSN: &str = "_seen";
/// The session key of the primary's WAL position after the user's own last write (stored).
pub const WROTE_LSN: &str = "_wrote";

#[derive(Clone, Debug)]
pub struct PgSessionStore {
    pool: PgPool,
}

impl PgSessionStore {
    pub fn new(pool: PgPool) -> Self {
        Self { pool }
    }

    /// Removes expired sessions; run now and then.
    pub async fn delete_expired(&self) -> Result<u64, sqlx::Error> {
        let done = sqlx::query!("delete from session where expires_at < now()")
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected())
    }
}

fn backend(e: impl std::fmt::Display) -> session_store::Error {
    session_store::Error::Backend(e.to_string())
}

/// The record's data as stored: without the data version `load` added.
fn stored(record: &Record) -> session_store::Result<serde_json::Value> {
    let mut data = record.data.clone();
    data.remove(DATA_VERSION);
    data.remove(SEEN_LSN);
    serde_json::to_value(&data).map_err(|e| session_store::Error::Encode(e.to_string()))
}

fn expiry(record: &Record) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp(record.expiry_date.unix_timestamp(), 0)
        .unwrap_or_else(chrono::Utc::now)
}

#[async_trait]
impl SessionStore for PgSessionStore {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        loop {
            let data = stored(record)?;
            let inserted = sqlx::query!(
                "insert into session (id, data, expires_at) values ($1, $2, $3) on conflict (id) do nothing",
                record.id.to_string(),
                data,
                expiry(record)
            )
            .execute(&self.pool)
            .await
            .map_err(backend)?;
            if inserted.rows_affected() == 1 {
                return Ok(());
            }
            record.id = Id::default();
        }
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        let data = stored(record)?;
        sqlx::query!(
            "insert into session (id, data, expires_at) values ($1, $2, $3)
             on conflict (id) do update set data = excluded.data, expires_at = excluded.expires_at",
            record.id.to_string(),
            data,
            expiry(record)
        )
        .execute(&self.pool)
        .await
        .map_err(backend)?;
        Ok(())
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        let row = sqlx::query!(
            r#"select data, expires_at, (select last_value from data_version) as "version!",
                      (pg_current_wal_insert_lsn() - '0/0'::pg_lsn)::int8 as "lsn!"
               from session where id = $1 and expires_at > now()"#,
            id.to_string()
        )
        .fetch_optional(&self.pool)
        .await
        .map_err(backend)?;
        let Some(row) = row else { return Ok(None) };
        let mut data: std::collections::HashMap<String, serde_json::Value> =
            serde_json::from_value(row.data)
                .map_err(|e| session_store::Error::Decode(e.to_string()))?;
        data.insert(DATA_VERSION.into(), row.version.into());
        data.insert(SEEN_LSN.into(), row.lsn.into());
        let expiry_date = time::OffsetDateTime::from_unix_timestamp(row.expires_at.timestamp())
            .map_err(backend)?;
        Ok(Some(Record {
            id: *id,
            data,
            expiry_date,
        }))
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        sqlx::query!("delete from session where id = $1", id.to_string())
            .execute(&self.pool)
            .await
            .map_err(backend)?;
        Ok(())
    }
}
