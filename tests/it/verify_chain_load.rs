//! The audit chain under concurrent writers (issue #13): a synchronous write locks the one head
//! row at its audit insert, its last statement before commit, so a transaction that holds the
//! head never waits for a row another writer holds — no deadlock, whatever order the writers
//! touch meetings and follow-ups in. Meetings are logged written behind (`kit::write_behind`):
//! their link, summaries and versions are applied after their commit, head first as well, and
//! before the answer.

use axum::http::StatusCode;
use sinergi::kit::audit::chain;

use crate::commitments::edit_fields;
use crate::helpers::{TestApp, fresh_db_url};
use crate::live::assert_ran;
use crate::meetings::{new_kuala_kampar_form, post, seed_meeting};

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn twenty_meetings_follow_up_notes_and_an_edit_in_parallel_all_succeed_and_the_chain_holds() {
    // 16 connections, so that many transactions really are open at once
    let url = fresh_db_url().await;
    let app = TestApp::with_pool(sinergi::db::connect(&url, 16).await.expect("db")).await;
    let demo = seed_meeting(&app, "demo-kuala-kampar-2024").await;
    let open: Vec<(i64, i32)> = sqlx::query_as(
        "select c.id, c.version from commitment c join meeting m on m.id = c.meeting_id
         where c.status in ('open', 'in_progress') and m.unit_path @> array[(select id from police_unit where name = 'Polsek Kuala Kampar')]
         order by c.id limit 10",
    )
    .fetch_all(&app.pool)
    .await
    .expect("open follow-ups");
    assert!(!open.is_empty());
    let entries_before = app.scalar_i64("select count(*) from audit_log").await;

    let mut set = tokio::task::JoinSet::new();
    for i in 0..20 {
        let pool = app.pool.clone();
        set.spawn(async move {
            let mut officer = TestApp::with_pool(pool).await;
            officer.login_as("polsek.kualakampar").await;
            let mut fields = new_kuala_kampar_form(&mut officer).await;
            for f in fields.iter_mut().filter(|f| f.0 == "title") {
                f.1 = format!("Rapat paralel {i}");
            }
            let page = post(&mut officer, "/pertemuan/baru", &fields).await;
            (format!("meeting {i}"), page.status)
        });
    }
    for (cid, version) in open.clone() {
        let pool = app.pool.clone();
        set.spawn(async move {
            let mut officer = TestApp::with_pool(pool).await;
            officer.login_as("polsek.kualakampar").await;
            let version = version.to_string();
            let page = officer
                .post_form(
                    &format!("/tindak-lanjut/{cid}"),
                    &[
                        ("action", "note"),
                        ("body", "Dicek bersamaan"),
                        ("version", &version),
                    ],
                )
                .await;
            (format!("follow-up {cid}"), page.status)
        });
    }
    // The demo meeting is edited meanwhile: that write locks the meeting and its follow-ups.
    let pool = app.pool.clone();
    set.spawn(async move {
        let mut officer = TestApp::with_pool(pool).await;
        officer.login_as("polsek.kualakampar").await;
        let mut fields = edit_fields(&mut officer, demo).await;
        for f in fields.iter_mut().filter(|f| f.0 == "outcome") {
            f.1 = "Diubah bersamaan.".into();
        }
        let page = post(&mut officer, &format!("/pertemuan/{demo}/ubah"), &fields).await;
        ("edit".to_string(), page.status)
    });

    let mut failures = Vec::new();
    let mut done = 0;
    while let Some(r) = set.join_next().await {
        let (what, status) = r.expect("task");
        if status == StatusCode::SEE_OTHER {
            done += 1;
        } else {
            failures.push(format!("{what}: {status}"));
        }
    }
    assert!(failures.is_empty(), "{failures:?}");
    assert_eq!(done, 20 + open.len() + 1);
    assert_eq!(
        app.scalar_i64("select count(*) from meeting where title like 'Rapat paralel %'")
            .await,
        20
    );
    let entries_after = app.scalar_i64("select count(*) from audit_log").await;
    assert_eq!(entries_after - entries_before, done as i64);

    // nothing left waiting: every meeting summarised, every entry linked, every version moved
    let waiting = app
        .scalar_i64(
            "select (select count(*) from dash_dirty) + (select count(*) from dash_bump_pending)
                  + (select count(*) from audit_log where seq is null)",
        )
        .await;
    assert_eq!(waiting, 0);
    assert_eq!(
        app.scalar_i64(
            "select count(*) from dash_meeting f join meeting m on m.id = f.meeting_id
             where m.title like 'Rapat paralel %'"
        )
        .await,
        20
    );
    let report = chain::verify(&app.pool).await.expect("verify");
    assert_eq!(report.broken, None);
    assert_eq!(report.entries, entries_after);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_sinergi"))
        .args(["audit", "verify"])
        .env("DATABASE_URL", &url)
        .env("RUST_LOG", "warn")
        .output()
        .expect("sinergi audit verify");
    assert_ran(&out);
}

/// A meeting's shared effects are applied before its answer: a page read right after sees it.
#[tokio::test]
async fn a_logged_meeting_is_summarised_linked_and_its_versions_moved_before_the_answer() {
    let mut app = TestApp::new().await;
    app.login_as("polsek.kualakampar").await;
    let versions = "select coalesce(sum(v), 0)::int8 from dash_unit_version
                    where unit_id in (select unnest(path) from police_unit where name = 'Polsek Kuala Kampar')";
    let before = app.scalar_i64(versions).await;
    let fields = new_kuala_kampar_form(&mut app).await;
    let page = post(&mut app, "/pertemuan/baru", &fields).await;
    page.assert_redirect_to("/pertemuan/");
    let id: i64 = page
        .location()
        .trim_start_matches("/pertemuan/")
        .split('?')
        .next()
        .and_then(|s| s.parse().ok())
        .expect("meeting id");
    // the four units of the path (Mabes, Polda, Polres, Polsek), each once at least
    assert!(app.scalar_i64(versions).await >= before + 4);
    let summarised: i64 =
        sqlx::query_scalar("select count(*) from dash_meeting where meeting_id = $1")
            .bind(id)
            .fetch_one(&app.pool)
            .await
            .expect("dash_meeting");
    assert_eq!(summarised, 1);
    let linked: i64 = sqlx::query_scalar(
        "select count(*) from audit_log where record_type = 'meeting' and record_id = $1 and seq is not null",
    )
    .bind(id)
    .fetch_one(&app.pool)
    .await
    .expect("audit entry");
    assert_eq!(linked, 1);
    assert_eq!(chain::verify(&app.pool).await.expect("verify").broken, None);
}

/// What a crash leaves between a write-behind commit and its apply is applied by the next call
/// (here `audit verify`'s), and the one update the append-only log allows is that link.
#[tokio::test]
async fn an_entry_left_waiting_is_linked_by_the_next_apply_and_stays_append_only() {
    let app = TestApp::new().await;
    let mut tx = sinergi::kit::write_behind::begin(&app.pool)
        .await
        .expect("begin");
    sqlx::query("insert into audit_log (actor, role, action, record_type) values ('sistem', 'system', 'test.waiting', 'test')")
        .execute(&mut *tx)
        .await
        .expect("insert");
    tx.commit().await.expect("commit");
    let waiting = "select count(*) from audit_log where seq is null";
    assert_eq!(app.scalar_i64(waiting).await, 1);
    let report = chain::verify(&app.pool).await.expect("verify");
    assert_eq!(report.broken, None);
    assert_eq!(app.scalar_i64(waiting).await, 0);
    let edit = sqlx::query("update audit_log set actor = 'someone' where action = 'test.waiting'")
        .execute(&app.pool)
        .await;
    assert!(edit.is_err(), "an audit entry was changed");
}
