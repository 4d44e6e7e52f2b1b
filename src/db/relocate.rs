//! Where the embedded cluster lives when Sinergi runs as root. PostgreSQL refuses to run as root,
//! so the server runs as the `postgres` user, who cannot enter a 0700 home directory such as
//! `/root`: `cargo run` in `/root/sinergi` would have nowhere to put `.sinergi/pg`. Then the
//! cluster is kept under [`BASE`], in a folder named after the data folder's path, and
//! `.sinergi/pg` becomes a symbolic link to it: the next start (and `psql -h .sinergi/pg`) finds
//! it through the link, or, should the link be lost, through the same derived name. Only
//! Sinergi's own folders are created or changed; the home directory keeps its permissions.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::EmbeddedError;

/// Parent of relocated clusters (root-owned, enterable by others; each cluster in it is 0700).
pub const BASE: &str = "/var/lib/sinergi";

/// The folder to run the cluster in, and what to tell the operator the first time it moved.
pub struct Placement {
    pub dir: PathBuf,
    pub notice: Option<String>,
}

/// Decides where the cluster for `dir` lives. `postgres` is the account the server runs as when
/// we are root (`None` otherwise, and then nothing moves).
pub fn place(dir: &Path, postgres: Option<(u32, u32)>) -> Result<Placement, EmbeddedError> {
    let stay = || Placement {
        dir: dir.to_path_buf(),
        notice: None,
    };
    let is_link = std::fs::symlink_metadata(dir).is_ok_and(|m| m.file_type().is_symlink());
    if postgres.is_none() || is_link || dir.join("PG_VERSION").exists() {
        return Ok(stay());
    }
    let (Some(parent), Some(leaf)) = (dir.parent(), dir.file_name()) else {
        return Ok(stay());
    };
    let parent = if parent.as_os_str().is_empty() {
        Path::new(".")
    } else {
        parent
    };
    std::fs::create_dir_all(parent).map_err(|e| fail(parent, e))?;
    let full = parent
        .canonicalize()
        .map_err(|e| fail(parent, e))?
        .join(leaf);
    let Some(blocked) = first_closed_ancestor(&full) else {
        return Ok(stay());
    };
    let target = Path::new(BASE).join(derived_name(&full));
    open_base()?;
    std::fs::create_dir_all(&target).map_err(|e| fail(&target, e))?;
    if dir.is_dir() {
        // an empty folder left by an earlier attempt; anything else is the operator's
        std::fs::remove_dir(dir).map_err(|e| fail(dir, e))?;
    }
    std::os::unix::fs::symlink(&target, dir).map_err(|e| fail(dir, e))?;
    let notice = format!(
        "The postgres user cannot enter {}, so Sinergi keeps its database cluster in {} \
         ({} points there; it is found again on every start).",
        blocked.display(),
        target.display(),
        full.display()
    );
    tracing::info!(pg.dir = %target.display(), pg.link = %full.display(), "embedded PostgreSQL relocated");
    Ok(Placement {
        dir: dir.to_path_buf(),
        notice: Some(notice),
    })
}

/// The nearest folder above `dir` that others (the postgres user) cannot enter, if any.
pub fn first_closed_ancestor(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .skip(1)
        .find(|a| std::fs::metadata(a).is_ok_and(|m| m.permissions().mode() & 0o001 == 0))
        .map(Path::to_path_buf)
}

/// A readable, collision-free folder name for a data folder path:
/// `/root/sinergi/.sinergi/pg` → `root-sinergi-sinergi-pg-1a2b3c4d`.
pub fn derived_name(full: &Path) -> String {
    let readable: String = full
        .components()
        .filter_map(|c| match c {
            std::path::Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            _ => None,
        })
        .map(|s| {
            s.trim_start_matches('.')
                .chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() || c == '_' {
                        c
                    } else {
                        '-'
                    }
                })
                .collect::<String>()
        })
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let tail: String = {
        let chars: Vec<char> = readable.chars().collect();
        chars[chars.len().saturating_sub(40)..].iter().collect()
    };
    let hash = Sha256::digest(full.as_os_str().as_encoded_bytes());
    let hex: String = hash[..4].iter().map(|b| format!("{b:02x}")).collect();
    format!("{}-{hex}", tail.trim_start_matches('-'))
}

/// Creates [`BASE`] (0755) or lets others enter it if it exists without.
fn open_base() -> Result<(), EmbeddedError> {
    let base = Path::new(BASE);
    std::fs::create_dir_all(base).map_err(|e| fail(base, e))?;
    let mode = std::fs::metadata(base)
        .map_err(|e| fail(base, e))?
        .permissions()
        .mode();
    if mode & 0o001 == 0 {
        std::fs::set_permissions(base, std::fs::Permissions::from_mode(0o755))
            .map_err(|e| fail(base, e))?;
    }
    match first_closed_ancestor(&base.join("x")) {
        Some(_) => Err(EmbeddedError::Unreachable(base.to_path_buf())),
        None => Ok(()),
    }
}

fn fail(path: &Path, e: std::io::Error) -> EmbeddedError {
    EmbeddedError::Failed(format!("{}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_derived_name_reads_as_the_path_and_differs_for_another_path() {
        let a = derived_name(Path::new("/root/sinergi/.sinergi/pg"));
        let b = derived_name(Path::new("/root/sinergi2/.sinergi/pg"));
        assert!(a.starts_with("root-sinergi-sinergi-pg-"), "{a}");
        assert_eq!(a.len(), "root-sinergi-sinergi-pg-".len() + 8);
        assert_ne!(a, b);
        assert_eq!(a, derived_name(Path::new("/root/sinergi/.sinergi/pg")));
    }

    #[test]
    fn a_long_path_keeps_its_last_forty_characters_and_stays_short_enough_for_a_socket() {
        let long = PathBuf::from(format!("/srv/{}/data/pg", "x".repeat(200)));
        let name = derived_name(&long);
        assert!(name.ends_with(&name[name.len() - 8..]));
        assert!(name.len() <= 49, "{name}");
        assert!(name.contains("data-pg"));
        // the socket path must stay under the 107-byte limit of unix sockets
        assert!(format!("{BASE}/{name}/.s.PGSQL.5432").len() < 107);
    }
}
