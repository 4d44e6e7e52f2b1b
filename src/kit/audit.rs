//! Recording an audit entry: every write names who, in which role, what, before/after, the
//! request id and a salted IP hash, in the writer's own transaction (the shared kit's part of
//! the audit log; the page that reads it is the `audit` feature).

pub mod chain;

use serde_json::Value;
use sqlx::PgConnection;

use crate::auth::CurrentUser;
use crate::web::RequestMeta;

/// One audit entry, built by the handler that writes.
pub struct Entry {
    pub user_id: Option<i64>,
    pub actor: String,
    pub role: String,
    pub action: &'static str,
    pub record_type: &'static str,
    pub record_id: Option<i64>,
    /// The unit whose subtree may read the entry.
    pub unit_id: Option<i64>,
    pub before: Option<Value>,
    pub after: Option<Value>,
    pub request_id: String,
    pub ip_hash: String,
}

impl Entry {
    /// An entry for a signed-in person's write.
    pub fn by(
        user: &CurrentUser,
        meta: &RequestMeta,
        action: &'static str,
        record_type: &'static str,
        record_id: Option<i64>,
    ) -> Self {
        Entry {
            user_id: Some(user.id),
            actor: user.username.clone(),
            role: user.role.code().to_string(),
            action,
            record_type,
            record_id,
            unit_id: user.unit_id,
            before: None,
            after: None,
            request_id: meta.request_id.clone(),
            ip_hash: meta.ip_hash.clone(),
        }
    }

    /// An entry for a write made from the command line or the demo loader.
    pub fn system(action: &'static str, record_type: &'static str, record_id: Option<i64>) -> Self {
        Entry {
            user_id: None,
            actor: "sistem".into(),
            role: "system".into(),
            action,
            record_type,
            record_id,
            unit_id: None,
            before: None,
            after: None,
            request_id: String::new(),
            ip_hash: String::new(),
        }
    }

    pub fn unit(mut self, unit_id: Option<i64>) -> Self {
        self.unit_id = unit_id;
        self
    }

    pub fn change(mut self, before: Option<Value>, after: Option<Value>) -> Self {
        self.before = before;
        self.after = after;
        self
    }
}

/// Writes the entry in the caller's transaction, so the record and its audit land together.
/// Make it the transaction's last write, just before commit: its insert locks the chain's one
/// head row until the commit, so a transaction holding the head never waits for a row another
/// writer holds (no deadlock; `tests/it/verify_chain_load.rs`).
pub async fn record(db: &mut PgConnection, e: Entry) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "insert into audit_log (user_id, actor, role, action, record_type, record_id, unit_id, unit_path, before, after, request_id, ip_hash)
         values ($1, $2, $3, $4, $5, $6, $7, coalesce((select path from police_unit where id = $7), '{}'), $8, $9, nullif($10, ''), nullif($11, ''))",
        e.user_id,
        e.actor,
        e.role,
        e.action,
        e.record_type,
        e.record_id,
        e.unit_id,
        e.before,
        e.after,
        e.request_id,
        e.ip_hash
    )
    .execute(db)
    .await?;
    Ok(())
}
