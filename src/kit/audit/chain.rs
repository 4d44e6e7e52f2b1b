//! The audit log's hash chain (migration `20261129000500`): every entry carries
//! SHA-256(previous hash ‖ canonical content), linked in the database at insert. [`verify`]
//! walks the whole chain here, in Rust, and names the first entry that does not fit: one
//! changed (its content no longer hashes to its hash), removed (a gap in the sequence) or
//! re-linked. It proves the log was not edited *unless the whole chain after the edit was
//! recomputed*; comparing the head hash with a copy kept elsewhere closes that gap.

use sha2::{Digest, Sha256};
use sqlx::PgPool;

/// The hash before the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";
/// Entries read per query.
const PAGE: i64 = 5_000;

/// What a walk of the chain found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    /// Entries checked.
    pub entries: i64,
    /// The head as the database keeps it: the last entry's number and hash.
    pub head_seq: i64,
    pub head_hash: String,
    /// The first entry that does not fit, if any.
    pub broken: Option<Broken>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Broken {
    /// The entry's row id (what `select … from audit_log where id = …` finds).
    pub id: i64,
    /// Its place in the chain.
    pub seq: i64,
    pub reason: Reason,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    /// The entry's content no longer hashes to its stored hash.
    Changed,
    /// Entries before this one are missing (a gap in the sequence).
    Missing,
    /// It does not point at the hash of the entry before it.
    Relinked,
    /// It has no place in the chain at all.
    Unchained,
    /// Entries after this one (the last found) are missing, or the head was moved.
    TailMissing,
}

impl Reason {
    pub fn describe(self) -> &'static str {
        match self {
            Reason::Changed => "its content was changed after it was written",
            Reason::Missing => "entries before it were deleted",
            Reason::Relinked => "it does not follow the entry before it",
            Reason::Unchained => "it was written outside the chain",
            Reason::TailMissing => "entries after it were deleted (the head points further)",
        }
    }
}

impl std::fmt::Display for Broken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "audit entry id {} (chain position {}): {}",
            self.id,
            self.seq,
            self.reason.describe()
        )
    }
}

/// SHA-256(prev ‖ canonical), hex: the same link the database computes (`audit_link`).
pub fn link(prev: &str, canonical: &str) -> String {
    let mut h = Sha256::new();
    h.update(prev.as_bytes());
    h.update(canonical.as_bytes());
    crate::web::hex(&h.finalize())
}

/// Walks the chain from the first entry to the head, once the entries written behind and
/// committed have their links (`kit::write_behind`).
pub async fn verify(pool: &PgPool) -> sqlx::Result<Report> {
    crate::kit::write_behind::apply(pool).await?;
    let head = sqlx::query!("select seq, hash from audit_head where id = 1")
        .fetch_one(pool)
        .await?;
    let mut report = Report {
        entries: 0,
        head_seq: head.seq,
        head_hash: head.hash.clone(),
        broken: None,
    };
    if let Some(id) = sqlx::query_scalar!(
        "select id from audit_log where seq is null or hash is null or prev_hash is null order by id limit 1"
    )
    .fetch_optional(pool)
    .await?
    {
        report.broken = Some(Broken {
            id,
            seq: 0,
            reason: Reason::Unchained,
        });
        return Ok(report);
    }
    let (mut last_seq, mut last_hash, mut last_id) = (0i64, GENESIS.to_string(), 0i64);
    loop {
        let rows = sqlx::query!(
            r#"select a.id, a.seq as "seq!", a.prev_hash as "prev_hash!", a.hash as "hash!",
                      audit_canonical(a) as "canonical!"
               from audit_log a where a.seq > $1 order by a.seq limit $2"#,
            last_seq,
            PAGE
        )
        .fetch_all(pool)
        .await?;
        if rows.is_empty() {
            break;
        }
        for r in rows {
            let reason = if r.seq != last_seq + 1 {
                Some(Reason::Missing)
            } else if r.prev_hash != last_hash {
                Some(Reason::Relinked)
            } else if link(&r.prev_hash, &r.canonical) != r.hash {
                Some(Reason::Changed)
            } else {
                None
            };
            if let Some(reason) = reason {
                report.broken = Some(Broken {
                    id: r.id,
                    seq: r.seq,
                    reason,
                });
                return Ok(report);
            }
            report.entries += 1;
            (last_seq, last_hash, last_id) = (r.seq, r.hash, r.id);
        }
    }
    if last_seq != head.seq || last_hash != head.hash {
        report.broken = Some(Broken {
            id: last_id,
            seq: last_seq,
            reason: Reason::TailMissing,
        });
    }
    Ok(report)
}

/// The last walk of the chain, reused for a minute (the audit page shows it; one walk at a time).
#[derive(Default)]
pub struct Checked(tokio::sync::Mutex<Option<(std::time::Instant, Report)>>);

impl Checked {
    pub async fn report(&self, pool: &PgPool) -> sqlx::Result<Report> {
        let mut last = self.0.lock().await;
        if let Some((at, r)) = last.as_ref()
            && at.elapsed() < std::time::Duration::from_secs(60)
        {
            return Ok(r.clone());
        }
        let r = verify(pool).await?;
        *last = Some((std::time::Instant::now(), r.clone()));
        Ok(r)
    }
}

/// `sinergi audit verify`: a line saying the chain holds (with its head), or an error naming
/// the first broken entry (the command then exits 1).
pub async fn verify_command(pool: &PgPool) -> anyhow::Result<String> {
    let r = verify(pool).await?;
    match r.broken {
        Some(b) => anyhow::bail!(
            "the audit chain is broken at {b}; {} entries before it verify",
            r.entries
        ),
        None => Ok(format!(
            "The audit chain verifies: {} entries, head {} at position {}.",
            r.entries, r.head_hash, r.head_seq
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_is_the_sha256_of_the_previous_hash_and_the_content() {
        // printf '%s' "$GENESIS[1]" | sha256sum
        assert_eq!(
            link(GENESIS, "[1]"),
            crate::web::hex(&Sha256::digest(format!("{GENESIS}[1]").as_bytes()))
        );
        assert_ne!(link(GENESIS, "[1]"), link(GENESIS, "[2]"));
    }
}
