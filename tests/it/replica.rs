//! A read replica (`SINERGI_READ_URL`): a primary and a streaming replica made with
//! `pg_basebackup -R`, real servers on loopback ports, and `sinergi serve` between them.
//! Replay paused: the writer reads their own write, another user does not yet (the replica is
//! really read), the dashboard's "Data per" time is the replica's; replica stopped: reads go to
//! the primary and `/readyz` says so.

use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use axum::http::StatusCode;
use chrono::{DateTime, Timelike, Utc};
use sqlx::PgPool;

use crate::cluster::log_meeting;
use crate::live::Server;
use crate::tls::postgres_user;

/// One PostgreSQL data folder served on a loopback port; stopped when dropped.
struct Pg {
    data: PathBuf,
    port: u16,
    bin: PathBuf,
    user: Option<(u32, u32)>,
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("free port")
        .port()
}

impl Pg {
    fn new(data: &Path) -> Self {
        std::fs::create_dir_all(data).expect("data dir");
        std::fs::set_permissions(data, std::fs::Permissions::from_mode(0o700)).expect("chmod");
        let user = postgres_user();
        if let Some((uid, gid)) = user {
            std::os::unix::fs::chown(data, Some(uid), Some(gid)).expect("chown");
        }
        Self {
            data: data.to_path_buf(),
            port: free_port(),
            bin: sinergi::db::embedded::find_bindir().expect("PostgreSQL binaries"),
            user,
        }
    }

    /// Runs a PostgreSQL program (as `postgres` when we are root).
    fn run(&self, program: &str, args: &[&str]) {
        let mut c = Command::new(self.bin.join(program));
        c.args(args);
        if let Some((uid, gid)) = self.user {
            c.uid(uid).gid(gid);
        }
        let out = c.output().expect("run");
        assert!(
            out.status.success(),
            "{program}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    fn dir(&self) -> &str {
        self.data.to_str().expect("utf-8 path")
    }

    /// A new primary (initdb, trust on loopback; replication is allowed by initdb's defaults).
    fn primary(data: &Path) -> Self {
        let pg = Self::new(data);
        pg.run(
            "initdb",
            &["-D", pg.dir(), "-U", "postgres", "-A", "trust", "--no-sync"],
        );
        pg.start();
        pg
    }

    /// A streaming replica of `primary`, as an operator makes one: `pg_basebackup -R`.
    fn replica_of(primary: &Pg, data: &Path) -> Self {
        let pg = Self::new(data);
        let port = primary.port.to_string();
        pg.run(
            "pg_basebackup",
            &[
                "-h",
                "127.0.0.1",
                "-p",
                &port,
                "-U",
                "postgres",
                "-D",
                pg.dir(),
                "-R",
                "-X",
                "stream",
                "--checkpoint=fast",
                "--no-sync",
            ],
        );
        pg.start();
        pg
    }

    fn start(&self) {
        let opts = format!(
            "-p {} -k {} -c listen_addresses=127.0.0.1 -c fsync=off",
            self.port,
            self.dir()
        );
        let log = self.data.join("log");
        let log = log.to_str().expect("utf-8 path");
        self.run(
            "pg_ctl",
            &["-D", self.dir(), "-w", "-o", &opts, "-l", log, "start"],
        );
    }

    fn stop(&self) {
        self.run("pg_ctl", &["-D", self.dir(), "-m", "fast", "-w", "stop"]);
    }

    fn url(&self, db: &str) -> String {
        format!("postgres://postgres@127.0.0.1:{}/{db}", self.port)
    }
}

impl Drop for Pg {
    fn drop(&mut self) {
        let mut c = Command::new(self.bin.join("pg_ctl"));
        c.args(["-D", self.dir(), "-m", "immediate", "stop"]);
        if let Some((uid, gid)) = self.user {
            c.uid(uid).gid(gid);
        }
        let _ = c.output();
    }
}

/// A primary database `sinergi` with the regions and the demo data.
async fn seeded(primary: &Pg) -> PgPool {
    let admin = sinergi::db::connect(&primary.url("postgres"), 1)
        .await
        .expect("primary");
    sqlx::query("create database sinergi")
        .execute(&admin)
        .await
        .expect("create");
    admin.close().await;
    let pool = sinergi::db::connect(&primary.url("sinergi"), 4)
        .await
        .expect("db");
    sinergi::db::migrate(&pool).await.expect("migrate");
    sinergi::cli::ensure_regions(&pool).await.expect("regions");
    sinergi::demo::load(&pool).await.expect("demo data");
    pool
}

/// Waits until the replica has replayed everything the primary has written so far.
async fn caught_up(primary: &PgPool, replica: &PgPool) -> Duration {
    let started = Instant::now();
    let lsn: String = sqlx::query_scalar("select pg_current_wal_insert_lsn()::text")
        .fetch_one(primary)
        .await
        .expect("primary lsn");
    loop {
        let done: bool = sqlx::query_scalar("select pg_last_wal_replay_lsn() >= $1::text::pg_lsn")
            .bind(&lsn)
            .fetch_one(replica)
            .await
            .expect("replica lsn");
        if done {
            return started.elapsed();
        }
        // Replay may wait for a replica query it conflicts with (`max_standby_streaming_delay`,
        // 30 s by default) on a loaded machine: beyond that it has stopped.
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the replica replays"
        );
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
}

async fn replayed_at(replica: &PgPool) -> DateTime<Utc> {
    sqlx::query_scalar("select pg_last_xact_replay_timestamp()")
        .fetch_one(replica)
        .await
        .expect("replay time")
}

/// "Data per pukul 14.05 WIB" for `at` (the demo's Pelalawan is on WIB).
fn data_per(at: DateTime<Utc>) -> String {
    let local = at.with_timezone(&chrono_tz::Asia::Jakarta);
    format!(
        "Data per pukul {:02}.{:02} WIB",
        local.hour(),
        local.minute()
    )
}

async fn readyz(server: &Server) -> String {
    let page = server.browser().get("/readyz").await;
    page.assert_status(StatusCode::OK);
    page.body
}

#[tokio::test]
async fn a_streaming_replica_serves_lists_and_dashboards_and_writers_read_their_own_writes() {
    let dir = std::env::temp_dir().join(format!("sinergi-replica-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("dir");
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let primary = Pg::primary(&dir.join("primary"));
    let pool = seeded(&primary).await;
    let replica = Pg::replica_of(&primary, &dir.join("replica"));
    let rpool = sinergi::db::connect(&replica.url("sinergi"), 2)
        .await
        .expect("replica");
    let ids = crate::helpers::TestApp::with_pool(pool.clone()).await;
    let server = Server::start(
        &primary.url("sinergi"),
        &[
            ("SINERGI_READ_URL", &replica.url("sinergi")),
            ("SINERGI_READ_MAX_LAG", "600"),
        ],
    );
    let mut officer = server.browser();
    officer
        .login_as("polsek.kualakampar")
        .await
        .assert_redirect_to("/");
    let mut commander = server.browser();
    commander
        .login_as("polres.pelalawan")
        .await
        .assert_redirect_to("/");
    let list = "/pertemuan?kec=14.05.10";
    let officer_before = officer.get(list).await.count("li.meeting");
    let commander_before = commander.get(list).await.count("li.meeting");
    caught_up(&pool, &rpool).await;
    assert_eq!(readyz(&server).await, "ok\nreplica: ok");

    // replay paused: the officer's own write is on their list and page right away
    sqlx::query("select pg_wal_replay_pause()")
        .execute(&rpool)
        .await
        .expect("pause");
    let paused_at = replayed_at(&rpool).await;
    let path = log_meeting(&mut officer, &ids).await;
    let own_list = officer.get(list).await;
    let own_page = officer.get(&path).await;
    own_list.assert_status(StatusCode::OK);
    assert_eq!(own_list.count("li.meeting"), officer_before + 1);
    own_page.assert_status(StatusCode::OK);
    assert_eq!(own_page.text("h1"), "Ngopi bareng PPK dan Panwascam");

    // the commander, who wrote nothing, reads the replica: not there yet, data as of its replay
    let stale = commander.get(list).await;
    stale.assert_status(StatusCode::OK);
    assert_eq!(
        stale.count("li.meeting"),
        commander_before,
        "read from the replica"
    );
    if data_per(Utc::now()) == data_per(paused_at) {
        // so that the replica's time and the clock's read differently on the page
        let into_minute = u64::from(Utc::now().second());
        tokio::time::sleep(Duration::from_secs(61 - into_minute)).await;
    }
    let dash = commander.get("/dasbor").await;
    dash.assert_status(StatusCode::OK);
    assert!(
        dash.body.contains(&data_per(paused_at)),
        "the replica's data time {} on the dashboard: {}",
        data_per(paused_at),
        dash.text("main p.small.muted")
    );
    let csv = commander.get("/pertemuan.csv?kec=14.05.10").await;
    assert!(!csv.body.contains("Ngopi bareng PPK dan Panwascam"));

    // replay resumed: the commander sees it, and the dashboard's time is now
    sqlx::query("select pg_wal_replay_resume()")
        .execute(&rpool)
        .await
        .expect("resume");
    caught_up(&pool, &rpool).await;
    assert_eq!(
        commander.get(list).await.count("li.meeting"),
        commander_before + 1
    );
    let dash = commander.get("/dasbor").await;
    dash.assert_status(StatusCode::OK);
    assert!(!dash.body.contains(&data_per(paused_at)), "data as of now");
    let csv = commander.get("/pertemuan.csv?kec=14.05.10").await;
    assert!(csv.body.contains("Ngopi bareng PPK dan Panwascam"));

    // the lag seen: a meeting saved, then on the replica
    let mut lags = Vec::new();
    for _ in 0..5 {
        caught_up(&pool, &rpool).await;
        log_meeting(&mut officer, &ids).await;
        lags.push(caught_up(&pool, &rpool).await);
    }
    lags.sort();
    eprintln!("replica lag after a saved meeting (5 runs, sorted): {lags:?}");

    // the replica stopped: reads go to the primary, pages stay up, /readyz says so
    replica.stop();
    let on_primary = commander.get(list).await;
    on_primary.assert_status(StatusCode::OK);
    assert_eq!(on_primary.count("li.meeting"), commander_before + 6);
    commander.get("/dasbor").await.assert_status(StatusCode::OK);
    officer.get(list).await.assert_status(StatusCode::OK);
    assert_eq!(readyz(&server).await, "ok\nreplica: down");
    drop(server);
    drop(replica);
    drop(primary);
    let _ = std::fs::remove_dir_all(&dir);
}
