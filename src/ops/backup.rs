//! `sinergi backup FILE` and `sinergi restore FILE`: a `pg_dump` custom-format dump of the
//! configured or embedded database, and its restore into an empty one, with the PostgreSQL
//! client binaries found beside the server's. Everything Sinergi keeps, photos included, lives
//! in PostgreSQL, so the dump is the whole installation.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use crate::Config;
use crate::db::{self, Database};

/// What a backup or restore did, for the one line the command prints.
#[derive(Debug)]
pub struct Done {
    pub file: PathBuf,
    pub bytes: u64,
    pub millis: u128,
}

/// `sinergi backup FILE`: dumps and says how big and how long.
pub async fn run_backup(config: &Config, file: &Path) -> anyhow::Result<()> {
    let done = backup(config, file).await?;
    println!(
        "Backed up to {} ({:.1} MB) in {} ms.",
        done.file.display(),
        done.bytes as f64 / 1e6,
        done.millis
    );
    Ok(())
}

/// `sinergi restore FILE`: restores and says how long.
pub async fn run_restore(config: &Config, file: &Path) -> anyhow::Result<()> {
    let done = restore(config, file).await?;
    println!(
        "Restored {} in {} ms. `sinergi serve` applies any newer migrations on start.",
        done.file.display(),
        done.millis
    );
    Ok(())
}

/// Dumps the database to `file` (custom format: compressed, restorable table by table).
pub async fn backup(config: &Config, file: &Path) -> anyhow::Result<Done> {
    let database = Database::open(config.database_url.as_deref(), &config.data_dir).await?;
    let started = Instant::now();
    let mut cmd = client("pg_dump", &database.url);
    cmd.arg("--format=custom").arg("--file").arg(file);
    let result = run(cmd, "pg_dump").await;
    database.close().await;
    result?;
    let bytes = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0);
    Ok(Done {
        file: file.to_path_buf(),
        bytes,
        millis: started.elapsed().as_millis(),
    })
}

/// Restores `file` into the configured or embedded database, which must hold no tables yet.
pub async fn restore(config: &Config, file: &Path) -> anyhow::Result<Done> {
    if !file.is_file() {
        anyhow::bail!("{}: no such file", file.display());
    }
    let database = Database::open(config.database_url.as_deref(), &config.data_dir).await?;
    let tables = sqlx::query_scalar!(
        r#"select count(*) as "n!" from pg_class c join pg_namespace n on n.oid = c.relnamespace
           where c.relkind in ('r', 'p') and n.nspname not in ('pg_catalog', 'information_schema')
             and n.nspname not like 'pg\_toast%'"#
    )
    .fetch_one(&database.pool)
    .await;
    let tables = match tables {
        Ok(n) => n,
        Err(e) => {
            database.close().await;
            return Err(e.into());
        }
    };
    if tables > 0 {
        database.close().await;
        anyhow::bail!(
            "the database is not empty ({tables} tables): restore into an empty database \
             (e.g. `createdb sinergi_restored` and DATABASE_URL=postgres://…/sinergi_restored, \
             or a new SINERGI_DATA_DIR)"
        );
    }
    let started = Instant::now();
    let mut cmd = client("pg_restore", &database.url);
    cmd.args([
        "--exit-on-error",
        "--single-transaction",
        "--no-owner",
        "--no-privileges",
    ])
    .arg(file);
    let result = run(cmd, "pg_restore").await;
    database.close().await;
    result?;
    Ok(Done {
        file: file.to_path_buf(),
        bytes: std::fs::metadata(file).map(|m| m.len()).unwrap_or(0),
        millis: started.elapsed().as_millis(),
    })
}

/// A PostgreSQL client command aimed at `url`: the binary beside the server's (else `PATH`'s),
/// the password in `PGPASSWORD` rather than on the command line.
fn client(name: &str, url: &str) -> Command {
    let program = db::embedded::find_bindir()
        .map(|b| b.join(name))
        .filter(|p| p.is_file())
        .unwrap_or_else(|| PathBuf::from(name));
    let target = LibpqTarget::from_url(url);
    let mut cmd = Command::new(program);
    cmd.arg("--dbname").arg(&target.url);
    if let Some(password) = target.password {
        cmd.env("PGPASSWORD", password);
    }
    cmd
}

async fn run(mut cmd: Command, what: &str) -> anyhow::Result<()> {
    let out = tokio::task::spawn_blocking(move || cmd.output())
        .await?
        .map_err(|e| {
            anyhow::anyhow!(
                "{what}: {e} (install the PostgreSQL client: apt-get install postgresql-client)"
            )
        })?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        let first = err
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("failed");
        anyhow::bail!("{what}: {}", first.trim());
    }
    Ok(())
}

/// A connection URL as libpq takes it: without the password (passed in the environment) and
/// without the query parameters only sqlx knows.
#[derive(Debug, PartialEq, Eq)]
pub struct LibpqTarget {
    pub url: String,
    pub password: Option<String>,
}

impl LibpqTarget {
    pub fn from_url(url: &str) -> Self {
        let (base, query) = url.split_once('?').unwrap_or((url, ""));
        let mut password = None;
        let mut base = base.to_string();
        if let Some(scheme_end) = base.find("://") {
            let rest = &base[scheme_end + 3..];
            let authority_end = rest.find('/').unwrap_or(rest.len());
            if let Some(at) = rest[..authority_end].rfind('@') {
                let userinfo = &rest[..at];
                if let Some((user, pass)) = userinfo.split_once(':') {
                    password = Some(percent_decode(pass));
                    base = format!("{}{}{}", &base[..scheme_end + 3], user, &rest[at..]);
                }
            }
        }
        let kept: Vec<&str> = query
            .split('&')
            .filter(|kv| !kv.is_empty())
            .filter(|kv| {
                let key = kv.split('=').next().unwrap_or("");
                !matches!(key, "statement-cache-capacity") && !key.starts_with("options[")
            })
            .collect();
        let url = if kept.is_empty() {
            base
        } else {
            format!("{base}?{}", kept.join("&"))
        };
        Self { url, password }
    }
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push((h * 16 + l) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_password_leaves_the_url_for_the_environment_decoded() {
        let t = LibpqTarget::from_url(
            "postgres://sinergi:p%40ss:w@db.example:5432/sinergi?sslmode=require",
        );
        assert_eq!(
            t.url,
            "postgres://sinergi@db.example:5432/sinergi?sslmode=require"
        );
        assert_eq!(t.password.as_deref(), Some("p@ss:w"));
    }

    #[test]
    fn sqlx_only_parameters_are_dropped_and_a_socket_host_is_kept() {
        let t = LibpqTarget::from_url(
            "postgres://postgres@localhost/postgres?host=/tmp/pg&statement-cache-capacity=10",
        );
        assert_eq!(t.url, "postgres://postgres@localhost/postgres?host=/tmp/pg");
        assert_eq!(t.password, None);
    }

    #[test]
    fn a_url_without_user_or_query_is_unchanged() {
        let t = LibpqTarget::from_url("postgres:///sinergi");
        assert_eq!(t.url, "postgres:///sinergi");
        assert_eq!(t.password, None);
    }
}
