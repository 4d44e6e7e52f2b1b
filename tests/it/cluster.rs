//! The embedded cluster, through the real binary: first start, restart, no postmaster after a kill,
//! and one line with exit code 2 when PostgreSQL is not installed.

use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::build::Lookup;
use crate::live::{assert_ran, assert_refused, migrate_with, run_on, sinergi};

fn alive(pid: i32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .map(|s| {
            !s.rsplit(')')
                .next()
                .unwrap_or("")
                .trim_start()
                .starts_with('Z')
        })
        .unwrap_or(false)
}

/// `sinergi migrate` with its data under `dir`, which must succeed.
fn migrate(dir: &std::path::Path) {
    assert_ran(&migrate_with("SINERGI_DATA_DIR", dir));
}

#[test]
fn migrate_initialises_a_cluster_then_reuses_it() {
    let dir = std::env::temp_dir().join(format!("sinergi-cluster-a-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    migrate(&dir);
    assert!(dir.join("pg/PG_VERSION").exists());
    let t = Instant::now();
    migrate(&dir);
    assert!(t.elapsed() < Duration::from_secs(10));
    assert!(
        !dir.join("pg/postmaster.pid").exists(),
        "the cluster stopped with the command"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn killing_the_server_leaves_no_postmaster_behind() {
    let dir = std::env::temp_dir().join(format!("sinergi-cluster-b-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let mut child = sinergi()
        .arg("serve")
        .env("SINERGI_DATA_DIR", &dir)
        .env("SINERGI_ADDR", "127.0.0.1:0")
        .env("SINERGI_DEMO", "0")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let pidfile = dir.join("pg/postmaster.pid");
    let deadline = Instant::now() + Duration::from_secs(60);
    let pm: i32 = loop {
        if let Ok(text) = std::fs::read_to_string(&pidfile)
            && text.lines().nth(7).map(str::trim) == Some("ready")
        {
            break text
                .lines()
                .next()
                .and_then(|l| l.trim().parse().ok())
                .expect("pid");
        }
        assert!(Instant::now() < deadline, "the cluster never became ready");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(alive(pm));
    child.kill().expect("kill -9");
    let _ = child.wait();
    let deadline = Instant::now() + Duration::from_secs(15);
    while alive(pm) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(!alive(pm), "postmaster {pm} outlived the killed server");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn without_postgresql_binaries_it_says_so_in_one_line_and_exits_2() {
    let empty = crate::helpers::Scratch::new("nopg");
    let out = sinergi()
        .arg("migrate")
        .env("SINERGI_DATA_DIR", empty.join("data"))
        .env("SINERGI_PG_ROOT", &*empty)
        .env("PATH", &*empty)
        .env_remove("PG_BIN")
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = err.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "{err}");
    assert!(
        lines[0].contains("install PostgreSQL") && lines[0].contains("DATABASE_URL"),
        "{err}"
    );
}

#[test]
fn bad_configuration_is_one_line_and_non_zero() {
    let out = migrate_with("SINERGI_ADDR", "nonsense");
    assert_refused(&out, "SINERGI_ADDR");
    let help = sinergi()
        .args(["import-regions", "--help"])
        .output()
        .expect("run");
    assert!(help.status.success());
}

#[tokio::test]
async fn user_add_and_reset_work_from_the_command_line_and_are_audited() {
    use std::io::Write;
    let url = crate::helpers::fresh_db_url().await;
    let mut child = sinergi()
        .args([
            "user",
            "add",
            "--username",
            "kapolsek.bunut",
            "--name",
            "Kapolsek Bunut",
            "--role",
            "commander",
            "--unit",
            "Polsek Bunut",
            "--password-stdin",
        ])
        .env("DATABASE_URL", &url)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(b"kopi-pagi-bunut\n")
        .expect("write");
    let out = child.wait_with_output().expect("wait");
    assert_ran(&out);
    let again = run_on(
        &url,
        &[
            "user",
            "add",
            "--username",
            "kapolsek.bunut",
            "--name",
            "X",
            "--role",
            "commander",
            "--unit",
            "Polsek Bunut",
        ],
    );
    assert_refused(&again, "already exists");
    let bad = run_on(
        &url,
        &[
            "user",
            "add",
            "--username",
            "x.y",
            "--name",
            "X",
            "--role",
            "chief",
        ],
    );
    assert_refused(&bad, "--role must be");
    let reset = run_on(&url, &["user", "reset", "kapolsek.bunut"]);
    assert!(reset.status.success());
    let printed = String::from_utf8_lossy(&reset.stdout).to_string();
    let password = printed
        .rsplit(": ")
        .next()
        .expect("password")
        .trim()
        .to_string();
    let pool = sinergi::db::connect(&url, 2).await.expect("db");
    let mut app = crate::helpers::TestApp::with_pool(pool.clone()).await;
    app.login("kapolsek.bunut", &password)
        .await
        .assert_redirect_to("/");
    let audited: i64 = sqlx::query_scalar(
        "select count(*) from audit_log where action in ('user.create', 'user.reset_password')",
    )
    .fetch_one(&pool)
    .await
    .expect("audit");
    assert_eq!(audited, 2);
}

#[test]
fn as_root_a_data_folder_in_a_closed_home_gets_its_cluster_under_var_lib_sinergi() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        eprintln!("skipped: only root runs the server as the postgres user");
        return;
    }
    let home = std::env::temp_dir().join(format!("sinergi-home-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&home);
    std::fs::create_dir_all(home.join("sinergi")).expect("home");
    std::fs::set_permissions(&home, std::fs::Permissions::from_mode(0o700)).expect("chmod");
    let data = home.join("sinergi/.sinergi");
    let run = || migrate_with("SINERGI_DATA_DIR", &data);

    let first = run();
    let second = run();

    let out = String::from_utf8_lossy(&first.stdout).to_string();
    assert!(
        first.status.success(),
        "{out}{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let link = data.join("pg");
    let target = std::fs::read_link(&link).expect(".sinergi/pg is a link");
    assert!(target.starts_with("/var/lib/sinergi/"), "{target:?}");
    let name = target.file_name().map(|n| n.to_string_lossy().to_string());
    assert!(name.is_some_and(|n| n.contains("sinergi-sinergi-pg-")));
    assert!(target.join("PG_VERSION").exists());
    let meta = std::fs::metadata(&target).expect("target");
    assert_eq!(meta.mode() & 0o777, 0o700);
    assert_ne!(meta.uid(), 0, "the cluster belongs to the postgres user");
    assert_eq!(
        std::fs::metadata(&home).expect("home").mode() & 0o777,
        0o700,
        "the home directory keeps its permissions"
    );
    assert_eq!(out.matches(&*target.to_string_lossy()).count(), 1, "{out}");
    assert_ran(&second);
    let again = String::from_utf8_lossy(&second.stdout).to_string();
    assert!(!again.contains("/var/lib/sinergi"), "said once: {again}");
    assert_eq!(std::fs::read_link(&link).expect("link"), target);
    let _ = std::fs::remove_dir_all(&home);
    let _ = std::fs::remove_dir_all(&target);
}

/// Logs a Kuala Kampar meeting through `b`; returns the new meeting's path.
pub(crate) async fn log_meeting(
    b: &mut crate::live::Browser,
    ids: &crate::helpers::TestApp,
) -> String {
    let idem = b
        .get("/pertemuan/baru")
        .await
        .attr("input[name=idem]", "value")
        .expect("idem");
    let fields = crate::meetings::kuala_kampar_form(ids, &idem).await;
    let refs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let created = b.post_form("/pertemuan/baru", &refs).await;
    created.assert_redirect_to("/pertemuan/");
    created.location()
}

#[tokio::test]
async fn two_servers_on_one_database_share_sessions_writes_and_deactivations_at_the_next_request() {
    use axum::http::StatusCode;
    let url = crate::helpers::fresh_db_url().await;
    let pool = sinergi::db::connect(&url, 2).await.expect("db");
    let ids = crate::helpers::TestApp::with_pool(pool.clone()).await;
    let a = crate::live::Server::start(&url, &[]);
    let b = crate::live::Server::start(&url, &[]);
    let mut officer_a = a.browser();
    officer_a
        .login_as("polsek.kualakampar")
        .await
        .assert_redirect_to("/");
    let mut officer_b = officer_a.on(&b.base);
    let mut commander_b = b.browser();
    commander_b
        .login_as("polres.pelalawan")
        .await
        .assert_redirect_to("/");
    let list = "/pertemuan?kec=14.05.10";
    let list_before = commander_b.get(list).await.count("li.meeting");
    let dash_before = commander_b
        .get("/dasbor")
        .await
        .text("table.activity tr.total");
    commander_b.get(list).await.assert_status(StatusCode::OK);
    commander_b
        .get("/dasbor")
        .await
        .assert_status(StatusCode::OK);

    // a session made on A works on B
    let form_on_b = officer_b.get("/pertemuan/baru").await;
    // a meeting logged on A is on B's list, page and dashboard at B's next request
    let path = log_meeting(&mut officer_a, &ids).await;
    let list_after = commander_b.get(list).await;
    let page_b = commander_b.get(&path).await;
    let dash_after = commander_b
        .get("/dasbor")
        .await
        .text("table.activity tr.total");

    form_on_b.assert_status(StatusCode::OK);
    assert!(form_on_b.attr("input[name=idem]", "value").is_some());
    assert_eq!(list_after.count("li.meeting"), list_before + 1);
    page_b.assert_status(StatusCode::OK);
    assert_eq!(page_b.text("h1"), "Ngopi bareng PPK dan Panwascam");
    assert_ne!(
        dash_before, dash_after,
        "B's dashboard counts A's meeting at once"
    );

    // a user deactivated on A is refused on B at the next request
    let mut admin_a = a.browser();
    admin_a.login_as("admin").await.assert_redirect_to("/");
    let officer_id = ids.user_id("polsek.kualakampar").await;
    let officer_status = format!("/admin/pengguna/{officer_id}/status");
    officer_b
        .get("/pertemuan")
        .await
        .assert_status(StatusCode::OK);
    admin_a
        .post_form(&officer_status, &[("active", "0")])
        .await
        .assert_redirect_to("/admin/pengguna/");
    officer_b
        .get("/pertemuan")
        .await
        .assert_redirect_to("/login");

    // A killed while an officer keeps saving meetings on it and a commander reads on B: every
    // meeting A acknowledged (303) is there, and B keeps answering
    admin_a
        .post_form(&officer_status, &[("active", "1")])
        .await
        .assert_redirect_to("/admin/pengguna/");
    let mut writer = a.browser();
    writer
        .login_as("polsek.kualakampar")
        .await
        .assert_redirect_to("/");
    let template = crate::meetings::kuala_kampar_form(&ids, "").await;
    let done = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counter = done.clone();
    let saving = tokio::spawn(async move {
        let mut acknowledged = Vec::new();
        for i in 0..200 {
            let idem = format!("{i:032x}");
            let fields: Vec<(&str, &str)> = template
                .iter()
                .map(|(k, v)| {
                    (
                        k.as_str(),
                        if k == "idem" {
                            idem.as_str()
                        } else {
                            v.as_str()
                        },
                    )
                })
                .collect();
            match writer.try_post_form("/pertemuan/baru", &fields).await {
                Ok(p) if p.status == StatusCode::SEE_OTHER => {
                    acknowledged.push(p.location());
                    counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                }
                Ok(p) => panic!("an unexpected answer while saving: {}", p.status),
                Err(_) => break,
            }
        }
        acknowledged
    });
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while done.load(std::sync::atomic::Ordering::SeqCst) < 5 {
        assert!(std::time::Instant::now() < deadline, "A saved nothing");
        commander_b.get(list).await.assert_status(StatusCode::OK);
    }
    drop(a);
    let acknowledged = saving.await.expect("writer");
    assert!(
        !acknowledged.is_empty() && acknowledged.len() < 200,
        "A died mid-way: {}",
        acknowledged.len()
    );
    for path in &acknowledged {
        commander_b.get(path).await.assert_status(StatusCode::OK);
    }
    let listed = commander_b.get(list).await;
    listed.assert_status(StatusCode::OK);
    let saved: i64 = sqlx::query_scalar(
        "select count(*) from meeting where idempotency_key like '000000000000000000000000000%'",
    )
    .fetch_one(&pool)
    .await
    .expect("count");
    let acked = acknowledged.len() as i64;
    // at most the one request in flight at the kill may have committed without its answer
    assert!(
        saved == acked || saved == acked + 1,
        "{saved} saved, {acked} acknowledged"
    );
}
