//! Issue #13.13: the audit log is a hash chain; `sinergi audit verify` and the audit page name
//! the first entry someone with database access changed or deleted.

use std::process::Command;

use axum::http::StatusCode;
use sinergi::kit::audit::chain::{self, Reason};

use crate::build::Lookup;
use crate::helpers::{TestApp, fresh_db_url};
use crate::live::assert_ran;

/// Runs SQL as someone who switched the append-only guard off (what an insider with psql could do).
async fn tamper(pool: &sqlx::PgPool, sql: &'static str) {
    let mut conn = pool.acquire().await.expect("connection");
    for step in [
        "alter table audit_log disable trigger audit_log_no_update",
        sql,
        "alter table audit_log enable trigger audit_log_no_update",
    ] {
        sqlx::query(step).execute(&mut *conn).await.expect(step);
    }
}

/// What `verify` finds broken after `sql` was run by [`tamper`].
async fn broken_after(pool: &sqlx::PgPool, sql: &'static str) -> chain::Broken {
    tamper(pool, sql).await;
    chain::verify(pool)
        .await
        .expect("verify")
        .broken
        .expect("broken")
}

async fn third_entry(pool: &sqlx::PgPool) -> i64 {
    sqlx::query_scalar("select id from audit_log order by seq offset 2 limit 1")
        .fetch_one(pool)
        .await
        .expect("three audit entries in the demo data")
}

#[tokio::test]
async fn every_entry_written_so_far_verifies_and_the_head_is_the_last_hash() {
    let app = TestApp::new().await;
    let report = chain::verify(&app.pool).await.expect("verify");
    assert_eq!(report.broken, None);
    let count = app.scalar_i64("select count(*) from audit_log").await;
    assert!(count >= 3);
    assert_eq!(report.entries, count);
    let last: String = app
        .single("select hash from audit_log order by seq desc limit 1")
        .await;
    assert_eq!(report.head_hash, last);
}

#[tokio::test]
async fn an_entry_changed_with_sql_is_named_by_verify() {
    let app = TestApp::new().await;
    let id = third_entry(&app.pool).await;
    let broken = broken_after(
        &app.pool,
        "update audit_log set actor = 'orang lain' where id = (select id from audit_log order by seq offset 2 limit 1)",
    )
    .await;
    assert_eq!((broken.id, broken.reason), (id, Reason::Changed));
}

#[tokio::test]
async fn a_deleted_entry_and_a_deleted_tail_are_found() {
    let app = TestApp::new().await;
    let id = third_entry(&app.pool).await;
    tamper(
        &app.pool,
        "delete from audit_log where id = (select id from audit_log order by seq desc limit 1)",
    )
    .await;
    let broken = chain::verify(&app.pool).await.expect("verify").broken;
    assert_eq!(broken.map(|b| b.reason), Some(Reason::TailMissing));
    let broken = broken_after(
        &app.pool,
        "delete from audit_log where id = (select id from audit_log order by seq offset 2 limit 1)",
    )
    .await;
    assert_eq!(broken.reason, Reason::Missing);
    assert_ne!(broken.id, id);
}

#[tokio::test]
async fn parallel_writers_keep_one_unbroken_chain() {
    let app = TestApp::new().await;
    let mut set = tokio::task::JoinSet::new();
    for i in 0..40 {
        let pool = app.pool.clone();
        set.spawn(async move {
            let mut tx = pool.begin().await.expect("tx");
            sinergi::kit::audit::record(
                &mut tx,
                sinergi::kit::audit::Entry::system("test.parallel", "test", Some(i)),
            )
            .await
            .expect("record");
            tx.commit().await.expect("commit");
        });
    }
    while let Some(r) = set.join_next().await {
        r.expect("task");
    }
    let report = chain::verify(&app.pool).await.expect("verify");
    assert_eq!(report.broken, None);
    assert_eq!(app.audit_count("test.parallel").await, 40);
}

#[tokio::test]
async fn the_audit_page_shows_the_head_and_whether_the_chain_holds() {
    let mut app = TestApp::signed_in("admin").await;
    let page = app.get("/audit").await;
    page.assert_status(StatusCode::OK);
    assert_eq!(page.count(".chain-ok"), 1);
    let head: String = app.single("select hash from audit_head").await;
    assert_eq!(page.text(".chain-head"), head);
    let id = third_entry(&app.pool).await;
    tamper(
        &app.pool,
        "update audit_log set after = '{\"status\": \"dilaporkan\"}' where id = (select id from audit_log order by seq offset 2 limit 1)",
    )
    .await;
    // A fresh server (the page reuses a walk for a minute).
    let mut fresh = TestApp::with_pool(app.pool.clone()).await;
    fresh.login_as("admin").await;
    let page = fresh.get("/audit").await;
    assert_eq!(page.count(".chain-ok"), 0);
    assert!(page.text(".chain-broken").ends_with(&format!("#{id}")));
}

#[tokio::test]
async fn sinergi_audit_verify_exits_non_zero_naming_the_changed_entry() {
    let url = fresh_db_url().await;
    let run = || {
        Command::new(env!("CARGO_BIN_EXE_sinergi"))
            .args(["audit", "verify"])
            .env("DATABASE_URL", &url)
            .env("RUST_LOG", "warn")
            .output()
            .expect("run sinergi")
    };
    let ok = run();
    assert_ran(&ok);
    assert!(String::from_utf8_lossy(&ok.stdout).contains("The audit chain verifies"));
    let pool = sinergi::db::connect(&url, 1).await.expect("db");
    let id = third_entry(&pool).await;
    tamper(
        &pool,
        "update audit_log set actor = 'bukan saya' where id = (select id from audit_log order by seq offset 2 limit 1)",
    )
    .await;
    pool.close().await;
    let bad = run();
    assert_eq!(bad.status.code(), Some(1));
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(
        err.contains(&format!("audit entry id {id} ")) && err.contains("changed"),
        "{err}"
    );
}
