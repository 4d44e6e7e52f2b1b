//! A PostgreSQL cluster of our own, run from the system's server binaries, for zero-configuration
//! use (`cargo run`) and for tests. The postmaster listens on a unix socket inside its data folder
//! only, and dies with us: it is started from a thread that does nothing but wait on it, with
//! `PR_SET_PDEATHSIG`, so even a `kill -9` of Sinergi leaves no postmaster behind.

use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Why the embedded cluster could not be used; each renders as one line for the operator.
#[derive(Debug, thiserror::Error)]
pub enum EmbeddedError {
    #[error(
        "no PostgreSQL server binaries found (looked in $PG_BIN, `pg_config --bindir`, /usr/lib/postgresql/*/bin): install PostgreSQL (apt-get install postgresql) or set DATABASE_URL"
    )]
    NoBinaries,
    #[error(
        "the postgres user cannot reach {0}: choose a data folder it can enter, e.g. SINERGI_DATA_DIR=/var/lib/sinergi"
    )]
    Unreachable(PathBuf),
    #[error("embedded PostgreSQL: {0}")]
    Failed(String),
}

/// Options for a cluster: tests trade durability for speed, the dev/demo cluster never does.
#[derive(Clone, Copy, Debug)]
pub struct ClusterOptions {
    pub throwaway: bool,
}

/// A running cluster. Dropping it (or calling [`Cluster::stop`]) shuts the postmaster down.
pub struct Cluster {
    dir: PathBuf,
    pid: Option<i32>,
    owned: bool,
    notice: Option<String>,
}

impl Cluster {
    /// Uses the cluster in `dir`: reaches it through its socket if a server already runs there,
    /// otherwise runs `initdb` on first use and starts it for as long as the returned value lives.
    pub fn start(dir: &Path, opts: ClusterOptions) -> Result<Self, EmbeddedError> {
        let postgres_user = as_postgres_user();
        let placement =
            super::relocate::place(dir, postgres_user.as_ref().ok().copied().flatten())?;
        let dir = placement.dir.as_path();
        std::fs::create_dir_all(dir)
            .map_err(|e| EmbeddedError::Failed(format!("{}: {e}", dir.display())))?;
        let dir = dir
            .canonicalize()
            .map_err(|e| EmbeddedError::Failed(format!("{}: {e}", dir.display())))?;
        if let Some(pid) = running_postmaster(&dir) {
            tracing::info!(pg.dir = %dir.display(), pg.pid = pid, "using the embedded PostgreSQL already running");
            return Ok(Self {
                dir,
                pid: Some(pid),
                owned: false,
                notice: placement.notice,
            });
        }
        let bin = find_bindir().ok_or(EmbeddedError::NoBinaries)?;
        let as_postgres = postgres_user?;
        if let Some((uid, gid)) = as_postgres {
            check_reachable(&dir)?;
            chown(&dir, uid, gid)?;
        }
        if !dir.join("PG_VERSION").exists() {
            let t = Instant::now();
            let mut cmd = Command::new(bin.join("initdb"));
            cmd.arg("-D")
                .arg(&dir)
                .args([
                    "-U",
                    "postgres",
                    "-A",
                    "trust",
                    "-E",
                    "UTF8",
                    "--locale=C",
                    "--no-instructions",
                ])
                .stdout(Stdio::null())
                .stderr(Stdio::piped());
            if opts.throwaway {
                cmd.arg("--no-sync");
            }
            if let Some((uid, gid)) = as_postgres {
                cmd.uid(uid).gid(gid);
            }
            let out = cmd
                .output()
                .map_err(|e| EmbeddedError::Failed(format!("initdb: {e}")))?;
            if !out.status.success() {
                let msg = String::from_utf8_lossy(&out.stderr);
                return Err(EmbeddedError::Failed(format!(
                    "initdb failed: {}",
                    msg.trim()
                )));
            }
            tracing::info!(pg.dir = %dir.display(), elapsed_ms = t.elapsed().as_millis() as u64, "initialised embedded PostgreSQL");
        }
        let _ = std::fs::remove_file(dir.join("postmaster.pid"));
        let pid = spawn_postmaster(&bin, &dir, opts, as_postgres)?;
        wait_ready(&dir, Duration::from_secs(30))?;
        Ok(Self {
            dir,
            pid: Some(pid),
            owned: true,
            notice: placement.notice,
        })
    }

    /// What the operator should be told once: set when the cluster was just placed outside the
    /// data folder (`super::relocate`).
    pub fn notice(&self) -> Option<&str> {
        self.notice.as_deref()
    }

    /// The connection string for `database` over the cluster's socket.
    pub fn url(&self, database: &str) -> String {
        format!(
            "postgres://postgres@localhost/{database}?host={}",
            self.dir.display()
        )
    }

    /// The folder holding the data and the socket.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The postmaster's process id.
    pub fn pid(&self) -> Option<i32> {
        self.pid
    }

    /// Fast shutdown (SIGINT): ends sessions, writes a checkpoint, waits up to 20 s.
    pub fn stop(&mut self) {
        let Some(pid) = self.pid.take() else { return };
        if !self.owned {
            return;
        }
        // SAFETY: kill(2) with a pid we started; no memory is touched.
        unsafe { libc::kill(pid, libc::SIGINT) };
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline && alive(pid) {
            std::thread::sleep(Duration::from_millis(50));
        }
        tracing::info!(pg.pid = pid, "embedded PostgreSQL stopped");
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        self.stop();
    }
}

fn alive(pid: i32) -> bool {
    // SAFETY: signal 0 only checks that the process exists.
    if unsafe { libc::kill(pid, 0) } != 0 {
        return false;
    }
    // a zombie still answers kill(0); look at its state
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Ok(s) => !s
            .rsplit(')')
            .next()
            .unwrap_or("")
            .trim_start()
            .starts_with('Z'),
        Err(_) => false,
    }
}

/// The pid of a live postmaster that says it is ready in `dir`, if any.
fn running_postmaster(dir: &Path) -> Option<i32> {
    let text = std::fs::read_to_string(dir.join("postmaster.pid")).ok()?;
    let mut lines = text.lines();
    let pid: i32 = lines.next()?.trim().parse().ok()?;
    let ready = text
        .lines()
        .nth(7)
        .map(|l| l.trim() == "ready")
        .unwrap_or(false);
    (ready && alive(pid)).then_some(pid)
}

/// `$PG_BIN`, then `pg_config --bindir`, then the newest `/usr/lib/postgresql/*/bin`
/// (`$SINERGI_PG_ROOT` replaces `/usr/lib/postgresql`, for packagers and tests).
pub fn find_bindir() -> Option<PathBuf> {
    let has_server = |p: &Path| p.join("postgres").is_file() && p.join("initdb").is_file();
    if let Some(p) = std::env::var_os("PG_BIN")
        .map(PathBuf::from)
        .filter(|p| has_server(p))
    {
        return Some(p);
    }
    if let Ok(out) = Command::new("pg_config").arg("--bindir").output() {
        let p = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
        if out.status.success() && has_server(&p) {
            return Some(p);
        }
    }
    let root = std::env::var_os("SINERGI_PG_ROOT").unwrap_or_else(|| "/usr/lib/postgresql".into());
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir(root)
        .ok()?
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let v = e.file_name().to_string_lossy().parse::<u32>().ok()?;
            let bin = e.path().join("bin");
            has_server(&bin).then_some((v, bin))
        })
        .collect();
    versions.sort();
    versions.pop().map(|(_, p)| p)
}

/// When running as root, initdb and postgres must run as the `postgres` user.
fn as_postgres_user() -> Result<Option<(u32, u32)>, EmbeddedError> {
    // SAFETY: getuid has no preconditions.
    if unsafe { libc::getuid() } != 0 {
        return Ok(None);
    }
    let passwd = std::fs::read_to_string("/etc/passwd").unwrap_or_default();
    passwd
        .lines()
        .find_map(|l| {
            let f: Vec<&str> = l.split(':').collect();
            (f.first() == Some(&"postgres") && f.len() > 3)
                .then(|| Some((f[2].parse().ok()?, f[3].parse().ok()?)))
                .flatten()
        })
        .map(Some)
        .ok_or_else(|| {
            EmbeddedError::Failed(
                "running as root but there is no `postgres` user to run the server as".into(),
            )
        })
}

/// Every folder above the data dir must be enterable by others (the postgres user).
fn check_reachable(dir: &Path) -> Result<(), EmbeddedError> {
    for anc in dir.ancestors().skip(1) {
        if let Ok(meta) = std::fs::metadata(anc)
            && meta.permissions().mode() & 0o001 == 0
        {
            return Err(EmbeddedError::Unreachable(dir.to_path_buf()));
        }
    }
    Ok(())
}

fn chown(dir: &Path, uid: u32, gid: u32) -> Result<(), EmbeddedError> {
    std::os::unix::fs::chown(dir, Some(uid), Some(gid))
        .map_err(|e| EmbeddedError::Failed(format!("chown {}: {e}", dir.display())))?;
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
        .map_err(|e| EmbeddedError::Failed(format!("chmod {}: {e}", dir.display())))
}

/// Starts the postmaster from a dedicated thread that only waits on it, so that
/// PR_SET_PDEATHSIG (which fires when the spawning *thread* ends) means "when Sinergi dies".
fn spawn_postmaster(
    bin: &Path,
    dir: &Path,
    opts: ClusterOptions,
    as_postgres: Option<(u32, u32)>,
) -> Result<i32, EmbeddedError> {
    let mut cmd = Command::new(bin.join("postgres"));
    cmd.arg("-D")
        .arg(dir)
        .arg("-k")
        .arg(dir)
        .args(["-c", "listen_addresses=", "-c", "max_connections=100"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::from(
            std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(dir.join("server.log"))
                .map_err(|e| EmbeddedError::Failed(format!("server.log: {e}")))?,
        ));
    if opts.throwaway {
        cmd.args([
            "-c",
            "fsync=off",
            "-c",
            "synchronous_commit=off",
            "-c",
            "full_page_writes=off",
        ]);
    }
    if let Some((uid, gid)) = as_postgres {
        cmd.uid(uid).gid(gid);
    }
    // SAFETY: only async-signal-safe calls (prctl, getppid, kill) between fork and exec.
    unsafe {
        let parent = libc::getpid();
        cmd.pre_exec(move || {
            if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGINT) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            if libc::getppid() != parent {
                libc::kill(libc::getpid(), libc::SIGKILL);
            }
            Ok(())
        });
    }
    let (tx, rx) = mpsc::channel();
    std::thread::Builder::new()
        .name("embedded-postgres".into())
        .spawn(move || match cmd.spawn() {
            Ok(mut child) => {
                let _ = tx.send(Ok(child.id() as i32));
                let _ = child.wait();
            }
            Err(e) => {
                let _ = tx.send(Err(e));
            }
        })
        .map_err(|e| EmbeddedError::Failed(format!("thread: {e}")))?;
    rx.recv()
        .map_err(|e| EmbeddedError::Failed(e.to_string()))?
        .map_err(|e| EmbeddedError::Failed(format!("postgres: {e}")))
}

fn wait_ready(dir: &Path, timeout: Duration) -> Result<(), EmbeddedError> {
    let deadline = Instant::now() + timeout;
    while Instant::now() < deadline {
        if running_postmaster(dir).is_some() {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(25));
    }
    let log = std::fs::read_to_string(dir.join("server.log")).unwrap_or_default();
    let last = log.lines().rev().take(3).collect::<Vec<_>>().join(" | ");
    Err(EmbeddedError::Failed(format!(
        "the server did not become ready: {last}"
    )))
}
