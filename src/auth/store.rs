//! A tower-sessions `SessionStore` on PostgreSQL: the record's data as jsonb, its id and expiry
//! in columns (the id is an i128, which JSON cannot hold).
//!
//! Loading a session also reads the data version (`crate::cache`) in the same round trip and
//! hands it to the request under the reserved key [`DATA_VERSION`], with the primary's WAL
//! position under [`SEEN_LSN`] (`db::replica`), and the signed-in account's row under
//! [`USER_ROW`] (`super::load_user`), and the structure version under [`STRUCTURE_VERSION`]: one
//! round trip for the session, the user and the versions.
//! None of them is written back.

use async_trait::async_trait;
use sqlx::PgPool;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, SessionStore};

/// The session key under which `load` hands the request the data version it read.
pub const DATA_VERSION: &str = "_dv";
/// The session key under which `load` hands the request the primary's WAL insert position.
pub const SEEN_LSN: &str = "_seen";
/// The session key under which `load` hands the request the account of the session's user id
/// (`null`: no such account), read in the same statement as the session.
pub const USER_ROW: &str = "_user";
/// The session key under which `load` hands the request the structure version (row 0 of
/// `dash_unit_version`: units, areas, regions, elections, types, topics; `super::Structure`).
pub const STRUCTURE_VERSION: &str = "_sv";
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

    /// Writes `record`, over a session of the same id only when `overwrite`; whether it wrote.
    async fn write(&self, record: &Record, overwrite: bool) -> session_store::Result<bool> {
        let data = stored(record)?;
        let written = sqlx::query!(
            "insert into session (id, data, expires_at) values ($1, $2, $3)
             on conflict (id) do update set data = excluded.data, expires_at = excluded.expires_at
             where $4",
            record.id.to_string(),
            data,
            expiry(record),
            overwrite
        )
        .execute(&self.pool)
        .await
        .map_err(backend)?;
        Ok(written.rows_affected() == 1)
    }
}

/// The account as `load` reads it with the session (the row of `super::db::current_user`).
#[derive(serde::Deserialize)]
pub struct UserRow {
    id: i64,
    username: String,
    display_name: String,
    position: String,
    role: String,
    unit_id: Option<i64>,
    institution_id: Option<i64>,
    active: bool,
    password_changed_at: chrono::DateTime<chrono::Utc>,
    must_change_password: bool,
    unit_name: Option<String>,
    unit_level: Option<String>,
    unit_path: Vec<i64>,
    institution_name: Option<String>,
}

impl UserRow {
    /// The user, whether the account is active, and when its password changed.
    pub fn entry(self) -> super::UserEntry {
        let role = super::Role::parse(&self.role)?;
        Some((
            super::CurrentUser {
                id: self.id,
                username: self.username,
                display_name: self.display_name,
                position: self.position,
                role,
                unit_id: self.unit_id,
                unit_name: self.unit_name,
                unit_level: self.unit_level,
                unit_path: self.unit_path,
                institution_id: self.institution_id,
                institution_name: self.institution_name,
                must_change_password: self.must_change_password,
            },
            self.active,
            self.password_changed_at,
        ))
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
    data.remove(USER_ROW);
    data.remove(STRUCTURE_VERSION);
    serde_json::to_value(&data).map_err(|e| session_store::Error::Encode(e.to_string()))
}

fn expiry(record: &Record) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp(record.expiry_date.unix_timestamp(), 0)
        .unwrap_or_else(chrono::Utc::now)
}

#[async_trait]
impl SessionStore for PgSessionStore {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        while !self.write(record, false).await? {
            record.id = Id::default();
        }
        Ok(())
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        self.write(record, true).await.map(drop)
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        let row = sqlx::query!(
            r#"select s.data, s.expires_at, (select last_value from data_version) as "version!",
                      coalesce((select v from dash_unit_version where unit_id = 0), 0) as "structure!",
                      (pg_current_wal_insert_lsn() - '0/0'::pg_lsn)::int8 as "lsn!",
                      (select to_json(x) from (
                           select u.id, u.username, u.display_name, u.position, u.role, u.unit_id,
                                  u.institution_id, u.active, u.password_changed_at, u.must_change_password,
                                  pu.name as unit_name, pu.level as unit_level,
                                  coalesce(pu.path, '{}') as unit_path, i.name as institution_name
                           from app_user u
                           left join police_unit pu on pu.id = u.unit_id
                           left join institution i on i.id = u.institution_id
                           where u.id = (s.data->>'uid')::bigint) x) as "user?: serde_json::Value"
               from session s where s.id = $1 and s.expires_at > now()"#,
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
        data.insert(STRUCTURE_VERSION.into(), row.structure.into());
        if data.contains_key(super::USER_ID) {
            data.insert(USER_ROW.into(), row.user.unwrap_or_default());
        }
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
